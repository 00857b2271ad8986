"""The small reads of evaluation's views and API: a period by number, the evaluation of an SKP's span, the
periods of a year, units and organisation results."""

from django.shortcuts import get_object_or_404

from kinerja.evaluation.models import Evaluasi, HasilOrganisasi
from kinerja.org.models import UnitKerja
from kinerja.planning.models import SKP, Periode


def get_periode_or_404(tahun_kinerja_id: int, nomor: int) -> Periode:
    return get_object_or_404(Periode, tahun_kinerja_id=tahun_kinerja_id, nomor=nomor)


def get_periode_of_year_or_404(instansi_id: int, tahun: int, nomor: int) -> Periode:
    return get_object_or_404(
        Periode, tahun_kinerja__instansi_id=instansi_id, tahun_kinerja__tahun=tahun, nomor=nomor
    )


def evaluation_of(skp: SKP, periode: Periode | None) -> Evaluasi | None:
    return Evaluasi.objects.filter(skp=skp, periode=periode).first()


def periods_of_year(instansi_id: int, tahun: int) -> list[Periode]:
    return list(
        Periode.objects.filter(tahun_kinerja__instansi_id=instansi_id, tahun_kinerja__tahun=tahun).order_by(
            "nomor"
        )
    )


def get_unit_or_404(instansi_id: int | None, pk: int) -> UnitKerja:
    return get_object_or_404(UnitKerja, pk=pk, instansi_id=instansi_id)


def results_by_unit(units, tahun: int, periode: Periode | None) -> dict[int, HasilOrganisasi]:
    found = HasilOrganisasi.objects.filter(unit__in=units, tahun=tahun, periode=periode)
    return {h.unit_id: h for h in found}


def result_of(unit: UnitKerja, tahun: int, periode: Periode | None) -> HasilOrganisasi | None:
    return HasilOrganisasi.objects.filter(unit=unit, tahun=tahun, periode=periode).first()


def results_of_instansi(instansi_id: int | None, tahun: int | None = None):
    if instansi_id is None:
        return HasilOrganisasi.objects.none()
    found = HasilOrganisasi.objects.filter(instansi_id=instansi_id).select_related("unit", "periode")
    if tahun is not None:
        found = found.filter(tahun=tahun)
    return found.order_by("-tahun", "unit__path", "periode__nomor")
