"""Pegawai: registering one with the login account that uses their NIP, and changing their data."""

from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.core import audit
from kinerja.core.errors import ApplicationError
from kinerja.core.formats import tanggal
from kinerja.core.services import deny_unless
from kinerja.org import permissions
from kinerja.org.models import Instansi, Pegawai, StatusPegawai
from kinerja.org.rules import InvalidNip, normalize_nip, parse_nip
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
    """The NIP must be valid, and the birth date and sex must agree with it."""
    try:
        info = parse_nip(pegawai.nip, pegawai.status)
    except InvalidNip as exc:
        raise ApplicationError({"nip": str(exc)}) from exc
    pegawai.nip = info.nip
    errors = {}
    if pegawai.tanggal_lahir is None:
        pegawai.tanggal_lahir = info.tanggal_lahir
    elif pegawai.tanggal_lahir != info.tanggal_lahir:
        errors["tanggal_lahir"] = _("The date of birth does not match the NIP (%(date)s).") % {
            "date": tanggal(info.tanggal_lahir)
        }
    if not pegawai.jenis_kelamin:
        pegawai.jenis_kelamin = info.jenis_kelamin
    elif pegawai.jenis_kelamin != info.jenis_kelamin:
        errors["jenis_kelamin"] = _("The sex does not match the NIP.")
    if pegawai.status == StatusPegawai.PNS:
        pegawai.grade_pppk = ""
        if not pegawai.golongan:
            errors["golongan"] = _("A PNS needs a rank (golongan).")
    else:
        pegawai.golongan = ""
        if not pegawai.grade_pppk:
            errors["grade_pppk"] = _("A PPPK needs a grade.")
    if errors:
        raise ApplicationError(errors)


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
