"""Assignments (penugasan): placing a pegawai in a position, ending an assignment, and a transfer (mutasi)."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from kinerja.core import audit, hooks
from kinerja.core.errors import ApplicationError
from kinerja.core.services import deny_unless, require_reason
from kinerja.org import permissions
from kinerja.org.models import Jabatan, JenisPenugasan, Pegawai, Penugasan
from kinerja.org.services.base import save_audited

PENUGASAN_FIELDS = ["pegawai", "jabatan", "jenis", "mulai", "selesai", "nomor_sk", "keterangan"]


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
    penugasan = Penugasan(
        pegawai=pegawai,
        jabatan=jabatan,
        jenis=jenis,
        mulai=mulai,
        selesai=selesai,
        nomor_sk=nomor_sk.strip(),
        keterangan=keterangan.strip(),
    )
    return _save_new(actor, penugasan)


def _save_new(actor, penugasan: Penugasan) -> Penugasan:
    # Lock the position and the person so two admins cannot both place a definitive holder at once.
    Jabatan.objects.select_for_update().filter(pk=penugasan.jabatan.pk).first()
    Pegawai.objects.select_for_update().filter(pk=penugasan.pegawai.pk).first()
    _check_penugasan(penugasan)
    save_audited(
        penugasan,
        PENUGASAN_FIELDS,
        actor,
        "org.penugasan.create",
        instansi=penugasan.pegawai.instansi,
        pegawai=penugasan.pegawai,
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
    new = Penugasan(
        pegawai=pegawai,
        jabatan=jabatan,
        jenis=JenisPenugasan.DEFINITIF,
        mulai=tanggal,
        nomor_sk=nomor_sk.strip(),
        keterangan=reason.strip(),
    )
    return _save_new(actor, new)
