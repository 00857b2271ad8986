"""The portal's one write: recording that the audit trail left the system as a spreadsheet."""

from django.db.models import QuerySet

from kinerja.core import audit, tabular
from kinerja.core.models import AuditEvent
from kinerja.core.services import deny_unless
from kinerja.portal import audit_trail, permissions

SHEET = "Jejak audit"


def export_audit_trail(*, actor, events: QuerySet[AuditEvent], described: str) -> bytes:
    """The events (already narrowed to what the actor may see and filtered) as an .xlsx; the export itself is
    audited with the number of rows and the filter in words (`described`)."""
    deny_unless(permissions.can_export_audit_trail(actor))
    count = events.count()
    content = tabular.write_workbook(
        {SHEET: (audit_trail.export_header(), audit_trail.export_rows(events))},
        widths={SHEET: audit_trail.EXPORT_WIDTHS},
    )
    audit.record(
        actor=actor,
        action="portal.audit.export",
        object_type="core.auditevent",
        object_repr=SHEET,
        instansi=actor.instansi,
        changes={"baris": [None, count], "filter": [None, described]},
    )
    return content
