"""Discipline rules of PP 94/2021 on attendance, as pure functions (issue 13; shared/DOMAIN.md section 2.9).

Nothing here knows a threshold: the bands (`hari_min`, `hari_maks`, `sanksi`, `bulan`: the framework's `disiplin`
section, read from the version in force at each day) and the number of consecutive working days that leads to
dismissal (PP 94/2021 art. 11(2)(d)/(3): ten) are arguments.

- The days counted are the working days recorded as *tanpa keterangan* (absent without a valid reason) in one year;
  the total runs from 1 January.
- A run of consecutive unexcused days is broken by any working day recorded with another status (present, leave,
  sick, official travel...). Days without a record (weekends, public holidays, days the machine did not export)
  neither count nor break the run: the attendance export is the calendar of working days.
- The level at a day is the band of the version in force on that day that holds the running total. A changed band
  in a new version applies from that version's date; levels crossed before it stay as they were.
"""

import calendar
import datetime
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

HADIR = "hadir"
IZIN = "izin"
SAKIT = "sakit"
CUTI = "cuti"
DINAS_LUAR = "dinas_luar"
TANPA_KETERANGAN = "tanpa_keterangan"
STATUSES = (HADIR, IZIN, SAKIT, CUTI, DINAS_LUAR, TANPA_KETERANGAN)
DISMISSED = 1_000  # the severity of dismissal: above every band

# The spellings of attendance machines' and spreadsheets' exports, lower case with spaces, dots, dashes and
# underscores removed (see `normalise_status`). "TL" is left out on purpose: some machines mean terlambat (late,
# present), others tugas luar (official travel); a file using it is refused with the status named.
SPELLINGS = {
    HADIR: {"h", "hadir", "masuk", "present", "p", "hdr", "tepatwaktu", "terlambat", "pulangcepat", "psw"},
    IZIN: {"i", "izin", "ijin", "iz", "ij", "izinpribadi"},
    SAKIT: {"s", "sakit", "sk", "sakitdengansurat", "sakitsuratdokter"},
    CUTI: {
        "c",
        "cuti",
        "ct",
        "cutitahunan",
        "cb",
        "cutibesar",
        "cm",
        "cutimelahirkan",
        "cs",
        "cutisakit",
        "cap",
    },
    DINAS_LUAR: {"dl", "dinasluar", "dinas", "tugasluar", "tugas", "dik", "diklat", "spt", "perjalanandinas"},
    TANPA_KETERANGAN: {
        "a",
        "alpa",
        "alpha",
        "alfa",
        "tk",
        "tanpaketerangan",
        "tanpaket",
        "mangkir",
        "absen",
        "tidakhadir",
        "th",
        "tidakmasuk",
    },
}
_BY_SPELLING = {spelling: status for status, spellings in SPELLINGS.items() for spelling in spellings}


@functools.lru_cache(maxsize=1024)
def normalise_status(text: str) -> str | None:
    """The status a cell of an attendance export means ("TK", "Tanpa Keterangan", "alpa", "D.L."...), or None."""
    key = re.sub(r"[\s._\-/]+", "", str(text or "")).lower()
    return _BY_SPELLING.get(key)


def sanksi_for(total: int, bands: list[dict]) -> dict | None:
    """The band of the framework's `disiplin` section that holds a running total of unexcused days, or None."""
    for band in bands:
        high = band.get("hari_maks")
        if total >= band["hari_min"] and (high is None or total <= high):
            return band
    return None


def longest_run(days: Iterable[tuple[datetime.date, str]]) -> tuple[int, datetime.date | None]:
    """The longest run of consecutive unexcused working days, and the day it reached that length (None if 0)."""
    best, best_day, current = 0, None, 0
    for day, status in sorted(days):
        current = current + 1 if status == TANPA_KETERANGAN else 0
        if current > best:
            best, best_day = current, day
    return best, best_day


@dataclass(frozen=True)
class Crossing:
    """A day on which the running total reached a new band, or the consecutive days reached the limit."""

    tanggal: datetime.date
    total: int  # unexcused days of the year up to this day
    berturut: int  # consecutive unexcused days up to this day
    sanksi: str
    bulan: int | None = None  # months the sanction lasts, where the band gives them
    karena_berturut: bool = False  # reached by the consecutive-days rule
    # Which level, whatever its wording: "hari:<first day of the band>" or "berturut" (two bands may share a
    # sanction's words; a level is known by its band).
    kunci: str = ""


def _severity(band: dict, bands: list[dict]) -> int:
    """How heavy a band is among the bands in force: its place by first day, from 1."""
    ordered = sorted(b["hari_min"] for b in bands)
    return ordered.index(band["hari_min"]) + 1


def crossings(
    days: Iterable[tuple[datetime.date, str]],
    bands_at: Callable[[datetime.date], list[dict]],
    consecutive_limit_at: Callable[[datetime.date], int | None],
    dismissal: str,
) -> list[Crossing]:
    """Each day of one year on which the pegawai reached a level heavier than any reached before: a band of the
    running total heavier than the last (by the bands in force that day), or `dismissal`, the heaviest, when the
    consecutive unexcused days reach the limit in force that day. Days are (date, status) pairs of one year, in
    any order; a total that falls in a lighter band after a change of the bands raises nothing. Every recorded
    day is looked at, not only unexcused ones: when the bands in force change (a first version taking effect in
    mid-year, a lower threshold), the total reached before is judged by them from their first day."""
    found: list[Crossing] = []
    total = run = 0
    heaviest = 0
    for day, status in sorted(days):
        unexcused = status == TANPA_KETERANGAN
        total += unexcused
        run = run + 1 if unexcused else 0
        if heaviest == DISMISSED or total == 0:
            continue
        limit = consecutive_limit_at(day)
        if unexcused and limit and run >= limit:
            heaviest = DISMISSED
            found.append(Crossing(day, total, run, dismissal, None, karena_berturut=True, kunci="berturut"))
            continue
        bands = bands_at(day)
        band = sanksi_for(total, bands)
        if band is None:
            continue
        severity = DISMISSED if band.get("hari_maks") is None else _severity(band, bands)
        if severity > heaviest:
            heaviest = severity
            found.append(
                Crossing(day, total, run, band["sanksi"], band.get("bulan"), kunci=f"hari:{band['hari_min']}")
            )
    return found


def current_level(found: list[Crossing]) -> Crossing | None:
    """The heaviest level reached (the latest crossing: each crossing is heavier than those before it)."""
    return found[-1] if found else None


# Sanctions on record (PP 94/2021 art. 8): the nine kinds of disciplinary punishment, by severity. A light one
# (ringan) has no duration; the allowance cuts and the changes of position last the months the regulation names;
# dismissal does not end.
TEGURAN_LISAN = "teguran_lisan"
TEGURAN_TERTULIS = "teguran_tertulis"
PERNYATAAN_TIDAK_PUAS = "pernyataan_tidak_puas"
POTONG_TUKIN_6 = "potong_tukin_6"
POTONG_TUKIN_9 = "potong_tukin_9"
POTONG_TUKIN_12 = "potong_tukin_12"
PENURUNAN_JABATAN = "penurunan_jabatan"
PEMBEBASAN_JABATAN = "pembebasan_jabatan"
PEMBERHENTIAN = "pemberhentian"
SANCTIONS = (
    TEGURAN_LISAN,
    TEGURAN_TERTULIS,
    PERNYATAAN_TIDAK_PUAS,
    POTONG_TUKIN_6,
    POTONG_TUKIN_9,
    POTONG_TUKIN_12,
    PENURUNAN_JABATAN,
    PEMBEBASAN_JABATAN,
    PEMBERHENTIAN,
)
SANCTION_MONTHS = {
    POTONG_TUKIN_6: 6,
    POTONG_TUKIN_9: 9,
    POTONG_TUKIN_12: 12,
    PENURUNAN_JABATAN: 12,
    PEMBEBASAN_JABATAN: 12,
}
RINGAN, SEDANG, BERAT = "ringan", "sedang", "berat"


def sanction_weight(level: str) -> str:
    """ringan, sedang or berat (PP 94/2021 art. 8(2)-(4))."""
    index = SANCTIONS.index(level)
    return RINGAN if index < 3 else SEDANG if index < 6 else BERAT


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it has no such day (31 Jan + 1 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def sanction_end(level: str, mulai: datetime.date) -> datetime.date | None:
    """The last day a sanction starting on `mulai` is served: `mulai` itself for a light one, the day before the
    same date `bulan` months later for a timed one, None (never ends) for dismissal."""
    if level == PEMBERHENTIAN:
        return None
    months = SANCTION_MONTHS.get(level)
    if months is None:
        return mulai
    return add_months(mulai, months) - datetime.timedelta(days=1)


def in_force(mulai: datetime.date, sampai: datetime.date | None, on: datetime.date) -> bool:
    """Whether a sanction from `mulai` until `sampai` (inclusive; None: no end) is being served on `on`."""
    return mulai <= on and (sampai is None or on <= sampai)
