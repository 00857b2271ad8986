from django.utils.functional import SimpleLazyObject

from kinerja.accounts.permissions import access_of, can_manage_roles, can_view_audit_trail


def navigation(request):
    """What the menu shows; each entry asks the permission the page it links to enforces.

    The counts (unread notifications, SKP waiting for a decision) are computed only when a template uses
    them: one query each, never per row."""
    user = getattr(request, "user", None)
    access = access_of(user)
    nav = {
        "manages_roles": access.instansi_id is not None and can_manage_roles(user, access.instansi_id),
        "sees_audit": can_view_audit_trail(user),
        "is_pegawai": access.pegawai_id is not None,
        "roles": sorted(access.roles),
    }
    if access.authenticated:
        nav["planning"] = SimpleLazyObject(lambda: _planning(user, access))
        nav["notifikasi"] = SimpleLazyObject(lambda: {"unread": _unread(user)})
    return {"nav": nav}


def _unread(user) -> int:
    from kinerja.core.notifications import unread_count

    return unread_count(user)


def _planning(user, access) -> dict:
    """The performance planning entries: my SKP, the inbox with its count, the administrators' screens."""
    from kinerja.planning import permissions, selectors, selectors_lead

    bkpsdm = permissions.can_manage_years(user, access.instansi_id)
    counts = selectors_lead.waiting_counts(
        pegawai_id=access.pegawai_id,
        ppk_instansi_id=access.instansi_id if bkpsdm else None,
        tahun=selectors.today().year,
    )
    return {
        "skp": permissions.can_start(user),
        "inbox": counts["memimpin"] or counts["menunggu"] > 0 or bkpsdm,
        "menunggu": counts["menunggu"] + counts["menunggu_ppk"],
        "years": bkpsdm,
        "list": permissions.can_export(user, access.instansi_id),
    }
