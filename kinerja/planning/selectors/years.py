"""Performance years and their evaluation periods."""

from django.db.models import QuerySet

from kinerja.planning.models import Periode, TahunKinerja


def tahun_of(instansi_id: int, tahun: int) -> TahunKinerja | None:
    return TahunKinerja.objects.filter(instansi_id=instansi_id, tahun=tahun).first()


def years(instansi_id: int) -> QuerySet[TahunKinerja]:
    return TahunKinerja.objects.filter(instansi_id=instansi_id).prefetch_related("periode").order_by("-tahun")


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
