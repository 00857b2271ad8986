"""Who reads the distribution curve: those who read the instansi's evaluations as a whole (the BKPSDM, the tim
penilai kinerja, auditors, the superuser) and department administrators for their subtree, as the evaluation
recap."""

from kinerja.evaluation.permissions import can_read_recap, recap_paths


def can_read_curve(user, instansi_id: int | None) -> bool:
    return instansi_id is not None and can_read_recap(user, instansi_id)


# The unit subtrees the user's curve covers (None: the whole instansi): those of their recap.
curve_paths = recap_paths
