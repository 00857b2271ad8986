"""Buttons and forms that move an SKP along the workflow: submit, withdraw, propose a revision, approve,
return."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.core.views_util import submitted
from kinerja.planning import forms, permissions, rules, selectors, services
from kinerja.planning.models import SKP
from kinerja.planning.views import base


def _penilai_name(skp: SKP) -> str:
    ident = skp.identitas_penilai or {}
    return ident.get("nama") or ident.get("jabatan") or _("your assessing official")


def _acting(request, pk, action: str) -> SKP:
    """An SKP the user takes `action` on now: 404 when they may not see it, 403 when they may not act."""
    skp = base.visible_skp(request, pk)
    if not permissions.can(request.user, skp, action):
        decides = action in (rules.SETUJUI, rules.KEMBALIKAN)
        if decides and skp.status == rules.DIAJUKAN and not skp.berakhir:
            base.forbid_unless(False, _("Only the assessing official in force decides on this SKP."))
        if decides:
            base.forbid_unless(
                False,
                _("This SKP is not waiting for a decision (now: %(status)s).")
                % {"status": skp.get_status_display()},
            )
        base.forbid_unless(False, base.why_not_act(request.user, skp))
    return skp


def _button(request, pk, action: str, service, **button):
    """A workflow step from a button on the SKP page (see base.button), for the user who may take it."""
    skp = _acting(request, pk, action)
    return base.button(
        request, skp, lambda kunci: service(actor=request.user, skp=skp, kunci=kunci), **button
    )


@require_POST
def submit(request, pk):
    return _button(
        request,
        pk,
        rules.AJUKAN,
        services.skp_submit,
        success=lambda done: _("The SKP was submitted to %(name)s.") % {"name": _penilai_name(done)},
        refused=_("The SKP was not submitted:"),
    )


@require_POST
def withdraw(request, pk):
    skp = _acting(request, pk, rules.TARIK)
    return base.confirmed_button(
        request,
        skp,
        lambda kunci: services.skp_withdraw(actor=request.user, skp=skp, kunci=kunci),
        title=_("Withdraw the submission?"),
        consequence=_(
            "The SKP goes back to draft: %(name)s no longer sees it among the SKP to approve until you submit "
            "it again."
        )
        % {"name": _penilai_name(skp)},
        submit_label=_("Yes, withdraw"),
        success=_("The submission was withdrawn; you can change the SKP again."),
    )


def _with_reason(request, pk, action: str, service, *, label: str, success, title: str, **page):
    """A workflow step that asks for a reason: its form, the service with the reason, back to the SKP page.
    `title` has a %(title)s for the SKP's title; `page` holds the crumb, intro, submit label and danger."""
    skp = _acting(request, pk, action)
    form = forms.ReasonForm(request.POST or None, initial={"kunci": skp.kunci})
    form.fields["reason"].label = label
    done = submitted(
        request,
        form,
        lambda d: service(actor=request.user, skp=skp, kunci=d["kunci"], reason=d["reason"]),
        success=success,
        then=base.detail_url,
    )
    if done:
        return done
    return base.form_page(
        request,
        skp,
        form,
        title=title % {"title": base.title_of(skp)},
        cancel_url=base.detail_url(skp),
        **page,
    )


def revise(request, pk):
    return _with_reason(
        request,
        pk,
        rules.USUL_REVISI,
        services.skp_propose_revision,
        label=_("Why must the approved SKP change?"),
        success=lambda revised: (
            _(
                "The SKP is open for revision. Version %(n)s stays in force until your assessing official "
                "approves the revised SKP."
            )
            % {"n": revised.versi}
        ),
        title=_("Propose a revision of %(title)s"),
        crumb=_("Propose a revision"),
        intro=_(
            "You can then change the RHK, indicators and attachments and submit the SKP again. Your assessing "
            "official reads the reason."
        ),
        submit_label=_("Propose the revision"),
    )


def approve(request, pk):
    skp = base.full(_acting(request, pk, rules.SETUJUI))
    form = forms.ApproveForm(request.POST or None, initial={"kunci": skp.kunci}, perilaku=skp.perilaku.all())
    done = submitted(
        request,
        form,
        lambda d: services.skp_approve(
            actor=request.user, skp=skp, kunci=d["kunci"], ekspektasi=form.ekspektasi()
        ),
        success=lambda approved: (
            _("The SKP of %(name)s was approved; version %(n)s is now in force.")
            % {"name": approved.identitas_pegawai.get("nama", ""), "n": approved.versi}
        ),
        then=base.detail_url,
    )
    if done:
        return done
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
    return _with_reason(
        request,
        pk,
        rules.KEMBALIKAN,
        services.skp_return,
        label=_("What must the employee change?"),
        success=lambda returned: (
            _("The SKP was returned to %(name)s.") % {"name": returned.identitas_pegawai.get("nama", "")}
        ),
        title=_("Return %(title)s"),
        crumb=_("Return"),
        intro=_("The employee sees your reason, changes the SKP and submits it again."),
        submit_label=_("Return the SKP"),
        danger=True,
    )
