"""Every write to the organisation: units, positions, pegawai and assignments.

Each service checks the actor's permission and the state, validates, writes, and records an audit event in the
same transaction, so a refused action changes nothing.
"""

import datetime

from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from kinerja.core import audit, clock, hooks
from kinerja.core.errors import ApplicationError
from kinerja.core.services import deny_unless, full_clean, require_reason
from kinerja.org import permissions
from kinerja.org.models import (
    Instansi,
    Jabatan,
    JenisJabatan,
    JenisPenugasan,
    Pegawai,
    Penugasan,
    RiwayatUnitKerja,
    StatusPegawai,
    UnitKerja,
)
from kinerja.org.rules import InvalidNip, normalize_nip, parse_nip

INSTANSI_FIELDS = ["kode", "nama", "tempat", "jabatan_ppk", "zona_waktu", "skema_periode"]
UNIT_FIELDS = ["kode", "nama", "eselon", "parent", "aktif"]
JABATAN_FIELDS = ["unit", "nama", "jenis", "jenjang", "eselon", "atasan", "kepala_unit", "kode", "aktif"]
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
PENUGASAN_FIELDS = ["pegawai", "jabatan", "jenis", "mulai", "selesai", "nomor_sk", "keterangan"]


# Instansi ---------------------------------------------------------------------------------------------------


@transaction.atomic
def instansi_create(*, actor, kode: str, nama: str, tempat: str, **values) -> Instansi:
    """Register a new pemda. Only a superuser, or the server operator from the command line (actor None)."""
    deny_unless(actor is None or getattr(actor, "is_superuser", False))
    unknown = set(values) - set(INSTANSI_FIELDS)
    if unknown:
        raise TypeError(", ".join(sorted(unknown)))
    instansi = Instansi(kode=kode.strip(), nama=nama.strip(), tempat=tempat.strip(), **values)
    full_clean(instansi)
    instansi.save()
    audit.record(
        actor=actor,
        action="org.instansi.create",
        obj=instansi,
        instansi=instansi,
        changes=audit.created(instansi, INSTANSI_FIELDS),
    )
    return instansi


@transaction.atomic
def instansi_update(*, actor, instansi: Instansi, reason: str = "", **values) -> Instansi:
    deny_unless(permissions.can_manage_instansi(actor, instansi))
    before = audit.snapshot(instansi, INSTANSI_FIELDS)
    for name, value in values.items():
        if name not in INSTANSI_FIELDS:
            raise TypeError(name)
        setattr(instansi, name, value)
    full_clean(instansi)
    instansi.save()
    audit.record(
        actor=actor,
        action="org.instansi.update",
        obj=instansi,
        instansi=instansi,
        changes=audit.diff(before, audit.snapshot(instansi, INSTANSI_FIELDS)),
        reason=reason,
    )
    return instansi


# Units ------------------------------------------------------------------------------------------------------


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
    full_clean(unit)
    unit.save()
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.depth = parent.depth + 1 if parent else 0
    unit.save(update_fields=["path", "depth"])
    audit.record(
        actor=actor,
        action="org.unit.create",
        obj=unit,
        instansi=instansi,
        changes=audit.created(unit, UNIT_FIELDS),
    )
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
    full_clean(unit)
    unit.save()
    changes = audit.diff(before, audit.snapshot(unit, UNIT_FIELDS))
    if "nama" in changes:
        RiwayatUnitKerja.objects.create(
            unit=unit,
            tanggal=clock.today(unit.instansi),
            parent_lama=unit.parent,
            parent_baru=unit.parent,
            nama_lama=old_name,
            nama_baru=unit.nama,
            alasan=reason,
        )
    audit.record(
        actor=actor,
        action="org.unit.update",
        obj=unit,
        instansi=unit.instansi,
        changes=changes,
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
    old_parent, old_path = unit.parent, unit.path
    new_path = f"{new_parent.path if new_parent else '/'}{unit.pk}/"
    depth_change = (new_parent.depth + 1 if new_parent else 0) - unit.depth
    UnitKerja.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + depth_change,
    )
    UnitKerja.objects.filter(pk=unit.pk).update(parent=new_parent)
    RiwayatUnitKerja.objects.create(
        unit=unit,
        tanggal=tanggal,
        parent_lama=old_parent,
        parent_baru=new_parent,
        nama_lama=unit.nama,
        nama_baru=unit.nama,
        alasan=reason,
    )
    unit.refresh_from_db()
    audit.record(
        actor=actor,
        action="org.unit.move",
        obj=unit,
        instansi=unit.instansi,
        changes={"parent": [old_parent.pk if old_parent else None, new_parent.pk if new_parent else None]},
        reason=f"{tanggal.isoformat()}: {reason}",
    )
    return unit


# Positions --------------------------------------------------------------------------------------------------


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
        Jabatan.objects.filter(path__startswith=old_path).update(
            path=Concat(Value(new_path), Substr("path", len(old_path) + 1))
        )
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
    full_clean(jabatan)
    jabatan.save()
    _save_jabatan_path(jabatan, None)
    audit.record(
        actor=actor,
        action="org.jabatan.create",
        obj=jabatan,
        instansi=unit.instansi,
        changes=audit.created(jabatan, JABATAN_FIELDS),
    )
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
    for name, value in values.items():
        if name not in JABATAN_FIELDS:
            raise TypeError(name)
        setattr(jabatan, name, value)
    deny_unless(permissions.can_manage_jabatan(actor, jabatan))
    # Before full_clean, whose constraint check would report a second head only as a bare constraint name.
    _check_jabatan(jabatan)
    full_clean(jabatan)
    jabatan.save()
    _save_jabatan_path(jabatan, old_path)
    audit.record(
        actor=actor,
        action="org.jabatan.update",
        obj=jabatan,
        instansi=jabatan.instansi,
        changes=audit.diff(before, audit.snapshot(jabatan, JABATAN_FIELDS)),
        reason=reason,
    )
    return jabatan


# Pegawai ----------------------------------------------------------------------------------------------------


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
            "date": info.tanggal_lahir.strftime("%d-%m-%Y")
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
    unknown = set(values) - set(PEGAWAI_FIELDS)
    if unknown:
        raise TypeError(", ".join(sorted(unknown)))
    values["nip"] = normalize_nip(values.get("nip") or "")
    pegawai = Pegawai(instansi=instansi, **values)
    _check_nip(pegawai)
    full_clean(pegawai)
    pegawai.save()
    audit.record(
        actor=actor,
        action="org.pegawai.create",
        obj=pegawai,
        instansi=instansi,
        pegawai=pegawai,
        changes=audit.created(pegawai, PEGAWAI_FIELDS),
    )
    account_create_for_pegawai(actor=actor, pegawai=pegawai)
    return pegawai


@transaction.atomic
def pegawai_update(*, actor, pegawai: Pegawai, reason: str = "", **values) -> Pegawai:
    from kinerja.accounts.services import account_sync_with_pegawai

    pegawai = Pegawai.objects.select_for_update().get(pk=pegawai.pk)
    deny_unless(permissions.can_manage_pegawai(actor, pegawai))
    before = audit.snapshot(pegawai, PEGAWAI_FIELDS)
    for name, value in values.items():
        if name not in PEGAWAI_FIELDS:
            raise TypeError(name)
        setattr(pegawai, name, value)
    pegawai.nip = normalize_nip(pegawai.nip)
    _check_nip(pegawai)
    full_clean(pegawai)
    pegawai.save()
    changes = audit.diff(before, audit.snapshot(pegawai, PEGAWAI_FIELDS))
    audit.record(
        actor=actor,
        action="org.pegawai.update",
        obj=pegawai,
        instansi=pegawai.instansi,
        pegawai=pegawai,
        changes=changes,
        reason=reason,
    )
    if changes:
        account_sync_with_pegawai(pegawai=pegawai)
    return pegawai


# Assignments ------------------------------------------------------------------------------------------------


def _overlaps(qs, mulai: datetime.date, selesai: datetime.date | None):
    qs = qs.filter(Q(selesai__isnull=True) | Q(selesai__gte=mulai))
    if selesai is not None:
        qs = qs.filter(mulai__lte=selesai)
    return qs


def _check_penugasan(p: Penugasan) -> None:
    """Refuse two holders of one kind on a position, two definitive posts at once, acting in one's own post."""
    if p.selesai is not None and p.selesai < p.mulai:
        raise ApplicationError({"selesai": _("An assignment cannot end before it starts.")})
    if p.pegawai.instansi_id != p.jabatan.instansi_id:
        raise ApplicationError({"jabatan": _("The position belongs to another agency.")})
    if not p.jabatan.aktif:
        raise ApplicationError({"jabatan": _("The position is no longer active.")})
    if not p.pegawai.aktif:
        raise ApplicationError({"pegawai": _("The employee is no longer active.")})
    others = Penugasan.objects.exclude(pk=p.pk)
    clash = _overlaps(others.filter(jabatan=p.jabatan, jenis=p.jenis), p.mulai, p.selesai).select_related(
        "pegawai"
    )
    first = clash.first()
    if first is not None:
        messages: dict[str, str] = {
            JenisPenugasan.DEFINITIF: _(
                "The position already has a definitive holder in that time: %(name)s."
            ),
            JenisPenugasan.PLT: _("The position already has a Plt in that time: %(name)s."),
            JenisPenugasan.PLH: _("The position already has a Plh in that time: %(name)s."),
        }
        raise ApplicationError({"jabatan": messages[p.jenis] % {"name": first.pegawai}})
    mine = others.filter(pegawai=p.pegawai)
    if p.jenis == JenisPenugasan.DEFINITIF:
        own = _overlaps(mine.filter(jenis=JenisPenugasan.DEFINITIF), p.mulai, p.selesai).select_related(
            "jabatan"
        )
        first = own.first()
        if first is not None:
            raise ApplicationError(
                {
                    "mulai": _(
                        "The employee already holds a definitive position in that time (%(jabatan)s). "
                        "End it first, or record a transfer."
                    )
                    % {"jabatan": first.jabatan}
                }
            )
    if _overlaps(mine.filter(jabatan=p.jabatan), p.mulai, p.selesai).exists():
        raise ApplicationError({"jabatan": _("The employee already holds this position in that time.")})


@transaction.atomic
def penugasan_create(
    *,
    actor,
    pegawai: Pegawai,
    jabatan: Jabatan,
    jenis: str,
    mulai: datetime.date,
    selesai: datetime.date | None = None,
    nomor_sk: str = "",
    keterangan: str = "",
) -> Penugasan:
    deny_unless(permissions.can_assign(actor, pegawai, jabatan))
    return _create_penugasan(
        actor=actor,
        pegawai=pegawai,
        jabatan=jabatan,
        jenis=jenis,
        mulai=mulai,
        selesai=selesai,
        nomor_sk=nomor_sk,
        keterangan=keterangan,
    )


def _create_penugasan(*, actor, pegawai, jabatan, jenis, mulai, selesai, nomor_sk, keterangan) -> Penugasan:
    # Lock the position and the person so two admins cannot both place a definitive holder at once.
    Jabatan.objects.select_for_update().filter(pk=jabatan.pk).first()
    Pegawai.objects.select_for_update().filter(pk=pegawai.pk).first()
    penugasan = Penugasan(
        pegawai=pegawai,
        jabatan=jabatan,
        jenis=jenis,
        mulai=mulai,
        selesai=selesai,
        nomor_sk=nomor_sk.strip(),
        keterangan=keterangan.strip(),
    )
    _check_penugasan(penugasan)
    full_clean(penugasan)
    penugasan.save()
    audit.record(
        actor=actor,
        action="org.penugasan.create",
        obj=penugasan,
        instansi=pegawai.instansi,
        pegawai=pegawai,
        changes=audit.created(penugasan, PENUGASAN_FIELDS),
    )
    return penugasan


@transaction.atomic
def penugasan_end(*, actor, penugasan: Penugasan, selesai: datetime.date, reason: str) -> Penugasan:
    penugasan = (
        Penugasan.objects.select_for_update().select_related("pegawai", "jabatan").get(pk=penugasan.pk)
    )
    deny_unless(permissions.can_assign(actor, penugasan.pegawai, penugasan.jabatan))
    return _end_penugasan(actor=actor, penugasan=penugasan, selesai=selesai, reason=reason)


def _end_penugasan(*, actor, penugasan: Penugasan, selesai: datetime.date, reason: str) -> Penugasan:
    require_reason(reason)
    if penugasan.selesai is not None and penugasan.selesai <= selesai:
        raise ApplicationError(
            {"selesai": _("This assignment already ends on %(date)s.") % {"date": penugasan.selesai}}
        )
    if selesai < penugasan.mulai:
        raise ApplicationError({"selesai": _("An assignment cannot end before it starts.")})
    before = audit.snapshot(penugasan, PENUGASAN_FIELDS)
    penugasan.selesai = selesai
    penugasan.save(update_fields=["selesai", "updated_at"])
    audit.record(
        actor=actor,
        action="org.penugasan.end",
        obj=penugasan,
        instansi=penugasan.pegawai.instansi,
        pegawai=penugasan.pegawai,
        changes=audit.diff(before, audit.snapshot(penugasan, PENUGASAN_FIELDS)),
        reason=reason,
    )
    # What was planned for this position ends with it (planning's SKP, later apps' records).
    hooks.announce(
        hooks.ASSIGNMENT_ENDED,
        actor=actor,
        pegawai=penugasan.pegawai,
        jabatan=penugasan.jabatan,
        last_day=selesai,
        reason=reason,
    )
    return penugasan


@transaction.atomic
def pegawai_transfer(
    *,
    actor,
    pegawai: Pegawai,
    jabatan: Jabatan,
    tanggal: datetime.date,
    reason: str,
    nomor_sk: str = "",
) -> Penugasan:
    """Mutasi: the current definitive assignment ends the day before `tanggal`, the new one starts on it."""
    deny_unless(permissions.can_assign(actor, pegawai, jabatan))  # before any state is revealed
    require_reason(reason)
    current = (
        Penugasan.objects.select_for_update(of=("self",))
        .active_at(tanggal)
        .filter(pegawai=pegawai, jenis=JenisPenugasan.DEFINITIF)
        .select_related("pegawai", "jabatan", "jabatan__unit")
        .first()
    )
    if current is not None:
        deny_unless(permissions.can_assign(actor, pegawai, current.jabatan))
        if current.jabatan_id == jabatan.pk:
            raise ApplicationError({"jabatan": _("The employee already holds this position.")})
        if current.mulai >= tanggal:
            raise ApplicationError(
                {"tanggal": _("The transfer date must be after the start of the current assignment.")}
            )
        _end_penugasan(
            actor=actor, penugasan=current, selesai=tanggal - datetime.timedelta(days=1), reason=reason
        )
    return _create_penugasan(
        actor=actor,
        pegawai=pegawai,
        jabatan=jabatan,
        jenis=JenisPenugasan.DEFINITIF,
        mulai=tanggal,
        selesai=None,
        nomor_sk=nomor_sk,
        keterangan=reason,
    )
