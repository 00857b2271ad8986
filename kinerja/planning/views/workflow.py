"""Buttons and forms that move an SKP along the workflow: submit, withdraw, propose a revision, approve,
return."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.core.views_util import run_service
from kinerja.planning import forms, permissions, rules, selectors, services
from kinerja.planning.models import SKP
from kinerja.planning.views import base


def _penilai_name(skp: SKP) -> str:
    ident = skp.identitas_penilai or {}
    return ident.get("nama") or ident.get("jabatan") or _("your assessing official")


@require_POST
def submit(request, pk):
    skp = base.visible_skp(request, pk)
    base.forbid_unless(permissions.can(request.user, skp, rules.AJUKAN))
    return base.button(
        request,
        skp,
        lambda kunci: services.skp_submit(actor=request.user, skp=skp, kunci=kunci),
        success=lambda done: _("The SKP was submitted to %(name)s.") % {"name": _penilai_name(done)},
        refused=_("The SKP was not submitted:"),
    )


@require_POST
def withdraw(request, pk):
    skp = base.visible_skp(request, pk)
    base.forbid_unless(permissions.can(request.user, skp, rules.TARIK))
    return base.button(
        request,
        skp,
        lambda kunci: services.skp_withdraw(actor=request.user, skp=skp, kunci=kunci),
        success=_("The submission was withdrawn; you can change the SKP again."),
    )


def _reason_page(request, skp, form, *, title, crumb, intro, submit_label, danger=False):
    return render(
        request,
        "planning/skp_form.html",
        {
            "skp": skp,
            "form": form,
            "title": title,
            "crumb": crumb,
            "intro": intro,
            "submit_label": submit_label,
            "danger": danger,
            "cancel_url": base.detail_url(skp),
        },
    )


def revise(request, pk):
    skp = base.visible_skp(request, pk)
    base.forbid_unless(permissions.can(request.user, skp, rules.USUL_REVISI))
    form = forms.ReasonForm(request.POST or None, initial={"kunci": skp.kunci})
    form.fields["reason"].label = _("Why must the approved SKP change?")
    if request.method == "POST" and form.is_valid():
        if run_service(
            form,
            lambda d: services.skp_propose_revision(
                actor=request.user, skp=skp, kunci=d["kunci"], reason=d["reason"]
            ),
        ):
            messages.success(
                request,
                _(
                    "The SKP is open for revision. Version %(n)s stays in force until your assessing official "
                    "approves the revised SKP."
                )
                % {"n": skp.versi},
            )
            return redirect(base.detail_url(skp))
    return _reason_page(
        request,
        skp,
        form,
        title=_("Propose a revision of %(title)s") % {"title": base.title_of(skp)},
        crumb=_("Propose a revision"),
        intro=_(
            "You can then change the RHK, indicators and attachments and submit the SKP again. Your assessing "
            "official reads the reason."
        ),
        submit_label=_("Propose the revision"),
    )


def _decidable(request, pk, action: str) -> SKP:
    """An SKP the user decides on now: 404 when they may not see it, 403 for anyone but its penilai in force."""
    skp = base.visible_skp(request, pk)
    base.forbid_unless(permissions.can(request.user, skp, action))
    return skp


def approve(request, pk):
    skp = base.full(_decidable(request, pk, rules.SETUJUI))
    form = forms.ApproveForm(request.POST or None, initial={"kunci": skp.kunci}, perilaku=skp.perilaku.all())
    if request.method == "POST" and form.is_valid():
        approved = run_service(
            form,
            lambda d: services.skp_approve(
                actor=request.user, skp=skp, kunci=d["kunci"], ekspektasi=form.ekspektasi()
            ),
        )
        if approved:
            messages.success(
                request,
                _("The SKP of %(name)s was approved; version %(n)s is now in force.")
                % {"name": approved.identitas_pegawai.get("nama", ""), "n": approved.versi},
            )
            return redirect(base.detail_url(approved))
    periods = {p.nomor: p.nama for p in selectors.periods_of(skp.tahun_kinerja)}
    return render(
        request,
        "planning/skp_approve.html",
        {
            "skp": skp,
            "form": form,
            "title": _("Approve %(title)s") % {"title": base.title_of(skp)},
            "groups": base.groups(skp, periods),
            "lampiran": [(label, base.lines(getattr(skp, name))) for name, label in base.LAMPIRAN.items()],
        },
    )


def return_skp(request, pk):
    skp = _decidable(request, pk, rules.KEMBALIKAN)
    form = forms.ReasonForm(request.POST or None, initial={"kunci": skp.kunci})
    form.fields["reason"].label = _("What must the employee change?")
    if request.method == "POST" and form.is_valid():
        returned = run_service(
            form,
            lambda d: services.skp_return(actor=request.user, skp=skp, kunci=d["kunci"], reason=d["reason"]),
        )
        if returned:
            messages.success(
                request,
                _("The SKP was returned to %(name)s.") % {"name": returned.identitas_pegawai.get("nama", "")},
            )
            return redirect(base.detail_url(returned))
    return _reason_page(
        request,
        skp,
        form,
        title=_("Return %(title)s") % {"title": base.title_of(skp)},
        crumb=_("Return"),
        intro=_("The employee sees your reason, changes the SKP and submits it again."),
        submit_label=_("Return the SKP"),
        danger=True,
    )
