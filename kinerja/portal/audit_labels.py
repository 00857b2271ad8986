"""The words of the portal's own audit events (kinerja.core.audit_labels)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "portal.audit.export": _("Audit trail exported"),
}

FIELDS = {
    "core.auditevent.baris": _("rows"),
    "core.auditevent.filter": _("filter"),
}
