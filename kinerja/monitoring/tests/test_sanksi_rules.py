"""The pure rules of sanctions on record (PP 94/2021 art. 8): weight, how long each punishment is served, and
whether it is in force on a day, at every boundary."""

import datetime

import pytest

from kinerja.monitoring import discipline
from kinerja.monitoring.models import TingkatSanksi

D = datetime.date


def test_the_model_offers_exactly_the_nine_punishments_lightest_first():
    assert tuple(TingkatSanksi.values) == discipline.SANCTIONS
    assert len(discipline.SANCTIONS) == 9


@pytest.mark.parametrize(
    ("level", "weight"),
    [
        (discipline.TEGURAN_LISAN, discipline.RINGAN),
        (discipline.TEGURAN_TERTULIS, discipline.RINGAN),
        (discipline.PERNYATAAN_TIDAK_PUAS, discipline.RINGAN),
        (discipline.POTONG_TUKIN_6, discipline.SEDANG),
        (discipline.POTONG_TUKIN_9, discipline.SEDANG),
        (discipline.POTONG_TUKIN_12, discipline.SEDANG),
        (discipline.PENURUNAN_JABATAN, discipline.BERAT),
        (discipline.PEMBEBASAN_JABATAN, discipline.BERAT),
        (discipline.PEMBERHENTIAN, discipline.BERAT),
    ],
)
def test_weight_of_each_punishment(level, weight):
    assert discipline.sanction_weight(level) == weight


@pytest.mark.parametrize(
    ("level", "end"),
    [
        (discipline.TEGURAN_LISAN, D(2026, 3, 15)),  # a light one is served on its day
        (discipline.TEGURAN_TERTULIS, D(2026, 3, 15)),
        (discipline.PERNYATAAN_TIDAK_PUAS, D(2026, 3, 15)),
        (discipline.POTONG_TUKIN_6, D(2026, 9, 14)),
        (discipline.POTONG_TUKIN_9, D(2026, 12, 14)),
        (discipline.POTONG_TUKIN_12, D(2027, 3, 14)),
        (discipline.PENURUNAN_JABATAN, D(2027, 3, 14)),
        (discipline.PEMBEBASAN_JABATAN, D(2027, 3, 14)),
        (discipline.PEMBERHENTIAN, None),  # never ends
    ],
)
def test_end_of_each_punishment_from_its_start(level, end):
    assert discipline.sanction_end(level, D(2026, 3, 15)) == end


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),  # leap year
        (D(2026, 8, 31), 6, D(2027, 2, 28)),
        (D(2026, 12, 1), 1, D(2027, 1, 1)),
        (D(2026, 7, 1), 12, D(2027, 7, 1)),
        (D(2026, 5, 31), 9, D(2027, 2, 28)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_month_end(day, months, expected):
    assert discipline.add_months(day, months) == expected


def test_a_six_month_cut_from_the_first_of_a_month_ends_on_the_last_day_of_the_sixth():
    assert discipline.sanction_end(discipline.POTONG_TUKIN_6, D(2026, 1, 1)) == D(2026, 6, 30)


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (D(2026, 2, 28), False),  # the day before the start
        (D(2026, 3, 1), True),  # the first day
        (D(2026, 8, 31), True),  # the last day
        (D(2026, 9, 1), False),  # the day after
    ],
)
def test_in_force_from_the_first_to_the_last_day(on, expected):
    assert discipline.in_force(D(2026, 3, 1), D(2026, 8, 31), on) is expected


def test_a_dismissal_is_in_force_from_its_day_on_for_ever():
    assert not discipline.in_force(D(2026, 3, 1), None, D(2026, 2, 28))
    assert discipline.in_force(D(2026, 3, 1), None, D(2026, 3, 1))
    assert discipline.in_force(D(2026, 3, 1), None, D(2040, 1, 1))
