from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kinerja.accounts.models import Role
from kinerja.accounts.services import staff_account_create
from kinerja.org.services import instansi_create


class Command(BaseCommand):
    help = "Mendaftarkan instansi (pemda) baru beserta akun admin BKPSDM pertamanya."

    def add_arguments(self, parser):
        parser.add_argument("kode", help="kode singkat, mis. KOTA-PTK")
        parser.add_argument("nama", help='nama lengkap, mis. "Pemerintah Kota Pontianak"')
        parser.add_argument("--tempat", required=True, help="tempat penandatanganan dokumen, mis. Pontianak")
        parser.add_argument("--ppk", default="", help='jabatan PPK, mis. "Wali Kota Pontianak"')
        parser.add_argument("--zona-waktu", default="Asia/Jakarta")
        parser.add_argument(
            "--skema-periode", default="triwulanan", choices=["bulanan", "triwulanan", "semesteran"]
        )
        parser.add_argument("--admin", required=True, help="nama pengguna admin BKPSDM pertama")
        parser.add_argument("--admin-nama", default="Admin BKPSDM")
        parser.add_argument("--admin-email", default="")

    def handle(self, *args, **o):
        try:
            with transaction.atomic():
                instansi = instansi_create(
                    actor=None,
                    kode=o["kode"],
                    nama=o["nama"],
                    tempat=o["tempat"],
                    jabatan_ppk=o["ppk"],
                    zona_waktu=o["zona_waktu"],
                    skema_periode=o["skema_periode"],
                )
                user, password = staff_account_create(
                    actor=None,
                    instansi=instansi,
                    username=o["admin"],
                    nama=o["admin_nama"],
                    email=o["admin_email"],
                    role=Role.ADMIN_BKPSDM,
                )
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
            raise CommandError(
                "; ".join(f"{k}: {' '.join(v)}" if k else " ".join(v) for k, v in errors.items())
            ) from exc
        self.stdout.write(self.style.SUCCESS(f"Instansi {instansi.nama} terdaftar."))
        self.stdout.write(f"Admin BKPSDM: {user.username}  kata sandi sementara: {password}")
        self.stdout.write("Kata sandi ini wajib diganti saat pertama masuk.")
