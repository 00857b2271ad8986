"""Moving an SKP along the workflow table: submit, withdraw, approve (a new version), return, revise."""

from collections.abc import Mapping, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core import clock
from kinerja.core.errors import ApplicationError
from kinerja.core.services import require_reason
from kinerja.planning import permissions, rules, selectors
from kinerja.planning.models import SKP, VersiSKP
from kinerja.planning.services import base


def _transition(actor, skp: SKP, action: str, *, reason: str = "", extra: dict | None = None) -> SKP:
    """Move the (locked) SKP along the workflow table, with an audit event of from, to and reason."""
    permissions.SKP_WORKFLOW.transition(
        actor=actor,
        obj=skp,
        action=action,
        reason=reason,
        changes=extra,
        save=lambda obj: base.bump(obj, "status"),
        instansi=skp.instansi,
        pegawai=skp.pegawai,
    )
    return skp


@transaction.atomic
def skp_submit(*, actor, skp: SKP, kunci: int | None) -> SKP:
    """Submit to the penilai. Refused with every problem listed when the content is not complete."""
    skp = base.locked(skp, kunci)
    if not permissions.is_owner(actor, skp):
        raise PermissionDenied(_("Only the employee can submit their own SKP."))
    if skp.berakhir:
        raise ApplicationError(_("This SKP has ended; it can no longer change."))
    permissions.SKP_WORKFLOW.check(actor=actor, obj=skp, action=rules.AJUKAN)
    base.check_deadline(skp)
    base.refresh_assessors(skp)
    problems = selectors.submission_problems(skp)
    if problems:
        raise ApplicationError(problems)
    skp.diajukan_at = timezone.now()
    skp.save(
        update_fields=[
            "penilai",
            "atasan_penilai",
            "identitas_penilai",
            "identitas_atasan_penilai",
            "diajukan_at",
        ]
    )
    _transition(actor, skp, rules.AJUKAN)
    base.notify(
        skp.penilai_id,
        skp,
        _("SKP submitted by %(name)s") % {"name": skp.identitas_pegawai.get("nama", "")},
        _("An SKP waits for your approval."),
    )
    return skp


@transaction.atomic
def skp_withdraw(*, actor, skp: SKP, kunci: int | None) -> SKP:
    """The pegawai takes a submitted SKP back to change it (before the penilai decides)."""
    return _transition(actor, base.locked(skp, kunci), rules.TARIK)


def _decider(actor, skp: SKP, kunci: int | None) -> SKP:
    skp = base.locked(skp, kunci)
    if permissions.is_owner(actor, skp):
        raise PermissionDenied(_("You cannot approve or return your own SKP."))
    if not permissions.is_penilai(actor, skp):
        raise PermissionDenied(_("Only the assessing official of this SKP can approve or return it."))
    if skp.berakhir:
        raise ApplicationError(_("This SKP has ended; it can no longer change."))
    return skp


def _save_ekspektasi(skp: SKP, ekspektasi: Mapping[str, str] | None) -> dict:
    if ekspektasi is None:
        return {}
    changes = {}
    for p in skp.perilaku.all():
        if p.kode not in ekspektasi:
            continue
        value = (ekspektasi[p.kode] or "").strip()
        if value != p.ekspektasi:
            changes[f"ekspektasi.{p.kode}"] = [p.ekspektasi, value]
            p.ekspektasi = value
            p.save(update_fields=["ekspektasi"])
    unknown = set(ekspektasi) - {p.kode for p in skp.perilaku.all()}
    if unknown:
        raise ApplicationError(
            _("Unknown work behaviour: %(codes)s.") % {"codes": ", ".join(sorted(unknown))}
        )
    return changes


@transaction.atomic
def ekspektasi_save(*, actor, skp: SKP, kunci: int | None, ekspektasi: Mapping[str, str]) -> SKP:
    """The penilai writes the leader's specific expectations while deciding on the SKP."""
    skp = _decider(actor, skp, kunci)
    if skp.status not in rules.WORKFLOW.sources(rules.SETUJUI):
        raise ApplicationError(_("Expectations are written while the SKP waits for your decision."))
    changes = _save_ekspektasi(skp, ekspektasi)
    base.bump(skp)
    base.record(actor, skp, "ekspektasi.update", changes)
    return skp


@transaction.atomic
def skp_approve(*, actor, skp: SKP, kunci: int | None, ekspektasi: Mapping[str, str] | None = None) -> SKP:
    """Approve: the content (with the leader's expectations) becomes a new numbered version."""
    skp = _decider(actor, skp, kunci)
    permissions.SKP_WORKFLOW.check(actor=actor, obj=skp, action=rules.SETUJUI)
    changes = _save_ekspektasi(skp, ekspektasi)
    base.refresh_assessors(skp)
    now = timezone.now()
    skp.versi += 1
    skp.disetujui_at = now
    skp.catatan_pengembalian = ""
    skp.save(
        update_fields=[
            "versi",
            "disetujui_at",
            "catatan_pengembalian",
            "penilai",
            "atasan_penilai",
            "identitas_penilai",
            "identitas_atasan_penilai",
        ]
    )
    VersiSKP.objects.create(
        skp=skp,
        nomor=skp.versi,
        konten=selectors.content_of(selectors.with_content(SKP.objects.filter(pk=skp.pk)).get()),
        alasan=skp.alasan_revisi,
        disetujui_oleh_id=actor.pegawai_id,
        disetujui_at=now,
    )
    _transition(actor, skp, rules.SETUJUI, extra={"versi": [skp.versi - 1, skp.versi]})
    if changes:
        base.record(actor, skp, "ekspektasi.update", changes)
    base.notify(
        skp.pegawai_id,
        skp,
        _("Your SKP was approved"),
        _("Version %(n)s is now in force.") % {"n": skp.versi},
    )
    return skp


@transaction.atomic
def skp_return(*, actor, skp: SKP, kunci: int | None, reason: str) -> SKP:
    """Return to the pegawai with a required reason; the pegawai fixes it and submits again."""
    skp = _decider(actor, skp, kunci)
    reason = require_reason(reason, _("Say what the employee must change."))
    skp.catatan_pengembalian = reason
    skp.save(update_fields=["catatan_pengembalian"])
    _transition(actor, skp, rules.KEMBALIKAN, reason=reason)
    base.notify(skp.pegawai_id, skp, _("Your SKP was returned"), reason)
    return skp


@transaction.atomic
def skp_bulk_approve(*, actor, items: Sequence[tuple[SKP, int | None]]) -> list[SKP]:
    """Approve several SKP at once, all or none: one refusal leaves every SKP as it was."""
    if not items:
        raise ApplicationError(_("Choose at least one SKP."))
    for skp, kunci in items:
        if kunci is None:
            # Without the counter the penilai saw, an SKP changed after the inbox was shown would be approved
            # unseen: `locked` skips the check for None (the single-SKP forms refuse a missing one beforehand).
            raise ApplicationError(
                _(
                    "%(name)s: the form did not say which state of this SKP you reviewed. Reload the page and "
                    "try again. Nothing was approved."
                )
                % {"name": skp.identitas_pegawai.get("nama", "")}
            )
    approved = []
    for skp, kunci in items:
        try:
            approved.append(skp_approve(actor=actor, skp=skp, kunci=kunci))
        except ValidationError as exc:
            name = skp.identitas_pegawai.get("nama", "")
            raise ApplicationError(
                _("%(name)s: %(problem)s Nothing was approved.")
                % {"name": name, "problem": " ".join(exc.messages)}
            ) from exc
    return approved


@transaction.atomic
def skp_propose_revision(*, actor, skp: SKP, kunci: int | None, reason: str) -> SKP:
    """Reopen an approved SKP for changes; the approved version stays in force until the revision is approved."""
    skp = base.locked(skp, kunci)
    if not permissions.is_owner(actor, skp):
        raise PermissionDenied(_("Only the employee can propose a revision of their SKP."))
    if skp.berakhir or clock.today(skp.instansi) > skp.selesai:
        raise ApplicationError(_("This SKP has ended; it can no longer be revised."))
    skp.alasan_revisi = reason.strip()
    skp.save(update_fields=["alasan_revisi"])
    _transition(actor, skp, rules.USUL_REVISI, reason=reason)
    base.notify(
        skp.penilai_id,
        skp,
        _("%(name)s proposes a revision of their SKP") % {"name": skp.identitas_pegawai.get("nama", "")},
        reason.strip(),
    )
    return skp
