"""What every monitoring write shares: the audit event, the SKP row lock, and the check that the pegawai may
record on a period of their SKP now (approved, covered, open)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from kinerja.accounts.models import User
from kinerja.core import audit, clock
from kinerja.core.errors import ApplicationError
from kinerja.core.formats import tanggal
from kinerja.monitoring import permissions, selectors
from kinerja.monitoring.selectors import PeriodPlan
from kinerja.planning.models import SKP, Periode


def record(actor, skp: SKP, action: str, changes: dict | None = None, reason: str = "", obj=None) -> None:
    """An audit event of monitoring on an SKP (`action` without the "monitoring." prefix)."""
    audit.record(
        actor=actor,
        action=f"monitoring.{action}",
        obj=skp if obj is None else obj,
        object_repr=str(skp) if obj is None else f"{skp} · {str(obj)[:100]}",
        instansi=skp.instansi,
        pegawai=skp.pegawai,
        changes=changes or {},
        reason=reason,
    )


def record_about(actor, obj, action: str, changes: dict, reason: str = "", label: str = "") -> None:
    """An audit event of monitoring about one pegawai's record (a decision, an innovation: `obj` has `pegawai`
    and `instansi`), named by the pegawai and `label` (the object's own words by default)."""
    audit.record(
        actor=actor,
        action=f"monitoring.{action}",
        obj=obj,
        changes=changes,
        reason=reason,
        **about(obj, label),
    )


def about(obj, label: str = "") -> dict:
    """Whom an audit event of a pegawai's record is about, and its words (for `audit.record` or a workflow's
    `transition`)."""
    return {
        "object_repr": f"{obj.pegawai.nama_lengkap} · {label or obj}"[:200],
        "instansi": obj.instansi,
        "pegawai": obj.pegawai,
    }


def locked_skp(skp: SKP) -> SKP:
    """The SKP row locked for the rest of the transaction (writes on one SKP's monitoring queue behind it)."""
    return (
        SKP.objects.select_for_update(of=("self",))
        .select_related("pegawai", "jabatan", "jabatan__unit", "tahun_kinerja", "instansi")
        .get(pk=skp.pk)
    )


def recordable(actor, skp: SKP, periode: Periode) -> tuple[SKP, PeriodPlan]:
    """Lock the SKP and return it with the plan of the period, or refuse: only its pegawai, only an SKP that was
    approved, only a period it covers, only while that period takes input (its deadline or a reopening)."""
    skp = locked_skp(skp)
    if not permissions.is_owner(actor, skp):
        raise PermissionDenied(_("Only the employee records the realisations of their own SKP."))
    if skp.versi == 0:
        raise ApplicationError(
            _("This SKP has not been approved yet; realisations are recorded against an approved SKP.")
        )
    plan = selectors.plan_for(skp, periode)
    if plan is None or plan.versi is None:
        raise ApplicationError(
            _("The period %(periode)s is outside this SKP's span (%(mulai)s to %(selesai)s).")
            % {"periode": periode.nama, "mulai": tanggal(skp.mulai), "selesai": tanggal(skp.selesai)}
        )
    today = clock.today(skp.instansi)
    if today < periode.mulai:
        raise ApplicationError(
            _("The period %(periode)s starts on %(date)s; it cannot be filled before then.")
            % {"periode": periode.nama, "date": tanggal(periode.mulai)}
        )
    if not selectors.is_open(skp, periode, today):
        raise ApplicationError(
            _(
                "The period %(periode)s closed for input on %(date)s. Ask the BKPSDM (or your department's "
                "administrator) to reopen it for you; nothing was saved."
            )
            % {"periode": periode.nama, "date": tanggal(selectors.input_until(skp, periode))}
        )
    return skp, plan


def user_of(pegawai_id: int | None) -> User | None:
    """The active account of a pegawai (for a notification), or None."""
    if pegawai_id is None:
        return None
    return User.objects.filter(pegawai_id=pegawai_id, is_active=True).first()
