"""Every read of monitoring: the plan of each period (plan), and what the pages show."""

from kinerja.monitoring.selectors.plan import (  # noqa: F401
    PeriodPlan,
    covered_periods,
    input_until,
    is_open,
    penilai_of_period,
    plan_for,
    plans,
    reopenings,
)
from kinerja.monitoring.selectors.realisasi import (  # noqa: F401
    Due,
    IndikatorRow,
    PeriodView,
    RealisasiDetail,
    RealisasiPage,
    akumulasi_of,
    due_for,
    my_skps,
    plan_numbered,
    realisasi_detail,
    realisasi_of,
    realisasi_page,
)
