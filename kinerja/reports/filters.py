"""The leaders' reports read their view from the request's query string, the same for the pages and the API: the
year, the period, the unit (inside the reader's scope), the kind of position and the staff status. A value that
names nothing, or a unit outside the scope, is a 404, never a wider view."""

import datetime
from dataclasses import dataclass

from django.http import Http404

from kinerja.core import clock
from kinerja.core.formats import parse_int
from kinerja.org.models import Instansi, JenisJabatan, StatusPegawai, UnitKerja
from kinerja.org.permissions import current_instansi
from kinerja.planning.models import Periode, TahunKinerja
from kinerja.reports import permissions, selectors


def _choose(items, pk, default):
    """The item with the pk asked for, the default when none was asked; 404 for one that is not there."""
    if pk is None:
        return default
    found = next((i for i in items if i.pk == pk), None)
    if found is None:
        raise Http404
    return found


@dataclass
class Pandangan:
    """A reader's view as the query string asks for it, checked against their scope."""

    instansi: Instansi
    years: list[TahunKinerja]
    tahun: TahunKinerja | None  # None: the instansi has opened no performance year
    periods: list[Periode]
    periode: Periode | None
    on: datetime.date  # people as placed on this day
    paths: list[str] | None  # the reader's scope (None: the whole instansi)
    unit: UnitKerja | None
    saring: selectors.Saring


def view_from(request, open_single_top: bool = False) -> Pandangan:
    """The view the query string asks for (year, period, unit, kind of position, staff status), checked against
    the reader's scope. With `open_single_top`, a view with a single unit at its top (a head of one unit, the
    administrator of one department) opens on that unit's units rather than on one row."""
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
    saring = saring_from(request)
    years = selectors.years_of(instansi.pk)
    tahun = next((y for y in years if y.tahun == today.year), years[0] if years else None)
    asked_year = parse_int(request.GET.get("tahun"), low=1, high=9999)
    if asked_year is not None:
        tahun = next((y for y in years if y.tahun == asked_year), None)
        if tahun is None:
            raise Http404
    if tahun is None:
        return Pandangan(instansi, years, None, [], None, today, paths, unit, saring)
    periods = list(tahun.periode.order_by("nomor"))
    started = [p for p in periods if p.mulai <= today]
    default = started[-1] if started else (periods[0] if periods else None)
    periode = _choose(periods, parse_int(request.GET.get("periode")), default)
    on = min(today, datetime.date(tahun.tahun, 12, 31))
    return Pandangan(instansi, years, tahun, periods, periode, on, paths, unit, saring)


def report_from(request, open_single_top: bool = False):
    """(instansi, the monitoring report of the view or None when no year is open, the years)."""
    view = view_from(request, open_single_top)
    if view.tahun is None:
        return view.instansi, None, view.years
    report = selectors.pengisian(
        instansi_id=view.instansi.pk,
        tahun=view.tahun,
        periode=view.periode,
        periods=view.periods,
        on=view.on,
        paths=view.paths,
        unit=view.unit,
        saring=view.saring,
    )
    return view.instansi, report, view.years


def saring_from(request) -> selectors.Saring:
    """The filters of the URL; a value that is none of the choices is a 404, never a wider view."""
    jenis, status = request.GET.get("jenis", ""), request.GET.get("status", "")
    if (jenis and jenis not in JenisJabatan.values) or (status and status not in StatusPegawai.values):
        raise Http404
    return selectors.Saring(jenis=jenis, status=status)
