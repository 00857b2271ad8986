"""The pure rules of the assessment framework (criteria.rules): checking each table and applying it.

Expected values come from shared/DOMAIN.md (sections 2.5, 2.6, 2.7, 2.9), written out here on purpose rather than
read from criteria.defaults, so that a wrong default is caught.
"""

import itertools
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.utils.translation import gettext as _
from hypothesis import given
from hypothesis import strategies as st

from kinerja.criteria import defaults, rules
from kinerja.criteria.models import Bagian


def default_rows(bagian: str) -> list[dict]:
    return [dict(data) for _kunci, data, _sumber in defaults.ATURAN[bagian]]


def bands(bawah=(0, 90), sesuai=(90, 110), atas=(110, None)) -> list[dict]:
    return [
        {"rating": "di_bawah", "min": bawah[0], "max": bawah[1]},
        {"rating": "sesuai", "min": sesuai[0], "max": sesuai[1]},
        {"rating": "di_atas", "min": atas[0], "max": atas[1]},
    ]


# --- every default passes its own check ----------------------------------------------------------------------


def test_every_rule_section_has_a_check_and_a_default():
    assert set(rules.SECTION_CHECKS) == set(Bagian.values) == set(defaults.ATURAN)


@pytest.mark.parametrize("bagian", Bagian.values)
def test_the_default_rows_of_each_section_pass_their_check(bagian):
    assert rules.SECTION_CHECKS[bagian](default_rows(bagian)) == []


def test_the_default_berakhlak_values_are_the_seven_national_ones():
    assert rules.check_berakhlak(kode for kode, _nama, _indikator in defaults.BERAKHLAK) == []
    assert [kode for kode, _nama, _indikator in defaults.BERAKHLAK] == list(rules.BERAKHLAK)


def test_every_default_competency_describes_the_five_levels():
    for kode, _nama, _jenis, levels in defaults.KOMPETENSI:
        level = {str(i): text for i, text in enumerate(levels, start=1)}
        assert rules.check_levels(level) == [], kode


# --- check_rating --------------------------------------------------------------------------------------------

OVERLAP = "The bands %(a)s and %(b)s overlap."
GAP = "There is a gap between %(a)s and %(b)s."
ONE_PER_RATING = "Give exactly one band for each rating: di atas, sesuai and di bawah ekspektasi."
NOT_NUMBERS = "Band limits must be numbers (percent of target)."


def test_check_rating_accepts_bands_in_any_order_and_decimal_limits():
    rows = bands(bawah=(0, "89.5"), sesuai=("89.5", 110.25), atas=(110.25, None))
    assert rules.check_rating(rows[::-1]) == []


def test_check_rating_refuses_overlapping_bands():
    assert rules.check_rating(bands(bawah=(0, 95))) == [
        _(OVERLAP) % {"a": "Di bawah ekspektasi", "b": "Sesuai ekspektasi"}
    ]


def test_check_rating_refuses_a_gap_between_bands():
    assert rules.check_rating(bands(sesuai=(90, 100))) == [
        _(GAP) % {"a": "Sesuai ekspektasi", "b": "Di atas ekspektasi"}
    ]


def test_check_rating_refuses_bands_not_starting_at_zero():
    assert rules.check_rating(bands(bawah=(5, 90))) == [_("The lowest band must start at 0%.")]


def test_check_rating_refuses_an_upper_limit_on_the_top_band():
    assert rules.check_rating(bands(atas=(110, 200))) == [_("The highest band must have no upper limit.")]


def test_check_rating_refuses_an_open_ended_band_that_is_not_the_top():
    assert rules.check_rating(bands(sesuai=(90, None))) == [
        _(OVERLAP) % {"a": "Sesuai ekspektasi", "b": "Di atas ekspektasi"}
    ]


def test_check_rating_refuses_better_ratings_for_lower_achievement():
    rows = [
        {"rating": "di_atas", "min": 0, "max": 90},
        {"rating": "sesuai", "min": 90, "max": 110},
        {"rating": "di_bawah", "min": 110, "max": None},
    ]
    assert rules.check_rating(rows) == [
        _("Higher achievement must give a better rating (di bawah, sesuai, di atas).")
    ]


@pytest.mark.parametrize("sesuai", [(110, 90), (90, 90)])
def test_check_rating_refuses_a_band_that_ends_before_it_starts(sesuai):
    assert rules.check_rating(bands(sesuai=sesuai)) == [
        _("The band %(rating)s ends before it starts.") % {"rating": "Sesuai ekspektasi"}
    ]


@pytest.mark.parametrize(
    "sesuai",
    [
        ("sembilan puluh", 110),
        (None, 110),
        (True, 110),
        ("NaN", 110),
        ("-Infinity", 110),
        (90, "abc"),
        (90, []),
    ],
)
def test_check_rating_refuses_limits_that_are_not_numbers(sesuai):
    assert rules.check_rating(bands(sesuai=sesuai)) == [_(NOT_NUMBERS)]


def test_check_rating_refuses_a_row_without_a_rating():
    rows = bands()
    del rows[0]["rating"]
    assert rules.check_rating(rows) == [_(ONE_PER_RATING)]


@pytest.mark.parametrize(
    "ratings",
    [
        ["di_bawah", "sesuai"],
        ["di_bawah", "sesuai", "sesuai"],
        ["di_bawah", "sesuai", "luar_biasa"],
        ["di_bawah", "sesuai", "di_atas", "di_atas"],
        [],
    ],
)
def test_check_rating_needs_exactly_one_band_per_rating(ratings):
    rows = [
        {"rating": r, "min": i * 50, "max": None if i == len(ratings) - 1 else (i + 1) * 50}
        for i, r in enumerate(ratings)
    ]
    assert rules.check_rating(rows) == [_(ONE_PER_RATING)]


limits = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1000"), places=2)
as_json = st.sampled_from([str, float, lambda d: d])  # how a number may arrive from JSON or a form


@st.composite
def partitions(draw):
    """Two cut points 0 < a < b of [0, ∞): bands [0, a), [a, b), [b, ∞) in a random row order."""
    a, b = sorted(draw(st.lists(limits, min_size=2, max_size=2, unique=True)))
    to = draw(as_json)
    rows = [
        {"rating": "di_bawah", "min": 0, "max": to(a)},
        {"rating": "sesuai", "min": to(a), "max": to(b)},
        {"rating": "di_atas", "min": to(b), "max": None},
    ]
    return a, b, draw(st.permutations(rows))


@given(partitions(), st.decimals(min_value=-100, max_value=2000, places=3))
def test_any_partition_into_three_ascending_bands_is_accepted_and_suggests_the_band_holding_the_value(
    partition, value
):
    a, b, rows = partition
    assert rules.check_rating(rows) == []
    expected = "di_bawah" if value < a else "sesuai" if value < b else "di_atas"
    assert rules.suggest_rating(value, rows) == expected
    assert rules.suggest_rating(str(value), rows) == expected


@given(partitions(), st.decimals(min_value=Decimal("-5"), max_value=Decimal("5"), places=2).filter(bool))
def test_moving_one_limit_of_a_partition_is_refused(partition, shift):
    a, _b, rows = partition
    sesuai = next(r for r in rows if r["rating"] == "sesuai")
    sesuai["min"] = a + shift  # no longer where di_bawah ends
    assert rules.check_rating(rows) != []


# --- check_predikat ------------------------------------------------------------------------------------------

MATRIX_SIZE = "The predikat matrix needs exactly one cell for each pair of ratings (3 × 3)."


def test_check_predikat_refuses_a_missing_cell():
    assert rules.check_predikat(default_rows("predikat")[:-1]) == [_(MATRIX_SIZE)]


def test_check_predikat_refuses_a_cell_given_twice():
    rows = default_rows("predikat")
    assert rules.check_predikat([*rows, dict(rows[0])]) == [_(MATRIX_SIZE)]


def test_check_predikat_refuses_a_duplicate_in_place_of_a_missing_cell():
    rows = default_rows("predikat")
    assert rules.check_predikat([*rows[:-1], dict(rows[0])]) == [_(MATRIX_SIZE)]


def test_check_predikat_refuses_a_cell_with_an_unknown_rating():
    rows = default_rows("predikat")
    rows[0]["perilaku"] = "luar_biasa"
    assert rules.check_predikat(rows) == [_(MATRIX_SIZE)]


@pytest.mark.parametrize("value", ["istimewa", "cukup", None])
def test_check_predikat_refuses_an_unknown_predikat(value):
    rows = default_rows("predikat")
    rows[4]["predikat"] = value
    assert rules.check_predikat(rows) == [_("Unknown predikat: %(values)s.") % {"values": str(value)}]


# --- check_distribusi ----------------------------------------------------------------------------------------


def rule(org, predikat, jenis, persen) -> dict:
    return {"organisasi": org, "predikat": predikat, "jenis": jenis, "persen": persen}


@pytest.mark.parametrize("org", rules.PREDIKAT_ORGANISASI)
def test_check_distribusi_refuses_minimums_adding_up_to_more_than_100_percent(org):
    rows = [rule(org, ["kurang"], "min", 60), rule(org, ["sangat_kurang"], "min", "40.5")]
    assert rules.check_distribusi(rows) == [
        _("The minimums for organisation predikat %(org)s add up to %(total)s%%, more than 100%%.")
        % {"org": rules.label(rules.ORGANISASI_LABELS, org), "total": "100,5"}
    ]
    assert org not in rules.check_distribusi(rows)[0] or org == "baik"  # the label, not the code


def test_check_distribusi_accepts_minimums_of_exactly_100_percent():
    rows = [rule("kurang", ["kurang"], "min", 60), rule("kurang", ["butuh_perbaikan"], "min", 40)]
    assert rules.check_distribusi(rows) == []


def test_check_distribusi_adds_minimums_per_organisation_predikat_only():
    rows = [rule("kurang", ["kurang"], "min", 60), rule("sangat_kurang", ["sangat_kurang"], "min", 60)]
    assert rules.check_distribusi(rows) == []


def test_check_distribusi_does_not_add_maximums():
    rows = [rule("istimewa", ["sangat_baik"], "maks", 70), rule("istimewa", ["baik"], "maks", 70)]
    assert rules.check_distribusi(rows) == []


def test_check_distribusi_refuses_only_the_organisation_whose_minimums_exceed_100():
    rows = [
        rule("kurang", ["kurang"], "min", 60),
        rule("kurang", ["butuh_perbaikan"], "min", 50),
        rule("baik", ["baik"], "min", 90),
    ]
    errors = rules.check_distribusi(rows)
    assert len(errors) == 1
    assert "Kurang" in errors[0] and "110" in errors[0]


@pytest.mark.parametrize("jenis", ["min", "maks"])
@pytest.mark.parametrize("persen", [-1, "-0.01", 100.01, 101, "abc", None, "NaN"])
def test_check_distribusi_refuses_percentages_outside_0_to_100(jenis, persen):
    assert rules.check_distribusi([rule("istimewa", ["sangat_baik"], jenis, persen)]) == [
        _("A distribution percentage must be between 0 and 100.")
    ]


@pytest.mark.parametrize("persen", [0, 100, "55.5"])
def test_check_distribusi_accepts_percentages_from_0_to_100(persen):
    assert rules.check_distribusi([rule("istimewa", ["sangat_baik"], "maks", persen)]) == []


@pytest.mark.parametrize("org", ["luar_biasa", None, "sangat_baik"])
def test_check_distribusi_refuses_an_unknown_organisation_predikat(org):
    assert rules.check_distribusi([rule(org, ["baik"], "maks", 70)]) == [
        _("Unknown organisation predikat: %(value)s.") % {"value": org}
    ]


@pytest.mark.parametrize("predikat", [["istimewa"], ["baik", "cukup"], [], None, "baik"])
def test_check_distribusi_refuses_unknown_employee_predikat(predikat):
    assert rules.check_distribusi([rule("baik", predikat, "maks", 70)]) == [
        _("A distribution rule must name employee predikat from the list.")
    ]


@pytest.mark.parametrize("jenis", ["kira_kira", None, "MIN"])
def test_check_distribusi_refuses_an_unknown_kind_of_rule(jenis):
    assert rules.check_distribusi([rule("baik", ["baik"], jenis, 70)]) == [
        _("A distribution rule is a minimum, a maximum or 'at least one'.")
    ]


def test_check_distribusi_needs_no_percentage_for_at_least_one():
    assert rules.check_distribusi([rule("baik", ["kurang"], "ada", None)]) == []


# --- angka kredit tables -------------------------------------------------------------------------------------


def test_check_ak_persen_refuses_a_missing_predikat():
    assert rules.check_ak_persen(default_rows("ak_persen")[1:]) == [
        _("Give one credit point percentage for each predikat.")
    ]


def test_check_ak_persen_refuses_a_row_without_predikat():
    rows = default_rows("ak_persen")
    del rows[0]["predikat"]
    assert rules.check_ak_persen(rows) == [_("Give one credit point percentage for each predikat.")]


def test_check_ak_persen_refuses_a_predikat_given_twice():
    rows = default_rows("ak_persen")
    assert rules.check_ak_persen([*rows, dict(rows[0])]) == [
        _("Give one credit point percentage for each predikat.")
    ]


@pytest.mark.parametrize("persen", [-1, "-0.5", "abc", None])
def test_check_ak_persen_refuses_a_negative_or_missing_percentage(persen):
    rows = default_rows("ak_persen")
    rows[2]["persen"] = persen
    assert rules.check_ak_persen(rows) == [_("Credit point percentages cannot be negative.")]


def test_check_ak_persen_accepts_zero():
    rows = default_rows("ak_persen")
    rows[4]["persen"] = 0
    assert rules.check_ak_persen(rows) == []


@pytest.mark.parametrize("koefisien", [-1, "-12.5", "", None, "dua belas", "Infinity"])
def test_check_ak_koefisien_refuses_a_negative_or_empty_coefficient(koefisien):
    rows = default_rows("ak_koefisien")
    rows[0]["koefisien"] = koefisien
    assert rules.check_ak_koefisien(rows) == [
        _("The coefficient of %(jenjang)s cannot be negative or empty.") % {"jenjang": "Ahli Pertama"}
    ]


@pytest.mark.parametrize("koefisien", [0, "0", 12.5, "13.75"])
def test_check_ak_koefisien_accepts_zero_and_decimals(koefisien):
    rows = default_rows("ak_koefisien")
    rows[0]["koefisien"] = koefisien
    assert rules.check_ak_koefisien(rows) == []


def test_check_ak_koefisien_refuses_an_unknown_jenjang():
    assert rules.check_ak_koefisien([{"jenjang": "ahli_super", "koefisien": 10}]) == [
        _("Unknown functional level: %(value)s.") % {"value": "ahli_super"}
    ]


# --- check_disiplin ------------------------------------------------------------------------------------------

BAD_DAYS = "Each discipline band needs a first day of at least 1 and a last day not before it."


def band(low, high, sanksi="Teguran") -> dict:
    return {"hari_min": low, "hari_maks": high, "sanksi": sanksi}


@pytest.mark.parametrize(
    "rows",
    [
        [band(3, 5), band(5, 6)],
        [band(3, 6), band(4, 5)],
        [band(28, None), band(30, 31)],
        [band(7, 10), band(3, 7)],
    ],
)
def test_check_disiplin_refuses_overlapping_bands(rows):
    assert rules.check_disiplin(rows) == [_("Discipline bands overlap.")]


@pytest.mark.parametrize(
    "rows", [[band(6, 4)], [band(0, 2)], [band(-1, 2)], [band("tiga", 4)], [band(3, "x")]]
)
def test_check_disiplin_refuses_inverted_or_impossible_days(rows):
    assert rules.check_disiplin(rows) == [_(BAD_DAYS)]


@pytest.mark.parametrize("sanksi", ["", "   ", None])
def test_check_disiplin_refuses_a_band_without_sanction(sanksi):
    assert rules.check_disiplin([band(3, 3, sanksi)]) == [_("Each discipline band needs its sanction.")]


def test_check_disiplin_refuses_a_band_missing_the_sanction_key():
    assert rules.check_disiplin([{"hari_min": 3, "hari_maks": 3}]) == [
        _("Each discipline band needs its sanction.")
    ]


def test_check_disiplin_accepts_a_gap_between_bands_and_single_day_bands():
    assert rules.check_disiplin([band(5, 6), band(3, 3), band(10, None)]) == []


# --- other sections ------------------------------------------------------------------------------------------

PENDEKATAN_MESSAGE = "Each position type has a quantitative or qualitative approach."


@pytest.mark.parametrize(
    "row",
    [
        {"jenis_jabatan": "gubernur", "pendekatan": "kuantitatif"},
        {"jenis_jabatan": "pelaksana", "pendekatan": "campuran"},
        {"jenis_jabatan": "pelaksana"},
        {},
    ],
)
def test_check_pendekatan_refuses_unknown_position_types_and_approaches(row):
    assert rules.check_pendekatan([*default_rows("pendekatan"), row]) == [_(PENDEKATAN_MESSAGE)]


@pytest.mark.parametrize("nama", ["", "  ", None])
def test_check_perspektif_refuses_a_perspective_without_name(nama):
    assert rules.check_perspektif([*default_rows("perspektif"), {"kode": "x", "nama": nama}]) == [
        _("Each perspective needs a name.")
    ]


def test_check_perspektif_accepts_no_perspectives():
    assert rules.check_perspektif([]) == []


# --- competencies and BerAKHLAK ------------------------------------------------------------------------------

FIVE = {str(i): f"Level {i}" for i in range(1, 6)}


def test_check_levels_accepts_five_described_levels():
    assert rules.check_levels(FIVE) == []


@pytest.mark.parametrize("extra", ["0", "6", "10", "a"])
def test_check_levels_refuses_levels_outside_1_to_5(extra):
    assert rules.check_levels({**FIVE, extra: "Lebih"}) == [
        _("Competency levels run from 1 to 5; not allowed: %(levels)s.") % {"levels": extra}
    ]


def test_check_levels_refuses_an_empty_dictionary_naming_every_level():
    assert rules.check_levels({}) == [
        _("Describe every level from 1 to 5; empty: %(levels)s.") % {"levels": "1, 2, 3, 4, 5"}
    ]


def test_check_levels_refuses_a_blank_or_missing_description():
    level = {**FIVE, "3": "   "}
    del level["5"]
    assert rules.check_levels(level) == [
        _("Describe every level from 1 to 5; empty: %(levels)s.") % {"levels": "3, 5"}
    ]


def test_check_levels_reports_both_problems_at_once():
    assert len(rules.check_levels({"1": "a", "6": "b"})) == 2


@pytest.mark.parametrize("value", [1, 3, 5, "4", 2.0, "2.0", Decimal("5")])
def test_check_required_level_accepts_whole_numbers_from_1_to_5(value):
    assert rules.check_required_level(value) == []


@pytest.mark.parametrize("value", [0, 6, -1, 2.5, "3.5", "tiga", None, True, "", "NaN", "Infinity"])
def test_check_required_level_refuses_anything_else(value):
    assert rules.check_required_level(value) == [
        _("A required competency level must be a whole number from 1 to 5, not %(value)s.") % {"value": value}
    ]


def test_check_berakhlak_accepts_the_seven_values_in_any_order_with_extras():
    assert rules.check_berakhlak([*reversed(rules.BERAKHLAK), "inovatif"]) == []


@pytest.mark.parametrize("missing", rules.BERAKHLAK)
def test_check_berakhlak_names_the_missing_value(missing):
    codes = [c for c in rules.BERAKHLAK if c != missing]
    assert rules.check_berakhlak(codes) == [
        _("The seven BerAKHLAK values are national and cannot be removed; missing: %(codes)s.")
        % {"codes": missing}
    ]


def test_check_berakhlak_names_every_missing_value():
    assert rules.check_berakhlak([]) == [
        _("The seven BerAKHLAK values are national and cannot be removed; missing: %(codes)s.")
        % {"codes": ", ".join(rules.BERAKHLAK)}
    ]


# --- suggest_rating ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("capaian", "rating"),
    [
        (-10, "di_bawah"),
        (0, "di_bawah"),
        ("89.99", "di_bawah"),
        (90, "sesuai"),
        ("90.00", "sesuai"),
        (109.99, "sesuai"),
        (110, "di_atas"),
        (10_000, "di_atas"),
    ],
)
def test_suggest_rating_at_the_edges_of_the_default_bands(capaian, rating):
    assert rules.suggest_rating(capaian, default_rows("rating")) == rating
    assert rules.suggest_rating(capaian, default_rows("rating")[::-1]) == rating


@pytest.mark.parametrize("capaian", [None, "banyak", "NaN", True])
def test_suggest_rating_needs_a_number(capaian):
    with pytest.raises(ValueError):
        rules.suggest_rating(capaian, default_rows("rating"))


# --- predikat_of ---------------------------------------------------------------------------------------------

# DOMAIN.md 2.5: rows hasil kerja, columns perilaku (di bawah, sesuai, di atas).
DOMAIN_MATRIX = {
    "di_atas": ("kurang", "baik", "sangat_baik"),
    "sesuai": ("kurang", "baik", "baik"),
    "di_bawah": ("sangat_kurang", "butuh_perbaikan", "butuh_perbaikan"),
}


@pytest.mark.parametrize(("hasil", "perilaku"), list(itertools.product(rules.RATINGS, rules.RATINGS)))
def test_predikat_of_the_default_matrix_is_the_table_of_the_regulation(hasil, perilaku):
    expected = DOMAIN_MATRIX[hasil][("di_bawah", "sesuai", "di_atas").index(perilaku)]
    assert rules.predikat_of(hasil, perilaku, default_rows("predikat")) == expected


def test_predikat_of_an_unknown_pair_raises():
    with pytest.raises(KeyError):
        rules.predikat_of("istimewa", "sesuai", default_rows("predikat"))


# --- angka_kredit --------------------------------------------------------------------------------------------

# DOMAIN.md 2.7.
PERSEN = {"sangat_baik": 150, "baik": 100, "butuh_perbaikan": 75, "kurang": 50, "sangat_kurang": 25}
KOEFISIEN = {
    "ahli_pertama": "12.5",
    "ahli_muda": "25",
    "ahli_madya": "37.5",
    "ahli_utama": "50",
    "pemula": "3.75",
    "terampil": "5",
    "mahir": "12.5",
    "penyelia": "25",
}


def ak(predikat, jenjang, bulan=12) -> Decimal:
    return rules.angka_kredit(
        predikat=predikat,
        jenjang=jenjang,
        bulan=bulan,
        persen=default_rows("ak_persen"),
        koefisien=default_rows("ak_koefisien"),
    )


def test_angka_kredit_of_an_ahli_pertama_with_an_annual_sangat_baik_is_18_75():
    assert ak("sangat_baik", "ahli_pertama") == Decimal("18.75")


def test_angka_kredit_of_two_months_at_baik_is_2_08():
    assert ak("baik", "ahli_pertama", bulan=2) == Decimal("2.08")


@pytest.mark.parametrize(("predikat", "jenjang"), list(itertools.product(PERSEN, KOEFISIEN)))
def test_annual_angka_kredit_is_the_percentage_times_the_coefficient(predikat, jenjang):
    expected = (Decimal(PERSEN[predikat]) / 100 * Decimal(KOEFISIEN[jenjang])).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    assert ak(predikat, jenjang) == expected


def test_angka_kredit_rounds_half_up_to_two_decimals():
    assert ak("sangat_kurang", "pemula") == Decimal("0.94")  # 25% × 3.75 = 0.9375
    assert ak("baik", "terampil", bulan=1) == Decimal("0.42")  # 5 / 12 = 0.41666…


@pytest.mark.parametrize("bulan", [0, 13, -1])
def test_angka_kredit_needs_1_to_12_months(bulan):
    with pytest.raises(ValueError):
        ak("baik", "ahli_pertama", bulan=bulan)


# --- sanksi_for ----------------------------------------------------------------------------------------------


def pp_94_2021(hari: int) -> tuple[str, int | None] | None:
    """DOMAIN.md 2.9: cumulative unexcused absence per year → (sanction, months)."""
    if hari < 3:
        return None
    if hari == 3:
        return "Teguran lisan", None
    if hari <= 6:
        return "Teguran tertulis", None
    if hari <= 10:
        return "Pernyataan tidak puas", None
    if hari <= 13:
        return "Pemotongan tunjangan kinerja 25%", 6
    if hari <= 16:
        return "Pemotongan tunjangan kinerja 25%", 9
    if hari <= 20:
        return "Pemotongan tunjangan kinerja 25%", 12
    if hari <= 24:
        return "Penurunan jabatan", 12
    if hari <= 27:
        return "Pembebasan dari jabatan menjadi jabatan pelaksana", 12
    return "Pemberhentian", None


@pytest.mark.parametrize("hari", range(41))
def test_sanksi_for_each_day_count_follows_pp_94_2021(hari):
    band_ = rules.sanksi_for(hari, default_rows("disiplin"))
    expected = pp_94_2021(hari)
    if expected is None:
        assert band_ is None
    else:
        sanksi, bulan = expected
        assert band_["sanksi"].startswith(sanksi)
        assert band_["bulan"] == bulan
        assert band_["hari_min"] <= hari
