import time

from django.core.management.base import BaseCommand, CommandError

from kinerja.core.demo import load_demo
from kinerja.org.demo import DEMO_PASSWORD, LOGINS
from kinerja.org.models import Instansi

# The leaders' structure alone holds about 100 positions, and the special cases (a vacant head, Plt, Plh, a
# transfer) need people below them: a smaller demo cannot be built.
MIN_PEGAWAI = 150


class Command(BaseCommand):
    help = "Memuat pemerintah daerah fiktif (Kota Sukamaju dan Kab. Lembah Hijau) ke basis data kosong."

    def add_arguments(self, parser):
        parser.add_argument(
            "--pegawai",
            type=int,
            default=300,
            help=f"jumlah pegawai Kota Sukamaju, minimal {MIN_PEGAWAI} (bawaan 300)",
        )
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--if-empty", action="store_true", help="lewati tanpa galat bila data sudah ada")
        parser.add_argument("--logins", action="store_true", help="hanya cetak akun demo")

    def handle(self, *args, **options):
        if options["logins"]:
            self.print_logins()
            return
        if options["pegawai"] < MIN_PEGAWAI:
            raise CommandError(
                f"--pegawai {options['pegawai']} terlalu kecil: demo memerlukan minimal {MIN_PEGAWAI} pegawai "
                "(struktur pimpinan saja sudah sekitar 100 jabatan). "
                f"/ --pegawai {options['pegawai']} is too small: the demo needs at least {MIN_PEGAWAI} employees "
                "(the leaders' structure alone has about 100 positions)."
            )
        if Instansi.objects.exists():
            if options["if_empty"]:
                self.stdout.write("Basis data sudah berisi data; demo tidak dimuat ulang.")
                self.print_logins()
                return
            raise CommandError("Basis data sudah berisi data; demo hanya dimuat ke basis data kosong.")
        started = time.monotonic()
        counts = load_demo(pegawai=options["pegawai"], seed=options["seed"])
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo dimuat dalam {elapsed:.1f} detik: {counts['unit']} unit, {counts['jabatan']} jabatan, "
                f"{counts['pegawai']} pegawai (Kota Sukamaju) + Kab. Lembah Hijau."
            )
        )
        if counts.get("realisasi") is not None:
            self.stdout.write(
                f"Pemantauan: {counts['realisasi']} realisasi, {counts['bukti_dukung']} bukti dukung "
                f"({counts['bukti_berkas']} berkas), {counts['umpan_balik']} umpan balik, "
                f"{counts['rencana_aksi']} rencana aksi, {counts['dialog']} dialog kinerja, "
                f"{counts['pembukaan']} periode dibuka kembali."
            )
        if counts.get("kehadiran_pegawai") is not None:
            self.stdout.write(
                f"Disiplin: kehadiran {counts['kehadiran_pegawai']} pegawai sejak Januari, "
                f"{counts['sanksi']} hukuman disiplin, {counts['inovasi']} inovasi."
            )
        self.print_logins()

    def print_logins(self):
        self.stdout.write(f"\nAkun demo (kata sandi semua: {DEMO_PASSWORD}):")
        for username, role in LOGINS:
            self.stdout.write(f"  {username:<20} {role}")
