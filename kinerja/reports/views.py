"""Monitoring pengisian: the instansi (or a department administrator's units) by perangkat daerah, drilled down
unit by unit to the people placed in a unit and their realisation page, for a year and one of its periods, and
the same table as a workbook. Read only; the filters live in the URL so a view can be shared."""

import datetime
from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path

from kinerja.core import clock, tabular
from kinerja.core.formats import parse_int
from kinerja.org.models import JenisJabatan, StatusPegawai
from kinerja.org.permissions import current_instansi
from kinerja.reports import permissions, selectors


def _choose(items, pk, default):
    """The item with the pk asked for, the default when none was asked; 404 for one that is not there."""
    if pk is None:
        return default
    found = next((i for i in items if i.pk == pk), None)
    if found is None:
        raise Http404
    return found


def _report(request):
    """(instansi, the report or None when no year is open, the years): the filters checked against the scope."""
    instansi = current_instansi(request)
    paths = permissions.scope_of(request.user, instansi.pk)
    today = clock.today(instansi)
    unit_id = parse_int(request.GET.get("unit"))
    unit = None
    if unit_id is not None:
        unit = selectors.scope_units(instansi.pk, paths).filter(pk=unit_id).first()
        if unit is None:
            raise Http404
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


def pengisian(request):
    instansi, report, years = _report(request)
    context: dict = {"report": report, "years": years, "instansi": instansi}
    if report is not None:
        context["base"] = _base_query(report)
        context["jenis_choices"] = JenisJabatan.choices
        context["status_choices"] = StatusPegawai.choices
        if report.unit is not None:
            context["people"] = selectors.people_of(
                report.unit, report.tahun, report.periode, report.on, report.saring
            )
    return render(request, "reports/pengisian.html", context)


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
]
