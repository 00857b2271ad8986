"""The one formatter for dates, times, numbers and NIP (decision 0016), and numbers from the query string or a
form read safely.

Four forms, used by every page, message, PDF and workbook (never Django's `|date:` nor `strftime`):

- `tanggal`: the long date, "1 Desember 2026" (English pages: "1 December 2026"), in sentences and headings;
- `tanggal_pendek`: the short date in tables, "1 Des 2026" ("1 Dec 2026"): month in letters, never ambiguous;
- `waktu`: a moment, "1 Desember 2026 08.48 WIB" ("1 December 2026 08:48 WIB"), in the local time zone;
  `waktu_pendek` the same with the short date, for tables;
- `angka`: a number the Indonesian way, "1.250" and "92,5" (English pages: "1,250" and "92.5").

The language is the active one; official documents pass `bahasa="id"` (they are Indonesian whatever the
interface). Pure functions (no ORM, no I/O), shared by the templates, the apps' rules and the document kernel.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

NIP_LENGTH = 18

# The largest value a 64-bit signed integer column (the ids) holds: a larger one fails in the database (500).
MAX_BIGINT = 2**63 - 1

# Month names as Indonesian documents write them ("2 Januari 2026").
BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


class InvalidNip(ValueError):
    """NIP atau NI PPPK yang tidak sah; pesannya menjelaskan bagian yang salah."""


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Short month names: Indonesian "Agu" and "Des", English "Aug" and "Dec".
BULAN_PENDEK = tuple("Agu" if m == "Agustus" else m[:3] for m in BULAN)
MONTHS_SHORT = tuple(m[:3] for m in MONTHS)

# The Indonesian names of the country's three time zones; another zone is written as Python names it.
ZONA = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}


def _english(bahasa: str | None) -> bool:
    return (bahasa or get_language() or "id").startswith("en")


def _as_date(value) -> datetime.date | None:
    if not value:
        return None
    if isinstance(value, datetime.datetime):
        return _local(value).date()
    return value if isinstance(value, datetime.date) else None


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _date_text(value, bahasa: str | None, short: bool) -> str:
    day = _as_date(value)
    if day is None:
        return "" if not value else str(value)
    if short:
        names = MONTHS_SHORT if _english(bahasa) else BULAN_PENDEK
    else:
        names = MONTHS if _english(bahasa) else BULAN
    return f"{day.day} {names[day.month - 1]} {day.year}"


def tanggal(value, bahasa: str | None = None) -> str:
    """The long date, "2 Januari 2026" ("2 January 2026" on English pages); "" for no date."""
    return _date_text(value, bahasa, short=False)


def bulan_tahun(value, bahasa: str | None = None) -> str:
    """A month, "Maret 2026" ("March 2026" on English pages); "" for no date."""
    day = _as_date(value)
    if day is None:
        return ""
    names = MONTHS if _english(bahasa) else BULAN
    return f"{names[day.month - 1]} {day.year}"


def tanggal_pendek(value, bahasa: str | None = None) -> str:
    """The short date of tables, "2 Jan 2026" ("2 Agu 2026", "2 Aug 2026" in English)."""
    return _date_text(value, bahasa, short=True)


def _jam(value: datetime.datetime, bahasa: str | None) -> str:
    moment = _local(value)
    separator = ":" if _english(bahasa) else "."  # Indonesian writes 08.48 (PUEBI)
    text = f"{moment.hour:02d}{separator}{moment.minute:02d}"
    if timezone.is_aware(value):
        name = timezone.get_current_timezone_name()
        text += " " + ZONA.get(name, moment.tzname() or name)
    return text


def waktu(value, bahasa: str | None = None) -> str:
    """A moment, "1 Desember 2026 08.48 WIB" ("1 December 2026 08:48 WIB"), in the current time zone."""
    if not isinstance(value, datetime.datetime):
        return tanggal(value, bahasa)
    return f"{tanggal(value, bahasa)} {_jam(value, bahasa)}"


def waktu_pendek(value, bahasa: str | None = None) -> str:
    """A moment in a table, "1 Des 2026 08.48 WIB"."""
    if not isinstance(value, datetime.datetime):
        return tanggal_pendek(value, bahasa)
    return f"{tanggal_pendek(value, bahasa)} {_jam(value, bahasa)}"


def angka(value, bahasa: str | None = None) -> str:
    """A number the Indonesian way, "1.250" and "92,5" (English: "1,250" and "92.5"); no trailing zeros.

    Text that is not a number is given back as it is (a target may be words)."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(value)
    try:
        number = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except InvalidOperation:
        return str(value)
    if not number.is_finite():
        return str(value)
    text = f"{abs(number).normalize():f}" if number else "0"
    whole, _dot, fraction = text.partition(".")
    thousands, decimal = (",", ".") if _english(bahasa) else (".", ",")
    grouped = f"{int(whole):,}".replace(",", thousands)
    minus = "-" if number < 0 else ""
    return f"{minus}{grouped}{decimal + fraction if fraction else ''}"


# Academic and religious titles written before a name ("dr.", "Dr.", "Ir.", "H.", "Hj.", "Prof."); some are
# written without their full stop.
GELAR_DEPAN = {
    "dr",
    "drg",
    "dr.",
    "drg.",
    "ir",
    "ir.",
    "prof",
    "prof.",
    "drs",
    "drs.",
    "dra",
    "dra.",
    "h",
    "h.",
    "hj",
    "hj.",
    "ns",
    "ns.",
    "apt",
    "apt.",
}


def nama_tanpa_gelar(nama: str) -> str:
    """A person's name without the titles before and after it: "dr. Hendra Tarigan, Sp.PD." → "Hendra Tarigan"
    (for greetings; documents print the full name with its titles)."""
    name = (nama or "").split(",", 1)[0].split()
    while len(name) > 1 and (name[0].casefold() in GELAR_DEPAN or name[0].endswith(".")):
        name = name[1:]
    return " ".join(name)


def kalimat(text) -> str:
    """A sentence whose last word ended with a full stop of its own ("... Heru Halim, S.K.M..") ends with one:
    exactly two full stops after a letter become one; an ellipsis ("...") stays."""
    return re.sub(r"(?<=\w)\.\.(?!\.)", ".", str(text)) if text is not None else ""


def normalize_nip(nip: str) -> str:
    """Buang semua whitespace (spasi, tab, spasi tak-putus); karakter lain dibiarkan apa adanya."""
    # str.split() without arguments splits on every Unicode whitespace, including U+00A0.
    return "".join(nip.split())


def nip_digits(nip: str) -> str:
    """The 18 digits of a NIP or NI PPPK, whitespace removed; InvalidNip when it has another shape."""
    digits = normalize_nip(nip)
    if not digits:
        raise InvalidNip(_("The NIP is empty: enter its 18 digits."))
    for char in digits:
        # Explicit ASCII set: str.isdigit() would accept e.g. Arabic-Indic or superscript digits.
        if char not in "0123456789":
            raise InvalidNip(_("A NIP has digits only, but this one contains '%(char)s'.") % {"char": char})
    if len(digits) != NIP_LENGTH:
        raise InvalidNip(_("A NIP has 18 digits, but this one has %(n)s.") % {"n": len(digits)})
    return digits


def format_nip(nip: str) -> str:
    """Tampilkan NIP berkelompok 8-6-1-3, mis. '19860926 201505 1 001'.

    Hanya bentuknya yang diperiksa (18 digit angka, selain itu InvalidNip), bukan isinya,
    sehingga berlaku sama untuk NIP PNS dan NI PPPK.
    """
    digits = nip_digits(nip)
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def nip_or_text(value: str) -> str:
    """The NIP grouped as `format_nip` does, or the text as given when it is not a NIP (for display)."""
    try:
        return format_nip(value)
    except ValueError:
        return value


def parse_int(value, *, low: int = 0, high: int = MAX_BIGINT) -> int | None:
    """`value` (text from a request) as an integer within [low, high], else None.

    ASCII digits only: str.isdigit() also accepts "²", which int() refuses; and nothing beyond what the database
    can compare, so an id from the address bar never reaches the ORM as a 500."""
    text = str(value if value is not None else "").strip()
    if not text or not text.isascii() or not text.isdigit() or len(text) > len(str(high)) + 1:
        return None
    number = int(text)
    return number if low <= number <= high else None
