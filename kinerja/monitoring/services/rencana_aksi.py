"""Rencana aksi: what the pegawai will do in a period to reach the target of one RHK, written while the period
takes input; the penilai of that period comments on it at any time."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core import audit, notifications
from kinerja.core.errors import ApplicationError, ConflictError
from kinerja.monitoring import permissions
from kinerja.monitoring.models import RencanaAksi
from kinerja.monitoring.services.common import record, recordable, user_of
from kinerja.planning.models import SKP, Periode

RENCANA_FIELDS = ["uraian"]
KOMENTAR_FIELDS = ["komentar_penilai"]


def _text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ApplicationError({field: message})
    return value


@transaction.atomic
def rencana_aksi_save(
    *, actor, skp: SKP, periode: Periode, rhk_id: int, uraian: str, kunci: int | None = None
) -> RencanaAksi:
    """Write (or change) the pegawai's plan for one RHK in one period. A change made on a form that saw an
    older version (`kunci`) is refused, as in planning."""
    skp, plan = recordable(actor, skp, periode)
    if not plan.has_rhk(rhk_id):
        raise ApplicationError(
            _("This RHK is not in the SKP in force for %(periode)s.") % {"periode": periode.nama}
        )
    text = _text(uraian, "uraian", _("Write what you will do in this period."))
    rencana = RencanaAksi.objects.select_for_update().filter(skp=skp, periode=periode, rhk_id=rhk_id).first()
    if rencana is None:
        rencana = RencanaAksi(skp=skp, periode=periode, rhk_id=rhk_id)
        before: dict = {}
        action = "rencana_aksi.create"
    else:
        if kunci is not None and rencana.kunci != kunci:
            raise ConflictError(
                _(
                    "This action plan was changed by someone else after you opened it. Reload the page to "
                    "see the current text; nothing was saved."
                )
            )
        before = audit.snapshot(rencana, RENCANA_FIELDS)
        action = "rencana_aksi.update"
        rencana.kunci += 1
    rencana.uraian = text
    rencana.save()
    changes = audit.diff(before, audit.snapshot(rencana, RENCANA_FIELDS))
    record(actor, skp, action, changes, obj=rencana)
    return rencana


@transaction.atomic
def rencana_aksi_comment(*, actor, rencana: RencanaAksi, komentar: str) -> RencanaAksi:
    """The penilai of the period comments on a rencana aksi (any time: a comment has no deadline); the pegawai
    is told."""
    rencana = (
        RencanaAksi.objects.select_for_update(of=("self",))
        .select_related("skp", "skp__instansi", "skp__pegawai", "periode")
        .get(pk=rencana.pk)
    )
    skp = rencana.skp
    if not permissions.is_penilai_of_period(actor, skp, rencana.periode):
        raise PermissionDenied(_("Only the assessor of this period comments on the action plan."))
    text = _text(komentar, "komentar", _("Write your comment."))
    before = audit.snapshot(rencana, KOMENTAR_FIELDS)
    rencana.komentar_penilai = text
    rencana.komentar_oleh_id = actor.pegawai_id
    rencana.komentar_at = timezone.now()
    rencana.save(update_fields=["komentar_penilai", "komentar_oleh", "komentar_at", "updated_at"])
    record(
        actor,
        skp,
        "rencana_aksi.comment",
        audit.diff(before, audit.snapshot(rencana, KOMENTAR_FIELDS)),
        obj=rencana,
    )
    notifications.notify(
        [user_of(skp.pegawai_id)],
        judul=_("Your assessor commented on your action plan for %(periode)s")
        % {"periode": rencana.periode.nama},
        isi=text,
        url=reverse("monitoring:skp", args=[skp.pk]) + f"?periode={rencana.periode.nomor}",
    )
    return rencana
