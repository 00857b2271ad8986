import datetime

from django.core.management.base import BaseCommand, CommandError

from kinerja.monitoring.services import pengingat


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Tanggal tidak dikenal: {value!r}; tulis seperti 2026-03-28.") from None


class Command(BaseCommand):
    help = (
        "Mengirim pengingat sebelum batas pengisian realisasi: kepada pegawai yang belum mengisi semua indikator "
        "periode itu dan kepada pejabat penilai yang masih punya realisasi menunggu umpan balik. Jalankan setiap "
        "hari (cron); pengingat yang sudah terkirim tidak dikirim lagi."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hari",
            type=int,
            default=3,
            help="kirim untuk periode yang batas pengisiannya paling lambat sekian hari lagi (bawaan 3)",
        )
        parser.add_argument(
            "--tanggal",
            type=_date,
            default=None,
            help="hitung dari tanggal ini (YYYY-MM-DD); bawaan hari ini",
        )

    def handle(self, *args, **options):
        if options["hari"] < 0:
            raise CommandError("--hari tidak boleh negatif.")
        counts = pengingat.send_reminders(today=options["tanggal"], days_before=options["hari"])
        if not counts["periode"]:
            self.stdout.write(
                f"Tidak ada periode yang batas pengisiannya dalam {options['hari']} hari ke depan."
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Pengingat terkirim untuk {counts['periode']} periode: {counts['pegawai']} pegawai belum lengkap "
                f"mengisi realisasi, {counts['penilai']} pejabat penilai dengan realisasi menunggu umpan balik."
            )
        )
