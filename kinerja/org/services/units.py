"""The instansi (the pemda) and its units: registering, changing, and moving a unit with its subtree."""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from kinerja.core import audit, clock
from kinerja.core.errors import ApplicationError
from kinerja.core.services import deny_unless, require_reason
from kinerja.org import permissions
from kinerja.org.models import Instansi, RiwayatUnitKerja, UnitKerja
from kinerja.org.services.base import check_known, move_subtree, save_audited, set_values

INSTANSI_FIELDS = ["kode", "nama", "tempat", "jabatan_ppk", "zona_waktu", "skema_periode"]
UNIT_FIELDS = ["kode", "nama", "eselon", "parent", "aktif"]


@transaction.atomic
def instansi_create(*, actor, kode: str, nama: str, tempat: str, **values) -> Instansi:
    """Register a new pemda. Only a superuser, or the server operator from the command line (actor None)."""
    deny_unless(actor is None or getattr(actor, "is_superuser", False))
    check_known(values, INSTANSI_FIELDS)
    instansi = Instansi(kode=kode.strip(), nama=nama.strip(), tempat=tempat.strip(), **values)
    save_audited(instansi, INSTANSI_FIELDS, actor, "org.instansi.create", instansi=instansi)
    return instansi


@transaction.atomic
def instansi_update(*, actor, instansi: Instansi, reason: str = "", **values) -> Instansi:
    deny_unless(permissions.can_manage_instansi(actor, instansi))
    before = audit.snapshot(instansi, INSTANSI_FIELDS)
    set_values(instansi, values, INSTANSI_FIELDS)
    save_audited(
        instansi,
        INSTANSI_FIELDS,
        actor,
        "org.instansi.update",
        instansi=instansi,
        before=before,
        reason=reason,
    )
    return instansi


def _check_parent(unit: UnitKerja | None, parent: UnitKerja | None, instansi: Instansi) -> None:
    if parent is None:
        return
    if parent.instansi_id != instansi.pk:
        raise ApplicationError({"parent": _("The parent unit belongs to another agency.")})
    if (
        unit is not None
        and unit.pk is not None
        and (parent.pk == unit.pk or parent.path.startswith(unit.path))
    ):
        raise ApplicationError(
            {"parent": _("A unit cannot be placed under itself or under one of its own sub-units.")}
        )


def _check_kode(unit: UnitKerja) -> None:
    # Django's own message for this unique constraint is a non-field error (and mistranslated in Indonesian).
    if UnitKerja.objects.filter(instansi_id=unit.instansi_id, kode=unit.kode).exclude(pk=unit.pk).exists():
        raise ApplicationError({"kode": _("Another unit of this agency already has this code.")})


def _record_history(
    unit: UnitKerja, *, tanggal: datetime.date, parent_lama, nama_lama: str, reason: str
) -> None:
    RiwayatUnitKerja.objects.create(
        unit=unit,
        tanggal=tanggal,
        parent_lama=parent_lama,
        parent_baru=unit.parent,
        nama_lama=nama_lama,
        nama_baru=unit.nama,
        alasan=reason,
    )


@transaction.atomic
def unit_create(
    *,
    actor,
    instansi: Instansi,
    kode: str,
    nama: str,
    parent: UnitKerja | None = None,
    eselon: str = "",
) -> UnitKerja:
    deny_unless(permissions.can_create_unit(actor, instansi, parent))
    _check_parent(None, parent, instansi)
    unit = UnitKerja(instansi=instansi, parent=parent, kode=kode.strip(), nama=nama.strip(), eselon=eselon)
    _check_kode(unit)
    save_audited(unit, UNIT_FIELDS, actor, "org.unit.create", instansi=instansi)
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.depth = parent.depth + 1 if parent else 0
    unit.save(update_fields=["path", "depth"])
    return unit


@transaction.atomic
def unit_update(
    *, actor, unit: UnitKerja, kode: str, nama: str, eselon: str = "", reason: str = ""
) -> UnitKerja:
    unit = UnitKerja.objects.select_for_update().get(pk=unit.pk)
    deny_unless(permissions.can_manage_unit(actor, unit))
    before = audit.snapshot(unit, UNIT_FIELDS)
    old_name = unit.nama
    unit.kode, unit.nama, unit.eselon = kode.strip(), nama.strip(), eselon
    _check_kode(unit)
    changes = save_audited(
        unit, UNIT_FIELDS, actor, "org.unit.update", instansi=unit.instansi, before=before, reason=reason
    )
    if "nama" in changes:
        _record_history(
            unit,
            tanggal=clock.today(unit.instansi),
            parent_lama=unit.parent,
            nama_lama=old_name,
            reason=reason,
        )
    return unit


@transaction.atomic
def unit_move(
    *, actor, unit: UnitKerja, new_parent: UnitKerja | None, tanggal: datetime.date, reason: str
) -> UnitKerja:
    """Place a unit (with its whole subtree) under another parent, keeping a record of where it was."""
    unit = (
        UnitKerja.objects.select_for_update(of=("self",)).select_related("instansi", "parent").get(pk=unit.pk)
    )
    deny_unless(permissions.can_move_unit(actor, unit, new_parent))
    require_reason(reason, _("A reason is required to move a unit."))
    _check_parent(unit, new_parent, unit.instansi)
    if unit.parent_id == (new_parent.pk if new_parent else None):
        raise ApplicationError({"parent": _("The unit is already under this parent.")})
    old_parent = unit.parent
    depth_change = (new_parent.depth + 1 if new_parent else 0) - unit.depth
    move_subtree(
        UnitKerja,
        unit.path,
        f"{new_parent.path if new_parent else '/'}{unit.pk}/",
        depth=F("depth") + depth_change,
    )
    UnitKerja.objects.filter(pk=unit.pk).update(parent=new_parent)
    unit.refresh_from_db()
    _record_history(unit, tanggal=tanggal, parent_lama=old_parent, nama_lama=unit.nama, reason=reason)
    audit.record(
        actor=actor,
        action="org.unit.move",
        obj=unit,
        instansi=unit.instansi,
        changes={"parent": [old_parent.pk if old_parent else None, new_parent.pk if new_parent else None]},
        reason=f"{tanggal.isoformat()}: {reason}",
    )
    return unit
