"""Calibration (issue 17) for `bench/run.py`: the rater-bias analysis of the last ended period and of the year over
the whole instansi, computed (cold cache) and read again (warm), with its evaluations and raters; and the pages
with the queries each runs: the curve, the raters' overview, a rater's page, the demo's open session and a
proposal page."""

import time

from django.db import connection
from django.test.utils import CaptureQueriesContext


def calibration(results: dict, args, pages_with_queries) -> None:
    from django.core.cache import cache

    from kinerja.accounts.models import User
    from kinerja.calibration.models import SesiKalibrasi, StatusSesi
    from kinerja.calibration.selectors import bias
    from kinerja.calibration.selectors import sesi as sesi_selectors
    from kinerja.core import clock
    from kinerja.evaluation.selectors.lookups import ended_periods

    tim = User.objects.get(username="tim.penilai")
    instansi = tim.instansi
    today = clock.today(instansi)
    periode = ended_periods(instansi.pk, today)[-1]
    for name, span in (("period", periode), ("year", None)):
        cache.clear()
        connection.queries_log.clear()  # the demo load filled the log: a capture would count from its end
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            found = bias.analysis(instansi.pk, today.year, span, today)
            results[f"calibration_bias_{name}_cold_s"] = round(time.perf_counter() - started, 2)
        results[f"calibration_bias_{name}_cold_queries"] = len(queries.captured_queries)
        results[f"calibration_bias_{name}_evaluations"] = found.evaluations
        results[f"calibration_bias_{name}_raters"] = found.raters
        results[f"calibration_bias_{name}_flagged"] = sum(1 for r in found.reports.values() if r.flags)
        started = time.perf_counter()
        bias.analysis(instansi.pk, today.year, span, today)
        results[f"calibration_bias_{name}_warm_ms"] = round((time.perf_counter() - started) * 1000, 1)

    opened = SesiKalibrasi.objects.get(instansi=instansi, status=StatusSesi.DIBUKA)
    target = sesi_selectors.evaluations_of(opened).first()
    rater = next(r for r in found.reports.values() if r.flags)
    pages = {
        "calibration_curve": (tim.username, "/kalibrasi/kurva/"),
        "calibration_raters": (tim.username, "/kalibrasi/penilai/"),
        "calibration_rater": (tim.username, f"/kalibrasi/penilai/{rater.rater}/"),
        "calibration_session": (tim.username, f"/kalibrasi/sesi/{opened.pk}/"),
        "calibration_proposal": (tim.username, f"/kalibrasi/sesi/{opened.pk}/usul/{target.pk}/"),
    }
    results["calibration_session_results"] = sesi_selectors.evaluations_of(opened).count()
    pages_with_queries(results, pages, args.repeat)
