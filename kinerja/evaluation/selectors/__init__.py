"""Reads of evaluation: the suggestion, the evaluation page, the penilai's queue, the history of a pegawai."""

from kinerja.evaluation.selectors.history import history_of, predikat_history
from kinerja.evaluation.selectors.page import (
    EvaluationPage,
    assessors_of,
    evaluation_page,
    organisation_result,
    period_end,
)
from kinerja.evaluation.selectors.queue import QueueItem, decisions_waiting, queue_of
from kinerja.evaluation.selectors.suggestion import (
    SaranEvaluasi,
    SaranIndikator,
    SaranRHK,
    annual_suggestion,
    bands_on,
    suggestion,
)

__all__ = [
    "EvaluationPage",
    "QueueItem",
    "SaranEvaluasi",
    "SaranIndikator",
    "SaranRHK",
    "annual_suggestion",
    "assessors_of",
    "bands_on",
    "decisions_waiting",
    "evaluation_page",
    "history_of",
    "organisation_result",
    "period_end",
    "predikat_history",
    "queue_of",
    "suggestion",
]
