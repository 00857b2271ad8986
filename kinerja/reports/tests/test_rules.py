"""The rules of the leaders' reports: capaian bands from the framework, the early warning at its edges, and when a
unit lags."""

from decimal import Decimal as D

import pytest

from kinerja.reports import rules

BANDS = rules.bands_of(None)


def test_the_default_bands_and_the_framework_s_own():
    assert rules.bands_of(None) == {
        "di_bawah": (D(0), D(90)),
        "sesuai": (D(90), D(110)),
        "di_atas": (D(110), None),
    }
    own = rules.bands_of(
        [
            {"rating": "di_bawah", "min": 0, "max": 80},
            {"rating": "sesuai", "min": 80, "max": "100.5"},
            {"rating": "di_atas", "min": "100.5", "max": None},
        ]
    )
    assert own["sesuai"] == (D(80), D("100.5"))
    assert rules.threshold_of(own) == D(80)
    # rows that do not name the three ratings fall back to the default
    assert rules.bands_of([{"rating": "sesuai", "min": 0, "max": None}]) == BANDS


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (None, None),
        (D(0), "di_bawah"),
        (D("89.99"), "di_bawah"),
        (D(90), "sesuai"),
        (D("109.99"), "sesuai"),
        (D(110), "di_atas"),
        (D(400), "di_atas"),
    ],
)
def test_a_capaian_falls_in_one_band_the_lower_bound_included(value, band):
    assert rules.band_of(value, BANDS) == band


T = D(90)


@pytest.mark.parametrize(
    ("series", "kinds", "under"),
    [
        ([], None, 0),
        ([None, None], None, 0),
        ([D(100)], None, 0),
        ([D(89)], ("di_bawah_ambang",), 1),
        ([D(90)], None, 0),  # the threshold itself meets expectation
        # a fall in two consecutive periods, all above the threshold
        ([D(120), D(110), D(100)], ("menurun",), 0),
        # each fall must be of at least 5 points
        ([D(120), D(115), D(110)], ("menurun",), 0),
        ([D(120), D("115.01"), D(110)], None, 0),
        ([D(120), D(115), D("110.01")], None, 0),
        ([D(100), D(99), D(98)], None, 0),
        # one fall is not enough; nor is a level period between two falls
        ([D(120), D(110)], None, 0),
        ([D(120), D(110), D(110)], None, 0),
        ([D(120), D(120), D(100)], None, 0),
        # the fall is read on the last three periods, not earlier
        ([D(130), D(120), D(110), D(115)], None, 0),
        # a missing period in the three breaks the chain
        ([D(120), None, D(100)], None, 0),
        # the latest period with a capaian is the one read: an empty running period does not hide a fall
        ([D(120), D(110), D(100), None], ("menurun",), 0),
        # both at once, and how long it stays under (periods without a capaian are skipped when counting back)
        ([D(100), D(89), D(80)], ("menurun", "di_bawah_ambang"), 2),
        ([D(80), D(85), D(70)], ("di_bawah_ambang",), 3),
        ([D(80), None, D(70)], ("di_bawah_ambang",), 2),
        ([D(95), D(80), D(85)], ("di_bawah_ambang",), 2),
        ([D(80), D(95), D(85)], ("di_bawah_ambang",), 1),
    ],
)
def test_the_early_warning(series, kinds, under):
    flag = rules.early_warning(series, T)
    if kinds is None:
        assert flag is None
        return
    assert flag is not None
    assert flag.kinds == kinds
    assert flag.periods_under == under
    assert flag.latest == next(v for v in reversed(series) if v is not None)
    assert flag.series == tuple(series)
    assert flag.menurun == ("menurun" in kinds)
    assert flag.di_bawah_ambang == ("di_bawah_ambang" in kinds)


@pytest.mark.parametrize(
    ("unit", "view", "approved", "behind"),
    [
        (60.0, 75.0, 3, True),  # exactly 15 points under
        (60.1, 75.0, 3, False),
        (10.0, 75.0, 2, False),  # too few people to judge
        (None, 75.0, 5, False),
        (50.0, None, 5, False),
    ],
)
def test_a_unit_lags_in_filling(unit, view, approved, behind):
    assert rules.lagging(unit, view, None, None, approved=approved, rated=0) == (behind, False)


@pytest.mark.parametrize(
    ("unit", "view", "rated", "under"),
    [
        (D(80), D(90), 3, True),  # exactly 10 points under
        (D("80.01"), D(90), 3, False),
        (D(50), D(90), 2, False),  # too few people with a capaian
        (None, D(90), 5, False),
        (D(50), None, 5, False),
    ],
)
def test_a_unit_lags_in_capaian(unit, view, rated, under):
    assert rules.lagging(None, None, unit, view, approved=0, rated=rated) == (False, under)
