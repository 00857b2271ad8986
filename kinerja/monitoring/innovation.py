"""The innovation log's workflow and what a submission needs (issue 13), as data and pure functions.

A pegawai writes an innovation as a draft and submits it to their pejabat penilai; the penilai verifies it or
returns it with a reason; a returned one is corrected and submitted again; a submitted one may be withdrawn to
the draft while it waits. A verified innovation is final: it counts on the pegawai's record of its year.
"""

from django.utils.translation import gettext_lazy

from kinerja.core import workflow
from kinerja.core.workflow import Transition

DRAF, DIAJUKAN, DIKEMBALIKAN, DIVERIFIKASI = "draf", "diajukan", "dikembalikan", "diverifikasi"
AJUKAN, TARIK, VERIFIKASI, KEMBALIKAN = "ajukan", "tarik", "verifikasi", "kembalikan"
PEGAWAI, PENILAI = "pegawai", "penilai"

WORKFLOW = workflow.Workflow(
    name="monitoring.inovasi",
    transitions=(
        Transition(AJUKAN, DRAF, DIAJUKAN, PEGAWAI),
        Transition(AJUKAN, DIKEMBALIKAN, DIAJUKAN, PEGAWAI),
        Transition(TARIK, DIAJUKAN, DRAF, PEGAWAI),
        Transition(VERIFIKASI, DIAJUKAN, DIVERIFIKASI, PENILAI),
        Transition(KEMBALIKAN, DIAJUKAN, DIKEMBALIKAN, PENILAI, needs_reason=True),
    ),
    not_now=gettext_lazy("This cannot be done while the innovation is %(status)s."),
)

# The states in which the pegawai edits it: those they may submit it from.
EDITABLE = WORKFLOW.sources(AJUKAN)
TEXTS = ("judul", "masalah", "perubahan", "dampak")


def missing(inovasi) -> list[str]:
    """The fields a submission still lacks (of an innovation, or anything with its fields as attributes): the four
    texts, and evidence (a file or a link)."""
    lacking = [name for name in TEXTS if not str(getattr(inovasi, name, "") or "").strip()]
    if not getattr(inovasi, "berkas", None) and not getattr(inovasi, "tautan", ""):
        lacking.append("bukti")
    return lacking
