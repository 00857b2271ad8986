"""Calibration sessions: the list, opening one, the session page (results, proposals, the distribution before
and after), a member's proposal, the chair's decisions and the closing."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.accounts.permissions import access_of
from kinerja.calibration import permissions, services
from kinerja.calibration.forms import KetuaForm, SesiForm, TolakForm, UsulanForm
from kinerja.calibration.models import StatusUsulan
from kinerja.calibration.selectors import bias as bias_selectors
from kinerja.calibration.selectors import sesi as selectors
from kinerja.core import clock
from kinerja.core.views_util import act, confirm_action, form_page, submitted
from kinerja.criteria.rules import PREDIKAT, PREDIKAT_LABELS

PAGE_SIZE = 50


def daftar(request):
    access = access_of(request.user)
    sessions = permissions.sessions_visible_to(request.user).select_related("periode", "ketua")
    can_open = permissions.can_open_session(request.user, access.instansi_id)
    if not (can_open or access.reads_whole_instansi or access.superuser or sessions.exists()):
        raise PermissionDenied(
            _("Calibration sessions are for the evaluation team, the BKPSDM and the members of a session.")
        )
    context = {"sessions": list(sessions[:100]), "can_open": can_open}
    return render(request, "calibration/sesi_daftar.html", context)


def baru(request):
    instansi = request.user.instansi
    if not permissions.can_open_session(request.user, getattr(instansi, "pk", None)):
        raise PermissionDenied(_("Calibration sessions are opened by the evaluation team or the BKPSDM."))
    today = clock.today(instansi)
    form = SesiForm(request.POST or None, instansi=instansi, today=today, initial={"ketua": request.user.pk})
    done = submitted(
        request,
        form,
        lambda d: services.sesi_buka(actor=request.user, instansi=instansi, **form.values(d)),
        success=lambda s: _("The session “%(name)s” is open; its members are told.") % {"name": s.nama},
        then=lambda s: reverse("calibration:sesi", args=[s.pk]),
    )
    if done:
        return done
    return form_page(
        request,
        form,
        title=_("Open a calibration session"),
        cancel_url=reverse("calibration:daftar"),
        submit_label=_("Open the session"),
        intro=_(
            "The session covers the finalised results of the period (or the annual results) in the chosen units "
            "and the units below them. Members propose changes with reasons; the chair accepts or rejects each "
            "and closes the session, which applies the accepted changes. Each employee whose result changes "
            "reads the reason and may object."
        ),
    )


def _rows_query(request) -> tuple[str, str, bool]:
    term = request.GET.get("q", "").strip()[:100]
    predikat = request.GET.get("predikat", "")
    return term, predikat if predikat in PREDIKAT else "", request.GET.get("usulan") == "1"


def _flags(reports: dict, rater_id: int) -> list:
    """The bias flags of a rater in the session's span (none when not analysed)."""
    report = reports.get(rater_id)
    return report.flags if report else []


def sesi(request, pk: int):
    found = permissions.get_sesi_for_user_or_404(request.user, pk)
    today = clock.today(found.instansi)
    term, predikat, only_proposed = _rows_query(request)
    rows = selectors.filtered(selectors.evaluations_of(found), found, term, predikat, only_proposed)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    open_by = selectors.open_proposals_by_evaluation(found, [e.pk for e in page])
    proposals = selectors.proposals_of(found)
    # the raters' flags for those who weigh the results (members) and those who read the analytics anyway
    shown = permissions.is_member(request.user, found) or permissions.can_read_bias(
        request.user, found.instansi_id
    )
    reports = (
        bias_selectors.analysis(found.instansi_id, found.tahun, found.periode, today).reports if shown else {}
    )
    context = {
        "sesi": found,
        "units": list(found.units.all()),
        "members": list(found.anggota.all()),
        "ba": selectors.before_after(found, today),
        "proposals": [(u, permissions.usulan_actions(request.user, u)) for u in proposals],
        "waiting": sum(u.status == StatusUsulan.DIAJUKAN for u in proposals),
        "page": page,
        "rows": [(e, open_by.get(e.pk), _flags(reports, e.penilai_id)) for e in page],
        "query": urlencode({k: v for k, v in request.GET.items() if k != "page"}),
        "term": term,
        "predikat": predikat,
        "only_proposed": only_proposed,
        "predikat_labels": [(p, PREDIKAT_LABELS[p]) for p in PREDIKAT],
        "can_propose": permissions.can_propose(request.user, found),
        "is_ketua": permissions.is_ketua(request.user, found),
        "bias_links": permissions.can_read_bias(request.user, found.instansi_id),
        "me": access_of(request.user).pegawai_id,
        "can_manage": found.terbuka and permissions.can_open_session(request.user, found.instansi_id),
        "readable": permissions.readable_evaluations(request.user, [e.pk for e in page]),
    }
    return render(request, "calibration/sesi.html", context)


def usul(request, pk: int, evaluasi_pk: int):
    found = permissions.get_sesi_for_user_or_404(request.user, pk)
    if not permissions.is_member(request.user, found):
        raise PermissionDenied(_("Only the members of the session propose changes."))
    evaluasi = selectors.get_evaluation_or_404(found, evaluasi_pk)
    form = UsulanForm(
        request.POST or None,
        initial={
            "rating_hasil_kerja": evaluasi.rating_hasil_kerja,
            "rating_perilaku": evaluasi.rating_perilaku,
        },
    )
    back = reverse("calibration:sesi", args=[found.pk])
    done = submitted(
        request,
        form,
        lambda d: services.usulan_ajukan(actor=request.user, sesi=found, evaluasi=evaluasi, **d),
        success=_("The proposal was sent to the chair."),
        then=back,
    )
    if done:
        return done
    today = clock.today(found.instansi)
    reports = bias_selectors.analysis(found.instansi_id, found.tahun, found.periode, today).reports
    context = {
        "sesi": found,
        "e": evaluasi,
        "flags": _flags(reports, evaluasi.penilai_id),
        "form": form,
        "back": back,
        "evidence": selectors.evidence_of(evaluasi, today),
    }
    return render(request, "calibration/usul.html", context)


@require_POST
def terima(request, pk: int):
    usulan = permissions.get_usulan_for_user_or_404(request.user, pk)
    return act(
        request,
        lambda: services.usulan_terima(actor=request.user, usulan=usulan),
        success=_(
            "Accepted: the change is applied when you close the session; the assessing official is told."
        ),
        then=reverse("calibration:sesi", args=[usulan.sesi_id]) + "#usulan",
    )


def tolak(request, pk: int):
    usulan = permissions.get_usulan_for_user_or_404(request.user, pk)
    back = reverse("calibration:sesi", args=[usulan.sesi_id]) + "#usulan"
    if not permissions.is_ketua(request.user, usulan.sesi):
        raise PermissionDenied(_("Only the chair of the session decides proposals."))
    form = TolakForm(request.POST or None)
    done = submitted(
        request,
        form,
        lambda d: services.usulan_tolak(actor=request.user, usulan=usulan, **d),
        success=_("Rejected; the member who proposed it is told."),
        then=back,
    )
    if done:
        return done
    return form_page(
        request,
        form,
        title=_("Reject the proposal for %(name)s") % {"name": usulan.evaluasi.pegawai.nama_lengkap},
        cancel_url=back,
        submit_label=_("Reject"),
        intro=_("Proposed: predikat %(after)s instead of %(before)s. Reason given: %(reason)s")
        % {
            "after": usulan.get_predikat_display(),
            "before": PREDIKAT_LABELS.get(usulan.predikat_semula, "—"),
            "reason": usulan.alasan,
        },
    )


def tutup(request, pk: int):
    found = permissions.get_sesi_for_user_or_404(request.user, pk)
    if not permissions.is_ketua(request.user, found):
        raise PermissionDenied(_("Only the chair closes the session."))
    then = reverse("calibration:sesi", args=[found.pk])
    accepted = selectors.accepted_count(found)
    return confirm_action(
        request,
        lambda: services.sesi_tutup(actor=request.user, sesi=found),
        success=_("The session is closed; the accepted changes were applied and each employee is told."),
        then=then,
        title=_("Close “%(name)s”?") % {"name": found.nama},
        consequence=_(
            "%(n)s accepted changes are applied to the employees' results, each with its reason; each employee "
            "may then acknowledge the new result or object to it. Nothing more can be proposed."
        )
        % {"n": accepted},
        submit_label=_("Close the session"),
    )


def ketua(request, pk: int):
    found = permissions.get_sesi_for_user_or_404(request.user, pk)
    if not permissions.can_open_session(request.user, found.instansi_id):
        raise PermissionDenied(_("The chair is changed by the evaluation team or the BKPSDM."))
    back = reverse("calibration:sesi", args=[found.pk])
    form = KetuaForm(request.POST or None, instansi_id=found.instansi_id)
    done = submitted(
        request,
        form,
        lambda d: services.sesi_ganti_ketua(actor=request.user, sesi=found, **d),
        success=lambda s: (
            _("%(name)s now chairs the session; the previous chair stays a member.") % {"name": s.ketua.nama}
        ),
        then=back,
    )
    if done:
        return done
    return form_page(
        request,
        form,
        title=_("Change the chair of “%(name)s”") % {"name": found.nama},
        cancel_url=back,
        submit_label=_("Change the chair"),
        intro=_(
            "The chair decides the proposals and closes the session, which applies the accepted changes; the chair "
            "is a member of the evaluation team or the BKPSDM. Now: %(name)s."
        )
        % {"name": found.ketua.nama},
    )


urlpatterns = [
    path("sesi/", daftar, name="daftar"),
    path("sesi/baru/", baru, name="sesi_baru"),
    path("sesi/<int:pk>/", sesi, name="sesi"),
    path("sesi/<int:pk>/usul/<int:evaluasi_pk>/", usul, name="usul"),
    path("sesi/<int:pk>/tutup/", tutup, name="tutup"),
    path("sesi/<int:pk>/ketua/", ketua, name="ketua"),
    path("usulan/<int:pk>/terima/", terima, name="terima"),
    path("usulan/<int:pk>/tolak/", tolak, name="tolak"),
]
