"""The distribution check against every row of shared/DOMAIN.md 2.6 (the framework's default rules), the people
to move, the coarseness of small units, and as properties: moving a person towards the allowed band never adds a
violation, and moving as many as a violation says makes it hold (one fewer does not)."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.calibration import rules
from kinerja.criteria import defaults
from kinerja.criteria.rules import PREDIKAT, PREDIKAT_ORGANISASI

SB, B, BP, K, SK = PREDIKAT
DEFAULT = [dict(data) for _kunci, data, _sumber in defaults.ATURAN["distribusi"]]


def broken(counts: dict[str, int], organisasi: str) -> set[tuple]:
    """The default rules the counts break, as (jenis, predikat..., actual %, people to move)."""
    return {
        (v.jenis, *v.rule["predikat"], v.actual_persen, v.to_move)
        for v in rules.check_distribution(organisasi, counts, DEFAULT)
    }


# --- every row of the table ----------------------------------------------------------------------------------


def test_istimewa_allows_at_most_70_percent_sangat_baik():
    assert broken({SB: 7, B: 3}, "istimewa") == set()
    assert broken({SB: 8, SK: 2}, "istimewa") == {("maks", SB, Decimal("80.00"), 1)}
    assert broken({SB: 10}, "istimewa") == {("maks", SB, Decimal("100.00"), 3)}


def test_istimewa_allows_any_predikat_for_the_rest():
    assert broken({SB: 1, B: 1, BP: 1, K: 1, SK: 1}, "istimewa") == set()
    assert broken({SK: 10}, "istimewa") == set()


def test_baik_allows_at_most_70_percent_baik():
    assert broken({B: 7, BP: 1, SB: 2}, "baik") == set()
    assert broken({B: 8, K: 1, SB: 1}, "baik") == {("maks", B, Decimal("80.00"), 1)}


def test_baik_requires_some_butuh_perbaikan_or_kurang():
    assert broken({B: 7, SB: 2, SK: 1}, "baik") == {("ada", BP, K, Decimal("0.00"), 1)}
    assert broken({B: 7, SB: 2, K: 1}, "baik") == set()
    assert broken({B: 7, SB: 2, BP: 1}, "baik") == set()


def test_baik_leaves_the_rest_to_sangat_baik_and_sangat_kurang():
    assert broken({B: 1, BP: 1, SB: 4, SK: 4}, "baik") == set()


def test_butuh_perbaikan_requires_60_percent_butuh_perbaikan_and_at_most_10_percent_sangat_baik():
    assert broken({BP: 6, SB: 1, B: 3}, "butuh_perbaikan") == set()
    assert broken({BP: 5, SB: 2, B: 3}, "butuh_perbaikan") == {
        ("min", BP, Decimal("50.00"), 1),
        ("maks", SB, Decimal("20.00"), 1),
    }


def test_kurang_requires_60_percent_kurang_10_percent_butuh_perbaikan_and_at_most_10_percent_sangat_baik():
    assert broken({K: 6, BP: 1, SB: 1, B: 2}, "kurang") == set()
    assert broken({K: 5, SB: 2, B: 3}, "kurang") == {
        ("min", K, Decimal("50.00"), 1),
        ("min", BP, Decimal("0.00"), 1),
        ("maks", SB, Decimal("20.00"), 1),
    }


def test_sangat_kurang_requires_60_percent_sangat_kurang_10_percent_kurang_or_bp_and_no_sangat_baik():
    assert broken({SK: 6, K: 1, B: 3}, "sangat_kurang") == set()
    assert broken({SK: 6, BP: 1, B: 3}, "sangat_kurang") == set()
    assert broken({SK: 5, B: 4, SB: 1}, "sangat_kurang") == {
        ("min", SK, Decimal("50.00"), 1),
        ("min", K, BP, Decimal("0.00"), 1),
        ("maks", SB, Decimal("10.00"), 1),
    }


def test_sangat_kurang_allows_no_sangat_baik_at_all_even_in_a_large_unit():
    assert broken({SK: 70, K: 10, B: 19, SB: 1}, "sangat_kurang") == {("maks", SB, Decimal("1.00"), 1)}


def test_only_the_rules_of_the_organisation_predikat_apply():
    counts = {B: 10}  # breaks the rules of every other organisation predikat
    assert broken(counts, "istimewa") == set()
    [violation] = rules.check_distribution("istimewa", {SB: 9, B: 1}, DEFAULT)
    assert violation.rule == DEFAULT[0]
    assert (violation.count, violation.total, violation.bound_persen) == (9, 10, Decimal(70))


def test_an_empty_unit_breaks_no_rule():
    for organisasi in PREDIKAT_ORGANISASI:
        assert rules.check_distribution(organisasi, {}, DEFAULT) == []
        assert rules.check_distribution(organisasi, {SB: 0, B: 0}, DEFAULT) == []


# --- people to move and bounds -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persen", "total", "most", "fewest"),
    [
        (70, 10, 7, 7),
        (70, 4, 2, 3),  # 2.8 people: at most 2, at least 3
        (60, 5, 3, 3),
        (10, 3, 0, 1),
        (10, 10, 1, 1),
        (0, 9, 0, 0),
        (100, 9, 9, 9),
        ("12.5", 8, 1, 1),
        ("12.5", 7, 0, 1),
        ("33.33", 3, 0, 1),
    ],
)
def test_bounds_are_exact_fractions_rounded_towards_the_rule(persen, total, most, fewest):
    assert rules.allowed_at_most(persen, total) == most
    assert rules.needed_at_least(persen, total) == fewest


def test_a_share_exactly_at_the_bound_holds():
    assert broken({SB: 7, B: 3}, "istimewa") == set()  # 70% of 10
    assert broken({BP: 3, B: 2}, "butuh_perbaikan") == set()  # 60% of 5


def test_a_small_unit_says_what_one_person_weighs():
    [violation] = rules.check_distribution("baik", {B: 2, SB: 2}, DEFAULT)  # nobody needs improvement
    assert violation.one_person_persen == Decimal("25.00")
    assert rules.is_coarse(4) and rules.is_coarse(9)
    assert not rules.is_coarse(10) and not rules.is_coarse(0)
    assert rules.one_person(0) is None


def test_each_violation_explains_itself_with_its_numbers():
    texts = [v.explain() for v in rules.check_distribution("kurang", {K: 5, SB: 2, B: 3}, DEFAULT)]
    assert any("50" in t and "60" in t and "5" in t for t in texts)
    assert all(t.strip() for t in texts)


def test_bands_give_each_single_predikat_its_allowed_range():
    assert rules.bands("kurang", DEFAULT)[K] == (Decimal(60), None)
    assert rules.bands("kurang", DEFAULT)[SB] == (None, Decimal(10))
    assert rules.bands("baik", DEFAULT)[BP] == (None, None)  # named only in a group rule


# --- properties ----------------------------------------------------------------------------------------------

COUNTS = st.fixed_dictionaries({p: st.integers(0, 40) for p in PREDIKAT})


def _group_rules(organisasi: str, kinds: tuple[str, ...]) -> set[str]:
    return {
        p for r in DEFAULT if r["organisasi"] == organisasi and r["jenis"] in kinds for p in r["predikat"]
    }


def _move_towards(violation: rules.Violation, counts: dict[str, int], organisasi: str) -> dict | None:
    """One person moved in the direction the violation asks, without taking from a group another rule protects:
    out of an over-full group to a predikat no maximum names; into a short group from one no minimum names."""
    group = set(violation.rule["predikat"])
    if violation.jenis == "maks":
        sources = [p for p in PREDIKAT if p in group and counts[p]]
        targets = [p for p in PREDIKAT if p not in group and p not in _group_rules(organisasi, ("maks",))]
    else:
        protected = _group_rules(organisasi, ("min", "ada"))
        sources = [p for p in PREDIKAT if p not in group and p not in protected and counts[p]]
        targets = [violation.rule["predikat"][0]]
    if not sources or not targets:
        return None
    moved = dict(counts)
    moved[sources[0]] -= 1
    moved[targets[0]] += 1
    return moved


def _key(v: rules.Violation) -> tuple:
    return (v.jenis, tuple(v.rule["predikat"]))


@settings(max_examples=300, deadline=None)
@given(counts=COUNTS, organisasi=st.sampled_from(PREDIKAT_ORGANISASI))
def test_moving_a_person_towards_the_allowed_band_never_adds_a_violation(counts, organisasi):
    before = rules.check_distribution(organisasi, counts, DEFAULT)
    for violation in before:
        moved = _move_towards(violation, counts, organisasi)
        if moved is None:
            continue
        after = {_key(v): v for v in rules.check_distribution(organisasi, moved, DEFAULT)}
        assert set(after) <= {_key(v) for v in before}
        if _key(violation) in after:
            assert after[_key(violation)].to_move == violation.to_move - 1


@settings(max_examples=300, deadline=None)
@given(counts=COUNTS, organisasi=st.sampled_from(PREDIKAT_ORGANISASI))
def test_moving_as_many_as_a_violation_says_makes_it_hold_and_one_fewer_does_not(counts, organisasi):
    for violation in rules.check_distribution(organisasi, counts, DEFAULT):
        current = counts
        for step in range(violation.to_move):
            still = {_key(v) for v in rules.check_distribution(organisasi, current, DEFAULT)}
            assert _key(violation) in still, f"held after {step} of {violation.to_move}"
            current = _move_towards(violation, current, organisasi)
            if current is None:
                break
        else:
            assert _key(violation) not in {
                _key(v) for v in rules.check_distribution(organisasi, current, DEFAULT)
            }


@settings(max_examples=300, deadline=None)
@given(counts=COUNTS, organisasi=st.sampled_from(PREDIKAT_ORGANISASI))
def test_a_violation_is_exactly_the_share_beyond_the_bound(counts, organisasi):
    total = sum(counts.values())
    found = {_key(v) for v in rules.check_distribution(organisasi, counts, DEFAULT)}
    for rule in DEFAULT:
        if rule["organisasi"] != organisasi or not total:
            continue
        n = sum(counts[p] for p in rule["predikat"])
        ratio = Decimal(n) * 100 / Decimal(total)
        expected = {
            "maks": ratio > Decimal(str(rule["persen"] or 0)),
            "min": ratio < Decimal(str(rule["persen"] or 0)),
            "ada": n == 0,
        }[rule["jenis"]]
        assert ((rule["jenis"], tuple(rule["predikat"])) in found) == expected
