"""What the home cards of planning read: who returned an SKP and when, the year's next date, the year's state."""

import datetime

from django.db.models import Q, QuerySet

from kinerja.core.models import AuditEvent
from kinerja.planning import rules
from kinerja.planning.models import SKP, Periode, TahunKinerja
from kinerja.planning.selectors.lists import status_counts


def last_return(skp: SKP) -> AuditEvent | None:
    """The workflow event that returned the SKP most recently (who returned it, when, why), with its actor."""
    return (
        AuditEvent.objects.filter(
            object_type="planning.skp", object_id=str(skp.pk), action=f"planning.skp.{rules.KEMBALIKAN}"
        )
        .select_related("actor", "actor__pegawai")
        .order_by("-seq")
        .first()
    )


def next_period(tahun_kinerja: TahunKinerja, today: datetime.date) -> Periode | None:
    """The evaluation period whose realisations are due next: the first whose input deadline is not past."""
    return tahun_kinerja.periode.filter(tenggat_input__gte=today).order_by("nomor").first()


def year_state(qs: QuerySet[SKP], tahun: int) -> dict[str, int]:
    """How many of the SKP of the year are in each status (ended ones left out), in one query."""
    return status_counts(qs.filter(Q(tahun_kinerja__tahun=tahun), berakhir=False))
