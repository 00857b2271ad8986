"""Daily reminder of 360 raters whose round closes within three days (run it from cron or a scheduler)."""

from django.core.management.base import BaseCommand

from kinerja.feedback360 import services


class Command(BaseCommand):
    help = "Ingatkan penilai 360 yang belum mengirim formulir, tiga hari sebelum ronde ditutup."

    def handle(self, *args, **options):
        sent = services.pengingat_otomatis()
        for nama, n in sent.items():
            self.stdout.write(f"{nama}: {n} penilai diingatkan")
        if not sent:
            self.stdout.write("Tidak ada ronde yang perlu diingatkan hari ini.")
