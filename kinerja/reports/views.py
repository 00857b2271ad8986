"""Monitoring pengisian: the instansi (or a department administrator's units) by perangkat daerah, drilled down
unit by unit to the people placed in a unit and their realisation page, for a year and one of its periods, and
the same table as a workbook. Read only; the filters live in the URL so a view can be shared."""

from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path

from kinerja.core import clock, tabular
from kinerja.org.models import JenisJabatan, StatusPegawai
from kinerja.reports import capaian, permissions, rules, selectors
from kinerja.reports.filters import report_from, view_from


def _base_query(report) -> str:
    """The filters every link of the page keeps (the unit is added by each link)."""
    values = {
        "tahun": report.tahun.tahun,
        "periode": report.periode.pk if report.periode else "",
        "jenis": report.saring.jenis,
        "status": report.saring.status,
    }
    return urlencode({k: v for k, v in values.items() if v != ""})


def _context(request, report, years, instansi) -> dict:
    context: dict = {"report": report, "years": years, "instansi": instansi}
    if report is not None:
        context["base"] = _base_query(report)
        unit = f"&unit={report.unit.pk}" if report.unit is not None else ""
        context["refresh_url"] = f"{request.path}?{context['base']}{unit}&segar=1"
        context["now"] = clock.now(instansi)
        context["jenis_choices"] = JenisJabatan.choices
        context["status_choices"] = StatusPegawai.choices
        if report.unit is not None:
            context["people"] = selectors.people_of(
                report.unit, report.tahun, report.periode, report.on, report.saring
            )
    return context


def _refreshing(request) -> bool:
    """Whether this is the page's own timed refresh (htmx), which gets the numbers without the page's frame."""
    return request.headers.get("HX-Request") == "true" and request.GET.get("segar") == "1"


def pengisian(request):
    instansi, report, years = report_from(request)
    context = _context(request, report, years, instansi)
    if _refreshing(request) and report is not None:
        return render(request, "reports/_pengisian_body.html", context)
    return render(request, "reports/pengisian.html", context)


def kinerja(request):
    """The leaders' dashboard: the same view, period and filters as monitoring pengisian, with the spread of
    capaian per unit, the units that lag and the people flagged by the early warning."""
    instansi, report, years = report_from(request, open_single_top=True)
    context = _context(request, report, years, instansi)
    if report is not None:
        context["single_top"] = report.paths is not None and len(report.paths) == 1
        board = capaian.dashboard(report)
        context["board"] = board
        context.update(gap=rules.GAP, capaian_gap=rules.CAPAIAN_GAP, min_people=rules.MIN_PEOPLE)
        context["dialog_for"] = permissions.dialog_openable(
            request.user, [w.skp for w in board.warnings], report.on
        )
        if report.unit is not None and report.periode is not None:
            people = context["people"]
            found = capaian.capaian_of([o.skp_id for o in people if o.skp_id], report.periode)
            context["people_capaian"] = [
                (o, found.get(o.skp_id), rules.band_of(found.get(o.skp_id), board.bands)) for o in people
            ]
    if _refreshing(request) and report is not None:
        return render(request, "reports/_kinerja_body.html", context)
    return render(request, "reports/kinerja.html", context)


def pengisian_trend(request):
    """The week-by-week part of the page, loaded after the table (htmx), or on a page of its own without
    JavaScript: it reads every approval, realisation and feedback of the year, the table does not wait for it.
    Of the table it needs only the number of people placed (one query, not the report)."""
    view = view_from(request)
    if view.tahun is None:
        raise Http404
    weeks = selectors.trend(view.instansi.pk, view.tahun, view.on, view.paths, view.unit, view.saring)
    placed = selectors.placed(view.instansi.pk, view.on, view.paths, view.unit, view.saring)
    context = {"report": view, "base": _base_query(view), "trend": weeks, "bars": _bars(weeks, placed)}
    if request.headers.get("HX-Request"):
        return render(request, "reports/_pengisian_trend.html", context)
    return render(request, "reports/pengisian_trend.html", context)


def _bars(weeks, pegawai: int) -> list[dict]:
    """The chart's bars: each week's approved SKP as a share of the people placed (0 to 100), 10 units wide."""
    bars = []
    for n, w in enumerate(weeks):
        h = min(100.0, round(100 * w.kumulatif / pegawai, 1)) if pegawai else 0.0
        bars.append({"x": n * 10, "y": round(100 - h, 1), "h": h, "minggu": w.mulai})
    return bars


def pengisian_export(request):
    instansi, report, _years = report_from(request)
    if report is None:
        raise Http404
    weeks = selectors.trend(
        report.instansi_id, report.tahun, report.on, report.paths, report.unit, report.saring
    )
    content = tabular.write_workbook(
        {
            "Pengisian": (selectors.EXPORT_HEADER, selectors.export_rows(report)),
            "Per minggu": (selectors.TREND_HEADER, selectors.trend_rows(weeks)),
        }
    )
    response = HttpResponse(content, content_type=tabular.XLSX)
    parts = ["pengisian", instansi.kode, str(report.tahun.tahun)]
    if report.periode is not None:
        parts.append(f"p{report.periode.nomor}")
    if report.unit is not None:
        parts.append(report.unit.kode)
    response["Content-Disposition"] = f'attachment; filename="{"-".join(parts)}.xlsx"'
    return response


urlpatterns: list = [
    path("pengisian/", pengisian, name="pengisian"),
    path("pengisian/unduh/", pengisian_export, name="pengisian_export"),
    path("pengisian/mingguan/", pengisian_trend, name="pengisian_trend"),
    path("kinerja/", kinerja, name="kinerja"),
]
