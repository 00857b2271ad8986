"""Screens of one SKP: the pegawai drafts, submits, withdraws and revises it; the penilai approves or returns it;
everyone who may see it reads it, compares its versions and prints it.

Objects come only through permissions.get_skp_for_user_or_404 (404 when not visible); an action the user may
not take on a visible SKP answers 403. Every write is a POST carrying `kunci`, the SKP's change counter as the
page showed it, so that a change made meanwhile by someone else is refused instead of overwritten.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from kinerja.core import clock
from kinerja.core.errors import ApplicationError, apply_to_form
from kinerja.core.views_util import run_service
from kinerja.planning import forms, imports, permissions, rules, selectors, services
from kinerja.planning.models import RHK, SKP, Indikator, JenisRHK, JenisTarget, StatusSKP

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

STATUS_BADGE = {
    StatusSKP.DRAFT: "text-bg-secondary",
    StatusSKP.DIAJUKAN: "text-bg-primary",
    StatusSKP.DIKEMBALIKAN: "text-bg-danger",
    StatusSKP.DISETUJUI: "text-bg-success",
    StatusSKP.REVISI: "text-bg-warning",
}

# What each audit action of an SKP means on its timeline; workflow steps stand out from content edits.
EVENTS = {
    "planning.skp.start": (gettext_lazy("SKP started"), True),
    "planning.skp.ajukan": (gettext_lazy("Submitted to the assessing official"), True),
    "planning.skp.tarik": (gettext_lazy("Submission withdrawn"), True),
    "planning.skp.setujui": (gettext_lazy("Approved"), True),
    "planning.skp.kembalikan": (gettext_lazy("Returned to the employee"), True),
    "planning.skp.usul_revisi": (gettext_lazy("Revision proposed"), True),
    "planning.skp.reassign": (gettext_lazy("Assessing official set by the BKPSDM"), True),
    "planning.skp.extend": (gettext_lazy("Deadline extended"), True),
    "planning.skp.end": (gettext_lazy("SKP ended"), True),
    "planning.rhk.create": (gettext_lazy("RHK added"), False),
    "planning.rhk.update": (gettext_lazy("RHK changed"), False),
    "planning.rhk.delete": (gettext_lazy("RHK deleted"), False),
    "planning.rhk.import": (gettext_lazy("RHK imported"), False),
    "planning.indikator.create": (gettext_lazy("Indicator added"), False),
    "planning.indikator.update": (gettext_lazy("Indicator changed"), False),
    "planning.indikator.delete": (gettext_lazy("Indicator deleted"), False),
    "planning.lampiran.update": (gettext_lazy("Attachments changed"), False),
    "planning.ekspektasi.update": (gettext_lazy("Expectations of the leader written"), False),
}

CHANGE_KINDS = {
    "ditambah": gettext_lazy("added"),
    "dihapus": gettext_lazy("removed"),
    "diubah": gettext_lazy("changed"),
}
CHANGE_PARTS = {
    "rhk": gettext_lazy("RHK"),
    "indikator": gettext_lazy("Indicator"),
    "perilaku": gettext_lazy("Expectation of the leader"),
    "lampiran": gettext_lazy("Attachment"),
}
LAMPIRAN = {
    "dukungan_sumber_daya": gettext_lazy("Resource support"),
    "skema_pertanggungjawaban": gettext_lazy("Accountability scheme"),
    "konsekuensi": gettext_lazy("Consequences"),
}
DRAFT_VERSION = "draf"


# Fetching the SKP -------------------------------------------------------------------------------------------


def _skp(request, pk) -> SKP:
    return permissions.get_skp_for_user_or_404(request.user, pk)


def _allowed(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _editable(request, pk) -> SKP:
    """An SKP whose content the user edits now: 404 when they may not see it, 403 when they may only read it."""
    skp = _skp(request, pk)
    _allowed(permissions.can_edit(request.user, skp))
    return skp


def _full(skp: SKP) -> SKP:
    """The same SKP with everything its pages show, in a fixed number of queries."""
    return selectors.with_content(SKP.objects.filter(pk=skp.pk)).get()


def _detail_url(skp: SKP, anchor: str = "") -> str:
    url = reverse("planning:skp_detail", args=[skp.pk])
    return f"{url}#{anchor}" if anchor else url


def _title(skp: SKP) -> str:
    return _("SKP %(year)s of %(name)s") % {"year": skp.tahun, "name": skp.identitas_pegawai.get("nama", "")}


def _kunci(request) -> int | None:
    form = forms.KunciForm(request.POST)
    return form.cleaned_data["kunci"] if form.is_valid() else None


def _refused_kunci(request, skp: SKP):
    messages.error(request, _("The form was incomplete; nothing was changed. Reload the page and try again."))
    return redirect(_detail_url(skp))


def _error_messages(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _button(request, skp: SKP, action, *, success, anchor: str = "", refused: str = ""):
    """A button's POST on the SKP page: the SKP's `kunci` from the form, one service call, a message, and back
    to the SKP page. `success` is the message, or a function of the service's result giving it."""
    kunci = _kunci(request)
    if kunci is None:
        return _refused_kunci(request, skp)
    try:
        result = action(kunci)
    except ValidationError as exc:
        if refused:
            messages.error(request, refused)
        _error_messages(request, exc)
    else:
        messages.success(request, success(result) if callable(success) else success)
    return redirect(_detail_url(skp, anchor))


# What the pages show (plain data for the templates) ---------------------------------------------------------


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


def _period_value(value: str, jenis_target: str) -> str:
    if jenis_target != JenisTarget.ANGKA:
        return value
    try:
        return rules.format_angka(Decimal(value))
    except (InvalidOperation, ValueError):
        return value


def _groups(skp: SKP, period_names: dict[int, str]) -> list[Group]:
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
                            _period_value(v, i.jenis_target),
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


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _timeline(skp: SKP) -> list[dict]:
    # Actors are recorded by username, which is the NIP for pegawai: name the people the SKP knows.
    names = {}
    for ident in (skp.identitas_pegawai, skp.identitas_penilai, skp.identitas_atasan_penilai):
        if ident and ident.get("nip"):
            names[ident["nip"]] = ident.get("nama") or ident["nip"]
    result = []
    for event in selectors.history(skp):
        label, workflow = EVENTS.get(event.action, (event.action, False))
        result.append(
            {
                "event": event,
                "label": label,
                "workflow": workflow,
                "actor": names.get(event.actor_label, event.actor_label),
                "detail": event.object_repr.split(" · ", 1)[1] if " · " in event.object_repr else "",
            }
        )
    return result


def _identities(skp: SKP) -> list[tuple[str, dict]]:
    return [
        (_("Employee assessed"), skp.identitas_pegawai),
        (_("Assessing official"), skp.identitas_penilai),
        (_("Superior of the assessing official"), skp.identitas_atasan_penilai),
    ]


def _pegawai_of(request):
    """The user's own pegawai record (None for accounts that are not a pegawai)."""
    return request.user.pegawai if permissions.can_start(request.user) else None


# The pegawai's own SKP --------------------------------------------------------------------------------------


@login_required
def index(request):
    pegawai = _pegawai_of(request)
    if pegawai is None:
        return render(request, "planning/skp_index.html", {"pegawai": None})
    today = clock.today(pegawai.instansi)
    tahun = today.year
    this_year = selectors.skp_of(pegawai, tahun)
    open_skp = next((s for s in this_year if not s.berakhir), None)
    tahun_kinerja = selectors.tahun_of(pegawai.instansi_id, tahun)
    previous = selectors.previous_skp(pegawai, tahun) if open_skp is None else None
    older = [
        s
        for s in selectors.skp_list(permissions.skp_visible_to(request.user).filter(pegawai=pegawai))
        if s.tahun != tahun
    ]
    return render(
        request,
        "planning/skp_index.html",
        {
            "pegawai": pegawai,
            "tahun": tahun,
            "tahun_kinerja": tahun_kinerja,
            "rows": [(s, STATUS_BADGE[s.status], selectors.deadline_of(s)) for s in this_year],
            "open_skp": open_skp,
            "previous": previous,
            "start_form": forms.StartForm() if open_skp is None and tahun_kinerja else None,
            "older": [(s, STATUS_BADGE[s.status]) for s in older],
            "today": today,
        },
    )


@login_required
@require_POST
def start(request):
    pegawai = _pegawai_of(request)
    _allowed(pegawai is not None)
    form = forms.StartForm(request.POST)
    tahun = clock.today(pegawai.instansi).year
    copy = form.is_valid() and form.cleaned_data["salin"]
    try:
        skp = services.skp_start(
            actor=request.user,
            pegawai=pegawai,
            tahun=tahun,
            salin_dari=selectors.previous_skp(pegawai, tahun) if copy else None,
        )
    except ValidationError as exc:
        _error_messages(request, exc)
        return redirect("planning:index")
    messages.success(
        request, _("Your SKP %(year)s was started. Add its RHK, then submit it.") % {"year": tahun}
    )
    return redirect(_detail_url(skp))


@login_required
def skp_detail(request, pk):
    skp = _full(_skp(request, pk))
    user = request.user
    actions = permissions.actions(user, skp)
    # The pegawai edits the content in the states they may submit it from.
    can_edit = rules.AJUKAN in actions
    periods = {p.nomor: p.nama for p in selectors.periods_of(skp.tahun_kinerja)}
    context = {
        "skp": skp,
        "title": _title(skp),
        "badge": STATUS_BADGE[skp.status],
        "deadline": selectors.deadline_of(skp),
        "today": clock.today(skp.instansi),
        "identities": _identities(skp),
        "groups": _groups(skp, periods),
        "rhk_count": len(skp.rhk.all()),
        "perilaku": skp.perilaku.all(),
        "lampiran": [(label, _lines(getattr(skp, name))) for name, label in LAMPIRAN.items()],
        "timeline": _timeline(skp),
        "can_edit": can_edit,
        "can_withdraw": rules.TARIK in actions,
        "can_propose_revision": rules.USUL_REVISI in actions,
        "can_decide": rules.SETUJUI in actions,
        "can_administer": permissions.can_administer(user, skp),
        "problems": selectors.submission_problems(skp) if can_edit else [],
    }
    return render(request, "planning/skp_detail.html", context)


# Content ----------------------------------------------------------------------------------------------------


def _cascade_options(skp: SKP, current: RHK | None) -> dict[str, tuple[str, RHK]]:
    """The supervisor RHK this RHK may support, by id: (label with its number, RHK). The one it supports now
    stays in the list even when it is no longer allowed, so that the service can say why."""
    result = {str(r.pk): (f"{nomor}. {r.uraian}", r) for nomor, r in selectors.cascade_choices(skp)}
    if current is not None and current.rhk_atasan_id and str(current.rhk_atasan_id) not in result:
        atasan = current.rhk_atasan
        result[str(atasan.pk)] = (_("%(text)s (no longer available)") % {"text": atasan.uraian}, atasan)
    return result


@login_required
def rhk_edit(request, pk, rhk=None):
    skp = _editable(request, pk)
    item = get_object_or_404(RHK.objects.select_related("rhk_atasan"), pk=rhk, skp=skp) if rhk else None
    options = _cascade_options(skp, item)
    initial = {"kunci": skp.kunci}
    if item is not None:
        initial.update(
            jenis=item.jenis,
            uraian=item.uraian,
            rhk_atasan=str(item.rhk_atasan_id or ""),
            perspektif=item.perspektif,
        )
    form = forms.RHKForm(
        request.POST or None,
        initial=initial,
        options=[(value, label) for value, (label, _rhk) in options.items()],
        perspectives=selectors.perspective_choices(skp) if skp.jpt else None,
        no_penilai=selectors.effective_penilai_id(skp) is None,
    )
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            lambda d: services.rhk_save(
                actor=request.user,
                skp=skp,
                kunci=d["kunci"],
                uraian=d["uraian"],
                jenis=d["jenis"],
                rhk_atasan=options[d["rhk_atasan"]][1] if d["rhk_atasan"] else None,
                perspektif=d.get("perspektif", ""),
                rhk=item,
            ),
        )
        if saved:
            messages.success(request, _("The RHK was saved."))
            return redirect(_detail_url(skp, f"rhk-{saved.pk}"))
    title = _("New RHK") if item is None else _("Edit the RHK")
    return render(
        request,
        "planning/skp_form.html",
        {"skp": skp, "form": form, "title": title, "cancel_url": _detail_url(skp, "rhk")},
    )


@login_required
@require_POST
def rhk_delete(request, pk, rhk):
    skp = _editable(request, pk)
    item = get_object_or_404(RHK, pk=rhk, skp=skp)
    return _button(
        request,
        skp,
        lambda kunci: services.rhk_delete(actor=request.user, rhk=item, kunci=kunci),
        success=_("The RHK was deleted."),
        anchor="rhk",
    )


def _periode_initial(indikator: Indikator) -> dict:
    return {
        f"periode_{k}": _period_value(v, indikator.jenis_target) for k, v in indikator.target_periode.items()
    }


@login_required
def indikator_edit(request, pk, rhk=None, item=None):
    skp = _editable(request, pk)
    if item is not None:
        indikator = get_object_or_404(Indikator.objects.select_related("rhk"), pk=item, rhk__skp=skp)
        parent = indikator.rhk
    else:
        indikator = None
        parent = get_object_or_404(RHK, pk=rhk, skp=skp)
    initial = {"kunci": skp.kunci}
    if indikator is not None:
        initial.update(
            uraian=indikator.uraian,
            aspek=indikator.aspek,
            jenis_target=indikator.jenis_target,
            target=rules.format_angka(indikator.target_angka),
            satuan=indikator.satuan,
            arah=indikator.arah,
            target_teks=indikator.target_teks,
            **_periode_initial(indikator),
        )
    form = forms.IndikatorForm(
        request.POST or None, initial=initial, periods=selectors.periods_of(skp.tahun_kinerja)
    )
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            lambda d: services.indikator_save(
                actor=request.user, rhk=parent, kunci=d["kunci"], indikator=indikator, **form.values()
            ),
        )
        if saved:
            messages.success(request, _("The indicator was saved."))
            return redirect(_detail_url(skp, f"rhk-{parent.pk}"))
    title = _("New indicator") if indikator is None else _("Edit the indicator")
    return render(
        request,
        "planning/skp_indikator_form.html",
        {"skp": skp, "rhk": parent, "form": form, "title": title, "cancel_url": _detail_url(skp, "rhk")},
    )


@login_required
@require_POST
def indikator_delete(request, pk, item):
    skp = _editable(request, pk)
    indikator = get_object_or_404(Indikator.objects.select_related("rhk__skp"), pk=item, rhk__skp=skp)
    return _button(
        request,
        skp,
        lambda kunci: services.indikator_delete(actor=request.user, indikator=indikator, kunci=kunci),
        success=_("The indicator was deleted."),
        anchor=f"rhk-{indikator.rhk_id}",
    )


@login_required
def lampiran_edit(request, pk):
    skp = _editable(request, pk)
    form = forms.LampiranForm(
        request.POST or None,
        initial={"kunci": skp.kunci, **{name: getattr(skp, name) for name in LAMPIRAN}},
    )
    if request.method == "POST" and form.is_valid():
        if run_service(form, lambda d: services.lampiran_save(actor=request.user, skp=skp, **d)):
            messages.success(request, _("The attachments were saved."))
            return redirect(_detail_url(skp, "lampiran"))
    return render(
        request,
        "planning/skp_form.html",
        {
            "skp": skp,
            "form": form,
            "title": _("Attachments of the SKP"),
            "intro": _("Write one item per line; each line is printed as a numbered point."),
            "cancel_url": _detail_url(skp, "lampiran"),
        },
    )


# Workflow ---------------------------------------------------------------------------------------------------


def _penilai_name(skp: SKP) -> str:
    ident = skp.identitas_penilai or {}
    return ident.get("nama") or ident.get("jabatan") or _("your assessing official")


@login_required
@require_POST
def submit(request, pk):
    skp = _skp(request, pk)
    _allowed(permissions.can(request.user, skp, rules.AJUKAN))
    return _button(
        request,
        skp,
        lambda kunci: services.skp_submit(actor=request.user, skp=skp, kunci=kunci),
        success=lambda done: _("The SKP was submitted to %(name)s.") % {"name": _penilai_name(done)},
        refused=_("The SKP was not submitted:"),
    )


@login_required
@require_POST
def withdraw(request, pk):
    skp = _skp(request, pk)
    _allowed(permissions.can(request.user, skp, rules.TARIK))
    return _button(
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
            "cancel_url": _detail_url(skp),
        },
    )


@login_required
def revise(request, pk):
    skp = _skp(request, pk)
    _allowed(permissions.can(request.user, skp, rules.USUL_REVISI))
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
            return redirect(_detail_url(skp))
    return _reason_page(
        request,
        skp,
        form,
        title=_("Propose a revision of %(title)s") % {"title": _title(skp)},
        crumb=_("Propose a revision"),
        intro=_(
            "You can then change the RHK, indicators and attachments and submit the SKP again. Your assessing "
            "official reads the reason."
        ),
        submit_label=_("Propose the revision"),
    )


def _decidable(request, pk, action: str) -> SKP:
    """An SKP the user decides on now: 404 when they may not see it, 403 for anyone but its penilai in force."""
    skp = _skp(request, pk)
    _allowed(permissions.can(request.user, skp, action))
    return skp


@login_required
def approve(request, pk):
    skp = _full(_decidable(request, pk, rules.SETUJUI))
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
            return redirect(_detail_url(approved))
    periods = {p.nomor: p.nama for p in selectors.periods_of(skp.tahun_kinerja)}
    return render(
        request,
        "planning/skp_approve.html",
        {
            "skp": skp,
            "form": form,
            "title": _("Approve %(title)s") % {"title": _title(skp)},
            "groups": _groups(skp, periods),
            "lampiran": [(label, _lines(getattr(skp, name))) for name, label in LAMPIRAN.items()],
        },
    )


@login_required
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
            return redirect(_detail_url(returned))
    return _reason_page(
        request,
        skp,
        form,
        title=_("Return %(title)s") % {"title": _title(skp)},
        crumb=_("Return"),
        intro=_("The employee sees your reason, changes the SKP and submits it again."),
        submit_label=_("Return the SKP"),
        danger=True,
    )


# Versions and documents -------------------------------------------------------------------------------------


def _side(skp: SKP, by_number: dict, value: str):
    """One side of a comparison: a stored version by number, or the current draft ("draf")."""
    if value == DRAFT_VERSION:
        return _("Current content"), selectors.content_of(skp)
    if not value.isdigit() or int(value) not in by_number:
        raise Http404
    version = by_number[int(value)]
    return _("Version %(n)s") % {"n": version.nomor}, version.konten


def _changes(old: dict, new: dict) -> list[dict]:
    rows = []
    for c in rules.diff_versions(old, new):
        key = LAMPIRAN.get(c.kunci, c.kunci) if c.bagian == "lampiran" else c.kunci
        rows.append(
            {
                "part": CHANGE_PARTS.get(c.bagian, c.bagian),
                "item": key,
                "kind": c.jenis,
                "kind_label": CHANGE_KINDS.get(c.jenis, c.jenis),
                "before": c.sebelum,
                "after": c.sesudah,
            }
        )
    return rows


@login_required
def versions(request, pk):
    skp = _full(_skp(request, pk))
    stored = list(selectors.versions(skp))
    by_number = {v.nomor: v for v in stored}
    under_revision = bool(stored) and skp.status != StatusSKP.DISETUJUI
    a, b = request.GET.get("a", ""), request.GET.get("b", "")
    if not a and not b:
        if under_revision:
            a, b = str(stored[-1].nomor), DRAFT_VERSION
        elif len(stored) >= 2:
            a, b = str(stored[-2].nomor), str(stored[-1].nomor)
    if (a or b) and stored:
        a = a or str(stored[-1].nomor)
        b = b or (DRAFT_VERSION if under_revision else str(stored[-1].nomor))
    compare = None
    if a or b:
        (label_a, old), (label_b, new) = _side(skp, by_number, a), _side(skp, by_number, b)
        compare = {"a": a, "b": b, "label_a": label_a, "label_b": label_b, "changes": _changes(old, new)}
    return render(
        request,
        "planning/skp_versions.html",
        {
            "skp": skp,
            "title": _("Versions of %(title)s") % {"title": _title(skp)},
            "versions": stored,
            "under_revision": under_revision,
            "last": stored[-1] if stored else None,
            "compare": compare,
            "draft": DRAFT_VERSION,
        },
    )


@login_required
def pdf(request, pk):
    from kinerja.planning import documents

    skp = _full(_skp(request, pk))
    content, suffix = None, ""
    versi = request.GET.get("versi", "")
    if versi:
        stored = {v.nomor: v for v in selectors.versions(skp)}
        if not versi.isdigit() or int(versi) not in stored:
            raise Http404
        content, suffix = stored[int(versi)].konten, f"-v{versi}"
    response = HttpResponse(documents.skp_pdf(skp, content=content), content_type="application/pdf")
    name = f"SKP-{skp.pegawai.nip}-{skp.tahun}{suffix}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# Import of RHK ----------------------------------------------------------------------------------------------


def _upload_page(request, skp, form, status=200):
    return render(
        request,
        "planning/skp_import.html",
        {
            "skp": skp,
            "form": form,
            "header": imports.HEADER,
            "title": _("Import RHK into %(title)s") % {"title": _title(skp)},
        },
        status=status,
    )


def _preview_rows(result) -> tuple[list[dict], list]:
    """Every row of the file with its problems, grouped by RHK; problems of rows that form no RHK apart."""
    errors: dict[int, list] = {}
    for e in result.errors:
        errors.setdefault(e.baris, []).append(e)
    rows, shown = [], set()
    for item in result.items:
        for n, ind in enumerate(item["indikator"]):
            baris = ind.get("baris", item.get("baris"))
            shown.add(baris)
            rows.append({"item": item, "first": n == 0, "indikator": ind, "errors": errors.get(baris, [])})
        if not item["indikator"]:
            shown.add(item.get("baris"))
            rows.append(
                {"item": item, "first": True, "indikator": None, "errors": errors.get(item.get("baris"), [])}
            )
    rest = [e for baris, found in sorted(errors.items()) if baris not in shown for e in found]
    return rows, rest


@login_required
def import_upload(request, pk):
    skp = _editable(request, pk)
    form = forms.ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        berkas = form.cleaned_data["berkas"]
        try:
            result = imports.read(skp, name=berkas.name, data=berkas.read(settings.IMPORT_MAX_BYTES + 1))
        except ApplicationError as exc:
            apply_to_form(form, exc)
            return _upload_page(request, skp, form)
        rows, rest = _preview_rows(result)
        return render(
            request,
            "planning/skp_import_preview.html",
            {
                "skp": skp,
                "title": _("Check the import"),
                "file_name": berkas.name,
                "result": result,
                "rows": rows,
                "rest": rest,
                "apply_form": forms.ImportApplyForm(
                    initial={"kunci": skp.kunci, "token": imports.sign(skp, result)}
                )
                if result.ok
                else None,
            },
        )
    return _upload_page(request, skp, form)


@login_required
@require_POST
def import_apply(request, pk):
    skp = _editable(request, pk)
    form = forms.ImportApplyForm(request.POST)
    if not form.is_valid():
        return _refused_kunci(request, skp)
    try:
        count = services.rhk_import(
            actor=request.user,
            skp=skp,
            kunci=form.cleaned_data["kunci"],
            rows=imports.unsign(skp, form.cleaned_data["token"]),
        )
    except ValidationError as exc:
        _error_messages(request, exc)
        return redirect("planning:import", skp.pk)
    messages.success(
        request, ngettext("%(n)s RHK was imported.", "%(n)s RHK were imported.", count) % {"n": count}
    )
    return redirect(_detail_url(skp, "rhk"))


@login_required
def import_template(request):
    _allowed(permissions.can_start(request.user))
    response = HttpResponse(imports.template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="templat-rhk-skp.xlsx"'
    return response
