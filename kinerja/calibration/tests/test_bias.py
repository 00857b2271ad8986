"""The rater-bias analytics (kinerja/calibration/bias.py) on small synthetic agencies built here: each kind flags a
rater biased on purpose and no honest rater, nothing is flagged under the minimum sample, the explanations carry the
numbers, the statistics match known values, and as properties: raising a rating never lowers the rater's leniency,
and the input's order changes nothing. Pure: no database."""

import math
import random
from dataclasses import replace

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.calibration import bias
from kinerja.calibration import bias_stats as stats
from kinerja.calibration.bias import Rated, analyse

HONEST_NOISE = 0.12  # an honest rater's ratings are one step off the truth this often (either way)


def _band(x: float) -> int:
    return 0 if x < -0.9 else 2 if x >= 0.9 else 1


def _noisy(rng: random.Random, step: int) -> int:
    if rng.random() >= HONEST_NOISE:
        return step
    return min(2, max(0, step + rng.choice((-1, 1))))


def _biased(rng: random.Random, kind: str, step: int) -> int:
    if kind == "lenient" and rng.random() < 0.9:
        return min(2, step + 1)
    if kind == "severe" and rng.random() < 0.9:
        return max(0, step - 1)
    if kind == "central" and rng.random() < 0.9:
        return 1
    return _noisy(rng, step)


def _rows(rng: random.Random, rater: int, ratee: int, kind: str, periods: int, org: int) -> list[Rated]:
    """One employee's evaluations by one rater: the truth drawn, then rated honestly or with the rater's bias."""
    performance = rng.gauss(0, 1)
    behaviour = 0.4 * performance + rng.gauss(0, 0.9)
    peers = round(min(5.0, max(1.0, 3 + 0.8 * behaviour + rng.gauss(0, 0.3))), 2)
    self_level = 5.0 if kind == "self_inflated" else round(min(5.0, max(1.0, 3.7 + 0.4 * behaviour)), 2)
    bukti = 0 if rng.random() < 0.1 else rng.randint(1, 6)
    offsets = [rng.gauss(0, 0.5) for _ in range(7)]
    rows = []
    for _period in range(periods):
        truth = _band(performance + rng.gauss(0, 0.3))
        hasil = _biased(rng, kind, truth)
        behaviour_truth = [_band(behaviour)] + [_band(behaviour + o) for o in offsets]
        if kind == "reverse_360":  # behaviour rated against what the peers see
            behaviour_truth = [2 - b for b in behaviour_truth]
        perilaku, *nilai = [_biased(rng, kind, b) for b in behaviour_truth]
        if kind == "halo" and rng.random() < 0.9:
            perilaku, nilai = hasil, [hasil] * 7
        rows.append(
            Rated(rater, ratee, hasil, perilaku, tuple(nilai), expected=truth, capaian=100 + 15 * performance,
                  organisasi=org, bukti=bukti, peers=peers, self_level=self_level)
        )  # fmt: skip
    return rows


def agency(
    seed: int = 1, raters: int = 30, team: int = 8, biased: dict | None = None, periods: int = 1
) -> list:
    """`raters` raters of `team` employees each; `biased` maps a rater id to its bias (the rest are honest)."""
    rng = random.Random(seed)
    biased = biased or {}
    rows = []
    for rater in range(raters):
        kind, org = biased.get(rater, "honest"), rng.choice((1, 2, 3, 4))
        size = team if not isinstance(kind, tuple) else kind[1]
        kind = kind if not isinstance(kind, tuple) else kind[0]
        for j in range(size):
            rows += _rows(rng, rater, rater * 1000 + j, kind, periods, org)
    return rows


def flags(reports: dict, rater: int) -> set:
    return {m.flag for m in reports[rater].flags}


def honest_flags(reports: dict, biased: set) -> dict:
    return {
        rater: flags(reports, rater) for rater in reports if rater not in biased and flags(reports, rater)
    }


# --- each kind flags a biased rater, and no honest one -------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "flag", "team"),
    [
        ("lenient", "lenient", 8),
        ("severe", "severe", 8),
        ("central", "central", 8),
        ("halo", "halo", 8),
        ("reverse_360", "disagree_360", 20),
        ("self_inflated", "self_gap", 8),
    ],
)
def test_a_biased_rater_is_flagged_and_the_honest_ones_are_not(kind, flag, team):
    reports = analyse(agency(seed=3, biased={0: (kind, team)}, periods=4))
    assert flag in flags(reports, 0)
    assert honest_flags(reports, {0}) == {}


def test_lenient_and_severe_go_the_right_way():
    reports = analyse(agency(seed=5, biased={0: "lenient", 1: "severe"}, periods=4))
    lenient, severe = reports[0].measures["leniency"], reports[1].measures["leniency"]
    assert lenient.effect > 0.4 and lenient.z > bias.Z_FLAG and lenient.low > 0
    assert severe.effect < -0.4 and severe.z < -bias.Z_FLAG and severe.high < 0
    assert flags(reports, 0) >= {"lenient"} and "severe" not in flags(reports, 0)
    assert flags(reports, 1) >= {"severe"} and "lenient" not in flags(reports, 1)


def test_ratings_against_the_evidence_are_counted_and_flagged():
    """Di atas for everyone whose achievements are in the sesuai band, or who has no bukti."""
    rows = agency(seed=7)
    rows = [replace(r, hasil_kerja=2) if r.rater == 0 and r.expected != 2 else r for r in rows]
    reports = analyse(rows)
    m = reports[0].measures["evidence"]
    assert m.flag == "evidence"
    assert m.count == sum(
        1 for r in rows if r.rater == 0 and r.hasil_kerja == 2 and (r.expected != 2 or r.bukti == 0)
    )
    assert m.count_low == 0
    assert m.value == pytest.approx(m.count / m.n) and m.reference < 0.2
    assert honest_flags(reports, {0}) == {}


def test_a_central_rater_is_not_taken_for_halo_nor_a_lenient_one():
    reports = analyse(agency(seed=11, biased={0: "central", 1: "lenient"}, periods=4))
    assert "halo" not in flags(reports, 0) | flags(reports, 1)


def test_halo_is_kappa_against_the_other_raters():
    reports = analyse(agency(seed=3, biased={0: "halo"}))
    m = reports[0].measures["halo"]
    assert m.value > 0.6 and m.reference < 0.4
    assert m.count >= 4  # employees with all nine ratings the same
    assert m.effect == pytest.approx(m.value - m.reference)


# --- the minimum sample ---------------------------------------------------------------------------------------


def test_no_flag_under_the_minimum_sample_but_the_numbers_are_there():
    reports = analyse(agency(seed=3, biased={0: ("lenient", bias.MIN_SAMPLE - 1)}, periods=4))
    report = reports[0]
    assert report.n == bias.MIN_SAMPLE - 1 and report.too_few
    assert report.flags == []
    m = report.measures["leniency"]
    assert m.effect > 0.4 and abs(m.z) > bias.Z_FLAG  # would be flagged with one more employee
    with translation.override("en"):
        assert "Too few employees (4, at least 5)" in m.explain()


def test_the_minimum_sample_is_a_parameter():
    rows = agency(seed=3, biased={0: "lenient"})
    assert "lenient" in flags(analyse(rows), 0)
    stricter = analyse(rows, min_sample=9)
    assert stricter[0].too_few and stricter[0].flags == []
    assert all(not r.flags for r in stricter.values())  # every team has 8


def test_a_measure_needs_its_own_data():
    """Employees without a 360 result or a self-assessment do not count for those measures."""
    rows = [replace(r, peers=None, self_level=None) if r.rater == 0 else r for r in agency(seed=3)]
    report = analyse(rows)[0]
    assert report.n == 8
    assert report.measures["disagree_360"].n == 0 and report.measures["self_gap"].n == 0
    assert report.measures["self_gap"].flag is None
    with translation.override("en"):
        assert report.measures["self_gap"].explain() == "No employees with a self-assessment."


def test_a_lone_rater_has_nobody_to_be_compared_with():
    reports = analyse(agency(seed=3, raters=1, biased={0: "lenient"}))
    assert reports[0].flags == []
    assert reports[0].measures["leniency"].effect == pytest.approx(0)


# --- explanations ---------------------------------------------------------------------------------------------


def test_the_explanations_carry_the_numbers():
    reports = analyse(agency(seed=5, biased={0: "lenient", 1: "severe"}, periods=4))
    with translation.override("en"):
        for rater, word in ((0, "above"), (1, "below")):
            m = reports[rater].measures["leniency"]
            text = m.explain()
            assert f"average {abs(m.effect):.2f}".rstrip("0") in text and f"step {word}" in text
            assert f"your {m.n} employees" in text
            assert f"z {m.z:.1f}" in text
            assert f"(±{m.spread:.2f}".rstrip("0") in text
            assert text.endswith(f"Flagged: {'lenient' if rater == 0 else 'severe'}.")
        for m in reports[0].measures.values():
            assert str(m.n) in m.explain()


def test_explanations_are_in_the_language_of_the_page():
    m = analyse(agency(seed=5, biased={0: "lenient"}, periods=4))[0].measures["leniency"]
    with translation.override("id"):
        assert f"{abs(m.effect):.2f}".rstrip("0").replace(".", ",") in m.explain()


# --- inputs and statistics ------------------------------------------------------------------------------------


def test_a_rating_is_a_step_and_there_are_seven_values():
    with pytest.raises(ValueError):
        Rated(1, 2, 3, 1, (1,) * 7)
    with pytest.raises(ValueError):
        Rated(1, 2, 1, 1, (1,) * 6)
    assert bias.STEP == {"di_bawah": 0, "sesuai": 1, "di_atas": 2}
    assert bias.ORGANISASI_STEP["istimewa"] == 4 and bias.ORGANISASI_STEP["sangat_kurang"] == 0


def test_kendall_tau_b_with_ties():
    # scipy.stats.kendalltau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]) = -0.47140452079103173
    assert stats.kendall_tau_b([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]) == pytest.approx(-0.47140452079103173)
    assert stats.kendall_tau_b([1, 2, 3], [3, 3, 3]) is None
    assert stats.kendall_tau_b([1, 2, 3], [1, 2, 3]) == 1


def test_binomial_tails_and_wilson():
    assert stats.binomial_upper(2, 3, 0.5) == pytest.approx(0.5)
    assert stats.binomial_mid_p(2, 3, 0.5) == pytest.approx(0.125 + 0.375 / 2)
    low, high = stats.wilson(0, 10)
    assert low == 0 and high == pytest.approx(0.2129, abs=1e-3)
    assert stats.z_of_upper_p(0.00135) == pytest.approx(3.0, abs=1e-3)


def test_cell_means_leave_the_rater_out_and_count_raters_not_ratings():
    cells = stats.CellMeans(prior=1)
    a, b = (("all",), ("cell", "a")), (("all",), ("cell", "b"))
    cells.add(1, a, (5.0,))  # the rater asking: left out of their own prediction
    for _ in range(50):  # a large team votes once in its cell
        cells.add(2, a, (0.0,))
    cells.add(4, a, (2.0,))
    cells.add(3, b, (1.0,))
    agency = (50 * 0.0 + 2.0 + 1.0) / 52  # everyone but rater 1, rating by rating
    assert cells.predict(1, a) == pytest.approx([agency + 2 / 3 * ((0.0 + 2.0) / 2 - agency)])
    assert cells.predict(3, b) == pytest.approx([(5.0 + 2.0) / 52])  # nobody else in "b": the agency's mean


def test_mean_shifts_shrink_small_teams_more():
    samples = {
        1: [0.5] * 3 + [0.4] * 2,
        2: [0.5] * 15 + [0.4] * 10,
        **{k: [0.0, 0.1, -0.1] * 3 for k in range(3, 20)},
    }
    shifts = stats.mean_shifts(samples, 5, 0.1)
    assert shifts[1].effect == pytest.approx(shifts[2].effect)
    assert shifts[1].se > shifts[2].se and shifts[1].estimate < shifts[2].estimate <= shifts[2].effect


# --- properties -----------------------------------------------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    pick=st.integers(0, 10_000),
    field=st.sampled_from(["hasil_kerja", "perilaku"]),
)
def test_raising_a_rating_never_lowers_the_raters_leniency(seed, pick, field):
    rows = agency(seed=seed, raters=8, team=6, biased={0: "lenient", 1: "severe"}, periods=2)
    candidates = [i for i, r in enumerate(rows) if getattr(r, field) < 2]
    i = candidates[pick % len(candidates)]
    raised = [*rows[:i], replace(rows[i], **{field: getattr(rows[i], field) + 1}), *rows[i + 1 :]]
    rater = rows[i].rater
    before, after = analyse(rows)[rater].measures["leniency"], analyse(raised)[rater].measures["leniency"]
    assert after.effect > before.effect
    assert after.value > before.value and after.reference == pytest.approx(before.reference)


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000), shuffle=st.randoms(use_true_random=False))
def test_the_order_of_the_input_changes_nothing(seed, shuffle):
    rows = agency(seed=seed, raters=8, team=6, biased={0: "halo", 1: "central"}, periods=2)
    shuffled = list(rows)
    shuffle.shuffle(shuffled)
    assert analyse(shuffled) == analyse(rows)


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_measures_are_finite_and_intervals_hold_their_effect(seed):
    for report in analyse(agency(seed=seed, raters=6, team=5, biased={0: "halo", 1: "central"})).values():
        assert list(report.measures) == list(bias.KINDS)
        for m in report.measures.values():
            if m.effect is not None:
                assert math.isfinite(m.effect) and math.isfinite(m.z)
                assert m.low - 1e-9 <= m.effect <= m.high + 1e-9
