"""Small helpers of the team area's tests: a realisasi row written straight through the model (the realisasi
area owns its service), and the approved SKP of the demo the tests work on."""

import datetime
from decimal import Decimal

from kinerja.monitoring import selectors
from kinerja.monitoring.models import PeranUmpanBalik, Realisasi, UmpanBalik
from kinerja.planning.models import SKP, Periode
from kinerja.testkit.cast import YEAR

# A day in the second quarter: Triwulan II runs, Triwulan I closed for input on 10 April.
MID_MAY = datetime.date(YEAR, 5, 15)


def periode(skp: SKP, nomor: int) -> Periode:
    return Periode.objects.get(tahun_kinerja_id=skp.tahun_kinerja_id, nomor=nomor)


def indikator_ids(skp: SKP, nomor: int) -> list[int]:
    plan = selectors.plan_for(skp, periode(skp, nomor))
    assert plan is not None
    return [i["id"] for r in plan.rhk() for i in r.get("indikator", [])]


def rhk_ids(skp: SKP, nomor: int) -> list[int]:
    plan = selectors.plan_for(skp, periode(skp, nomor))
    assert plan is not None
    return [r["id"] for r in plan.rhk()]


def realisasi(skp: SKP, nomor: int, indikator_id: int, value: str = "3") -> Realisasi:
    return Realisasi.objects.create(
        skp=skp,
        periode=periode(skp, nomor),
        indikator_id=indikator_id,
        versi_skp=skp.versi,
        nilai_angka=Decimal(value),
    )


def feedback(realisasi: Realisasi, penilai_id: int, isi: str = "Bagus, lanjutkan.") -> UmpanBalik:
    return UmpanBalik.objects.create(
        realisasi=realisasi, penulis_id=penilai_id, peran=PeranUmpanBalik.PENILAI, isi=isi
    )
