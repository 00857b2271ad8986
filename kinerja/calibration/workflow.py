"""The workflows of a calibration session and of its proposals, as data (kinerja.core.workflow).

Members propose; the chair accepts or rejects (with reasons) each proposal, and closes the session, which applies
the accepted proposals (or lets lapse those whose evaluation can no longer be calibrated)."""

from django.utils.translation import gettext_lazy

from kinerja.calibration.models import StatusSesi, StatusUsulan
from kinerja.core import workflow
from kinerja.core.workflow import Transition

TUTUP = "tutup"
TERIMA, TOLAK, TERAPKAN, GUGUR = "terima", "tolak", "terapkan", "gugur"
KETUA = "ketua"

SESI = workflow.Workflow(
    name="calibration.sesi",
    transitions=(Transition(TUTUP, StatusSesi.DIBUKA, StatusSesi.DITUTUP, KETUA),),
    not_now=gettext_lazy("The session is %(status)s."),
)

USULAN = workflow.Workflow(
    name="calibration.usulan",
    transitions=(
        Transition(TERIMA, StatusUsulan.DIAJUKAN, StatusUsulan.DITERIMA, KETUA),
        Transition(TOLAK, StatusUsulan.DIAJUKAN, StatusUsulan.DITOLAK, KETUA, needs_reason=True),
        Transition(TERAPKAN, StatusUsulan.DITERIMA, StatusUsulan.DITERAPKAN, KETUA),
        Transition(GUGUR, StatusUsulan.DITERIMA, StatusUsulan.GUGUR, KETUA, needs_reason=True),
    ),
    not_now=gettext_lazy("This proposal is already %(status)s."),
)
