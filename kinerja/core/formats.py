"""Dates and NIP as Indonesian official documents write them, whatever the language of the interface; numbers
from the query string or a form read safely.

Pure functions (no ORM, no I/O), shared by the templates, the apps' rules and the document kernel.
"""

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


def tanggal(value) -> str:
    """A date as written in Indonesian documents ("2 Januari 2026"), whatever the interface language."""
    if not value:
        return ""
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"


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
