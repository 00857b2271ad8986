import time

from django.core.management.base import BaseCommand, CommandError

from kinerja.core.demo import load_demo
from kinerja.org.demo import DEMO_PASSWORD, LOGINS
from kinerja.org.models import Instansi


class Command(BaseCommand):
    help = "Memuat pemerintah daerah fiktif (Kota Sukamaju dan Kab. Lembah Hijau) ke basis data kosong."

    def add_arguments(self, parser):
        parser.add_argument(
            "--pegawai", type=int, default=300, help="jumlah pegawai Kota Sukamaju (bawaan 300)"
        )
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--if-empty", action="store_true", help="lewati tanpa galat bila data sudah ada")
        parser.add_argument("--logins", action="store_true", help="hanya cetak akun demo")

    def handle(self, *args, **options):
        if options["logins"]:
            self.print_logins()
            return
        if Instansi.objects.exists():
            if options["if_empty"]:
                self.stdout.write("Basis data sudah berisi data; demo tidak dimuat ulang.")
                self.print_logins()
                return
            raise CommandError("Basis data sudah berisi data; demo hanya dimuat ke basis data kosong.")
        if options["pegawai"] < 150:
            raise CommandError("--pegawai minimal 150 (struktur pimpinan saja sudah sekitar 100 jabatan).")
        started = time.monotonic()
        counts = load_demo(pegawai=options["pegawai"], seed=options["seed"])
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo dimuat dalam {elapsed:.1f} detik: {counts['units']} unit, {counts['jabatan']} jabatan, "
                f"{counts['pegawai']} pegawai (Kota Sukamaju) + Kab. Lembah Hijau."
            )
        )
        self.print_logins()

    def print_logins(self):
        self.stdout.write(f"\nAkun demo (kata sandi semua: {DEMO_PASSWORD}):")
        for username, role in LOGINS:
            self.stdout.write(f"  {username:<20} {role}")
