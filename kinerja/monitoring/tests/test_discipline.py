"""The discipline rules of PP 94/2021 (kinerja/monitoring/discipline.py): every band boundary of section 2.9 with
the framework's default bands, the ten-consecutive-days rule, a band changed by a later framework version, and the
spellings of attendance exports. Pure functions: no database."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.criteria.defaults import ATURAN
from kinerja.monitoring import discipline as d

BANDS = [data for _key, data, _source in ATURAN["disiplin"]]
DISMISSAL = BANDS[-1]["sanksi"]
YEAR = 2026


def working_days(n: int, start=datetime.date(YEAR, 1, 5)) -> list[datetime.date]:
    """n working days (Monday to Friday) from a Monday."""
    days, day = [], start
    while len(days) < n:
        if day.weekday() < 5:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def scattered(unexcused: int) -> list[tuple[datetime.date, str]]:
    """`unexcused` days without a reason, each followed by a day present (never two in a row)."""
    days = working_days(2 * unexcused)
    return [(day, d.TANPA_KETERANGAN if n % 2 == 0 else d.HADIR) for n, day in enumerate(days)]


def level(days, bands=BANDS, limit=10):
    return d.current_level(d.crossings(days, lambda _day: bands, lambda _day: limit, DISMISSAL))


@pytest.mark.parametrize(
    ("below", "at", "sanksi"),
    [
        (2, 3, "Teguran lisan"),
        (3, 4, "Teguran tertulis"),
        (6, 7, "Pernyataan tidak puas secara tertulis"),
        (10, 11, "Pemotongan tunjangan kinerja 25% selama 6 bulan"),
        (13, 14, "Pemotongan tunjangan kinerja 25% selama 9 bulan"),
        (16, 17, "Pemotongan tunjangan kinerja 25% selama 12 bulan"),
        (20, 21, "Penurunan jabatan setingkat lebih rendah selama 12 bulan"),
        (24, 25, "Pembebasan dari jabatan menjadi jabatan pelaksana selama 12 bulan"),
        (27, 28, "Pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS"),
    ],
)
def test_each_boundary_of_the_bands(below, at, sanksi):
    before = level(scattered(below))
    reached = level(scattered(at))
    assert reached is not None and reached.sanksi == sanksi and reached.total == at
    assert before is None or before.sanksi != sanksi
    assert not reached.karena_berturut


def test_the_months_of_a_cut_come_from_the_band():
    assert (
        level(scattered(11)).bulan == 6
        and level(scattered(17)).bulan == 12
        and level(scattered(3)).bulan is None
    )


def test_ten_consecutive_days_lead_to_dismissal_nine_do_not():
    days = working_days(12)
    nine = [(day, d.TANPA_KETERANGAN if n < 9 else d.HADIR) for n, day in enumerate(days)]
    ten = [(day, d.TANPA_KETERANGAN if n < 10 else d.HADIR) for n, day in enumerate(days)]
    assert level(nine).sanksi == "Pernyataan tidak puas secara tertulis"  # 9 days: the 7-10 band
    dismissed = level(ten)
    assert dismissed.sanksi == DISMISSAL and dismissed.karena_berturut and dismissed.berturut == 10
    assert dismissed.tanggal == days[9]


def test_weekends_and_holidays_do_not_break_a_run_a_day_present_does():
    # Ten unexcused working days over two weeks: the weekend between has no record, so the run holds
    days = working_days(10)
    assert (days[-1] - days[0]).days == 11  # a weekend between
    assert d.longest_run([(day, d.TANPA_KETERANGAN) for day in days]) == (10, days[-1])
    broken = [(day, d.TANPA_KETERANGAN) for day in days]
    broken[5] = (days[5], d.SAKIT)
    assert d.longest_run(broken)[0] == 5
    assert not level(broken).karena_berturut


def test_the_limit_comes_from_the_framework_and_no_limit_means_no_rule():
    days = [(day, d.TANPA_KETERANGAN) for day in working_days(8)]
    assert level(days, limit=8).karena_berturut
    assert not level(days, limit=None).karena_berturut


def test_a_band_changed_by_a_later_version_applies_from_its_date_only():
    changed = [dict(b) for b in BANDS]
    changed[0] = {**changed[0], "hari_min": 2, "sanksi": "Teguran lisan (aturan baru)"}
    days = scattered(3)  # unexcused on the 1st, 3rd and 5th working day
    from_date = days[2][0]  # the new version is in force from the second unexcused day

    found = d.crossings(days, lambda day: changed if day >= from_date else BANDS, lambda _day: 10, DISMISSAL)
    # On the version's date the two days reach the new band; the third day adds no heavier level
    assert [(c.tanggal, c.total, c.sanksi) for c in found] == [(from_date, 2, "Teguran lisan (aturan baru)")]
    # Had the version come after the last day, only the old band is reached, on the third day
    old = d.crossings(days, lambda _day: BANDS, lambda _day: 10, DISMISSAL)
    assert [(c.tanggal, c.total, c.sanksi) for c in old] == [(days[4][0], 3, "Teguran lisan")]


def test_a_lighter_band_after_a_change_raises_nothing_until_a_heavier_one():
    # A later version moves every band two days up: totals 5 to 8 are a lighter or the same level there
    lifted = [
        {
            **b,
            "hari_min": b["hari_min"] + 2,
            "hari_maks": None if b["hari_maks"] is None else b["hari_maks"] + 2,
        }
        for b in BANDS
    ]
    days = scattered(9)
    switch = days[8][0]  # from the 5th unexcused day
    found = d.crossings(days, lambda day: lifted if day >= switch else BANDS, lambda _day: 10, DISMISSAL)
    assert [(c.total, c.sanksi) for c in found] == [
        (3, "Teguran lisan"),
        (4, "Teguran tertulis"),
        (9, "Pernyataan tidak puas secara tertulis"),
    ]


@pytest.mark.parametrize(
    ("cell", "status"),
    [
        ("H", d.HADIR),
        ("Hadir", d.HADIR),
        ("terlambat", d.HADIR),
        ("I", d.IZIN),
        ("Ijin", d.IZIN),
        ("S", d.SAKIT),
        ("C", d.CUTI),
        ("Cuti Tahunan", d.CUTI),
        ("D.L.", d.DINAS_LUAR),
        ("dinas luar", d.DINAS_LUAR),
        ("Dinas-Luar", d.DINAS_LUAR),
        ("TK", d.TANPA_KETERANGAN),
        ("Tanpa Keterangan", d.TANPA_KETERANGAN),
        ("tanpa_keterangan", d.TANPA_KETERANGAN),
        ("Alpa", d.TANPA_KETERANGAN),
        ("A", d.TANPA_KETERANGAN),
        (" mangkir ", d.TANPA_KETERANGAN),
    ],
)
def test_the_spellings_of_attendance_exports(cell, status):
    assert d.normalise_status(cell) == status


@pytest.mark.parametrize("cell", ["", "TL", "x", "libur", None, "hadir?"])
def test_an_unknown_or_ambiguous_status_is_none(cell):
    assert d.normalise_status(cell) is None


@given(st.lists(st.sampled_from(d.STATUSES), max_size=260))
def test_crossings_rise_with_the_total_and_end_at_the_band_of_the_total(statuses):
    days = list(zip(working_days(len(statuses)), statuses, strict=True))
    found = d.crossings(days, lambda _day: BANDS, lambda _day: None, DISMISSAL)
    totals = [c.total for c in found]
    assert totals == sorted(set(totals))
    unexcused = statuses.count(d.TANPA_KETERANGAN)
    expected = d.sanksi_for(unexcused, BANDS)
    if expected is None:
        assert found == []
    else:
        assert found[-1].sanksi == expected["sanksi"]
        assert all(c.total <= unexcused for c in found)
