"""Monitoring pengisian: the instansi (or a department administrator's units) by perangkat daerah, drilled down
unit by unit, for a year and one of its periods. Read only; the filters live in the URL so a view can be shared."""

import datetime

from django.http import Http404
from django.shortcuts import render
from django.urls import path

from kinerja.core import clock
from kinerja.core.formats import parse_int
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


def pengisian(request):
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
    asked_year = parse_int(request.GET.get("tahun"), low=1, high=9999)
    default_year = next((y for y in years if y.tahun == today.year), years[0] if years else None)
    if asked_year is not None:
        tahun = next((y for y in years if y.tahun == asked_year), None)
        if tahun is None:
            raise Http404
    else:
        tahun = default_year
    if tahun is None:
        return render(request, "reports/pengisian.html", {"report": None})
    periods = list(tahun.periode.order_by("nomor"))
    started = [p for p in periods if p.mulai <= today]
    periode = _choose(
        periods, parse_int(request.GET.get("periode")), started[-1] if started else (periods or [None])[0]
    )
    on = min(today, datetime.date(tahun.tahun, 12, 31))
    report = selectors.pengisian(
        instansi_id=instansi.pk, tahun=tahun, periode=periode, periods=periods, on=on, paths=paths, unit=unit
    )
    query = {"tahun": tahun.tahun, "periode": periode.pk if periode else ""}
    return render(
        request,
        "reports/pengisian.html",
        {"report": report, "years": years, "query": query, "instansi": instansi},
    )


urlpatterns: list = [path("pengisian/", pengisian, name="pengisian")]
