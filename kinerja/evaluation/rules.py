"""Pure rules of evaluation (PermenPANRB 6/2022 stage three; DOMAIN 2.5): no database, no I/O. The framework's
tables (the `rating` bands and the `predikat` matrix, read through criteria.selectors.rules_in_force) come in as
arguments: the regulation's matrix is the framework's default content, not a constant here.

- **Predikat** of a pegawai: the matrix cell of their rating hasil kerja (row) and rating perilaku (column).
- **An RHK's suggested rating**: the band of the mean capaian of its indikator that have one; none when no
  indikator has a capaian (qualitative indikator: the penilai judges a statement, a formula does not).
- **The suggested rating hasil kerja** from the RHK ratings, by the guidance of section 2.5, Utama RHK deciding
  and Tambahan RHK able only to help:
  - *Di Bawah* when at least half of the Utama RHK are below expectation ("most or all results below": half is
    no longer "a small part");
  - *Di Atas* when no Utama RHK is below and more than half of them are above, or exactly half are above and a
    Tambahan RHK is above too ("most or all above, and no Utama below");
  - *Sesuai* otherwise ("most or all meet expectation, only a small part of the Utama below").
  A better rating of any RHK never lowers the suggestion (tested as a property). The penilai decides; a departure
  from the suggestion needs a written reason (the services check it).
"""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from kinerja.criteria import rules as criteria_rules

DI_BAWAH, SESUAI, DI_ATAS = "di_bawah", "sesuai", "di_atas"
RATINGS = criteria_rules.RATINGS  # worst to best: di_bawah, sesuai, di_atas
PREDIKAT = ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")
UTAMA, TAMBAHAN = "utama", "tambahan"  # planning's RHK kinds
CENT = Decimal("0.01")


def predikat(hasil_kerja: str, perilaku: str, matrix: Sequence[dict]) -> str:
    """The predikat of the matrix's cell (rows {"hasil", "perilaku", "predikat"}) for the two ratings."""
    for rating in (hasil_kerja, perilaku):
        if rating not in RATINGS:
            raise ValueError(f"unknown rating: {rating!r}")
    try:
        return criteria_rules.predikat_of(hasil_kerja, perilaku, list(matrix))
    except KeyError:
        raise ValueError(f"the matrix has no cell for ({hasil_kerja}, {perilaku})") from None


def mean_capaian(capaian: Sequence[Decimal | None]) -> Decimal | None:
    known = [Decimal(c) for c in capaian if c is not None]
    if not known:
        return None
    return (sum(known, Decimal(0)) / len(known)).quantize(CENT, rounding=ROUND_HALF_UP)


def suggest_rhk_rating(capaian: Sequence[Decimal | None], bands: Sequence[dict]) -> str | None:
    """An RHK's suggested rating from its indikator's capaian (None for an indikator without one): the band of
    their mean; None when no indikator has a capaian."""
    mean = mean_capaian(capaian)
    return None if mean is None else criteria_rules.suggest_rating(mean, list(bands))


@dataclass(frozen=True)
class Saran:
    """A suggested rating with the one line that explains it."""

    rating: str | None
    alasan: str


def suggest_hasil_kerja(rhk_ratings: Sequence[tuple[str, str]]) -> Saran:
    """The suggested rating hasil kerja from (kind, rating) of each rated RHK, kind UTAMA or TAMBAHAN."""
    utama = [r for kind, r in rhk_ratings if kind == UTAMA]
    tambahan = [r for kind, r in rhk_ratings if kind == TAMBAHAN]
    for rating in (*utama, *tambahan):
        if rating not in RATINGS:
            raise ValueError(f"unknown rating: {rating!r}")
    if not utama:
        return Saran(None, _("No main work result is rated yet: there is nothing to suggest from."))
    n = len(utama)
    below, above = utama.count(DI_BAWAH), utama.count(DI_ATAS)
    extra = tambahan.count(DI_ATAS)
    counts = {"below": below, "above": above, "n": n}
    if 2 * below >= n:
        return Saran(
            DI_BAWAH,
            _("%(below)s of %(n)s main work results are below expectations: at least half.") % counts,
        )
    if below == 0 and (2 * above > n or (2 * above == n and extra)):
        if 2 * above > n:
            line = (
                _("%(above)s of %(n)s main work results are above expectations and none is below.") % counts
            )
        else:
            line = (
                _(
                    "Half of the main work results (%(above)s of %(n)s) are above expectations, none is below, "
                    "and an additional work result is above expectations too."
                )
                % counts
            )
        return Saran(DI_ATAS, line)
    if below:
        return Saran(
            SESUAI,
            _("Only %(below)s of %(n)s main work results are below expectations; most meet or exceed them.")
            % counts,
        )
    return Saran(
        SESUAI,
        _("No main work result is below expectations, but not most of them are above (%(above)s of %(n)s).")
        % counts,
    )


# A unit head's rating hasil kerja is their unit's predikat kinerja organisasi (PermenPANRB 6/2022, DOMAIN 2.5):
# an outstanding unit is above expectations, a good one meets them, anything lower is below.
ORGANISASI_TO_HASIL = {
    "istimewa": DI_ATAS,
    "baik": SESUAI,
    "butuh_perbaikan": DI_BAWAH,
    "kurang": DI_BAWAH,
    "sangat_kurang": DI_BAWAH,
}


def hasil_kerja_of_organisasi(predikat_organisasi: str) -> str:
    """The rating hasil kerja a unit's organisation predikat gives its head."""
    try:
        return ORGANISASI_TO_HASIL[predikat_organisasi]
    except KeyError:
        raise ValueError(f"unknown organisation predikat: {predikat_organisasi!r}") from None


def objection_deadline(finalised_on: datetime.date, days: int) -> datetime.date:
    """The last day a pegawai may object: `days` calendar days after the day the evaluation was finalised."""
    return finalised_on + datetime.timedelta(days=days)


def unrated(wanted: Sequence[str], given: Mapping[str, str]) -> list[str]:
    """The keys of `wanted` (RHK ids, value codes) without a valid rating in `given`, in their order."""
    return [key for key in wanted if given.get(key) not in RATINGS]


# The official words printed on documents and in the national recap (always Indonesian, whatever the interface).
RATING_ID = {
    "di_atas": "Di Atas Ekspektasi",
    "sesuai": "Sesuai Ekspektasi",
    "di_bawah": "Di Bawah Ekspektasi",
}
PREDIKAT_ID = {
    "sangat_baik": "Sangat Baik",
    "baik": "Baik",
    "butuh_perbaikan": "Butuh Perbaikan",
    "kurang": "Kurang/Misconduct",
    "sangat_kurang": "Sangat Kurang",
}
ORGANISASI_ID = {
    "istimewa": "Istimewa",
    "baik": "Baik",
    "butuh_perbaikan": "Butuh Perbaikan",
    "kurang": "Kurang",
    "sangat_kurang": "Sangat Kurang",
}
