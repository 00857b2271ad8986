"""Pure rules of the leaders' reports (issue 14): no database, no I/O.

- **Capaian of a pegawai in a period**: the mean of the capaian of their realisations of that period that have
  one (a numeric indikator with a period target, kinerja.monitoring.rules.period_numbers); the reports average it
  in the database. A period without any such realisation has no capaian (None), never 0.
- **Bands**: the framework's `rating` section cuts capaian into di bawah / sesuai / di atas ekspektasi (by default
  under 90%, 90% to under 110%, 110% and more); the lower bound of "sesuai" is the **threshold** under which a
  pegawai is flagged.
- **Early warning** of one pegawai, from their capaian per period in order (up to the period looked at):
  - *menurun*: the capaian fell in two consecutive periods: the last three periods all have a capaian and each is
    at least `FALL` points lower than the one before (a smaller fall is the noise of a few realisations, not a
    decline: with no floor, one person in six on target would be flagged by chance alone);
  - *di bawah ambang*: the latest period with a capaian is under the threshold; the flag says for how many
    periods in a row (counting back over periods that have a capaian) it has stayed there.
  Either flag is shown with the numbers behind it; none is raised from a single missing period.
- **A lagging unit** lags behind the others shown with it: its share of approved SKP with a realisation of the
  period is at least `GAP` percentage points under the share of the whole view, or its mean capaian of the
  period at least `CAPAIAN_GAP` points under the view's mean. A unit of fewer than `MIN_PEOPLE` people (with an
  approved SKP, or with a capaian) is not judged on that count.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from kinerja.criteria import rules as criteria_rules

BANDS = criteria_rules.RATINGS  # worst to best
DI_BAWAH, SESUAI, DI_ATAS = BANDS
DEFAULT_BANDS = {
    DI_BAWAH: (Decimal(0), Decimal(90)),
    SESUAI: (Decimal(90), Decimal(110)),
    DI_ATAS: (Decimal(110), None),
}
MENURUN, DI_BAWAH_AMBANG = "menurun", "di_bawah_ambang"
GAP = Decimal(15)  # percentage points of filling under the view's share that make a unit lag
CAPAIAN_GAP = Decimal(10)  # points of mean capaian under the view's mean that make a unit lag
MIN_PEOPLE = 3  # a unit smaller than this is not judged
FALL = Decimal(5)  # points of capaian a period must lose against the one before to count as a fall


def bands_of(rating_rows: Sequence[Mapping] | None) -> dict[str, tuple[Decimal, Decimal | None]]:
    """{rating: (from, up to but not including; None: no upper limit)} from the framework's `rating` rows (each
    {"rating", "min", "max"}, checked when the framework was published); the default bands without them."""
    if not rating_rows:
        return dict(DEFAULT_BANDS)
    found = {}
    for row in rating_rows:
        high = row.get("max")
        found[row["rating"]] = (Decimal(str(row["min"])), None if high is None else Decimal(str(high)))
    return found if set(found) == set(BANDS) else dict(DEFAULT_BANDS)


def threshold_of(bands: Mapping[str, tuple[Decimal, Decimal | None]]) -> Decimal:
    """The capaian under which a pegawai is below expectation: where "sesuai ekspektasi" begins."""
    return bands[SESUAI][0]


def band_of(capaian: Decimal | None, bands: Mapping[str, tuple[Decimal, Decimal | None]]) -> str | None:
    if capaian is None:
        return None
    for name in BANDS:
        low, high = bands[name]
        if capaian >= low and (high is None or capaian < high):
            return name
    return DI_BAWAH  # under the lowest band's start (the framework's bands start at 0; capaian is never negative)


@dataclass(frozen=True)
class Flag:
    """Why a pegawai is flagged, with the numbers behind it."""

    kinds: tuple[str, ...]  # MENURUN and/or DI_BAWAH_AMBANG
    series: tuple[Decimal | None, ...]  # the capaian per period that was read, in order
    latest: Decimal  # the capaian of the latest period that has one
    periods_under: int  # consecutive periods (with a capaian) under the threshold, up to the latest
    threshold: Decimal

    @property
    def menurun(self) -> bool:
        return MENURUN in self.kinds

    @property
    def di_bawah_ambang(self) -> bool:
        return DI_BAWAH_AMBANG in self.kinds


def early_warning(series: Sequence[Decimal | None], threshold: Decimal) -> Flag | None:
    """The flag of one pegawai from their capaian per period in order (None: no capaian that period), or None
    when nothing is wrong (or nothing is known)."""
    known = [(n, v) for n, v in enumerate(series) if v is not None]
    if not known:
        return None
    latest_index, latest = known[-1]
    kinds = []
    if latest_index >= 2:
        a, b, c = series[latest_index - 2], series[latest_index - 1], latest
        if a is not None and b is not None and a - b >= FALL and b - c >= FALL:
            kinds.append(MENURUN)
    under = 0
    for _n, value in reversed(known):
        if value >= threshold:
            break
        under += 1
    if under:
        kinds.append(DI_BAWAH_AMBANG)
    if not kinds:
        return None
    return Flag(tuple(kinds), tuple(series), latest, under, threshold)


def lagging(
    unit_terisi: Decimal | float | None,
    view_terisi: Decimal | float | None,
    unit_capaian: Decimal | None,
    view_capaian: Decimal | None,
    *,
    approved: int,
    rated: int,
) -> tuple[bool, bool]:
    """(behind in filling, behind in capaian) for one unit against the whole view: its share of approved SKP
    with a realisation of the period (percent) and its mean capaian of the period. A unit is judged on filling
    only with at least `MIN_PEOPLE` approved SKP, on capaian only with at least `MIN_PEOPLE` people with a
    capaian: one person's month is not a unit's."""
    behind = (
        approved >= MIN_PEOPLE
        and unit_terisi is not None
        and view_terisi is not None
        and Decimal(str(unit_terisi)) <= Decimal(str(view_terisi)) - GAP
    )
    under = (
        rated >= MIN_PEOPLE
        and unit_capaian is not None
        and view_capaian is not None
        and unit_capaian <= view_capaian - CAPAIAN_GAP
    )
    return behind, under
