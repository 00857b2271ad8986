from kinerja.accounts.permissions import access_of


def navigation(request):
    """What the menu shows; each entry is also enforced on the server by the view it links to."""
    user = getattr(request, "user", None)
    access = access_of(user)
    return {
        "nav": {
            "is_admin": access.superuser or access.has("admin_bkpsdm") or bool(access.admin_unit_paths),
            "is_bkpsdm": access.superuser or access.has("admin_bkpsdm"),
            "sees_audit": access.authenticated,
            "is_pegawai": access.pegawai_id is not None,
            "roles": sorted(access.roles),
        }
    }
