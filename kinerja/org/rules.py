"""Aturan kepegawaian yang murni (tanpa ORM, tanpa I/O): NIP/NI PPPK, golongan, pangkat, grade."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from kinerja.core.formats import BULAN, InvalidNip, format_nip, nip_digits, normalize_nip, tanggal

# BULAN, InvalidNip, format_nip and normalize_nip live in the kernel (documents and templates need them too)
# and stay importable from here, where the rest of the NIP rules are.
__all__ = [
    "BULAN",
    "GOLONGAN_PNS",
    "GRADE_PPPK",
    "InvalidNip",
    "NipInfo",
    "format_nip",
    "normalize_golongan",
    "normalize_nip",
    "pangkat_of",
    "parse_nip",
]

MIN_BIRTH_YEAR = 1900
MIN_AGE_AT_TMT = 18
STATUSES = ("PNS", "PPPK")

GOLONGAN_PNS: tuple[tuple[str, str], ...] = (
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
)

GRADE_PPPK: tuple[str, ...] = (
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
)

_PANGKAT: dict[str, str] = dict(GOLONGAN_PNS)


@dataclass(frozen=True)
class NipInfo:
    nip: str
    tanggal_lahir: date
    tmt_tahun: int
    tmt_bulan: int | None
    jenis_kelamin: str
    nomor_urut: int


def _parse_birth_date(part: str, today: date) -> date:
    year, month, day = int(part[:4]), int(part[4:6]), int(part[6:8])
    if not 1 <= month <= 12:
        raise InvalidNip(
            _(
                "The date of birth in the NIP is not valid: '%(part)s' (there is no month %(month)s; format YYYYMMDD)."
            )
            % {"part": part, "month": part[4:6]}
        )
    if year < MIN_BIRTH_YEAR:
        raise InvalidNip(
            _("The year of birth in the NIP is not plausible: %(year)s (before %(min)s).")
            % {"year": part[:4], "min": MIN_BIRTH_YEAR}
        )
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise InvalidNip(
            _(
                "The date of birth in the NIP is not valid: '%(part)s' (month %(month)s of %(year)s has no day %(day)s)."
            )
            % {"part": part, "day": part[6:8], "month": part[4:6], "year": part[:4]}
        )
    born = date(year, month, day)
    if born > today:
        raise InvalidNip(
            _("The date of birth in the NIP (%(date)s) lies in the future.") % {"date": tanggal(born)}
        )
    return born


def parse_nip(nip: str, status: str = "PNS", *, today: date | None = None) -> NipInfo:
    """Urai dan periksa NIP PNS atau NI PPPK (18 digit; spasi diabaikan).

    PNS : YYYYMMDD (lahir) + YYYYMM (TMT CPNS) + jenis kelamin + nomor urut 3 digit.
    PPPK: YYYYMMDD (lahir) + YYYY (tahun TMT) + 2 digit urutan kontrak (bukan bulan)
          + jenis kelamin + nomor urut 3 digit.
    """
    kind = status.strip().upper() if isinstance(status, str) else status
    if kind not in STATUSES:
        raise ValueError(_("Unknown employee status: '%(status)s' (PNS or PPPK).") % {"status": status})
    if today is None:
        today = date.today()

    digits = nip_digits(nip)
    born = _parse_birth_date(digits[:8], today)

    tmt_tahun = int(digits[8:12])
    tmt_bulan: int | None = None
    if kind == "PNS":
        tmt_bulan = int(digits[12:14])
        if not 1 <= tmt_bulan <= 12:
            raise InvalidNip(
                _("The CPNS TMT month in the NIP is not valid: %(month)s (01 to 12).")
                % {"month": digits[12:14]}
            )

    if tmt_tahun < born.year:
        raise InvalidNip(
            _("The TMT year (%(tmt)s) is before the year of birth (%(born)s) in the NIP.")
            % {"tmt": digits[8:12], "born": born.year}
        )
    if tmt_tahun > today.year + 1:
        raise InvalidNip(
            _("The TMT year (%(tmt)s) is too far in the future (%(max)s at the latest).")
            % {"tmt": digits[8:12], "max": today.year + 1}
        )

    # The TMT is only known to the month (PNS) or year (PPPK, read as January), so the age
    # check is done at month precision: the TMT month may be the month of the 18th birthday.
    tmt_month_index = tmt_tahun * 12 + (tmt_bulan or 1)
    adult_month_index = (born.year + MIN_AGE_AT_TMT) * 12 + born.month
    if tmt_month_index < adult_month_index:
        tmt_text = f"{tmt_bulan:02d}/{tmt_tahun:04d}" if tmt_bulan is not None else f"{tmt_tahun:04d}"
        raise InvalidNip(
            _("The TMT %(tmt)s is before the employee turned 18 (born %(born)s) in the NIP.")
            % {"tmt": tmt_text, "born": tanggal(born)}
        )

    gender_digit = digits[14]
    if gender_digit not in "12":
        raise InvalidNip(
            _("The sex digit in the NIP is 1 (male) or 2 (female), not %(digit)s.") % {"digit": gender_digit}
        )

    nomor_urut = int(digits[15:])
    if nomor_urut == 0:
        raise InvalidNip(_("The serial number in the NIP (its last 3 digits) cannot be 000."))

    return NipInfo(
        nip=digits,
        tanggal_lahir=born,
        tmt_tahun=tmt_tahun,
        tmt_bulan=tmt_bulan,
        jenis_kelamin="L" if gender_digit == "1" else "P",
        nomor_urut=nomor_urut,
    )


_ROMAN_BY_NUMBER = {"1": "I", "2": "II", "3": "III", "4": "IV"}

# Longest alternatives first so that "III" is not read as "I" + garbage.
_GOLONGAN_RE = re.compile(
    r"(?<![0-9a-z])(iv|iii|ii|i|[1-4])\s*[/\-\u2013\u2014.]?\s*([a-e])(?![0-9a-z])",
    re.IGNORECASE,
)

# Words that spreadsheets put around a golongan without changing its meaning.
_LABEL_WORDS = frozenset({"gol", "golongan", "ruang", "pangkat"})


def _words(text: str) -> list[str]:
    words = re.findall(r"[0-9a-z]+", text.casefold())
    return ["tingkat" if word == "tk" else word for word in words]


_PANGKAT_BY_WORDS: dict[tuple[str, ...], str] = {
    tuple(_words(pangkat)): kode for kode, pangkat in GOLONGAN_PNS
}


def pegawai_problems(
    *, nip: str, status: str, golongan: str, grade_pppk: str, tanggal_lahir: date | None, jenis_kelamin: str
) -> tuple[NipInfo | None, dict[str, str]]:
    """What the NIP says (None when it is not valid) and every problem of a pegawai's identity, {field: message},
    all found in one go: a wrong NIP does not hide a missing golongan. Shared by the form and the service."""
    errors: dict[str, str] = {}
    info = None
    try:
        info = parse_nip(nip, status)
    except InvalidNip as exc:
        errors["nip"] = str(exc)
    if info is not None:
        if tanggal_lahir is not None and tanggal_lahir != info.tanggal_lahir:
            errors["tanggal_lahir"] = _("The date of birth does not match the NIP (%(date)s).") % {
                "date": tanggal(info.tanggal_lahir)
            }
        if jenis_kelamin and jenis_kelamin != info.jenis_kelamin:
            errors["jenis_kelamin"] = _("The sex does not match the NIP.")
    if status == "PNS" and not golongan:
        errors["golongan"] = _("A PNS needs a rank (golongan).")
    elif status == "PPPK" and not grade_pppk:
        errors["grade_pppk"] = _("A PPPK needs a grade.")
    return info, errors


def normalize_golongan(value: str) -> str:
    """Baca golongan PNS dari tulisan bebas ('3a', 'iii-A', 'Penata Muda (III/a)') menjadi 'III/a'.

    Jika nama pangkat ikut ditulis, nama itu harus cocok dengan golongannya.
    """
    unknown = _("Unknown golongan: '%(value)s'") % {"value": value}
    if not isinstance(value, str):
        raise ValueError(unknown)

    found = {
        f"{_ROMAN_BY_NUMBER.get(match.group(1), match.group(1).upper())}/{match.group(2).lower()}"
        for match in _GOLONGAN_RE.finditer(value)
    }
    if len(found) != 1:
        raise ValueError(unknown)
    (kode,) = found
    if kode not in _PANGKAT:
        raise ValueError(unknown)

    rest = _GOLONGAN_RE.sub(" ", value)
    rest_words = tuple(word for word in _words(rest) if word not in _LABEL_WORDS)
    if not rest_words:
        return kode
    named = _PANGKAT_BY_WORDS.get(rest_words)
    if named is None:
        raise ValueError(unknown)
    if named != kode:
        raise ValueError(
            _("%(unknown)s (pangkat %(pangkat)s is golongan %(named)s, not %(kode)s)")
            % {"unknown": unknown, "pangkat": _PANGKAT[named], "named": named, "kode": kode}
        )
    return kode


def pangkat_of(golongan: str) -> str:
    """Nama pangkat untuk sebuah golongan PNS, mis. 'III/a' -> 'Penata Muda'."""
    return _PANGKAT[normalize_golongan(golongan)]
