"""Who reads the distribution curve: those who read the instansi's evaluations as a whole (the BKPSDM, the tim
penilai kinerja, auditors, the superuser) and department administrators for their subtree, as the evaluation
recap."""

from kinerja.accounts.permissions import access_of
from kinerja.evaluation.permissions import can_read_recap


def can_read_curve(user, instansi_id: int | None) -> bool:
    return instansi_id is not None and can_read_recap(user, instansi_id)


def curve_paths(user) -> list[str] | None:
    """The unit subtrees the user's curve covers (None: the whole instansi)."""
    access = access_of(user)
    return None if (access.superuser or access.reads_whole_instansi) else list(access.admin_unit_paths)
