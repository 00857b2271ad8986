"""The words of the accounts app's audit events (kinerja.core.audit_labels)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "accounts.user.create": _("Account created"),
    "accounts.user.temporary_password": _("Temporary password issued"),
    "accounts.user.password_change": _("Password changed"),
    "accounts.user.password_reset": _("Password reset through e-mail"),
    "accounts.role.grant": _("Role granted"),
    "accounts.role.revoke": _("Role revoked"),
    "accounts.token.create": _("API token created"),
    "accounts.token.revoke": _("API token revoked"),
    "accounts.login.locked": _("Login locked after repeated failures"),
}
