"""Import staff data (units, positions, pegawai) from an .xlsx or .csv file: preview, or apply with --apply."""

import sys
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from kinerja.accounts.models import Role, User
from kinerja.core.errors import ApplicationError
from kinerja.org import imports
from kinerja.org.models import Instansi


class Command(BaseCommand):
    help = "Mengimpor data unit, jabatan dan pegawai dari berkas .xlsx/.csv (pratinjau; --apply untuk menyimpan)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas .xlsx atau .csv")
        parser.add_argument("--instansi", required=True, help="kode instansi, mis. KOTA-SKM")
        parser.add_argument(
            "--apply", action="store_true", help="simpan perubahan (tanpa ini hanya pratinjau)"
        )
        parser.add_argument("--actor", default="", help="nama pengguna admin BKPSDM (bawaan: admin pertama)")

    def handle(self, *args, **o):
        instansi = Instansi.objects.filter(kode=o["instansi"]).first()
        if instansi is None:
            raise CommandError(f"Instansi {o['instansi']} tidak ditemukan.")
        if o["actor"]:
            actor = User.objects.filter(username=o["actor"]).first()
            if actor is None:
                raise CommandError(f"Pengguna {o['actor']} tidak ditemukan.")
        else:
            actor = (
                User.objects.filter(roles__role=Role.ADMIN_BKPSDM, roles__instansi=instansi, is_active=True)
                .order_by("pk")
                .first()
            )
            if actor is None:
                raise CommandError("Instansi ini belum punya admin BKPSDM; sebutkan --actor.")
        path = Path(o["file"])
        if not path.is_file():
            raise CommandError(f"Berkas {path} tidak ditemukan.")

        def progress(kind, n):
            self.stderr.write(f"\r{kind}: {n} baris", ending="")
            self.stderr.flush()

        try:
            book, sha256 = imports.read_upload(path.name, path.read_bytes())
            with book:
                run = imports.apply if o["apply"] else imports.preview
                try:
                    report = run(
                        actor=actor,
                        instansi=instansi,
                        book=book,
                        file_name=path.name,
                        sha256=sha256,
                        progress=progress,
                    )
                except imports.ImportRefused as exc:
                    report = exc.report
        except PermissionDenied as exc:
            raise CommandError(f"{actor} bukan admin BKPSDM instansi ini.") from exc
        except ApplicationError as exc:
            raise CommandError("; ".join(str(m) for msgs in exc.message_dict.values() for m in msgs)) from exc
        self.stderr.write("")
        for line in report.lines():
            self.stdout.write(line)
        if report.applied:
            self.stdout.write(self.style.SUCCESS(f"Diterapkan (catatan impor #{report.record.pk})."))
        elif not o["apply"] and report.ok and not report.nothing_to_change:
            self.stdout.write("Pratinjau saja: jalankan dengan --apply untuk menyimpan.")
        if not report.ok:
            self.stdout.write(self.style.ERROR("Ada baris yang ditolak; tidak ada yang disimpan."))
            sys.exit(1)
