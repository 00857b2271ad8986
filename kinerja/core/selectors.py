import datetime

from django.db.models import QuerySet

from kinerja.core.models import AuditEvent


def filter_audit_events(
    qs: QuerySet[AuditEvent],
    *,
    action: str = "",
    object_type: str = "",
    actor: str = "",
    pegawai_id: int | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[AuditEvent]:
    if action:
        qs = qs.filter(action__startswith=action)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if actor:
        qs = qs.filter(actor_label__icontains=actor)
    if pegawai_id:
        qs = qs.filter(pegawai_id=pegawai_id)
    if date_from:
        qs = qs.filter(created_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(created_at__date__lte=date_to)
    return qs.select_related("pegawai").order_by("-seq")
