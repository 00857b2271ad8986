"""Rater-bias analytics: the overview of every pejabat penilai of the instansi for a period or the year (the tim
penilai and the admin BKPSDM), and each rater's private page with their measures, each explained with its numbers,
and guidance on rating objectively (the rater, the tim penilai, the admin BKPSDM)."""

from collections import Counter

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import path
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from kinerja.accounts.permissions import access_of
from kinerja.calibration import bias, permissions
from kinerja.calibration.selectors import bias as selectors
from kinerja.evaluation.views.span import span_from
from kinerja.org.permissions import get_pegawai_for_user_or_404

PAGE_SIZE = 50


def _span_context(request, instansi) -> dict:
    """The span asked for; by default the whole year (every ended period: more employees per rater, and central
    tendency and halo need them)."""
    tahun, periode, periods, today = span_from(request, instansi)
    if not request.GET.get("periode"):
        periode = None
    return {
        "tahun": tahun,
        "periode": periode,
        "nomor": periode.nomor if periode else None,
        "periods": periods,
        "today": today,
        "years": list(range(today.year, today.year - 3, -1)),
        "span_query": urlencode({"tahun": tahun, "periode": periode.nomor if periode else "tahunan"}),
    }


def _departure(report: bias.RaterReport) -> float | None:
    """The rater's leniency (+) or severity (-) in rating steps, to two decimals."""
    effect = report.measures["leniency"].effect if "leniency" in report.measures else None
    return None if effect is None else round(effect, 2)


def _by_kind(reports) -> list[tuple[str, int]]:
    """(label, raters flagged) for each kind of flag raised in the span."""
    found = Counter(m.flag for r in reports for m in r.flags)
    return [(str(label), found[kind]) for kind, label in bias.FLAG_LABELS.items() if found[kind]]


def ikhtisar(request):
    instansi = request.user.instansi
    if not permissions.can_read_bias(request.user, getattr(instansi, "pk", None)) or instansi is None:
        raise PermissionDenied(_("The raters' analytics are for the evaluation team and the BKPSDM."))
    context = _span_context(request, instansi)
    found = selectors.analysis(instansi.pk, context["tahun"], context["periode"], context["today"])
    reports = sorted(found.reports.values(), key=lambda r: (-len(r.flags), r.too_few, -r.n, r.rater))
    only_flagged = request.GET.get("semua") != "1"
    shown = [r for r in reports if r.flags] if only_flagged else reports
    page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
    names = selectors.raters_named(r.rater for r in page)
    flagged = sum(1 for r in reports if r.flags)
    context.update(
        {
            "analysis": found,
            "page": page,
            "rows": [(r, names.get(r.rater), _departure(r)) for r in page],
            "flagged": flagged,
            "by_kind": _by_kind(reports),
            "too_few": sum(1 for r in reports if r.too_few),
            "only_flagged": only_flagged,
            "query": urlencode({k: v for k, v in request.GET.items() if k != "page"}),
            "min_sample": bias.MIN_SAMPLE,
        }
    )
    return render(request, "calibration/penilai_ikhtisar.html", context)


def penilai(request, pegawai_pk: int):
    rater = get_pegawai_for_user_or_404(request.user, pegawai_pk)
    if not permissions.can_read_rater(request.user, rater):
        raise PermissionDenied(
            _("A rater's analytics are for the rater, the evaluation team and the BKPSDM.")
        )
    context = _span_context(request, rater.instansi)
    found = selectors.analysis(rater.instansi_id, context["tahun"], context["periode"], context["today"])
    report = found.reports.get(rater.pk)
    context.update(
        {
            "rater": rater,
            "report": report,
            "measures": list(report.measures.values()) if report else [],
            "own": access_of(request.user).pegawai_id == rater.pk,
            "min_sample": bias.MIN_SAMPLE,
            "can_overview": permissions.can_read_bias(request.user, rater.instansi_id),
        }
    )
    return render(request, "calibration/penilai.html", context)


urlpatterns = [
    path("penilai/", ikhtisar, name="penilai_ikhtisar"),
    path("penilai/<int:pegawai_pk>/", penilai, name="penilai"),
]
