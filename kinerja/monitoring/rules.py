"""Pure rules of monitoring (PermenPANRB 6/2022 stage two; DOMAIN 2.4): no database, no I/O.

- which periods an SKP covers, and which approved version of it is in force for each;
- whether a period is open for input (its deadline, or a reopening);
- capaian: realisation against target, for higher- and lower-is-better indikator, per period and for the year
  to date by the indikator's accumulation mode;
- what an evidence file really is, read from its first bytes, and whether a link is an http(s) link.

Capaian for "lower is better" (a time to serve, a cost, a count of complaints) follows the Kementerian Keuangan's
performance-management rule for a *minimize* polarity (KMK 467/KMK.01/2014, Lampiran: "Capaian IKU = (1 + (1 -
Realisasi/Target)) x 100%"), which equals (2 x target - realisation) / target: meeting the target exactly is
100%, every unit under it adds as much as a unit over it takes away, and the result never falls below 0%.
A zero target cannot be divided by: for "lower is better" (zero complaints) reaching zero is 100% and anything
more is 0%; for "higher is better" any non-negative realisation meets a zero target (100%). A missing target or a
qualitative indikator has no capaian (None): the penilai judges a statement, a formula does not.
"""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlsplit

NAIK, TURUN = "naik", "turun"  # planning.models.Arah
JUMLAH, TERAKHIR, RATA_RATA = "jumlah", "terakhir", "rata_rata"  # planning.models.Akumulasi
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


# Periods and versions ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A period (or anything with a first and a last day)."""

    nomor: int
    mulai: datetime.date
    selesai: datetime.date


def periods_covered(periods: Sequence[Span], mulai: datetime.date, selesai: datetime.date) -> list[int]:
    """The numbers of the periods an SKP from `mulai` to `selesai` overlaps (a mid-year start or end covers the
    periods it touches)."""
    return [p.nomor for p in periods if p.mulai <= selesai and p.selesai >= mulai]


def version_for_period(
    approvals: Sequence[tuple[int, datetime.date]], period_start: datetime.date
) -> int | None:
    """The SKP version in force for a period: the last one approved on or before the period's first day (a
    revision approved mid-year applies to the periods after its approval); the first version for the periods
    before any approval (the plan was agreed late, it still is the plan). None when nothing was ever approved."""
    if not approvals:
        return None
    ordered = sorted(approvals)
    chosen = ordered[0][0]
    for nomor, approved_on in ordered:
        if approved_on <= period_start:
            chosen = nomor
    return chosen


def input_deadline(tenggat_input: datetime.date, reopened_until: Sequence[datetime.date]) -> datetime.date:
    """The last day input is accepted for a period: its deadline, or the latest reopening if later."""
    return max([tenggat_input, *reopened_until])


def is_open(
    *, today: datetime.date, mulai: datetime.date, tenggat_input: datetime.date, reopened_until=()
) -> bool:
    """Input for a period is accepted from its first day until its deadline (or a reopening), inclusive."""
    return mulai <= today <= input_deadline(tenggat_input, reopened_until)


# Capaian ----------------------------------------------------------------------------------------------------


def capaian(realisasi: Decimal | None, target: Decimal | None, arah: str = NAIK) -> Decimal | None:
    """Realisation against target in percent, rounded to two decimals (see the module's note for the formula
    of "lower is better" and for a zero target). None when either number is missing."""
    if realisasi is None or target is None:
        return None
    realisasi, target = Decimal(realisasi), Decimal(target)
    if target == 0:
        if arah == TURUN:
            return HUNDRED if realisasi <= 0 else Decimal(0)
        return HUNDRED if realisasi >= 0 else Decimal(0)
    if arah == TURUN:
        value = (2 * target - realisasi) / target * HUNDRED
        value = max(value, Decimal(0))
    else:
        value = realisasi / target * HUNDRED
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def accumulate(values: Sequence[Decimal | None], mode: str) -> Decimal | None:
    """The year to date of the periods' realisations in order (None for a period not filled): the sum, the
    latest filled value, or the mean of the filled ones. None when no period is filled."""
    filled = [Decimal(v) for v in values if v is not None]
    if not filled:
        return None
    if mode == TERAKHIR:
        return filled[-1]
    if mode == RATA_RATA:
        return (sum(filled, Decimal(0)) / len(filled)).quantize(CENT, rounding=ROUND_HALF_UP)
    return sum(filled, Decimal(0))


def period_target(
    target_periode: Mapping[str, str] | None, nomor: int, annual: Decimal | None, mode: str
) -> Decimal | None:
    """The target of one period: the one the SKP gives for it; else, for a level (latest value or average),
    the annual target, which every period should hold; a sum has no period target unless the SKP gives one."""
    given = (target_periode or {}).get(str(nomor))
    if given not in (None, ""):
        try:
            return Decimal(str(given))
        except ArithmeticError:
            return None
    if mode in (TERAKHIR, RATA_RATA):
        return annual
    return None


@dataclass(frozen=True)
class Capaian:
    """An indikator's numbers: per period (target, realisation, capaian) and the year to date."""

    per_period: dict[int, tuple[Decimal | None, Decimal | None, Decimal | None]]
    ytd_realisasi: Decimal | None
    ytd_capaian: Decimal | None


def indikator_capaian(
    *,
    periods: Sequence[int],
    realisasi: Mapping[int, Decimal | None],
    annual_target: Decimal | None,
    target_periode: Mapping[str, str] | None,
    arah: str,
    mode: str,
) -> Capaian:
    """Per period and year to date for one numeric indikator over the periods its SKP covers (in order)."""
    per_period = {}
    for nomor in periods:
        target = period_target(target_periode, nomor, annual_target, mode)
        value = realisasi.get(nomor)
        per_period[nomor] = (target, value, capaian(value, target, arah))
    ytd = accumulate([realisasi.get(n) for n in periods], mode)
    return Capaian(per_period=per_period, ytd_realisasi=ytd, ytd_capaian=capaian(ytd, annual_target, arah))


# The largest capaian a realisation keeps (`Realisasi.capaian`, 16 digits with 2 decimals): a realisation can be
# 10^14 against a target of 0.01; beyond this the number says nothing more and PostgreSQL would refuse it.
STORED_MAX = Decimal("9999999999.99")


def stored(capaian_value: Decimal | None) -> Decimal | None:
    """The capaian as a realisation keeps it: capped at STORED_MAX."""
    return None if capaian_value is None else min(capaian_value, STORED_MAX)


def period_numbers(
    indikator: Mapping, nomor: int, nilai_angka: Decimal | None, mode: str
) -> tuple[Decimal | None, Decimal | None]:
    """(the period target, the capaian) of one realisation of a numeric indikator (as a version's content
    records it: `jenis_target`, `target_angka`, `target_periode`, `arah`) in period `nomor`, the indikator's
    periods adding up by `mode`; (None, None) for a qualitative indikator or a realisation without a number."""
    if indikator.get("jenis_target") != "angka" or nilai_angka is None:
        return None, None
    annual = indikator.get("target_angka")
    try:
        annual_target = Decimal(str(annual)) if annual not in (None, "") else None
    except ArithmeticError:
        annual_target = None
    target = period_target(indikator.get("target_periode"), nomor, annual_target, mode)
    return target, capaian(nilai_angka, target, indikator.get("arah") or NAIK)


# Evidence ---------------------------------------------------------------------------------------------------

PDF, JPEG, PNG, WEBP, HEIC, DOCX, XLSX, PPTX, ODT, ODS, DOC = (
    "pdf",
    "jpeg",
    "png",
    "webp",
    "heic",
    "docx",
    "xlsx",
    "pptx",
    "odt",
    "ods",
    "doc",
)
CONTENT_TYPES = {
    PDF: "application/pdf",
    JPEG: "image/jpeg",
    PNG: "image/png",
    WEBP: "image/webp",
    HEIC: "image/heic",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ODT: "application/vnd.oasis.opendocument.text",
    ODS: "application/vnd.oasis.opendocument.spreadsheet",
    DOC: "application/msword",
}
# The extensions each kind may carry: a file is refused when its name says one thing and its bytes another.
EXTENSIONS = {
    PDF: {"pdf"},
    JPEG: {"jpg", "jpeg", "jfif"},
    PNG: {"png"},
    WEBP: {"webp"},
    HEIC: {"heic", "heif"},
    DOCX: {"docx"},
    XLSX: {"xlsx"},
    PPTX: {"pptx"},
    ODT: {"odt"},
    ODS: {"ods"},
    DOC: {"doc", "xls", "ppt"},
}
_OOXML = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}


def sniff(head: bytes, zip_names: Sequence[str] = (), zip_mimetype: str = "") -> str | None:
    """What a file is by its first bytes (and, for a zip, the names inside and its `mimetype` member): one of
    the kinds above, or None for anything else (an executable, a script, an archive, HTML)."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"heim", b"heis"):
        return HEIC
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return DOC
    if head.startswith(b"PK\x03\x04"):
        if zip_mimetype == "application/vnd.oasis.opendocument.text":
            return ODT
        if zip_mimetype == "application/vnd.oasis.opendocument.spreadsheet":
            return ODS
        if "[Content_Types].xml" in zip_names:
            for prefix, kind in _OOXML.items():
                if any(name.startswith(prefix) for name in zip_names):
                    return kind
    return None


def extension_of(filename: str) -> str:
    name = (filename or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def extension_matches(kind: str, filename: str) -> bool:
    """The file's name agrees with its content (a photo named .pdf, or a .pdf that is a program, is refused)."""
    return extension_of(filename) in EXTENSIONS.get(kind, set())


def is_web_link(url: str) -> bool:
    """An http(s) link with a host: `javascript:`, `file:`, `data:` and relative links are not evidence."""
    text = (url or "").strip()
    if not text or any(ch in text for ch in "\r\n\t "):
        return False
    parts = urlsplit(text)
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
