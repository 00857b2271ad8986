"""Reading the assessment framework (criteria.selectors): which version is in force at a date, the cached rule
set every capability reads, and the comparison of two versions."""

import datetime
from decimal import Decimal

import pytest
from django.db.models import Count

from conftest import YEAR
from kinerja.criteria import selectors, services
from kinerja.criteria.models import Bagian, Kerangka, Kompetensi
from kinerja.testkit import cast as named
from kinerja.testkit.cast import SKM
from kinerja.testkit.cast import framework as published_v1
from kinerja.testkit.cast import instansi as skm

pytestmark = pytest.mark.django_db

NEXT = YEAR + 1
FIVE = {str(i): f"Tingkat {i}" for i in range(1, 6)}
SECTIONS = ["pengaturan", "perilaku", "kompetensi", "standar", "kriteria_lokal", *Bagian.values]


def d(month: int, day: int, year: int = YEAR) -> datetime.date:
    return datetime.date(year, month, day)


def start(cast, tahun: int = YEAR) -> Kerangka:
    return services.kerangka_start(actor=cast.admin_bkpsdm, instansi=skm(), tahun=tahun)


def publish(cast, kerangka: Kerangka, when: datetime.date, alasan: str = "Perubahan") -> Kerangka:
    return services.kerangka_publish(
        actor=cast.admin_bkpsdm, kerangka=kerangka, berlaku_mulai=when, alasan=alasan
    )


def rows_of(kerangka: Kerangka, bagian: str) -> list[dict]:
    return list(kerangka.aturan.filter(bagian=bagian).order_by("urutan").values_list("data", flat=True))


def replace_rows(cast, kerangka: Kerangka, bagian: str, change) -> None:
    """Change the rows of one section through the service: change(rows) edits them in place."""
    rows = rows_of(kerangka, bagian)
    change(rows)
    services.aturan_replace(actor=cast.admin_bkpsdm, kerangka=kerangka, bagian=bagian, rows=rows)


def versi_in_force(at: datetime.date) -> int | None:
    kerangka = selectors.in_force(skm().pk, at)
    ruleset = selectors.rules_in_force(skm().pk, at)
    assert (kerangka and kerangka.versi) == (ruleset and ruleset.versi)  # both selectors agree
    return kerangka and kerangka.versi


@pytest.fixture
def next_year(cast) -> tuple[Kerangka, Kerangka]:
    """YEAR + 1 with version 1 from 1 January and version 2 from 1 July."""
    v1 = publish(cast, start(cast, NEXT), d(1, 1, NEXT), alasan="")
    v2 = publish(cast, start(cast, NEXT), d(7, 1, NEXT))
    return v1, v2


# --- in force by date ----------------------------------------------------------------------------------------


def test_the_version_in_force_changes_on_the_date_the_new_one_takes_effect(next_year):
    v1, v2 = next_year

    assert selectors.in_force(skm().pk, d(1, 1, NEXT)) == v1
    assert selectors.in_force(skm().pk, d(6, 30, NEXT)) == v1
    assert selectors.in_force(skm().pk, d(7, 1, NEXT)) == v2
    assert selectors.in_force(skm().pk, d(12, 31, NEXT)) == v2
    assert [versi_in_force(at) for at in (d(6, 30, NEXT), d(7, 1, NEXT))] == [1, 2]


def test_rules_in_force_describes_the_version(next_year):
    _v1, v2 = next_year

    ruleset = selectors.rules_in_force(skm().pk, d(7, 1, NEXT))

    assert (
        ruleset.kerangka_id,
        ruleset.instansi_id,
        ruleset.tahun,
        ruleset.versi,
        ruleset.berlaku_mulai,
    ) == (
        v2.pk,
        skm().pk,
        NEXT,
        2,
        d(7, 1, NEXT),
    )
    assert ruleset.settings["ambang_anonim_360"] == v2.ambang_anonim_360
    assert len(ruleset.nilai_perilaku) == 7
    assert {k["kode"] for k in ruleset.kompetensi} == set(v2.kompetensi.values_list("kode", flat=True))
    assert set(ruleset.aturan) == set(Bagian.values)
    assert ruleset.predikat("di_atas", "di_atas") == "sangat_baik"
    assert ruleset.pendekatan("jpt_pratama") == "kualitatif"
    assert ruleset.sanksi_disiplin(3)["sanksi"] == "Teguran lisan"


def test_nothing_is_in_force_before_the_first_version_takes_effect(cast):
    publish(cast, start(cast, NEXT), d(2, 1, NEXT), alasan="")

    assert versi_in_force(d(1, 31, NEXT)) is None
    assert versi_in_force(d(2, 1, NEXT)) == 1


def test_a_draft_is_never_in_force(cast):
    start(cast, NEXT)  # a draft of a year with nothing published
    services.kerangka_update_settings(actor=cast.admin_bkpsdm, kerangka=start(cast), ambang_anonim_360=9)

    assert versi_in_force(d(7, 1, NEXT)) is None
    assert versi_in_force(d(12, 31)) == 1
    assert selectors.rules_in_force(skm().pk, d(12, 31)).settings["ambang_anonim_360"] == 3


@pytest.mark.parametrize("year", [YEAR - 1, YEAR + 5])
def test_nothing_is_in_force_in_a_year_without_a_published_version(year):
    assert versi_in_force(d(6, 1, year)) is None


def test_a_year_does_not_borrow_the_version_of_another_year(next_year):
    assert versi_in_force(d(12, 31, YEAR)) == 1
    assert selectors.in_force(skm().pk, d(12, 31, YEAR)) == published_v1()


def test_nothing_is_in_force_for_an_instansi_without_a_framework():
    lembah = named.instansi(named.LEMBAH)
    assert selectors.in_force(lembah.pk, d(6, 1)) is None
    assert selectors.rules_in_force(lembah.pk, d(6, 1)) is None


def test_of_two_versions_starting_the_same_day_the_higher_version_wins(cast):
    publish(cast, start(cast), d(3, 1))
    v3 = publish(cast, start(cast), d(3, 1))

    assert versi_in_force(d(2, 28)) == 1
    assert selectors.in_force(skm().pk, d(3, 1)) == v3
    assert versi_in_force(d(3, 1)) == 3


# --- the consumer test: a change applies only from its version's date --------------------------------------


def test_a_new_koefisien_changes_angka_kredit_only_from_the_date_of_its_version(cast):
    v2 = start(cast)

    def raise_ahli_pertama(rows):
        next(r for r in rows if r["jenjang"] == "ahli_pertama")["koefisien"] = "15"

    replace_rows(cast, v2, Bagian.AK_KOEFISIEN, raise_ahli_pertama)
    publish(cast, v2, d(7, 1), "PermenPANRB baru: koefisien Ahli Pertama 15")

    def angka_kredit(at):
        return selectors.rules_in_force(skm().pk, at).angka_kredit(
            predikat="sangat_baik", jenjang="ahli_pertama"
        )

    assert angka_kredit(d(1, 1)) == Decimal("18.75")  # 150% × 12.5
    assert angka_kredit(d(6, 30)) == Decimal("18.75")
    assert angka_kredit(d(7, 1)) == Decimal("22.50")  # 150% × 15
    assert angka_kredit(d(12, 31)) == Decimal("22.50")
    # Other jenjang are untouched by the new version.
    assert selectors.rules_in_force(skm().pk, d(7, 1)).angka_kredit(
        predikat="baik", jenjang="ahli_madya"
    ) == (Decimal("37.50"))


def test_a_new_rating_band_changes_the_suggested_rating_only_from_the_date_of_its_version(cast):
    v2 = start(cast)

    def sesuai_from_80(rows):
        by_rating = {r["rating"]: r for r in rows}
        by_rating["di_bawah"]["max"] = 80
        by_rating["sesuai"]["min"] = 80

    replace_rows(cast, v2, Bagian.RATING, sesuai_from_80)
    publish(cast, v2, d(7, 1), "Ambang sesuai ekspektasi diturunkan")

    def suggest(at, capaian):
        return selectors.rules_in_force(skm().pk, at).suggest_rating(capaian)

    assert [suggest(d(6, 30), c) for c in (79, 80, 85, 90)] == ["di_bawah", "di_bawah", "di_bawah", "sesuai"]
    assert [suggest(d(7, 1), c) for c in (79, 80, 85, 90)] == ["di_bawah", "sesuai", "sesuai", "sesuai"]


# --- caching -------------------------------------------------------------------------------------------------


def test_rules_in_force_costs_one_query_once_cached(django_assert_num_queries):
    first = selectors.rules_in_force(skm().pk, d(5, 1))
    instansi_id = skm().pk

    with django_assert_num_queries(1):
        again = selectors.rules_in_force(instansi_id, d(5, 1))
    with django_assert_num_queries(1):
        selectors.rules_in_force(instansi_id, d(11, 1))  # another date of the same version: same cache entry

    assert again == first


def test_the_cache_never_serves_a_superseded_version(cast):
    before = selectors.rules_in_force(skm().pk, d(8, 1))  # cached
    v2 = start(cast)
    services.kerangka_update_settings(actor=cast.admin_bkpsdm, kerangka=v2, ambang_anonim_360=6)
    replace_rows(cast, v2, Bagian.AK_KOEFISIEN, lambda rows: rows[0].update(koefisien="20"))
    assert selectors.rules_in_force(skm().pk, d(8, 1)) == before  # a draft changes nothing

    publish(cast, v2, d(7, 1))

    after = selectors.rules_in_force(skm().pk, d(8, 1))
    assert (
        after.versi,
        after.settings["ambang_anonim_360"],
        after.aturan["ak_koefisien"][0]["koefisien"],
    ) == (
        2,
        6,
        "20",
    )
    assert selectors.rules_in_force(skm().pk, d(6, 1)) == before


def test_a_cached_rule_set_cannot_be_changed_by_its_reader():
    ruleset = selectors.rules_in_force(skm().pk, d(5, 1))
    ruleset.aturan["rating"].clear()

    assert selectors.rules_in_force(skm().pk, d(5, 1)).aturan["rating"]


# --- comparison ----------------------------------------------------------------------------------------------


def diffs(old: Kerangka, new: Kerangka) -> dict:
    return {diff.name: diff for diff in selectors.compare(old, new)}


def test_a_copy_compares_equal_to_its_source_in_every_section(cast):
    v1 = published_v1()
    result = selectors.compare(v1, start(cast))

    assert [diff.name for diff in result] == SECTIONS
    assert all(diff.empty for diff in result)
    assert all(diff.empty for diff in selectors.compare(v1, v1))


def test_compare_shows_a_changed_setting(cast):
    v2 = services.kerangka_update_settings(actor=cast.admin_bkpsdm, kerangka=start(cast), ambang_anonim_360=5)

    result = diffs(published_v1(), v2)

    assert result["pengaturan"].changed == [("ambang_anonim_360", 3, 5)]
    assert [name for name, diff in result.items() if not diff.empty] == ["pengaturan"]


def test_compare_shows_an_added_competency_and_reversed_a_removed_one(cast):
    v1, v2 = published_v1(), start(cast)
    services.kompetensi_save(
        actor=cast.admin_bkpsdm, kerangka=v2, kode="imunisasi", nama="Imunisasi", jenis="teknis", level=FIVE
    )

    added = diffs(v1, v2)["kompetensi"]
    removed = diffs(v2, v1)["kompetensi"]

    value = {"nama": "Imunisasi", "jenis": "teknis", "deskripsi": "", "level": FIVE}
    assert (added.added, added.removed, added.changed) == ([("imunisasi", value)], [], [])
    assert (removed.added, removed.removed, removed.changed) == ([], [("imunisasi", value)], [])


def test_compare_shows_a_removed_criterion(cast):
    v1, v2 = published_v1(), start(cast)
    inovasi = v2.kriteria_lokal.get(kode="inovasi")
    services.kriteria_lokal_delete(actor=cast.admin_bkpsdm, kerangka=v2, kriteria=inovasi)

    diff = diffs(v1, v2)["kriteria_lokal"]

    assert [key for key, _value in diff.removed] == ["inovasi"]
    assert diff.removed[0][1]["indikator"] == v1.kriteria_lokal.get(kode="inovasi").indikator
    assert (diff.added, diff.changed) == ([], [])


def test_compare_shows_a_changed_rule_and_an_added_and_removed_one(cast):
    v1, v2 = published_v1(), start(cast)
    old = rows_of(v1, "ak_koefisien")
    replace_rows(cast, v2, Bagian.AK_KOEFISIEN, lambda rows: rows[0].update(koefisien="15"))

    def swap_perspective(rows):
        rows.pop()
        rows.append({"kode": "inovasi", "nama": "Perspektif Inovasi"})

    replace_rows(cast, v2, Bagian.PERSPEKTIF, swap_perspective)

    result = diffs(v1, v2)

    assert result["ak_koefisien"].changed == [("ahli_pertama", old[0], {**old[0], "koefisien": "15"})]
    assert (result["ak_koefisien"].added, result["ak_koefisien"].removed) == ([], [])
    perspektif = result["perspektif"]
    assert perspektif.added == [("inovasi", {"kode": "inovasi", "nama": "Perspektif Inovasi"})]
    assert [key for key, _value in perspektif.removed] == ["anggaran"]
    assert perspektif.changed == []


def test_compare_shows_a_changed_required_level_of_one_position(cast):
    v1, v2 = published_v1(), start(cast)
    standar = v2.standar_kompetensi.select_related("jabatan", "kompetensi").order_by("pk").first()
    new_level = 5 if standar.level != 5 else 4
    services.standar_set(
        actor=cast.admin_bkpsdm, kerangka=v2, items=[(standar.jabatan, standar.kompetensi, new_level)]
    )

    diff = diffs(v1, v2)["standar"]

    assert len(diff.changed) == 1
    key, old_level, level = diff.changed[0]
    assert (old_level, level) == (standar.level, new_level)
    assert standar.jabatan.nama in key and standar.kompetensi.nama in key
    assert (diff.added, diff.removed) == ([], [])


def test_compare_tells_apart_positions_with_the_same_name(cast):
    """Many units have a "Kepala Subbagian Umum dan Kepegawaian": a change to one of them is one change."""
    v1, v2 = published_v1(), start(cast)
    shared_names = (
        v2.standar_kompetensi.values("jabatan__nama")
        .annotate(n=Count("jabatan", distinct=True))
        .filter(n__gt=1)
    )
    nama = shared_names[0]["jabatan__nama"]
    standar = v2.standar_kompetensi.filter(jabatan__nama=nama).select_related("jabatan", "kompetensi").first()
    services.standar_set(
        actor=cast.admin_bkpsdm, kerangka=v2, items=[(standar.jabatan, standar.kompetensi, None)]
    )

    diff = diffs(v1, v2)["standar"]

    assert len(diff.removed) == 1
    assert len(diffs(v1, v1)["standar"].removed) == 0
    assert len(selectors._content(v1)["standar"]) == v1.standar_kompetensi.count()


def test_compare_across_years_shows_the_moved_skp_deadline(cast):
    nxt = start(cast, NEXT)

    assert diffs(published_v1(), nxt)["pengaturan"].changed == [
        ("tenggat_skp", published_v1().tenggat_skp, published_v1().tenggat_skp.replace(year=NEXT))
    ]


# --- other reads ---------------------------------------------------------------------------------------------


def test_versions_lists_the_newest_first(next_year):
    v1, _v2 = next_year

    listed = list(selectors.versions(Kerangka.objects.filter(instansi__kode=SKM)))

    assert [(k.tahun, k.versi) for k in listed] == [(NEXT, 2), (NEXT, 1), (YEAR, 1)]
    assert listed[0].asal_id == v1.pk
    assert listed[1].asal_id == published_v1().pk


def test_standar_for_jabatan_lists_the_required_levels_of_one_position():
    v1 = published_v1()
    standar = v1.standar_kompetensi.select_related("jabatan").first()

    rows = selectors.standar_for_jabatan(v1, standar.jabatan_id)

    assert {s.jabatan_id for s in rows} == {standar.jabatan_id}
    assert len(rows) == Kompetensi.objects.filter(kerangka=v1).exclude(jenis="teknis").count()
    assert [(s.kompetensi.jenis, s.kompetensi.nama) for s in rows] == sorted(
        (s.kompetensi.jenis, s.kompetensi.nama) for s in rows
    )


def test_has_acknowledged_is_false_without_a_pegawai(cast):
    v1 = published_v1()
    assert not selectors.has_acknowledged(v1, None)
    assert not selectors.has_acknowledged(v1, cast.pegawai.pegawai_id)
    services.kerangka_acknowledge(actor=cast.pegawai, kerangka=v1)
    assert selectors.has_acknowledged(v1, cast.pegawai.pegawai_id)
    assert not selectors.has_acknowledged(v1, cast.atasan.pegawai_id)
