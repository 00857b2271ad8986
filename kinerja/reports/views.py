"""Monitoring pengisian: the instansi (or a department administrator's units) by perangkat daerah, drilled down
unit by unit to the people placed in a unit and their realisation page, for a year and one of its periods, and
the same table as a workbook. Read only; the filters live in the URL so a view can be shared."""

import datetime
from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path

from kinerja.accounts.permissions import access_of
from kinerja.core import clock, tabular
from kinerja.core.formats import parse_int
from kinerja.org.models import JenisJabatan, StatusPegawai
from kinerja.org.permissions import current_instansi
from kinerja.reports import capaian, permissions, rules, selectors


def _choose(items, pk, default):
    """The item with the pk asked for, the default when none was asked; 404 for one that is not there."""
    if pk is None:
        return default
    found = next((i for i in items if i.pk == pk), None)
    if found is None:
        raise Http404
    return found


def _report(request, open_single_top: bool = False):
    """(instansi, the report or None when no year is open, the years): the filters checked against the scope.
    With `open_single_top`, a view with a single unit at its top (a head of one unit, the administrator of one
    department) opens on that unit's units rather than on one row."""
    instansi = current_instansi(request)
    today = clock.today(instansi)
    paths = permissions.scope_of(request.user, instansi.pk, today)
    unit_id = parse_int(request.GET.get("unit"))
    unit = None
    if unit_id is not None:
        unit = selectors.scope_units(instansi.pk, paths).filter(pk=unit_id).first()
        if unit is None:
            raise Http404
    elif open_single_top and paths is not None and len(paths) == 1:
        unit = selectors.scope_units(instansi.pk, paths).filter(path=paths[0]).first()
    years = selectors.years_of(instansi.pk)
    default_year = next((y for y in years if y.tahun == today.year), years[0] if years else None)
    tahun = default_year
    asked_year = parse_int(request.GET.get("tahun"), low=1, high=9999)
    if asked_year is not None:
        tahun = next((y for y in years if y.tahun == asked_year), None)
        if tahun is None:
            raise Http404
    if tahun is None:
        return instansi, None, years
    periods = list(tahun.periode.order_by("nomor"))
    started = [p for p in periods if p.mulai <= today]
    default = started[-1] if started else (periods[0] if periods else None)
    periode = _choose(periods, parse_int(request.GET.get("periode")), default)
    on = min(today, datetime.date(tahun.tahun, 12, 31))
    report = selectors.pengisian(
        instansi_id=instansi.pk,
        tahun=tahun,
        periode=periode,
        periods=periods,
        on=on,
        paths=paths,
        unit=unit,
        saring=_saring(request),
    )
    return instansi, report, years


def _saring(request) -> selectors.Saring:
    """The filters of the URL; a value that is none of the choices is a 404, never a wider view."""
    jenis, status = request.GET.get("jenis", ""), request.GET.get("status", "")
    if (jenis and jenis not in JenisJabatan.values) or (status and status not in StatusPegawai.values):
        raise Http404
    return selectors.Saring(jenis=jenis, status=status)


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
    instansi, report, years = _report(request)
    context = _context(request, report, years, instansi)
    if _refreshing(request) and report is not None:
        return render(request, "reports/_pengisian_body.html", context)
    return render(request, "reports/pengisian.html", context)


def kinerja(request):
    """The leaders' dashboard: the same view, period and filters as monitoring pengisian, with the spread of
    capaian per unit, the units that lag and the people flagged by the early warning."""
    instansi, report, years = _report(request, open_single_top=True)
    context = _context(request, report, years, instansi)
    if report is not None:
        context["single_top"] = report.paths is not None and len(report.paths) == 1
        board = capaian.dashboard(report)
        context["board"] = board
        context.update(gap=rules.GAP, capaian_gap=rules.CAPAIAN_GAP, min_people=rules.MIN_PEOPLE)
        context["dialog_for"] = capaian.dialog_openable(
            board.warnings, access_of(request.user).pegawai_id, report.on
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
    JavaScript: it reads every approval, realisation and feedback of the year, the table does not wait for it."""
    _instansi, report, _years = _report(request)
    if report is None:
        raise Http404
    weeks = selectors.trend(
        report.instansi_id, report.tahun, report.on, report.paths, report.unit, report.saring
    )
    context = {
        "report": report,
        "base": _base_query(report),
        "trend": weeks,
        "bars": _bars(weeks, report.total.pegawai),
    }
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
    instansi, report, _years = _report(request)
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
