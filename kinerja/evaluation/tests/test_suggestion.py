"""The evaluation's suggestion for one SKP and period, on the demo's atasan (Kasi Imunisasi) SKP: each RHK's
rating from its indikator's stored capaian, the rating hasil kerja from the RHK ratings, in a fixed number of
queries; and a threshold changed by a new framework version changing the suggestion only from that version's
date."""

import datetime
from decimal import Decimal

import pytest

from kinerja.core.testing.helpers import count_queries
from kinerja.criteria import services as criteria_services
from kinerja.criteria.models import Kerangka, StatusKerangka
from kinerja.evaluation import selectors
from kinerja.monitoring.models import Realisasi
from kinerja.monitoring.tests.realisasi_kit import World

pytestmark = pytest.mark.django_db


def capaian_everywhere(world: World, plan, value: Decimal) -> None:
    """Every numeric indikator of the period's plan with a realisation of this capaian."""
    for rhk in plan.rhk():
        for indikator in rhk["indikator"]:
            if indikator["jenis_target"] != "angka":
                continue
            Realisasi.objects.update_or_create(
                skp=world.skp,
                periode=plan.periode,
                indikator_id=indikator["id"],
                defaults={"versi_skp": plan.versi.nomor, "nilai_angka": Decimal(1), "capaian": value},
            )


def test_each_rhk_is_rated_from_its_capaian_and_the_rating_hasil_kerja_from_them(cast):
    world = World(cast)
    capaian_everywhere(world, world.closed_plan, Decimal(120))
    n, found = count_queries(lambda: selectors.suggestion(world.skp, world.closed_plan.periode))
    numeric = [r for r in found.rhk if any(i.indikator["jenis_target"] == "angka" for i in r.indikator)]
    assert numeric
    assert {r.rating for r in numeric} == {"di_atas"}
    assert all(r.rating is None for r in found.rhk if r not in numeric)  # statements only: the penilai judges
    assert found.versi == world.closed_plan.versi.nomor
    if any(r.jenis == "utama" for r in numeric):
        assert found.hasil_kerja.rating == "di_atas"
    again, _ = count_queries(lambda: selectors.suggestion(world.skp, world.closed_plan.periode))
    assert again == n <= 6


def test_a_new_threshold_changes_suggestions_only_from_its_version_s_date(cast):
    world = World(cast)
    for plan in (world.closed_plan, world.open_plan):
        capaian_everywhere(world, plan, Decimal(92))  # "sesuai" under the default bands (from 90)
    instansi = world.skp.instansi
    tahun = world.closed_plan.periode.tahun_kinerja.tahun
    draft = Kerangka.objects.filter(instansi=instansi, tahun=tahun, status=StatusKerangka.DRAFT).first()
    draft = draft or criteria_services.kerangka_start(actor=cast.admin_bkpsdm, instansi=instansi, tahun=tahun)
    strict = [
        {"rating": "di_bawah", "min": 0, "max": 95},
        {"rating": "sesuai", "min": 95, "max": 110},
        {"rating": "di_atas", "min": 110, "max": None},
    ]
    criteria_services.aturan_replace(actor=cast.admin_bkpsdm, kerangka=draft, bagian="rating", rows=strict)
    from_day = world.closed_plan.periode.selesai + datetime.timedelta(days=1)
    criteria_services.kerangka_publish(
        actor=cast.admin_bkpsdm, kerangka=draft, berlaku_mulai=from_day, alasan="Ambang sesuai naik ke 95%"
    )
    before = selectors.suggestion(world.skp, world.closed_plan.periode)
    after = selectors.suggestion(world.skp, world.open_plan.periode)
    assert {r.rating for r in before.rhk if r.rating} == {"sesuai"}
    assert {r.rating for r in after.rhk if r.rating} == {"di_bawah"}
