"""The evaluation rules: all nine cells of the predikat matrix (the framework's default, PermenPANRB 6/2022), the
RHK suggestion from capaian, and the suggested rating hasil kerja at its edges and as properties."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.criteria.defaults import rule_rows
from kinerja.evaluation import rules

MATRIX = rule_rows("predikat")
BANDS = rule_rows("rating")


@pytest.mark.parametrize(
    ("hasil", "perilaku", "expected"),
    [
        ("di_atas", "di_atas", "sangat_baik"),
        ("di_atas", "sesuai", "baik"),
        ("di_atas", "di_bawah", "kurang"),
        ("sesuai", "di_atas", "baik"),
        ("sesuai", "sesuai", "baik"),
        ("sesuai", "di_bawah", "kurang"),
        ("di_bawah", "di_atas", "butuh_perbaikan"),
        ("di_bawah", "sesuai", "butuh_perbaikan"),
        ("di_bawah", "di_bawah", "sangat_kurang"),
    ],
)
def test_the_nine_cells_of_the_regulation_s_matrix(hasil, perilaku, expected):
    assert rules.predikat(hasil, perilaku, MATRIX) == expected


def test_the_matrix_is_the_framework_s_not_a_constant():
    own = [dict(cell, predikat="baik") if cell["hasil"] == "sesuai" else cell for cell in MATRIX]
    assert rules.predikat("sesuai", "di_bawah", own) == "baik"


@pytest.mark.parametrize(("hasil", "perilaku"), [("tinggi", "sesuai"), ("sesuai", ""), ("", "")])
def test_an_unknown_rating_is_refused(hasil, perilaku):
    with pytest.raises(ValueError):
        rules.predikat(hasil, perilaku, MATRIX)


def test_a_matrix_without_the_cell_is_refused():
    with pytest.raises(ValueError):
        rules.predikat("sesuai", "sesuai", [c for c in MATRIX if c["hasil"] != "sesuai"])


@pytest.mark.parametrize(
    ("capaian", "expected"),
    [
        ([], None),
        ([None, None], None),  # qualitative indikator only: the penilai judges
        ([D(100)], "sesuai"),
        ([D("89.99")], "di_bawah"),
        ([D(90)], "sesuai"),
        ([D(110)], "di_atas"),
        ([D(80), D(100)], "sesuai"),  # the mean, 90
        ([D(80), D("99.98")], "di_bawah"),  # the mean, 89.99
        ([D(120), None], "di_atas"),  # an indikator without a capaian does not count
        ([D(0)], "di_bawah"),
    ],
)
def test_an_rhk_s_suggested_rating_is_the_band_of_its_indikator_mean(capaian, expected):
    assert rules.suggest_rhk_rating(capaian, BANDS) == expected


def test_the_rhk_suggestion_follows_the_framework_s_bands():
    strict = [
        {"rating": "di_bawah", "min": 0, "max": 95},
        {"rating": "sesuai", "min": 95, "max": 105},
        {"rating": "di_atas", "min": 105, "max": None},
    ]
    assert rules.suggest_rhk_rating([D(92)], BANDS) == "sesuai"
    assert rules.suggest_rhk_rating([D(92)], strict) == "di_bawah"


U, T = rules.UTAMA, rules.TAMBAHAN


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ([], None),
        ([(T, "di_atas")], None),  # additional results alone suggest nothing
        ([(U, "di_atas")], "di_atas"),
        ([(U, "sesuai")], "sesuai"),
        ([(U, "di_bawah")], "di_bawah"),
        # half of the main results below is no longer "a small part"
        ([(U, "di_bawah"), (U, "di_atas")], "di_bawah"),
        ([(U, "di_bawah"), (U, "sesuai"), (U, "sesuai")], "sesuai"),
        ([(U, "di_bawah"), (U, "di_bawah"), (U, "sesuai"), (U, "di_atas")], "di_bawah"),
        # most above and none below
        ([(U, "di_atas"), (U, "di_atas"), (U, "sesuai")], "di_atas"),
        # one main result below keeps it from Di Atas however many are above
        ([(U, "di_atas"), (U, "di_atas"), (U, "di_atas"), (U, "di_bawah")], "sesuai"),
        # exactly half above: an additional result above tips it; one that is not does not
        ([(U, "di_atas"), (U, "sesuai")], "sesuai"),
        ([(U, "di_atas"), (U, "sesuai"), (T, "di_atas")], "di_atas"),
        ([(U, "di_atas"), (U, "sesuai"), (T, "sesuai")], "sesuai"),
        # an additional result below never pulls the rating down
        ([(U, "sesuai"), (T, "di_bawah"), (T, "di_bawah")], "sesuai"),
        ([(U, "di_atas"), (T, "di_bawah")], "di_atas"),
    ],
)
def test_the_suggested_rating_hasil_kerja(ratings, expected):
    saran = rules.suggest_hasil_kerja(ratings)
    assert saran.rating == expected
    assert saran.alasan  # always one line that says why


def test_the_explanation_names_the_counts_in_indonesian(settings):
    from django.utils import translation

    with translation.override("id"):
        saran = rules.suggest_hasil_kerja([(U, "di_atas"), (U, "di_atas"), (U, "sesuai")])
    assert saran.alasan == "2 dari 3 hasil kerja utama di atas ekspektasi dan tidak ada yang di bawah."


def test_an_unknown_rhk_rating_is_refused():
    with pytest.raises(ValueError):
        rules.suggest_hasil_kerja([(U, "bagus")])


RATING = st.sampled_from(rules.RATINGS)
RHK = st.tuples(st.sampled_from([U, T]), RATING)


def better(rating: str) -> str:
    return rules.RATINGS[min(rules.RATINGS.index(rating) + 1, 2)]


def rank(rating: str | None) -> int:
    return -1 if rating is None else rules.RATINGS.index(rating)


@given(st.lists(RHK, min_size=1, max_size=8), st.data())
def test_a_better_rhk_rating_never_lowers_the_suggestion(ratings, data):
    n = data.draw(st.integers(0, len(ratings) - 1))
    improved = list(ratings)
    improved[n] = (ratings[n][0], better(ratings[n][1]))
    assert rank(rules.suggest_hasil_kerja(improved).rating) >= rank(rules.suggest_hasil_kerja(ratings).rating)


@given(
    st.lists(st.just((U, "di_atas")), min_size=1, max_size=6),
    st.lists(st.tuples(st.just(T), RATING), max_size=6),
)
def test_all_main_results_above_gives_di_atas_whatever_the_additional_ones(utama, tambahan):
    assert rules.suggest_hasil_kerja([*utama, *tambahan]).rating == "di_atas"


@given(
    st.lists(st.just((U, "di_bawah")), min_size=1, max_size=6),
    st.lists(st.tuples(st.just(T), RATING), max_size=6),
)
def test_all_main_results_below_gives_di_bawah_whatever_the_additional_ones(utama, tambahan):
    assert rules.suggest_hasil_kerja([*utama, *tambahan]).rating == "di_bawah"


@given(
    st.lists(st.decimals(min_value=0, max_value=300, places=2), min_size=1, max_size=5),
    st.integers(0, 4),
    st.decimals(min_value=0, max_value=50, places=2),
)
def test_a_better_capaian_never_lowers_the_rhk_suggestion(capaian, n, more):
    n = n % len(capaian)
    raised = list(capaian)
    raised[n] = capaian[n] + more
    assert rank(rules.suggest_rhk_rating(raised, BANDS)) >= rank(rules.suggest_rhk_rating(capaian, BANDS))
