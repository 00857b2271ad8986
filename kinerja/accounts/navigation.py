"""The accounts' menu entry (registered in AccountsConfig.ready)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.accounts.permissions import access_of, can_manage_roles
from kinerja.core.navigation import MenuItem


def roles_menu(request) -> list[MenuItem]:
    """The Roles page, for those who may grant roles in their instansi."""
    access = access_of(request.user)
    if access.instansi_id is None or not can_manage_roles(request.user, access.instansi_id):
        return []
    return [MenuItem(_("Roles"), reverse("accounts:role_list"))]
