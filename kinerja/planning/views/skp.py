"""The pages of one SKP: the pegawai's own SKP and starting one, the SKP page with its timeline, its versions
compared, its PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kinerja.core import clock, navigation
from kinerja.core.formats import parse_int
from kinerja.planning import forms, permissions, rules, selectors, services
from kinerja.planning.models import SKP, StatusSKP
from kinerja.planning.views import base

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
            "rows": [(s, base.STATUS_BADGE[s.status], selectors.deadline_of(s)) for s in this_year],
            "open_skp": open_skp,
            "previous": previous,
            "start_form": forms.StartForm() if open_skp is None and tahun_kinerja else None,
            "older": [(s, base.STATUS_BADGE[s.status]) for s in older],
            "today": today,
        },
    )


@require_POST
def start(request):
    pegawai = _pegawai_of(request)
    base.forbid_unless(pegawai is not None, _("Only an employee has an SKP of their own."))
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
        base.error_messages(request, exc)
        return redirect("planning:index")
    messages.success(
        request, _("Your SKP %(year)s was started. Add its RHK, then submit it.") % {"year": tahun}
    )
    return redirect(base.detail_url(skp))


def skp_detail(request, pk):
    skp = base.full(base.visible_skp(request, pk))
    user = request.user
    actions = permissions.actions(user, skp)
    # The pegawai edits the content in the states they may submit it from.
    can_edit = rules.AJUKAN in actions
    periods = {p.nomor: p.nama for p in selectors.periods_of(skp.tahun_kinerja)}
    context = {
        "skp": skp,
        "title": base.title_of(skp),
        "badge": base.STATUS_BADGE[skp.status],
        "deadline": selectors.deadline_of(skp),
        "today": clock.today(skp.instansi),
        "identities": _identities(skp),
        "groups": base.groups(skp, periods),
        "rhk_count": len(skp.rhk.all()),
        "perilaku": skp.perilaku.all(),
        "lampiran": [(label, base.lines(getattr(skp, name))) for name, label in base.LAMPIRAN.items()],
        "timeline": _timeline(skp),
        "can_edit": can_edit,
        "can_withdraw": rules.TARIK in actions,
        "can_propose_revision": rules.USUL_REVISI in actions,
        "can_decide": rules.SETUJUI in actions,
        "can_administer": permissions.can_administer(user, skp),
        "problems": selectors.submission_problems(skp) if can_edit else [],
        "panels": navigation.panels_for("skp", request, skp),
    }
    return render(request, "planning/skp_detail.html", context)


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


DRAFT_VERSION = "draf"


def _side(skp: SKP, by_number: dict, value: str):
    """One side of a comparison: a stored version by number, or the current draft ("draf")."""
    if value == DRAFT_VERSION:
        return _("Current content"), selectors.content_of(skp)
    number = parse_int(value)
    if number not in by_number:
        raise Http404
    version = by_number[number]
    return _("Version %(n)s") % {"n": version.nomor}, version.konten


def _changes(old: dict, new: dict) -> list[dict]:
    rows = []
    for c in rules.diff_versions(old, new):
        key = base.LAMPIRAN.get(c.kunci, c.kunci) if c.bagian == "lampiran" else c.kunci
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


def versions(request, pk):
    skp = base.full(base.visible_skp(request, pk))
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
            "title": _("Versions of %(title)s") % {"title": base.title_of(skp)},
            "versions": stored,
            "under_revision": under_revision,
            "last": stored[-1] if stored else None,
            "compare": compare,
            "draft": DRAFT_VERSION,
        },
    )


def pdf(request, pk):
    """The SKP as a PDF. An approved version (the last by default, or ?versi=n) prints as stored, with its
    document number, date and QR code; otherwise the current content prints as a draft."""
    from kinerja.core import verification
    from kinerja.planning import documents

    skp = base.full(base.visible_skp(request, pk))
    stored = {v.nomor: v for v in selectors.versions(skp)}
    versi = request.GET.get("versi", "")
    if versi:
        number = parse_int(versi)
        if number not in stored:
            raise Http404
        version = stored[number]
    else:
        version = stored[max(stored)] if stored and skp.status == StatusSKP.DISETUJUI else None
    content, stamp, suffix = None, None, ""
    if version is not None:
        issued = services.skp_issue_document(actor=request.user, skp=skp, versi=version)
        stamp = verification.stamp_of(issued, request.build_absolute_uri("/"))
        content = version.konten
        # An older version asked for by number is named so; the one in force keeps the plain name.
        suffix = f"-v{version.nomor}" if versi else ""
    response = HttpResponse(
        documents.skp_pdf(skp, content=content, stamp=stamp), content_type="application/pdf"
    )
    name = f"SKP-{skp.pegawai.nip}-{skp.tahun}{suffix}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
