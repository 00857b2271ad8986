"""Every read of 360 feedback: who a round asks (`plan`), the questionnaire of a form, the to-do lists and response
rates (`progress`), the report of a participant and the competency profile (`report`). Reports read answers only
through feedback360.rules: peers and subordinates as aggregates of a group at the threshold, never one by one."""

from kinerja.feedback360.selectors.plan import RoundPlan, peer_candidates, plan_round
from kinerja.feedback360.selectors.progress import (
    forms_of,
    participations_of,
    peers_of,
    pending_count,
    rates_per_unit,
    rates_total,
    team_of,
    with_closed,
)
from kinerja.feedback360.selectors.questionnaire import Item, items_of, level_choices
from kinerja.feedback360.selectors.report import (
    Report,
    latest_report,
    profile_of,
    profile_rows,
    report_of,
)

__all__ = [
    "Item",
    "Report",
    "RoundPlan",
    "forms_of",
    "items_of",
    "latest_report",
    "level_choices",
    "participations_of",
    "peer_candidates",
    "peers_of",
    "pending_count",
    "plan_round",
    "profile_of",
    "profile_rows",
    "rates_per_unit",
    "rates_total",
    "report_of",
    "team_of",
    "with_closed",
]
