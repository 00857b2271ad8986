"""The year and period a list page of evaluation is asked for (?tahun=, ?periode=<nomor>|tahunan): by default the
last period that has ended; the year alone (no period) for "tahunan"."""

import datetime

from kinerja.core import clock
from kinerja.core.formats import parse_int
from kinerja.evaluation.selectors import lookups
from kinerja.planning.models import Periode


def span_from(request, instansi) -> tuple[int, Periode | None, list[Periode], datetime.date]:
    """(year, period or None for the year, the year's periods, today where the instansi is)."""
    today = clock.today(instansi)
    tahun = parse_int(request.GET.get("tahun"), low=today.year - 5, high=today.year) or today.year
    periods = lookups.periods_of_year(instansi.pk, tahun)
    asked = request.GET.get("periode", "")
    if asked == "tahunan":
        return tahun, None, periods, today
    periode = next((p for p in periods if p.nomor == parse_int(asked)), None)
    if periode is None:
        ended = [p for p in periods if p.selesai < today]
        periode = ended[-1] if ended else (periods[0] if periods else None)
    return tahun, periode, periods, today
