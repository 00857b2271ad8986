import datetime

from django.db.models import Q, QuerySet

from kinerja.core.models import AuditEvent


def filter_given(qs: QuerySet, **lookups) -> QuerySet:
    """Apply the lookups that were given: a blank filter field (empty text, None, 0) means "any"."""
    return qs.filter(**{lookup: value for lookup, value in lookups.items() if value})


def filter_audit_events(
    qs: QuerySet[AuditEvent],
    *,
    action: str = "",
    object_type: str = "",
    actor_id: int | None = None,
    pegawai_id: int | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[AuditEvent]:
    """The events matching the filters given; `action` is a whole code or a group of them ("org.pegawai")."""
    if action:
        qs = qs.filter(Q(action=action) | Q(action__startswith=f"{action}."))
    qs = filter_given(
        qs,
        object_type=object_type,
        actor_id=actor_id,
        pegawai_id=pegawai_id,
        created_at__date__gte=date_from,
        created_at__date__lte=date_to,
    )
    return qs.order_by("-seq")
