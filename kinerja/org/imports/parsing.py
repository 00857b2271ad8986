"""Reading a staff data file: its sheets, its rows as {column: text}, and each cell as the value it stands for."""

import datetime
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from kinerja.core.errors import ApplicationError
from kinerja.core.formats import tanggal
from kinerja.core.tabular import Book, Sheet, holds_formula, match_columns, normalise_header, read_workbook
from kinerja.org.imports.columns import COLUMNS, JABATAN, PEGAWAI, REQUIRED_COLUMNS, SHEET_NAMES, UNIT
from kinerja.org.imports.report import Report
from kinerja.org.models import Eselon, JenisJabatan, JenjangFungsional, Pegawai, StatusPegawai
from kinerja.org.rules import GRADE_PPPK, InvalidNip, normalize_golongan, normalize_nip, parse_nip

MAX_ROWS = 200_000
PROGRESS_EVERY = 1000


class Bad(ValueError):
    """A cell that cannot be used: (column, reason)."""

    def __init__(self, column: str, reason: str):
        super().__init__(reason)
        self.column, self.reason = column, reason


def required(cells: dict, column: str, label: str) -> str:
    value = cells.get(column, "")
    if not value:
        raise Bad(label, _("This field is required but empty."))
    return value


DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S")


def parse_date(text: str, label: str) -> datetime.date | None:
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise Bad(label, _("'%(value)s' is not a date (use YYYY-MM-DD or DD-MM-YYYY).") % {"value": text})


_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def parse_eselon(text: str, label: str = "eselon") -> str:
    if not text or text in ("-", "0"):
        return ""
    m = re.fullmatch(r"(?:eselon\s*)?(iv|iii|ii|i|[1-4])\s*[./\-]?\s*([ab])?", text.strip(), re.IGNORECASE)
    if m:
        value = f"{_ROMAN.get(m.group(1), m.group(1).upper())}.{(m.group(2) or 'a').lower()}"
        if value in Eselon.values:
            return value
    raise Bad(label, _("Unknown echelon '%(value)s'.") % {"value": text})


_JENJANG_BY_WORDS = {normalise_header(label): value for value, label in JenjangFungsional.choices}


def parse_jenis(jenis_text: str, nama: str, eselon: str, jenjang_text: str, label: str) -> tuple[str, str]:
    """(jenis, jenjang) from our codes or SIASN names ("Struktural", "Fungsional Tertentu", "Pelaksana")."""
    key = normalise_header(jenis_text)
    jenjang = ""
    if jenjang_text:
        jenjang = _JENJANG_BY_WORDS.get(normalise_header(jenjang_text)) or (
            jenjang_text if jenjang_text in JenjangFungsional.values else ""
        )
        if not jenjang:
            raise Bad("jenjang", _("Unknown functional level '%(value)s'.") % {"value": jenjang_text})
    if key in JenisJabatan.values or key in ("jptutama", "jptmadya", "jptpratama"):
        jenis = {"jptutama": "jpt_utama", "jptmadya": "jpt_madya", "jptpratama": "jpt_pratama"}.get(key, key)
    elif key in ("struktural", "jabatanstruktural"):
        level = eselon.split(".")[0] if eselon else ""
        jenis = {"I": "jpt_madya", "II": "jpt_pratama", "III": "administrator", "IV": "pengawas"}.get(
            level, ""
        )
        if not jenis:
            raise Bad("eselon", _("A structural position needs its echelon (II, III or IV)."))
    elif key.startswith("fungsional") and key not in ("fungsionalumum",):
        jenis = "fungsional"
    elif key in ("fungsionalumum", "pelaksana", "jabatanpelaksana", "jfu"):
        jenis = "pelaksana"
    else:
        raise Bad(label, _("Unknown position type '%(value)s'.") % {"value": jenis_text})
    if jenis == "fungsional" and not jenjang:
        name_key = normalise_header(nama)
        jenjang = next((v for k, v in _JENJANG_BY_WORDS.items() if name_key.endswith(k)), "")
        if not jenjang:
            raise Bad("jenjang", _("A functional position needs its level (e.g. Ahli Pertama)."))
    if jenis != "fungsional":
        jenjang = ""
    return jenis, jenjang


def parse_bool(text: str) -> bool:
    return normalise_header(text) in ("ya", "y", "yes", "1", "true", "x", "kepala", "v")


def parse_status(text: str) -> str:
    key = text.strip().upper()
    if not key:
        return StatusPegawai.PNS
    if key in ("PNS", "CPNS"):
        return StatusPegawai.PNS
    if key.startswith("PPPK"):
        return StatusPegawai.PPPK
    raise Bad("status", _("Unknown status '%(value)s' (PNS or PPPK).") % {"value": text})


def parse_grade(text: str) -> str:
    value = re.sub(r"(?i)^(pppk|grade|golongan|gol\.?)\s*", "", text.strip()).strip().upper()
    if value.isdigit() and 1 <= int(value) <= len(GRADE_PPPK):
        value = GRADE_PPPK[int(value) - 1]
    if value not in GRADE_PPPK:
        raise ValueError
    return value


def parse_sex(text: str) -> str:
    key = normalise_header(text)
    if not key:
        return ""
    if key in ("l", "lakilaki", "pria", "m", "male", "1"):
        return "L"
    if key in ("p", "perempuan", "wanita", "f", "female", "2"):
        return "P"
    raise Bad("jenis_kelamin", _("Unknown sex '%(value)s' (L or P).") % {"value": text})


@dataclass
class PegawaiRow:
    nip: str
    values: dict  # the PEGAWAI_FIELDS present in the file, parsed
    jabatan: str  # a position reference ("" = none given)
    unit: str
    jabatan_nama: str
    jenis_jabatan: str
    tmt: datetime.date | None


def parse_pegawai(cells: dict, pppk_nips=frozenset()) -> PegawaiRow:
    """A pegawai row parsed; without a status column, the status is the one on record (`pppk_nips`)."""
    if "status" in cells:
        status = parse_status(cells["status"])
    else:
        status = StatusPegawai.PPPK if normalize_nip(cells.get("nip", "")) in pppk_nips else StatusPegawai.PNS
    raw_nip = cells.get("nip", "")
    if not holds_formula(raw_nip):
        required(cells, "nip", "nip_baru")
    try:
        info = parse_nip(raw_nip, status)
    except InvalidNip as exc:
        if holds_formula(raw_nip):
            # A formula saved with no value read as "required but empty", =1234 saved as 1234 as "4 digits":
            # neither says what to fix. (A formula whose saved value is a valid NIP is read as before.)
            raise Bad(
                "nip_baru",
                _(
                    "The cell holds a formula, not a NIP. Type the NIP's 18 digits as text (format the "
                    "column as Text in Excel, or begin the cell with an apostrophe)."
                ),
            ) from exc
        raise Bad("nip_baru", str(exc)) from exc
    values: dict = {"status": status}
    values["nama"] = required(cells, "nama", "nama")
    for name in ("gelar_depan", "gelar_belakang", "telepon"):
        if name in cells:
            values[name] = cells[name]
    if "email" in cells:
        if cells["email"]:
            try:
                validate_email(cells["email"])
            except ValidationError as exc:
                raise Bad(
                    "email", _("'%(value)s' is not an e-mail address.") % {"value": cells["email"]}
                ) from exc
        values["email"] = cells["email"].lower()
    golongan = required(cells, "golongan", "gol_akhir_nama")
    try:
        values["golongan"] = normalize_golongan(golongan) if status == "PNS" else parse_grade(golongan)
    except ValueError as exc:
        raise Bad(
            "gol_akhir_nama", _("Unknown rank (golongan) or grade '%(value)s'.") % {"value": golongan}
        ) from exc
    born = parse_date(cells.get("tanggal_lahir", ""), "tanggal_lahir")
    if born is not None and born != info.tanggal_lahir:
        raise Bad(
            "tanggal_lahir",
            _("The date of birth does not match the NIP (%(date)s).") % {"date": tanggal(info.tanggal_lahir)},
        )
    values["tanggal_lahir"] = info.tanggal_lahir
    sex = parse_sex(cells.get("jenis_kelamin", ""))
    if sex and sex != info.jenis_kelamin:
        raise Bad("jenis_kelamin", _("The sex does not match the NIP."))
    values["jenis_kelamin"] = info.jenis_kelamin
    jabatan_nama = cells.get("jabatan_nama", "")
    unit = cells.get("unit", "")
    if not cells.get("jabatan") and bool(unit) != bool(jabatan_nama):
        raise Bad("jabatan_nama" if unit else "unor_id", _("This field is required but empty."))
    return PegawaiRow(
        nip=info.nip,
        values=values,
        jabatan=cells.get("jabatan", ""),
        unit=unit,
        jabatan_nama=jabatan_nama,
        jenis_jabatan=cells.get("jenis_jabatan", ""),
        tmt=parse_date(cells.get("tmt", ""), "tmt_jabatan"),
    )


def pegawai_values(p: Pegawai) -> dict:
    return {
        "nama": p.nama,
        "gelar_depan": p.gelar_depan,
        "gelar_belakang": p.gelar_belakang,
        "status": p.status,
        "golongan": p.golongan if p.status == StatusPegawai.PNS else p.grade_pppk,
        "tanggal_lahir": p.tanggal_lahir,
        "jenis_kelamin": p.jenis_kelamin,
        "email": p.email,
        "telepon": p.telepon,
    }


def digest(values: dict, names) -> bytes:
    text = "\x1f".join(str(values.get(n, "")) for n in names)
    return hashlib.blake2b(text.encode(), digest_size=12).digest()


# Reading the file -------------------------------------------------------------------------------------------


def sheets_of(book: Book) -> dict[str, Sheet]:
    """{kind: sheet}: by sheet name, or a single sheet recognised by its columns."""
    found = {kind: book.find(*names) for kind, names in SHEET_NAMES.items()}
    found = {k: s for k, s in found.items() if s is not None}
    if found:
        return found
    sheet = book.first()
    header = next(iter(sheet), (0, []))[1]
    keys = {normalise_header(h) for h in header}
    if keys & {"nipbaru", "nip", "nipppk"}:
        return {PEGAWAI: sheet}
    if keys & {"diatasanid", "namaunor", "kodeinduk", "parent"}:
        return {UNIT: sheet}
    if keys & {"jenisjabatan", "jenisjabatannama", "kodejabatan", "atasanid"}:
        return {JABATAN: sheet}
    raise ApplicationError(
        {"berkas": _("The file's columns are not those of units, positions or employees: see the template.")}
    )


def sheet_rows(sheet: Sheet, kind: str, report: Report, progress: Callable | None = None):
    """(row number, {column: text}) of a sheet after its header; a missing required column refuses row 1."""
    rows = iter(sheet)
    try:
        number, header = next(rows)
    except StopIteration:
        return
    positions = match_columns(header, COLUMNS[kind])
    absent = [c for c in REQUIRED_COLUMNS[kind] if c not in positions]
    if absent:
        for column in absent:
            report.refuse(kind, number, column, _("The column is missing from the sheet."))
        return
    for i, (number, values) in enumerate(rows, start=1):
        if progress is not None and i % PROGRESS_EVERY == 0:
            progress(kind, i)
        yield number, {c: values[ix] if ix < len(values) else "" for c, ix in positions.items()}


def check_rows(
    sheet: Sheet, kind: str, report: Report, check_row: Callable, progress: Callable | None = None
):
    """Run `check_row(number, cells)` on each row of a sheet; a row it refuses by raising `Bad` is reported."""
    for number, cells in sheet_rows(sheet, kind, report, progress):
        try:
            check_row(number, cells)
        except Bad as bad:
            report.refuse(kind, number, bad.column, bad.reason)


def read_upload(file_name: str, data) -> tuple[Book, str]:
    """(the book, its SHA-256) of an upload, refused (ApplicationError on `berkas`) as tabular refuses it."""
    if not isinstance(data, bytes | bytearray):
        if hasattr(data, "seek"):
            data.seek(0)
        data = data.read(settings.IMPORT_MAX_BYTES + 1)
    book = read_workbook(file_name, data, max_bytes=settings.IMPORT_MAX_BYTES, max_rows=MAX_ROWS)
    return book, hashlib.sha256(data).hexdigest()
