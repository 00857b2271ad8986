"""What every SKP write shares: the row lock with its change counter (`kunci`), the audit event, the
notification, the deadline and the snapshot of the assessors."""

import datetime

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.accounts.models import User
from kinerja.core import audit, clock, notifications
from kinerja.core.errors import ApplicationError, ConflictError
from kinerja.core.templatetags.kinerja import tanggal
from kinerja.org import selectors as org_selectors
from kinerja.planning import permissions, selectors
from kinerja.planning.models import SKP

LAMPIRAN_FIELDS = ["dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi"]


def record(actor, skp: SKP, action: str, changes: dict | None = None, reason: str = "", obj=None) -> None:
    audit.record(
        actor=actor,
        action=f"planning.{action}",
        obj=skp,
        object_repr=str(skp) if obj is None else f"{skp} · {str(obj)[:100]}",
        instansi=skp.instansi,
        pegawai=skp.pegawai,
        changes=changes or {},
        reason=reason,
        subject=obj,
    )


def locked(skp: SKP, kunci: int | None) -> SKP:
    """Lock the SKP row, refuse when it changed since the user saw it (kunci), and return it fresh."""
    fresh = (
        SKP.objects.select_for_update(of=("self",))
        .select_related("pegawai", "jabatan", "jabatan__unit", "tahun_kinerja", "instansi")
        .get(pk=skp.pk)
    )
    if kunci is not None and fresh.kunci != kunci:
        raise ConflictError(
            _(
                "This SKP was changed by someone else after you opened it. Reload the page to see the "
                "current version; nothing was saved."
            )
        )
    return fresh


def bump(skp: SKP, *fields: str) -> None:
    skp.kunci += 1
    skp.save(update_fields=["kunci", "updated_at", *fields])


def check_deadline(skp: SKP) -> None:
    """The pegawai drafts and submits until the SKP's deadline; a revision until the SKP's last day (each
    closing at midnight where the instansi is)."""
    today = clock.today(skp.instansi)
    if skp.versi > 0:
        if today > skp.selesai:
            raise ApplicationError(_("This SKP has ended; it can no longer be revised."))
        return
    deadline = selectors.deadline_of(skp)
    if today > deadline:
        raise ApplicationError(
            _(
                "The deadline for this SKP was %(date)s. Ask the BKPSDM to extend it for you; nothing was "
                "saved."
            )
            % {"date": tanggal(deadline)}
        )


def editable(actor, skp: SKP, kunci: int | None) -> SKP:
    """Lock the SKP and refuse unless its pegawai may change it now (state, end, deadline)."""
    skp = locked(skp, kunci)
    if not permissions.is_owner(actor, skp):
        raise PermissionDenied(_("Only the employee can change their own SKP."))
    if skp.berakhir:
        raise ApplicationError(_("This SKP has ended; it can no longer change."))
    if not permissions.can_edit(actor, skp):
        raise ApplicationError(
            _(
                "The SKP can only be changed while it is a draft, returned or under revision (now: %(status)s)."
            )
            % {"status": skp.get_status_display()}
        )
    check_deadline(skp)
    return skp


def _user_of(pegawai_id: int | None):
    if pegawai_id is None:
        return None
    return User.objects.filter(pegawai_id=pegawai_id, is_active=True).first()


def notify(pegawai_id: int | None, skp: SKP, judul: str, isi: str = "") -> None:
    user = _user_of(pegawai_id)
    if user is not None:
        notifications.notify([user], judul=judul, isi=isi, url=reverse("planning:skp_detail", args=[skp.pk]))


def refresh_assessors(skp: SKP, at: datetime.date | None = None) -> None:
    """Snapshot the penilai and atasan penilai the organisation gives (unless the BKPSDM set them)."""
    if skp.penilai_ditetapkan:
        return
    chain = org_selectors.penilai_chain(skp.pegawai, selectors.chain_date(skp, at))
    skp.penilai = chain.penilai.pegawai if chain.penilai else None
    skp.atasan_penilai = chain.atasan_penilai.pegawai if chain.atasan_penilai else None
    skp.identitas_penilai = selectors.identitas_pejabat(chain.penilai) or selectors.identitas_ppk(
        skp.instansi
    )
    skp.identitas_atasan_penilai = selectors.identitas_pejabat(chain.atasan_penilai)


def end(actor, skp: SKP, last_day: datetime.date, reason: str) -> SKP:
    """Cut the SKP at its last day; once that day is past it is ended for good (berakhir)."""
    before = audit.snapshot(skp, ["selesai", "berakhir"])
    skp.selesai = max(skp.mulai, min(skp.selesai, last_day))
    skp.berakhir = skp.selesai < clock.today(skp.instansi)
    skp.alasan_berakhir = reason
    bump(skp, "selesai", "berakhir", "alasan_berakhir")
    record(
        actor, skp, "skp.end", audit.diff(before, audit.snapshot(skp, ["selesai", "berakhir"])), reason=reason
    )
    return skp
