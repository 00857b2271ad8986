"""Positions (jabatan): creating and changing one, including moving it under another unit or position."""

from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.core import audit
from kinerja.core.errors import ApplicationError
from kinerja.core.services import deny_unless
from kinerja.org import permissions
from kinerja.org.models import Jabatan, JenisJabatan, UnitKerja
from kinerja.org.services.base import move_subtree, save_audited, set_values

JABATAN_FIELDS = ["unit", "nama", "jenis", "jenjang", "eselon", "atasan", "kepala_unit", "kode", "aktif"]


def _check_jabatan(jabatan: Jabatan) -> None:
    if jabatan.jenis == JenisJabatan.FUNGSIONAL and not jabatan.jenjang:
        raise ApplicationError({"jenjang": _("A functional position needs its level (jenjang).")})
    if jabatan.jenis != JenisJabatan.FUNGSIONAL and jabatan.jenjang:
        raise ApplicationError({"jenjang": _("Only functional positions have a level (jenjang).")})
    if jabatan.unit_id is None:
        return  # full_clean reports the missing unit
    if jabatan.unit.instansi_id != jabatan.instansi_id:
        raise ApplicationError({"unit": _("The unit belongs to another agency.")})
    atasan = jabatan.atasan
    if atasan is not None:
        if atasan.instansi_id != jabatan.instansi_id:
            raise ApplicationError({"atasan": _("The position above belongs to another agency.")})
        if jabatan.pk is not None and (atasan.pk == jabatan.pk or atasan.path.startswith(jabatan.path)):
            raise ApplicationError(
                {"atasan": _("A position cannot report to itself or to a position below it.")}
            )
    if jabatan.kepala_unit and jabatan.aktif:
        other = Jabatan.objects.filter(unit=jabatan.unit, kepala_unit=True, aktif=True).exclude(pk=jabatan.pk)
        if other.exists():
            raise ApplicationError(
                {
                    "kepala_unit": _("This unit already has a head position: %(name)s.")
                    % {"name": other.first()}
                }
            )


def _save_jabatan_path(jabatan: Jabatan, old_path: str | None) -> None:
    new_path = f"{jabatan.atasan.path if jabatan.atasan else '/'}{jabatan.pk}/"
    if old_path is None:
        Jabatan.objects.filter(pk=jabatan.pk).update(path=new_path)
    elif old_path != new_path:
        move_subtree(Jabatan, old_path, new_path)
    jabatan.path = new_path


@transaction.atomic
def jabatan_create(
    *,
    actor,
    unit: UnitKerja,
    nama: str,
    jenis: str,
    jenjang: str = "",
    eselon: str = "",
    atasan: Jabatan | None = None,
    kepala_unit: bool = False,
    kode: str = "",
) -> Jabatan:
    deny_unless(permissions.can_create_jabatan(actor, unit))
    jabatan = Jabatan(
        instansi_id=unit.instansi_id,
        unit=unit,
        nama=nama.strip(),
        jenis=jenis,
        jenjang=jenjang,
        eselon=eselon,
        atasan=atasan,
        kepala_unit=kepala_unit,
        kode=kode.strip(),
    )
    # Before full_clean, whose constraint check would report a second head only as a bare constraint name.
    _check_jabatan(jabatan)
    save_audited(jabatan, JABATAN_FIELDS, actor, "org.jabatan.create", instansi=unit.instansi)
    _save_jabatan_path(jabatan, None)
    return jabatan


@transaction.atomic
def jabatan_update(*, actor, jabatan: Jabatan, reason: str = "", **values) -> Jabatan:
    """Change a position, including moving it to another unit or under another position."""
    jabatan = (
        Jabatan.objects.select_for_update(of=("self",)).select_related("unit", "atasan").get(pk=jabatan.pk)
    )
    deny_unless(permissions.can_manage_jabatan(actor, jabatan))
    before = audit.snapshot(jabatan, JABATAN_FIELDS)
    old_path = jabatan.path
    set_values(jabatan, values, JABATAN_FIELDS)
    deny_unless(permissions.can_manage_jabatan(actor, jabatan))
    # Before full_clean, whose constraint check would report a second head only as a bare constraint name.
    _check_jabatan(jabatan)
    save_audited(
        jabatan,
        JABATAN_FIELDS,
        actor,
        "org.jabatan.update",
        instansi=jabatan.instansi,
        before=before,
        reason=reason,
    )
    _save_jabatan_path(jabatan, old_path)
    return jabatan
