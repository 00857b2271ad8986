from kinerja.accounts.permissions import access_of, can_manage_roles, can_view_audit_trail


def navigation(request):
    """What the menu shows; each entry asks the permission the page it links to enforces."""
    user = getattr(request, "user", None)
    access = access_of(user)
    return {
        "nav": {
            "manages_roles": access.instansi_id is not None and can_manage_roles(user, access.instansi_id),
            "sees_audit": can_view_audit_trail(user),
            "is_pegawai": access.pegawai_id is not None,
            "roles": sorted(access.roles),
        }
    }
