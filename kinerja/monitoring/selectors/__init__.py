"""Every read of monitoring: the plan of each period (plan), and what the pages show."""

from kinerja.monitoring.selectors import dialog, feedback  # noqa: F401
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
