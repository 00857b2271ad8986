import datetime

from django.db.models import QuerySet

from kinerja.core.models import AuditEvent


def filter_given(qs: QuerySet, **lookups) -> QuerySet:
    """Apply the lookups that were given: a blank filter field (empty text, None, 0) means "any"."""
    return qs.filter(**{lookup: value for lookup, value in lookups.items() if value})


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
    qs = filter_given(
        qs,
        action__startswith=action,
        object_type=object_type,
        actor_label__icontains=actor,
        pegawai_id=pegawai_id,
        created_at__date__gte=date_from,
        created_at__date__lte=date_to,
    )
    return qs.select_related("pegawai").order_by("-seq")
