"""Every write of performance planning: opening a year, the SKP and its content, its workflow.

Each function is keyword-only, runs in one transaction, checks permission and state, writes an audit event and
either changes everything it should or nothing. Content writes take `kunci`, the SKP's change counter the user
saw: when someone else changed the SKP meanwhile the write is refused with a ConflictError. One module per
concern, all re-exported here: `from kinerja.planning import services; services.skp_submit(...)`.
"""

from kinerja.planning.services.administration import (
    skp_end_with_assignment,
    skp_extend_deadline,
    skp_reassign_penilai,
)
from kinerja.planning.services.content import (
    indikator_delete,
    indikator_save,
    lampiran_save,
    rhk_atasan_refused,
    rhk_delete,
    rhk_import,
    rhk_save,
)
from kinerja.planning.services.documents import (
    skp_issue_document,
)
from kinerja.planning.services.skp import (
    skp_start,
)
from kinerja.planning.services.workflow import (
    ekspektasi_save,
    skp_approve,
    skp_bulk_approve,
    skp_propose_revision,
    skp_return,
    skp_submit,
    skp_withdraw,
)
from kinerja.planning.services.years import (
    periode_update,
    tahun_open,
    tahun_update,
)

__all__ = [
    "ekspektasi_save",
    "indikator_delete",
    "indikator_save",
    "lampiran_save",
    "periode_update",
    "rhk_atasan_refused",
    "rhk_delete",
    "rhk_import",
    "rhk_save",
    "skp_approve",
    "skp_bulk_approve",
    "skp_end_with_assignment",
    "skp_extend_deadline",
    "skp_issue_document",
    "skp_propose_revision",
    "skp_reassign_penilai",
    "skp_return",
    "skp_start",
    "skp_submit",
    "skp_withdraw",
    "tahun_open",
    "tahun_update",
]
