"""Pure rules of the assessment framework: checking a framework's tables and applying them.

No ORM here: each function takes the rows of one section (plain dicts, as stored in `Aturan.data`) and either
lists what is wrong with them or computes a result from them.
"""

import itertools
from collections.abc import Callable, Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.core.formats import angka

RATINGS = ("di_bawah", "sesuai", "di_atas")
PREDIKAT = ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")
PREDIKAT_ORGANISASI = ("istimewa", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")
BERAKHLAK = ("berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif")
JENJANG = ("ahli_utama", "ahli_madya", "ahli_muda", "ahli_pertama", "penyelia", "mahir", "terampil", "pemula")
JENIS_JABATAN = (
    "jpt_utama",
    "jpt_madya",
    "jpt_pratama",
    "administrator",
    "pengawas",
    "pelaksana",
    "fungsional",
)
PENDEKATAN = ("kuantitatif", "kualitatif")
LEVELS = ("1", "2", "3", "4", "5")

# The words people read for the codes (the codes are the regulation's, stored in the tables): messages name
# ratings and predikat by these, never by their codes ("di_bawah").
RATING_LABELS = {
    "di_bawah": gettext_lazy("Below expectations"),
    "sesuai": gettext_lazy("As expected"),
    "di_atas": gettext_lazy("Above expectations"),
}
PREDIKAT_LABELS = {
    "sangat_baik": gettext_lazy("Very good"),
    "baik": gettext_lazy("Good"),
    "butuh_perbaikan": gettext_lazy("Needs improvement"),
    "kurang": gettext_lazy("Poor"),
    "sangat_kurang": gettext_lazy("Very poor"),
}
ORGANISASI_LABELS = {
    "istimewa": gettext_lazy("Outstanding"),
    "baik": gettext_lazy("Good"),
    "butuh_perbaikan": gettext_lazy("Needs improvement"),
    "kurang": gettext_lazy("Poor"),
    "sangat_kurang": gettext_lazy("Very poor"),
}


def jenjang_label(code) -> str:
    """ "ahli_madya" → "Ahli Madya" (the names of the functional levels are their codes in words)."""
    return str(code).replace("_", " ").title() if code in JENJANG else str(code)


def label(labels: Mapping, code) -> str:
    """The label of a code, or the code as it is when it has none (an unknown value, shown as typed)."""
    return str(labels.get(code, code))


def _number(value) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def check_berakhlak(codes: Iterable[str]) -> list[str]:
    present = set(codes)  # once: `codes` may be a one-shot iterator
    missing = [c for c in BERAKHLAK if c not in present]
    if missing:
        return [
            _("The seven BerAKHLAK values are national and cannot be removed; missing: %(codes)s.")
            % {"codes": ", ".join(missing)}
        ]
    return []


def check_levels(level: Mapping[str, str]) -> list[str]:
    errors = []
    extra = sorted(set(level) - set(LEVELS))
    if extra:
        errors.append(
            _("Competency levels run from 1 to 5; not allowed: %(levels)s.") % {"levels": ", ".join(extra)}
        )
    empty = [k for k in LEVELS if not str(level.get(k, "")).strip()]
    if empty:
        errors.append(
            _("Describe every level from 1 to 5; empty: %(levels)s.") % {"levels": ", ".join(empty)}
        )
    return errors


def check_required_level(value) -> list[str]:
    number = _number(value)
    if number is None or number != number.to_integral_value() or not 1 <= number <= 5:
        return [
            _("A required competency level must be a whole number from 1 to 5, not %(value)s.")
            % {"value": value}
        ]
    return []


def check_rating(rows: list[dict]) -> list[str]:
    """Achievement bands (percent of target) must cover 0 to infinity without overlap or gap."""
    errors = []
    ratings = [r.get("rating") for r in rows]
    if sorted(ratings, key=str) != sorted(RATINGS):
        return [_("Give exactly one band for each rating: di atas, sesuai and di bawah ekspektasi.")]
    bands = []
    for row in rows:
        low, high = _number(row.get("min")), _number(row.get("max"))
        if low is None or (row.get("max") is not None and high is None):
            return [_("Band limits must be numbers (percent of target).")]
        if high is not None and high <= low:
            errors.append(
                _("The band %(rating)s ends before it starts.")
                % {"rating": label(RATING_LABELS, row["rating"])}
            )
        bands.append((low, high, row["rating"]))
    if errors:
        return errors
    bands.sort(key=lambda b: b[0])
    if bands[0][0] != 0:
        errors.append(_("The lowest band must start at 0%."))
    for (_low, high, name), (next_low, _high, next_name) in itertools.pairwise(bands):
        if high is None or high > next_low:
            errors.append(
                _("The bands %(a)s and %(b)s overlap.")
                % {"a": label(RATING_LABELS, name), "b": label(RATING_LABELS, next_name)}
            )
        elif high < next_low:
            errors.append(
                _("There is a gap between %(a)s and %(b)s.")
                % {"a": label(RATING_LABELS, name), "b": label(RATING_LABELS, next_name)}
            )
    if bands[-1][1] is not None:
        errors.append(_("The highest band must have no upper limit."))
    order = [b[2] for b in bands]
    if not errors and order != list(RATINGS):
        errors.append(_("Higher achievement must give a better rating (di bawah, sesuai, di atas)."))
    return errors


def check_predikat(rows: list[dict]) -> list[str]:
    cells = {(r.get("hasil"), r.get("perilaku")): r.get("predikat") for r in rows}
    expected = {(h, p) for h in RATINGS for p in RATINGS}
    if set(cells) != expected or len(rows) != len(expected):
        return [_("The predikat matrix needs exactly one cell for each pair of ratings (3 × 3).")]
    wrong = [v for v in cells.values() if v not in PREDIKAT]
    if wrong:
        return [_("Unknown predikat: %(values)s.") % {"values": ", ".join(map(str, wrong))}]
    return []


def check_distribusi(rows: list[dict]) -> list[str]:
    errors = []
    minimums: dict[str, Decimal] = {}
    for row in rows:
        org, kind, groups = row.get("organisasi"), row.get("jenis"), row.get("predikat") or []
        if org not in PREDIKAT_ORGANISASI:
            errors.append(_("Unknown organisation predikat: %(value)s.") % {"value": org})
            continue
        if not groups or any(g not in PREDIKAT for g in groups):
            errors.append(_("A distribution rule must name employee predikat from the list."))
            continue
        if kind in ("min", "maks"):
            persen = _number(row.get("persen"))
            if persen is None or not 0 <= persen <= 100:
                errors.append(_("A distribution percentage must be between 0 and 100."))
                continue
            if kind == "min":
                minimums[org] = minimums.get(org, Decimal(0)) + persen
        elif kind != "ada":
            errors.append(_("A distribution rule is a minimum, a maximum or 'at least one'."))
    for org, total in minimums.items():
        if total > 100:
            errors.append(
                _("The minimums for organisation predikat %(org)s add up to %(total)s%%, more than 100%%.")
                % {"org": label(ORGANISASI_LABELS, org), "total": angka(total)}
            )
    return errors


def check_ak_persen(rows: list[dict]) -> list[str]:
    if sorted((r.get("predikat") for r in rows), key=str) != sorted(PREDIKAT):
        return [_("Give one credit point percentage for each predikat.")]
    for row in rows:
        persen = _number(row.get("persen"))
        if persen is None or persen < 0:
            return [_("Credit point percentages cannot be negative.")]
    return []


def check_ak_koefisien(rows: list[dict]) -> list[str]:
    errors = []
    for row in rows:
        if row.get("jenjang") not in JENJANG:
            errors.append(_("Unknown functional level: %(value)s.") % {"value": row.get("jenjang")})
        value = _number(row.get("koefisien"))
        if value is None or value < 0:
            errors.append(
                _("The coefficient of %(jenjang)s cannot be negative or empty.")
                % {"jenjang": jenjang_label(row.get("jenjang"))}
            )
    return errors


def check_disiplin(rows: list[dict]) -> list[str]:
    bands = []
    for row in rows:
        low, high = _number(row.get("hari_min")), _number(row.get("hari_maks"))
        if low is None or low < 1 or (row.get("hari_maks") is not None and (high is None or high < low)):
            return [_("Each discipline band needs a first day of at least 1 and a last day not before it.")]
        if not str(row.get("sanksi") or "").strip():
            return [_("Each discipline band needs its sanction.")]
        bands.append((low, high))
    bands.sort(key=lambda b: b[0])
    for (_low, high), (next_low, _high) in itertools.pairwise(bands):
        if high is None or high >= next_low:
            return [_("Discipline bands overlap.")]
    return []


def check_pendekatan(rows: list[dict]) -> list[str]:
    for row in rows:
        if row.get("jenis_jabatan") not in JENIS_JABATAN or row.get("pendekatan") not in PENDEKATAN:
            return [_("Each position type has a quantitative or qualitative approach.")]
    return []


def check_perspektif(rows: list[dict]) -> list[str]:
    if any(not str(r.get("nama") or "").strip() for r in rows):
        return [_("Each perspective needs a name.")]
    return []


SECTION_CHECKS: dict[str, Callable[[list[dict]], list[str]]] = {
    "rating": check_rating,
    "predikat": check_predikat,
    "distribusi": check_distribusi,
    "ak_persen": check_ak_persen,
    "ak_koefisien": check_ak_koefisien,
    "disiplin": check_disiplin,
    "pendekatan": check_pendekatan,
    "perspektif": check_perspektif,
}

# The key of a row in each section (Aturan.kunci): two rows of a section may not share one, and a row whose data
# is unchanged keeps its key, so that replacing a section with the same rows changes nothing.
SECTION_KEYS: dict[str, Callable[[dict], str]] = {
    "rating": lambda d: d.get("rating", ""),
    "predikat": lambda d: f"{d.get('hasil')}.{d.get('perilaku')}",
    "distribusi": lambda d: (
        f"{d.get('organisasi')}.{d.get('jenis')}.{'+'.join(sorted(d.get('predikat') or []))}"
    ),
    "ak_persen": lambda d: d.get("predikat", ""),
    "ak_koefisien": lambda d: d.get("jenjang", ""),
    "disiplin": lambda d: f"{d.get('hari_min')}-{d.get('hari_maks') or ''}",
    "pendekatan": lambda d: d.get("jenis_jabatan", ""),
    "perspektif": lambda d: d.get("kode", ""),
}


# Applying the rules ------------------------------------------------------------------------------------------


def suggest_rating(capaian_persen, bands: list[dict]) -> str:
    """The rating a result's achievement (percent of target) suggests; the penilai decides."""
    value = _number(capaian_persen)
    if value is None:
        raise ValueError("capaian must be a number")
    bands = sorted(bands, key=lambda b: Decimal(str(b["min"])))
    for band in bands:
        low, high = Decimal(str(band["min"])), _number(band.get("max"))
        if value >= low and (high is None or value < high):
            return band["rating"]
    return bands[0]["rating"] if value < 0 else bands[-1]["rating"]


def predikat_of(hasil: str, perilaku: str, matrix: list[dict]) -> str:
    for cell in matrix:
        if cell["hasil"] == hasil and cell["perilaku"] == perilaku:
            return cell["predikat"]
    raise KeyError((hasil, perilaku))


CENT = Decimal("0.01")


def angka_kredit(
    *, predikat: str, jenjang: str, bulan: int, persen: list[dict], koefisien: list[dict]
) -> Decimal:
    """AK = percentage for the predikat × annual coefficient of the jenjang × months/12 (rounded to 0.01)."""
    if not 1 <= bulan <= 12:
        raise ValueError("bulan must be 1..12")
    pct = next(Decimal(str(r["persen"])) for r in persen if r["predikat"] == predikat)
    coef = next(Decimal(str(r["koefisien"])) for r in koefisien if r["jenjang"] == jenjang)
    return (pct / 100 * coef * Decimal(bulan) / 12).quantize(CENT, rounding=ROUND_HALF_UP)


def sanksi_for(hari: int, bands: list[dict]) -> dict | None:
    for band in bands:
        if hari >= band["hari_min"] and (band["hari_maks"] is None or hari <= band["hari_maks"]):
            return band
    return None
