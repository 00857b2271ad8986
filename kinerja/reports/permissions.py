"""Who reads the leaders' reports: the instansi-wide roles (admin BKPSDM, tim penilai, auditor) the whole instansi,
a department administrator the unit subtrees they administer, nobody else."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from kinerja.accounts.permissions import access_of


def scope_of(user, instansi_id: int) -> list[str] | None:
    """None for the whole instansi, or the unit paths the user administers; refused for anyone else."""
    access = access_of(user)
    if not access.in_instansi(instansi_id):
        raise PermissionDenied(
            _(
                "This report is for the BKPSDM, the evaluation team, the auditors and "
                "department administrators."
            )
        )
    if access.superuser or access.reads_whole_instansi:
        return None
    if access.admin_unit_paths:
        return list(access.admin_unit_paths)
    raise PermissionDenied(
        _("This report is for the BKPSDM, the evaluation team, the auditors and department administrators.")
    )


def can_read_reports(user) -> bool:
    access = access_of(user)
    return access.authenticated and (
        access.superuser or access.reads_whole_instansi or bool(access.admin_unit_paths)
    )
