"""The evaluation's workflow as data (issue 15, DOMAIN 2.5).

The pejabat penilai saves drafts and finalises; the pegawai acknowledges the result or objects to it with reasons
(within the framework's days: the service's check); the atasan pejabat penilai decides the objection with
reasons, keeping or changing the result. An acknowledged or decided evaluation is locked, except that a
calibration session of the tim penilai kinerja may change a finalised or acknowledged result with reasons (issue
17): it is then finalised again, and the pegawai may acknowledge it or object to it like any result. A result
under objection, or whose objection was decided, is not calibrated.
"""

from django.utils.translation import gettext_lazy

from kinerja.core import workflow
from kinerja.core.workflow import Transition
from kinerja.evaluation.models import StatusEvaluasi as S

FINALKAN, TERIMA, KEBERATAN, PUTUS = "finalkan", "terima", "keberatan", "putus"
KALIBRASI = "kalibrasi"
PENILAI, PEGAWAI, ATASAN, TIM = "penilai", "pegawai", "atasan", "tim"

WORKFLOW = workflow.Workflow(
    name="evaluation.evaluasi",
    transitions=(
        Transition(FINALKAN, S.DRAF, S.FINAL, PENILAI),
        Transition(TERIMA, S.FINAL, S.DITERIMA, PEGAWAI),
        Transition(KEBERATAN, S.FINAL, S.KEBERATAN, PEGAWAI, needs_reason=True),
        Transition(PUTUS, S.KEBERATAN, S.DIPUTUS, ATASAN, needs_reason=True),
        Transition(KALIBRASI, S.FINAL, S.FINAL, TIM, needs_reason=True),
        Transition(KALIBRASI, S.DITERIMA, S.FINAL, TIM, needs_reason=True),
    ),
    not_now=gettext_lazy("This cannot be done while the evaluation is %(status)s."),
)

EDITABLE = WORKFLOW.sources(FINALKAN)  # the penilai changes the ratings while it is a draft
LOCKED = frozenset({S.DITERIMA, S.DIPUTUS})  # for the penilai and the pegawai
CALIBRATED = WORKFLOW.sources(KALIBRASI)
