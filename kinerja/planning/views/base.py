"""What the planning screens share: fetching an SKP the user may see (404) and act on (403), the button
POST with its `kunci`, the SKP's page around a form, the RHK table as the pages show it, badges and the year
of the query string."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.accounts.permissions import access_of
from kinerja.core import clock
from kinerja.core.formats import parse_int
from kinerja.core.views_util import confirm_first
from kinerja.planning import forms, permissions, selectors
from kinerja.planning.models import RHK, SKP, Indikator, JenisRHK, StatusSKP

STATUS_BADGE = {
    StatusSKP.DRAFT: "text-bg-secondary",
    StatusSKP.DIAJUKAN: "text-bg-primary",
    StatusSKP.DIKEMBALIKAN: "text-bg-danger",
    StatusSKP.DISETUJUI: "text-bg-success",
    StatusSKP.REVISI: "text-bg-warning",
}


LAMPIRAN = {
    "dukungan_sumber_daya": gettext_lazy("Resource support"),
    "skema_pertanggungjawaban": gettext_lazy("Accountability scheme"),
    "konsekuensi": gettext_lazy("Consequences"),
}


def visible_skp(request, pk) -> SKP:
    return permissions.get_skp_for_user_or_404(request.user, pk)


def forbid_unless(allowed: bool, reason: str = "") -> None:
    """403 when the permission layer said no (the object itself is visible); the error page shows `reason`."""
    if not allowed:
        raise PermissionDenied(reason) if reason else PermissionDenied


def why_not_act(user, skp: SKP) -> str:
    """Why the user may not change or move the SKP now, in the words of the error page."""
    if skp.berakhir:
        return _("This SKP has ended; it can no longer change.")
    if not permissions.is_owner(user, skp):
        return _("Only the employee can change their own SKP; you can read it.")
    if skp.status == StatusSKP.DIAJUKAN:
        return _("This SKP has been submitted; withdraw the submission to change it.")
    if skp.status == StatusSKP.DISETUJUI:
        return _("This SKP is approved; propose a revision to change it.")
    return _(
        "The SKP can only be changed while it is a draft, returned or under revision (now: %(status)s)."
    ) % {"status": skp.get_status_display()}


def editable_skp(request, pk) -> SKP:
    """An SKP whose content the user edits now: 404 when they may not see it, 403 when they may only read it."""
    skp = visible_skp(request, pk)
    if not permissions.can_edit(request.user, skp):
        forbid_unless(False, why_not_act(request.user, skp))
    return skp


def full(skp: SKP) -> SKP:
    """The same SKP with everything its pages show, in a fixed number of queries."""
    return selectors.skp_with_content(skp)


def detail_url(skp: SKP, anchor: str = "") -> str:
    url = reverse("planning:skp_detail", args=[skp.pk])
    return f"{url}#{anchor}" if anchor else url


def title_of(skp: SKP) -> str:
    return _("SKP %(year)s of %(name)s") % {"year": skp.tahun, "name": skp.identitas_pegawai.get("nama", "")}


def form_page(request, skp: SKP, form, *, title: str, cancel_url: str, **context):
    """The SKP's page around one form (planning/skp_form.html); `context` may add crumb, intro, submit_label,
    danger."""
    return render(
        request,
        "planning/skp_form.html",
        {"skp": skp, "form": form, "title": title, "cancel_url": cancel_url, **context},
    )


def kunci_of(request) -> int | None:
    form = forms.KunciForm(request.POST)
    return form.cleaned_data["kunci"] if form.is_valid() else None


def refused_kunci(request, skp: SKP):
    messages.error(request, _("The form was incomplete; nothing was changed. Reload the page and try again."))
    return redirect(detail_url(skp))


def error_messages(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def confirmed_button(
    request, skp: SKP, action, *, title: str, consequence: str, submit_label: str, **button_kw
):
    """A destructive button on the SKP page (delete, withdraw): the confirmation page first (it carries the
    `kunci` the button sent), then `button`."""
    page = confirm_first(
        request,
        title=title,
        consequence=consequence,
        submit_label=submit_label,
        cancel_url=detail_url(skp, button_kw.get("anchor", "")),
        keep={"kunci": request.POST.get("kunci") or skp.kunci},
    )
    if page:
        return page
    return button(request, skp, action, **button_kw)


def button(request, skp: SKP, action, *, success, anchor: str = "", refused: str = ""):
    """A button's POST on the SKP page: the SKP's `kunci` from the form, one service call, a message, and back
    to the SKP page. `success` is the message, or a function of the service's result giving it."""
    kunci = kunci_of(request)
    if kunci is None:
        return refused_kunci(request, skp)
    try:
        result = action(kunci)
    except ValidationError as exc:
        if refused:
            messages.error(request, refused)
        error_messages(request, exc)
    else:
        messages.success(request, success(result) if callable(success) else success)
    return redirect(detail_url(skp, anchor))


@dataclass
class IndikatorRow:
    indikator: Indikator
    target: str
    per_periode: list[tuple[str, str]]


@dataclass
class RHKRow:
    nomor: str
    rhk: RHK
    indikator: list[IndikatorRow]


@dataclass
class Group:
    label: str
    rows: list[RHKRow] = field(default_factory=list)
    perspektif: str = ""


def period_value(value: str, jenis_target: str) -> str:
    return selectors.period_target_text(value, jenis_target)


def groups(skp: SKP, period_names: dict[int, str]) -> list[Group]:
    """The RHK table: Utama then Tambahan; a JPT SKP puts its Utama RHK under their perspectives."""
    rows = [
        RHKRow(
            nomor,
            r,
            [
                IndikatorRow(
                    i,
                    selectors.target_text(i),
                    [
                        (
                            period_names.get(int(k), k) if str(k).isdigit() else k,
                            period_value(v, i.jenis_target),
                        )
                        for k, v in sorted(i.target_periode.items(), key=lambda kv: int(kv[0]))
                    ],
                )
                for i in r.indikator.all()
            ],
        )
        for nomor, r in selectors.rhk_rows(skp)
    ]
    utama = [r for r in rows if r.rhk.jenis == JenisRHK.UTAMA]
    tambahan = [r for r in rows if r.rhk.jenis != JenisRHK.UTAMA]
    groups = []
    if skp.jpt:
        choices = selectors.perspective_choices(skp)
        known = {kode for kode, _nama in choices}
        for kode, nama in choices:
            rows_of = [r for r in utama if r.rhk.perspektif == kode]
            groups.append(Group(f"{_('Main')} · {nama}", rows_of, perspektif=kode))
        rest = [r for r in utama if r.rhk.perspektif not in known]
        if rest:
            groups.append(Group(_("Main RHK without a perspective"), rest))
    else:
        groups.append(Group(_("Main"), utama))
    groups.append(Group(_("Additional"), tambahan))
    return groups


def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def year_of(request, value) -> int:
    """A year from the query string, else the current one where the user's instansi is."""
    year = parse_int(value, low=2000, high=2100)
    return year if year is not None else clock.today(request.user.instansi).year


def with_instansi(request, url: str, instansi) -> str:
    """Keep a superuser's choice of instansi on the links and redirects of the year screens."""
    return f"{url}?instansi={instansi.pk}" if access_of(request.user).superuser else url


def status_of(skp: SKP) -> dict:
    return {"label": skp.get_status_display(), "badge": STATUS_BADGE.get(skp.status, "text-bg-secondary")}
