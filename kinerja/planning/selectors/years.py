"""Performance years and their evaluation periods."""

import datetime

from django.db.models import QuerySet

from kinerja.criteria import selectors as criteria_selectors
from kinerja.planning import rules
from kinerja.planning.models import Periode, TahunKinerja


def tahun_of(instansi_id: int, tahun: int) -> TahunKinerja | None:
    return TahunKinerja.objects.filter(instansi_id=instansi_id, tahun=tahun).first()


def years(instansi_id: int) -> QuerySet[TahunKinerja]:
    return TahunKinerja.objects.filter(instansi_id=instansi_id).prefetch_related("periode").order_by("-tahun")


def framework_skp_deadline(tahun_kinerja: TahunKinerja) -> datetime.date | None:
    """The SKP deadline that the framework in force gives the year (the default it was opened with, unless one
    was chosen); the year's own deadline is the one in force. None when no framework is published."""
    kerangka = criteria_selectors.in_force(
        tahun_kinerja.instansi_id, datetime.date(tahun_kinerja.tahun, 12, 31)
    )
    return (
        None if kerangka is None else rules.framework_skp_deadline(kerangka.tenggat_skp, tahun_kinerja.tahun)
    )


def periods_of(tahun_kinerja: TahunKinerja) -> QuerySet[Periode]:
    return tahun_kinerja.periode.order_by("nomor")


def year_numbers(instansi_id: int) -> list[int]:
    return list(
        TahunKinerja.objects.filter(instansi_id=instansi_id)
        .order_by("-tahun")
        .values_list("tahun", flat=True)
    )


def periods_in(years: QuerySet[TahunKinerja]) -> QuerySet[Periode]:
    return Periode.objects.filter(tahun_kinerja__in=years).select_related(
        "tahun_kinerja", "tahun_kinerja__instansi"
    )
