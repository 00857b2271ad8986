"""Pegawai: registering one with the login account that uses their NIP, and changing their data."""

from django.db import transaction

from kinerja.core import audit
from kinerja.core.errors import ApplicationError
from kinerja.core.services import deny_unless
from kinerja.org import permissions
from kinerja.org.models import Instansi, Pegawai, StatusPegawai
from kinerja.org.rules import normalize_nip, pegawai_problems
from kinerja.org.services.base import check_known, save_audited, set_values

PEGAWAI_FIELDS = [
    "nip",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "status",
    "golongan",
    "grade_pppk",
    "tanggal_lahir",
    "jenis_kelamin",
    "email",
    "telepon",
    "aktif",
]


def _check_nip(pegawai: Pegawai) -> None:
    """The NIP must be valid, and the birth date and sex must agree with it; every problem is reported at once."""
    info, errors = pegawai_problems(
        nip=pegawai.nip,
        status=pegawai.status,
        golongan=pegawai.golongan,
        grade_pppk=pegawai.grade_pppk,
        tanggal_lahir=pegawai.tanggal_lahir,
        jenis_kelamin=pegawai.jenis_kelamin,
    )
    if errors or info is None:
        raise ApplicationError(errors)
    pegawai.nip = info.nip
    pegawai.tanggal_lahir = pegawai.tanggal_lahir or info.tanggal_lahir
    pegawai.jenis_kelamin = pegawai.jenis_kelamin or info.jenis_kelamin
    if pegawai.status == StatusPegawai.PNS:
        pegawai.grade_pppk = ""
    else:
        pegawai.golongan = ""


@transaction.atomic
def pegawai_create(*, actor, instansi: Instansi, **values) -> Pegawai:
    """Register a pegawai and the login account that uses their NIP."""
    from kinerja.accounts.services import account_create_for_pegawai

    deny_unless(permissions.can_create_pegawai(actor, instansi))
    check_known(values, PEGAWAI_FIELDS)
    values["nip"] = normalize_nip(values.get("nip") or "")
    pegawai = Pegawai(instansi=instansi, **values)
    _check_nip(pegawai)
    save_audited(pegawai, PEGAWAI_FIELDS, actor, "org.pegawai.create", instansi=instansi, pegawai=pegawai)
    account_create_for_pegawai(actor=actor, pegawai=pegawai)
    return pegawai


@transaction.atomic
def pegawai_update(*, actor, pegawai: Pegawai, reason: str = "", **values) -> Pegawai:
    from kinerja.accounts.services import account_sync_with_pegawai

    pegawai = Pegawai.objects.select_for_update().get(pk=pegawai.pk)
    deny_unless(permissions.can_manage_pegawai(actor, pegawai))
    before = audit.snapshot(pegawai, PEGAWAI_FIELDS)
    set_values(pegawai, values, PEGAWAI_FIELDS)
    pegawai.nip = normalize_nip(pegawai.nip)
    _check_nip(pegawai)
    changes = save_audited(
        pegawai,
        PEGAWAI_FIELDS,
        actor,
        "org.pegawai.update",
        instansi=pegawai.instansi,
        pegawai=pegawai,
        before=before,
        reason=reason,
    )
    if changes:
        account_sync_with_pegawai(pegawai=pegawai)
    return pegawai
