"""Server-operator commands: registering a new pemda."""

import pytest
from django.core.management import CommandError, call_command

from kinerja.accounts.models import Role, User
from kinerja.core.models import AuditEvent
from kinerja.org.models import Instansi


def test_create_instansi_registers_the_pemda_and_its_first_admin_with_a_temporary_password(db, capsys):
    call_command(
        "create_instansi",
        "KOTA-PTK",
        "Pemerintah Kota Pontianak",
        "--tempat",
        "Pontianak",
        "--admin",
        "admin.ptk",
    )
    out = capsys.readouterr().out
    instansi = Instansi.objects.get(kode="KOTA-PTK")
    admin = User.objects.get(username="admin.ptk")
    password = out.split("kata sandi sementara: ")[1].split()[0]
    assert admin.instansi == instansi and admin.must_change_password and admin.check_password(password)
    assert list(admin.roles.values_list("role", flat=True)) == [Role.ADMIN_BKPSDM]
    actions = set(AuditEvent.objects.filter(instansi=instansi).values_list("action", flat=True))
    assert {"org.instansi.create", "accounts.user.create", "accounts.role.grant"} <= actions


def test_create_instansi_with_a_taken_username_writes_nothing(db):
    before = (Instansi.objects.count(), User.objects.count(), AuditEvent.objects.count())
    with pytest.raises(CommandError) as exc:
        call_command(
            "create_instansi",
            "KAB-BARU",
            "Pemerintah Kabupaten Baru",
            "--tempat",
            "Baru",
            "--admin",
            "auditor",
        )
    assert "username" in str(exc.value)
    assert (Instansi.objects.count(), User.objects.count(), AuditEvent.objects.count()) == before


def test_create_instansi_with_a_duplicate_code_is_refused(db):
    with pytest.raises(CommandError):
        call_command("create_instansi", "KOTA-SKM", "Lagi", "--tempat", "X", "--admin", "admin.lagi")
    assert not User.objects.filter(username="admin.lagi").exists()
