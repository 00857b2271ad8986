"""The small reads of evaluation's views and API: a period by number, the evaluation of an SKP's span, the
periods of a year, units and organisation results."""

import datetime

from django.db.models import Q
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


def get_skp_or_404(instansi_id: int | None, pk: int) -> SKP:
    """An SKP of the instansi, of any for an account of none (a superuser): whoever may act on it is the caller's
    to decide."""
    found = SKP.objects.select_related("pegawai", "jabatan", "jabatan__unit", "tahun_kinerja", "instansi")
    if instansi_id is not None:
        found = found.filter(instansi_id=instansi_id)
    return get_object_or_404(found, pk=pk)


def evaluation_of(skp: SKP, periode: Periode | None) -> Evaluasi | None:
    return Evaluasi.objects.filter(skp=skp, periode=periode).first()


def ended_periods(instansi_id: int, today: datetime.date) -> list[Periode]:
    """The periods of this year that have ended by `today`, first to last."""
    return [p for p in periods_of_year(instansi_id, today.year) if p.selesai < today]


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


def evaluations_of(visible, pegawai_id: int | None):
    """Of the visible evaluations, those where the pegawai is evaluated, the penilai or the atasan penilai."""
    mine = Q(pegawai_id=pegawai_id) | Q(penilai_id=pegawai_id) | Q(atasan_penilai_id=pegawai_id)
    return visible.filter(mine).select_related("periode").order_by("-tahun", "-periode__nomor", "pk")
