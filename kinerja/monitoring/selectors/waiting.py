"""When a realisasi waits for the penilai's feedback: one rule for the queue, the team page and the reminders.
Each applies it to its own scope (the queue: every period the penilai assesses, newest first, at most 300 rows;
the team page: the current period; the reminders: the period due, for the penilai the SKP records), so their
counts differ only by that scope.

A realisasi waits when it has no message yet, when its latest message is the pegawai's (a reply the penilai has
not answered), or when it was changed after its latest message (a new value to look at). New or withdrawn
evidence does not count as a change: it does not touch the realisasi."""

from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, F, OuterRef, Q, QuerySet, Subquery

from kinerja.monitoring.models import PeranUmpanBalik, Realisasi, UmpanBalik

# The realisations with the annotations below (`terakhir_peran`, `terakhir_at`, `menunggu`): typed loosely, as the
# type checker cannot follow annotations made in another function.
Annotated = QuerySet[Any]

WAITING = (
    Q(terakhir_at__isnull=True)
    | Q(terakhir_peran=PeranUmpanBalik.PEGAWAI)
    | Q(updated_at__gt=F("terakhir_at"))
)


def with_last_message(realisations: QuerySet[Realisasi]) -> Annotated:
    """The realisations with the role (`terakhir_peran`) and moment (`terakhir_at`) of their latest message."""
    last = UmpanBalik.objects.filter(realisasi=OuterRef("pk")).order_by("-created_at", "-pk")
    return realisations.annotate(
        terakhir_peran=Subquery(last.values("peran")[:1]),
        terakhir_at=Subquery(last.values("created_at")[:1]),
    )


def waiting(realisations: QuerySet[Realisasi]) -> Annotated:
    """Those of the realisations that wait for the penilai's feedback."""
    return with_last_message(realisations).filter(WAITING)


def flagged(realisations: QuerySet[Realisasi]) -> Annotated:
    """The realisations, each with `menunggu` saying whether it waits for the penilai's feedback."""
    return with_last_message(realisations).annotate(
        menunggu=ExpressionWrapper(WAITING, output_field=BooleanField())
    )
