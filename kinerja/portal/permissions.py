"""Who sees which audit events."""

from django.db.models import Q, QuerySet

from kinerja.accounts.models import Role
from kinerja.accounts.permissions import access_of
from kinerja.core.models import AuditEvent
from kinerja.org.permissions import pegawai_visible_to


def audit_events_visible_to(user) -> QuerySet[AuditEvent]:
    """Admin BKPSDM and auditors: the whole instansi. Department admins: what they did and their pegawai.
    Everyone: the events about their own records."""
    access = access_of(user)
    if access.superuser:
        return AuditEvent.objects.all()
    if not access.authenticated:
        return AuditEvent.objects.none()
    if access.has(Role.ADMIN_BKPSDM, Role.AUDITOR) and access.instansi_id is not None:
        return AuditEvent.objects.filter(instansi_id=access.instansi_id)
    visible = Q(pegawai_id=access.pegawai_id) if access.pegawai_id else Q(pk__in=[])
    if access.admin_unit_paths:
        visible |= Q(actor_id=access.user_id) | Q(pegawai__in=pegawai_visible_to(user))
    return AuditEvent.objects.filter(visible)


def sees_whole_trail(user) -> bool:
    access = access_of(user)
    return access.superuser or access.has(Role.ADMIN_BKPSDM, Role.AUDITOR)


def can_export_audit_trail(user) -> bool:
    """The export is the auditor's tool: for those who read the whole trail of their instansi."""
    return sees_whole_trail(user)
