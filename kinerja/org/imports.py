"""Importing staff data (units, positions, pegawai with their current position) from .xlsx or .csv.

`preview` validates the whole file and says what would change; `apply` validates again and writes everything in
one transaction through the org services (so every change is permission-checked and audited), or nothing.
Upserts go by unit code, position code (`Jabatan.kode`, or "#<id>" for a position that has none) and NIP, so the
same file applied twice changes nothing the second time. People of the instansi absent from a pegawai sheet are
only reported; `end_missing` ends their assignments as a separate, confirmed step.

The pegawai sheet is streamed twice (validation, then writing): only small dicts of codes and NIPs stay in memory.
"""

import datetime
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.core.errors import ApplicationError
from kinerja.core.models import AuditChainHead
from kinerja.core.tabular import Book, Sheet, match_columns, normalise_header, write_workbook
from kinerja.org import permissions, selectors, services
from kinerja.org.models import (
    Eselon,
    ImportRecord,
    Instansi,
    Jabatan,
    JenisJabatan,
    JenisPenugasan,
    JenjangFungsional,
    Pegawai,
    Penugasan,
    StatusPegawai,
    UnitKerja,
)
from kinerja.org.rules import GRADE_PPPK, InvalidNip, normalize_golongan, normalize_nip, parse_nip

UNIT, JABATAN, PEGAWAI = "unit", "jabatan", "pegawai"
KINDS = (UNIT, JABATAN, PEGAWAI)
SHEET_NAMES = {
    UNIT: ("Unit", "Units", "Unit Kerja", "Unor", "UnitKerja"),
    JABATAN: ("Jabatan", "Posisi", "Positions"),
    PEGAWAI: ("Pegawai", "ASN", "PNS", "Employees"),
}
UNIT_COLUMNS = {
    "kode": ("id", "kode_unit", "unor_id", "kode"),
    "parent": ("diatasan_id", "parent", "kode_induk", "induk", "atasan_unor_id"),
    "nama": ("nama_unor", "nama_unit", "unor_nama", "nama"),
    "kepala": ("nama_jabatan", "jabatan_kepala", "kepala_jabatan"),
    "eselon": ("eselon", "eselon_nama"),
}
JABATAN_COLUMNS = {
    "kode": ("id", "kode_jabatan", "jabatan_id"),
    "unit": ("unor_id", "kode_unit", "unit"),
    "nama": ("nama_jabatan", "jabatan_nama", "nama"),
    "jenis": ("jenis_jabatan", "jenis_jabatan_nama", "jenis"),
    "jenjang": ("jenjang", "jenjang_jabatan"),
    "eselon": ("eselon", "eselon_nama"),
    "atasan": ("atasan_id", "kode_atasan", "atasan"),
    "kepala_unit": ("kepala_unit", "kepala"),
}
PEGAWAI_COLUMNS = {
    "nip": ("nip_baru", "nip", "ni_pppk"),
    "nama": ("nama", "nama_pegawai"),
    "gelar_depan": ("gelar_depan",),
    "gelar_belakang": ("gelar_belakang",),
    "status": ("status", "status_pegawai", "jenis_pegawai"),
    "golongan": ("gol_akhir_nama", "golongan", "gol", "grade", "pangkat_golongan"),
    "tanggal_lahir": ("tanggal_lahir", "tgl_lahir"),
    "jenis_kelamin": ("jenis_kelamin", "jk"),
    "email": ("email",),
    "telepon": ("telepon", "nomor_hp", "no_hp"),
    "jabatan": ("jabatan_id", "kode_jabatan"),
    "unit": ("unor_id", "kode_unit"),
    "jabatan_nama": ("jabatan_nama", "nama_jabatan"),
    "jenis_jabatan": ("jenis_jabatan_nama", "jenis_jabatan"),
    "tmt": ("tmt_jabatan", "tmt"),
}
COLUMNS = {UNIT: UNIT_COLUMNS, JABATAN: JABATAN_COLUMNS, PEGAWAI: PEGAWAI_COLUMNS}
# The column that names each template column in the export (same order as the export writes them).
UNIT_HEADER = ["Id", "DiatasanId", "NamaUnor", "NamaJabatan", "eselon"]
JABATAN_HEADER = [
    "kode_jabatan",
    "unor_id",
    "nama_jabatan",
    "jenis_jabatan",
    "jenjang",
    "eselon",
    "atasan_id",
    "kepala_unit",
]
PEGAWAI_HEADER = [
    "nip_baru",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "status",
    "gol_akhir_nama",
    "tanggal_lahir",
    "jenis_kelamin",
    "email",
    "telepon",
    "jabatan_id",
    "tmt_jabatan",
]
PEGAWAI_FIELDS = [
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "status",
    "golongan",
    "tanggal_lahir",
    "jenis_kelamin",
    "email",
    "telepon",
]
MAX_LISTED_REFUSALS = 1000
PROGRESS_EVERY = 1000


# Report -----------------------------------------------------------------------------------------------------


@dataclass
class Refusal:
    sheet: str
    row: int
    column: str
    reason: str


@dataclass
class Report:
    file_name: str = ""
    kinds: list[str] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    refused: list[Refusal] = field(default_factory=list)
    refused_total: int = 0
    missing: list[tuple[str, str]] = field(default_factory=list)  # (NIP, name)
    record: ImportRecord | None = None
    applied: bool = False

    def count(self, kind: str, what: str, n: int = 1) -> None:
        self.counts.setdefault(kind, {"created": 0, "updated": 0, "unchanged": 0, "refused": 0})[what] += n

    def refuse(self, kind: str, row: int, column: str, reason: str) -> None:
        self.count(kind, "refused")
        self.refused_total += 1
        if len(self.refused) < MAX_LISTED_REFUSALS:
            self.refused.append(Refusal(kind, row, column, reason))

    @property
    def ok(self) -> bool:
        return self.refused_total == 0

    @property
    def nothing_to_change(self) -> bool:
        return self.ok and not any(c["created"] or c["updated"] for c in self.counts.values())

    def lines(self) -> Iterator[str]:
        """The report as text lines (for the command line)."""
        labels = {UNIT: _("Units"), JABATAN: _("Positions"), PEGAWAI: _("Employees")}
        for kind in KINDS:
            if kind in self.counts:
                c = self.counts[kind]
                yield _(
                    "%(sheet)s: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
                    "%(refused)s refused"
                ) % {"sheet": labels[kind], **c}
        for r in self.refused:
            yield _("Refused: sheet %(sheet)s row %(row)s column %(column)s: %(reason)s") % r.__dict__
        if self.refused_total > len(self.refused):
            yield _("... and %(n)s more refused rows.") % {"n": self.refused_total - len(self.refused)}
        if self.missing:
            yield _("%(n)s employees with a current position are not in the file (nothing was ended):") % {
                "n": len(self.missing)
            }
            for nip, nama in self.missing:
                yield f"  {nip} {nama}"
        if self.nothing_to_change:
            yield _("Nothing to change: the data already matches the file.")


class ImportRefused(ApplicationError):
    """Raised by `apply` when the file has refused rows; carries the report."""

    def __init__(self, report: Report):
        super().__init__({"berkas": _("The file has refused rows; nothing was changed.")})
        self.report = report


# Reading values ---------------------------------------------------------------------------------------------


class Bad(ValueError):
    """A cell that cannot be used: (column, reason)."""

    def __init__(self, column: str, reason: str):
        super().__init__(reason)
        self.column, self.reason = column, reason


def _required(cells: dict, column: str, label: str) -> str:
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
    raw_nip = _required(cells, "nip", "nip_baru")
    try:
        info = parse_nip(raw_nip, status)
    except InvalidNip as exc:
        raise Bad("nip_baru", str(exc)) from exc
    values: dict = {"status": status}
    values["nama"] = _required(cells, "nama", "nama")
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
    golongan = _required(cells, "golongan", "gol_akhir_nama")
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
            _("The date of birth does not match the NIP (%(date)s).")
            % {"date": info.tanggal_lahir.strftime("%d-%m-%Y")},
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


def _pegawai_values(p: Pegawai) -> dict:
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


def _digest(values: dict, names) -> bytes:
    text = "\x1f".join(str(values.get(n, "")) for n in names)
    return hashlib.blake2b(text.encode(), digest_size=12).digest()


# Reading the file -------------------------------------------------------------------------------------------


def _sheets_of(book: Book) -> dict[str, Sheet]:
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


def _rows(sheet: Sheet, kind: str, report: Report, progress: Callable | None = None):
    """(row number, {column: text}) of a sheet after its header; a missing required column refuses row 1."""
    rows = iter(sheet)
    try:
        number, header = next(rows)
    except StopIteration:
        return
    positions = match_columns(header, COLUMNS[kind])
    required = {UNIT: ("kode", "nama"), JABATAN: ("kode", "unit", "nama", "jenis"), PEGAWAI: ("nip", "nama")}
    absent = [c for c in required[kind] if c not in positions]
    if kind == PEGAWAI and "golongan" not in positions:
        absent.append("golongan")
    if absent:
        for column in absent:
            report.refuse(kind, number, column, _("The column is missing from the sheet."))
        return
    for i, (number, values) in enumerate(rows, start=1):
        if progress is not None and i % PROGRESS_EVERY == 0:
            progress(kind, i)
        yield number, {c: values[ix] if ix < len(values) else "" for c, ix in positions.items()}


# Validation -------------------------------------------------------------------------------------------------


def _cycle_through(start: str, first: str, parent_of: Callable[[str], str]) -> str | None:
    """Walking up from `first` (the parent of `start`): the key at which the walk comes round again, if any."""
    seen, key = {start}, first
    while key:
        if key in seen:
            return key
        seen.add(key)
        key = parent_of(key)
    return None


@dataclass
class UnitPlan:
    row: int
    kode: str
    nama: str
    parent: str  # unit code, "" = top
    eselon: str
    kepala: str  # the name of the head position ("" = not given)
    action: str = ""  # create, update, unchanged


@dataclass
class JabatanPlan:
    row: int
    ref: str
    unit: str  # unit code
    nama: str
    jenis: str
    jenjang: str
    eselon: str
    atasan: str  # position reference
    kepala_unit: bool
    action: str = ""


@dataclass
class NewSeat:
    unit: str
    nama: str
    jenis: str
    jenjang: str
    kepala_unit: bool


class Plan:
    """What validation found: the ops for units and positions, per pegawai row the seat to take."""

    def __init__(self, instansi: Instansi, report: Report):
        self.instansi = instansi
        self.report = report
        self.units: dict[str, UnitPlan] = {}
        self.jabatan: dict[str, JabatanPlan] = {}
        self.new_seats: dict[str, NewSeat] = {}
        self.seat_of_row: dict[int, str] = {}  # pegawai row → position ref, for rows that change the seat
        self.pegawai_rows: dict[int, str] = {}  # pegawai row → create/update
        self.has_pegawai = False
        self.pppk_nips = set()
        # The instansi as it is
        self.db_units = {}  # kode → (pk, parent kode, nama, eselon)
        pk_to_kode = {}
        for pk, kode, parent_id, nama, eselon in UnitKerja.objects.filter(instansi=instansi).values_list(
            "pk", "kode", "parent_id", "nama", "eselon"
        ):
            pk_to_kode[pk] = kode
            self.db_units[kode] = (pk, parent_id, nama, eselon)
        self.db_units = {
            k: (pk, pk_to_kode.get(par, ""), n, e) for k, (pk, par, n, e) in self.db_units.items()
        }
        self.unit_kode_of_pk = pk_to_kode
        self.db_jabatan = {}  # ref → (pk, unit kode, nama, jenis, jenjang, eselon, atasan pk, kepala, aktif)
        self.jabatan_ref_of_pk = {}
        rows = Jabatan.objects.filter(instansi=instansi).values_list(
            "pk", "kode", "unit_id", "nama", "jenis", "jenjang", "eselon", "atasan_id", "kepala_unit", "aktif"
        )
        for pk, kode, unit_id, nama, jenis, jenjang, eselon, atasan_id, kepala, aktif in rows:
            ref = kode or f"#{pk}"
            self.jabatan_ref_of_pk[pk] = ref
            self.db_jabatan[ref] = (
                pk,
                pk_to_kode[unit_id],
                nama,
                jenis,
                jenjang,
                eselon,
                atasan_id,
                kepala,
                aktif,
            )
        self.today = selectors.today()
        # Current definitive holders: position pk → pegawai pk, pegawai pk → (position pk, start)
        self.holder_of = {}
        self.seat_now = {}
        current = (
            Penugasan.objects.active_at(self.today)
            .filter(jabatan__instansi=instansi, jenis=JenisPenugasan.DEFINITIF)
            .values_list("jabatan_id", "pegawai_id", "mulai")
        )
        for jabatan_id, pegawai_id, mulai in current:
            self.holder_of[jabatan_id] = pegawai_id
            self.seat_now[pegawai_id] = (jabatan_id, mulai)

    # units

    def unit_exists(self, kode: str) -> bool:
        return kode in self.units or kode in self.db_units

    def unit_parent(self, kode: str) -> str:
        if kode in self.units:
            return self.units[kode].parent
        return self.db_units[kode][1] if kode in self.db_units else ""

    def read_units(self, sheet: Sheet, progress=None) -> None:
        report = self.report
        for number, cells in _rows(sheet, UNIT, report, progress):
            try:
                kode = _required(cells, "kode", "Id")
                nama = _required(cells, "nama", "NamaUnor")
                db = self.db_units.get(kode)
                # A column left out of the file keeps what is on record.
                eselon = parse_eselon(cells["eselon"]) if "eselon" in cells else (db[3] if db else "")
                parent = cells["parent"] if "parent" in cells else (db[1] if db else "")
            except Bad as bad:
                report.refuse(UNIT, number, bad.column, bad.reason)
                continue
            if kode in self.units:
                report.refuse(
                    UNIT,
                    number,
                    "Id",
                    _("The unit code %(kode)s appears twice in the file.") % {"kode": kode},
                )
                continue
            self.units[kode] = UnitPlan(number, kode, nama, parent, eselon, cells.get("kepala", ""))
        for plan in list(self.units.values()):
            if plan.parent and not self.unit_exists(plan.parent):
                report.refuse(
                    UNIT, plan.row, "DiatasanId", _("Unknown parent unit %(kode)s.") % {"kode": plan.parent}
                )
                del self.units[plan.kode]
        for plan in list(self.units.values()):
            kode = _cycle_through(plan.kode, plan.parent, self.unit_parent)
            if kode:
                report.refuse(
                    UNIT,
                    plan.row,
                    "DiatasanId",
                    _("The unit tree has a cycle through %(kode)s.") % {"kode": kode},
                )
        if report.ok:
            for plan in self.units.values():
                db = self.db_units.get(plan.kode)
                if db is None:
                    plan.action = "created"
                elif (db[1], db[2], db[3]) != (plan.parent, plan.nama, plan.eselon):
                    plan.action = "updated"
                else:
                    plan.action = "unchanged"
                report.count(UNIT, plan.action)

    # positions

    def jabatan_exists(self, ref: str) -> bool:
        return ref in self.jabatan or ref in self.db_jabatan

    def read_jabatan(self, sheet: Sheet, progress=None) -> None:
        report = self.report
        for number, cells in _rows(sheet, JABATAN, report, progress):
            try:
                ref = _required(cells, "kode", "kode_jabatan")
                unit = _required(cells, "unit", "unor_id")
                nama = _required(cells, "nama", "nama_jabatan")
                db = self.db_jabatan.get(ref)
                # A column left out of the file keeps what is on record.
                eselon = parse_eselon(cells["eselon"]) if "eselon" in cells else (db[5] if db else "")
                if "atasan" in cells:
                    atasan = cells["atasan"]
                else:
                    atasan = self.jabatan_ref_of_pk.get(db[6], "") if db else ""
                if "kepala_unit" in cells:
                    kepala_unit = parse_bool(cells["kepala_unit"])
                else:
                    kepala_unit = bool(db and db[7])
                jenis, jenjang = parse_jenis(
                    _required(cells, "jenis", "jenis_jabatan"),
                    nama,
                    eselon,
                    cells.get("jenjang", ""),
                    "jenis_jabatan",
                )
                if not self.unit_exists(unit):
                    raise Bad("unor_id", _("Unknown unit %(kode)s.") % {"kode": unit})
            except Bad as bad:
                report.refuse(JABATAN, number, bad.column, bad.reason)
                continue
            if ref in self.jabatan:
                report.refuse(
                    JABATAN,
                    number,
                    "kode_jabatan",
                    _("The position code %(kode)s appears twice in the file.") % {"kode": ref},
                )
                continue
            self.jabatan[ref] = JabatanPlan(
                number,
                ref,
                unit,
                nama,
                jenis,
                jenjang,
                eselon,
                atasan,
                kepala_unit,
            )
        for plan in list(self.jabatan.values()):
            if plan.atasan and not self.jabatan_exists(plan.atasan):
                report.refuse(
                    JABATAN,
                    plan.row,
                    "atasan_id",
                    _("Unknown position above %(kode)s.") % {"kode": plan.atasan},
                )
                del self.jabatan[plan.ref]
        heads = {}
        for ref, db in self.db_jabatan.items():
            if db[7] and db[8] and ref not in self.jabatan:
                heads[db[1]] = ref
        for plan in self.jabatan.values():
            ref = _cycle_through(plan.ref, plan.atasan, self._atasan_ref)
            if ref:
                report.refuse(
                    JABATAN,
                    plan.row,
                    "atasan_id",
                    _("The positions above form a cycle through %(kode)s.") % {"kode": ref},
                )
            if plan.kepala_unit:
                if plan.unit in heads:
                    report.refuse(
                        JABATAN,
                        plan.row,
                        "kepala_unit",
                        _("The unit %(kode)s already has a head position: %(other)s.")
                        % {"kode": plan.unit, "other": heads[plan.unit]},
                    )
                heads[plan.unit] = plan.ref
        if report.ok:
            for plan in self.jabatan.values():
                db = self.db_jabatan.get(plan.ref)
                if db is None:
                    plan.action = "created"
                else:
                    atasan = self.jabatan_ref_of_pk.get(db[6], "")
                    now = (db[1], db[2], db[3], db[4], db[5], atasan, db[7], db[8])
                    new = (
                        plan.unit,
                        plan.nama,
                        plan.jenis,
                        plan.jenjang,
                        plan.eselon,
                        plan.atasan,
                        plan.kepala_unit,
                        True,
                    )
                    plan.action = "unchanged" if now == new else "updated"
                report.count(JABATAN, plan.action)

    def _atasan_ref(self, ref: str) -> str:
        if ref in self.jabatan:
            return self.jabatan[ref].atasan
        db = self.db_jabatan.get(ref)
        return self.jabatan_ref_of_pk.get(db[6], "") if db else ""

    # seats for SIASN-style pegawai rows

    def _seat_index(self):
        if not hasattr(self, "_seats"):
            self._seats = {}  # (unit kode, name key) → [refs]
            self._head = {}  # unit kode → ref of its head position
            for ref, db in self.db_jabatan.items():
                if ref in self.jabatan or not db[8]:
                    continue
                self._seats.setdefault((db[1], normalise_header(db[2])), []).append(ref)
                if db[7]:
                    self._head[db[1]] = ref
            for plan in self.jabatan.values():
                self._seats.setdefault((plan.unit, normalise_header(plan.nama)), []).append(plan.ref)
                if plan.kepala_unit:
                    self._head[plan.unit] = plan.ref
        return self._seats, self._head

    def head_name(self, unit: str) -> str:
        if unit in self.units and self.units[unit].kepala:
            return self.units[unit].kepala
        _seats, head = self._seat_index()
        ref = head.get(unit)
        if ref is None:
            return ""
        return self.jabatan[ref].nama if ref in self.jabatan else self.db_jabatan[ref][2]

    def holder(self, ref: str):
        db = self.db_jabatan.get(ref)
        return self.holder_of.get(db[0]) if db else None

    def seat_for(self, row: PegawaiRow, pegawai_pk, claims: dict) -> str:
        """The position a SIASN-style row means (creating a new seat in the plan if there is none)."""
        seats, head = self._seat_index()
        if not self.unit_exists(row.unit):
            raise Bad("unor_id", _("Unknown unit %(kode)s.") % {"kode": row.unit})
        key = normalise_header(row.jabatan_nama)
        is_head = key == normalise_header(self.head_name(row.unit))
        if is_head and row.unit in head:
            return head[row.unit]
        candidates = seats.get((row.unit, key), [])
        for ref in candidates:
            holder = self.holder(ref)
            if holder is not None and holder == pegawai_pk:
                return ref
        for ref in candidates:
            if self.holder(ref) is None and ref not in claims:
                return ref
        eselon = self.units[row.unit].eselon if row.unit in self.units else self.db_units[row.unit][3]
        jenis, jenjang = parse_jenis(
            row.jenis_jabatan or ("struktural" if is_head else "pelaksana"),
            row.jabatan_nama,
            eselon if is_head else "",
            "",
            "jenis_jabatan_nama",
        )
        ref = f"+{len(self.new_seats) + 1}"
        self.new_seats[ref] = NewSeat(row.unit, row.jabatan_nama, jenis, jenjang, is_head)
        seats.setdefault((row.unit, key), []).append(ref)
        if is_head:
            head[row.unit] = ref
        self.report.count(JABATAN, "created")
        return ref

    # pegawai

    def read_pegawai(self, sheet: Sheet, progress=None) -> None:
        report = self.report
        self.has_pegawai = True
        rows = iter(sheet)
        try:
            _n, header = next(rows)
        except StopIteration:
            return
        present = [n for n in PEGAWAI_FIELDS if n in match_columns(header, PEGAWAI_COLUMNS)]
        present = sorted(
            {*present, "nama", "status", "golongan", "tanggal_lahir", "jenis_kelamin"},
            key=PEGAWAI_FIELDS.index,
        )
        existing = {}  # NIP → (pk, digest of the present fields)
        for p in Pegawai.objects.filter(instansi=self.instansi).iterator(chunk_size=2000):
            existing[p.nip] = (p.pk, _digest(_pegawai_values(p), present))
            if p.status == StatusPegawai.PPPK:
                self.pppk_nips.add(p.nip)
        seen = {}  # NIP → row
        claims = {}  # position ref → (row, NIP, pegawai pk)
        new_nips = {}
        for number, cells in _rows(sheet, PEGAWAI, report, progress):
            try:
                row = parse_pegawai(cells, self.pppk_nips)
            except Bad as bad:
                report.refuse(PEGAWAI, number, bad.column, bad.reason)
                continue
            if row.nip in seen:
                report.refuse(
                    PEGAWAI,
                    number,
                    "nip_baru",
                    _("The NIP %(nip)s appears twice in the file (row %(row)s).")
                    % {"nip": row.nip, "row": seen[row.nip]},
                )
                continue
            seen[row.nip] = number
            pk, digest = existing.get(row.nip, (None, None))
            if pk is None:
                new_nips[row.nip] = number
            try:
                ref = ""
                if row.jabatan:
                    ref = row.jabatan
                    if not self.jabatan_exists(ref):
                        raise Bad("jabatan_id", _("Unknown position %(kode)s.") % {"kode": ref})
                elif row.unit:
                    ref = self.seat_for(row, pk, claims)
                if ref:
                    if ref in claims:
                        raise Bad(
                            "jabatan_id" if row.jabatan else "jabatan_nama",
                            _("The position is held twice: also by NIP %(nip)s (row %(row)s).")
                            % {"nip": claims[ref][1], "row": claims[ref][0]},
                        )
                    claims[ref] = (number, row.nip, pk)
                    now = self.seat_now.get(pk)
                    db = self.db_jabatan.get(ref)
                    if now is not None and db is not None and now[0] == db[0]:
                        ref = ""  # already there
                    elif now is not None and row.tmt is not None and row.tmt <= now[1]:
                        raise Bad(
                            "tmt_jabatan",
                            _("The TMT must be after the start of the current position (%(date)s).")
                            % {"date": now[1].strftime("%d-%m-%Y")},
                        )
            except Bad as bad:
                report.refuse(PEGAWAI, number, bad.column, bad.reason)
                continue
            if ref:
                self.seat_of_row[number] = ref
            if pk is None:
                self.pegawai_rows[number] = "created"
            elif digest != _digest(row.values, present) or ref:
                self.pegawai_rows[number] = "updated"
            report.count(PEGAWAI, self.pegawai_rows.get(number, "unchanged"))
        # A position held now by someone who keeps it (absent from the file, or not moving away).
        moving = set()
        for ref, (_number, _nip, pk) in claims.items():
            db = self.db_jabatan.get(ref)
            if pk in self.seat_now and (db is None or db[0] != self.seat_now[pk][0]):
                moving.add(pk)
        kept = []
        for ref, (number, _nip, pk) in claims.items():
            db = self.db_jabatan.get(ref)
            holder = self.holder_of.get(db[0]) if db else None
            if holder is not None and holder != pk and holder not in moving:
                kept.append((number, holder))
        if kept:
            nip_of = dict(Pegawai.objects.filter(pk__in={h for _n, h in kept}).values_list("pk", "nip"))
            for number, holder in kept:
                report.refuse(
                    PEGAWAI,
                    number,
                    "jabatan_id",
                    _("The position is held twice: NIP %(nip)s holds it now and keeps it.")
                    % {"nip": nip_of[holder]},
                )
        # NIPs that belong to another instansi
        nips = list(new_nips)
        for start in range(0, len(nips), 500):
            for nip in Pegawai.objects.filter(nip__in=nips[start : start + 500]).values_list(
                "nip", flat=True
            ):
                report.refuse(
                    PEGAWAI,
                    new_nips[nip],
                    "nip_baru",
                    _("The NIP %(nip)s belongs to another agency.") % {"nip": nip},
                )
        # Missing: pegawai with a current position who are not in the file
        holders = set(self.seat_now)
        for pk, nip, nama in (
            Pegawai.objects.filter(instansi=self.instansi).values_list("pk", "nip", "nama").iterator()
        ):
            if pk in holders and nip not in seen:
                report.missing.append((nip, nama))


def _validate(*, actor, instansi: Instansi, book: Book, file_name: str, progress=None) -> Plan:
    if not permissions.can_manage_instansi(actor, instansi):
        raise PermissionDenied(_("You are not allowed to do this."))
    report = Report(file_name=file_name)
    sheets = _sheets_of(book)
    report.kinds = [k for k in KINDS if k in sheets]
    plan = Plan(instansi, report)
    if UNIT in sheets:
        plan.read_units(sheets[UNIT], progress)
    if JABATAN in sheets and report.ok:
        plan.read_jabatan(sheets[JABATAN], progress)
    if PEGAWAI in sheets and report.ok:
        plan.read_pegawai(sheets[PEGAWAI], progress)
    for kind in report.kinds:
        report.counts.setdefault(kind, {"created": 0, "updated": 0, "unchanged": 0, "refused": 0})
    return plan


def preview(
    *, actor, instansi: Instansi, book: Book, file_name: str, sha256: str = "", progress=None
) -> Report:
    """What applying the file would do; nothing is written."""
    return _validate(actor=actor, instansi=instansi, book=book, file_name=file_name, progress=progress).report


# Applying ---------------------------------------------------------------------------------------------------


def _last_seq() -> int:
    head = AuditChainHead.objects.filter(pk=1).first()
    return head.last_seq if head else 0


def apply(*, actor, instansi: Instansi, book: Book, file_name: str, sha256: str, progress=None) -> Report:
    """Validate again and write everything in one transaction (or nothing: ImportRefused, ApplicationError)."""
    plan = _validate(actor=actor, instansi=instansi, book=book, file_name=file_name, progress=progress)
    report = plan.report
    if not report.ok:
        raise ImportRefused(report)
    if report.nothing_to_change:
        return report
    reason = _("Import of %(file)s") % {"file": file_name}
    with transaction.atomic():
        first = _last_seq() + 1
        writer = _Writer(plan, actor, reason)
        writer.units()
        writer.jabatan()
        if plan.has_pegawai:
            sheets = _sheets_of(book)
            writer.pegawai(sheets[PEGAWAI], progress)
        last = _last_seq()
        report.record = ImportRecord.objects.create(
            instansi=instansi,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            nama_berkas=file_name[:255],
            sha256=sha256,
            jenis=",".join(report.kinds),
            counts=report.counts,
            missing=[nip for nip, _nama in report.missing],
            first_seq=first if last >= first else None,
            last_seq=last if last >= first else None,
        )
    report.applied = True
    return report


class _Writer:
    def __init__(self, plan: Plan, actor, reason: str):
        self.plan, self.actor, self.reason = plan, actor, reason
        self.unit_by_kode = {}
        self.jabatan_by_ref = {}

    def _fail(self, kind, row, exc: ApplicationError):
        report = self.plan.report
        messages = getattr(exc, "message_dict", None) or {"": [str(exc)]}
        for column, msgs in messages.items():
            report.refuse(kind, row, column, "; ".join(map(str, msgs if isinstance(msgs, list) else [msgs])))
        raise ImportRefused(report) from exc

    def unit(self, kode: str):
        if not kode:
            return None
        if kode not in self.unit_by_kode:
            self.unit_by_kode[kode] = UnitKerja.objects.get(instansi=self.plan.instansi, kode=kode)
        return self.unit_by_kode[kode]

    def units(self) -> None:
        plan = self.plan
        done = set()
        todo = [u for u in plan.units.values() if u.action == "created"]
        while todo:  # parents first
            rest = []
            for u in todo:
                if (
                    u.parent
                    and u.parent in plan.units
                    and plan.units[u.parent].action == "created"
                    and u.parent not in done
                ):
                    rest.append(u)
                    continue
                try:
                    self.unit_by_kode[u.kode] = services.unit_create(
                        actor=self.actor,
                        instansi=plan.instansi,
                        kode=u.kode,
                        nama=u.nama,
                        parent=self.unit(u.parent),
                        eselon=u.eselon,
                    )
                except ApplicationError as exc:
                    self._fail(UNIT, u.row, exc)
                done.add(u.kode)
            todo = rest
        for u in plan.units.values():
            if u.action != "updated":
                continue
            _pk, parent, nama, eselon = plan.db_units[u.kode]
            try:
                unit = self.unit(u.kode)
                if (nama, eselon) != (u.nama, u.eselon):
                    unit = services.unit_update(
                        actor=self.actor,
                        unit=unit,
                        kode=u.kode,
                        nama=u.nama,
                        eselon=u.eselon,
                        reason=self.reason,
                    )
                if parent != u.parent:
                    unit = services.unit_move(
                        actor=self.actor,
                        unit=unit,
                        new_parent=self.unit(u.parent),
                        tanggal=plan.today,
                        reason=self.reason,
                    )
                self.unit_by_kode[u.kode] = unit
            except ApplicationError as exc:
                self._fail(UNIT, u.row, exc)

    def position(self, ref: str):
        if not ref:
            return None
        if ref not in self.jabatan_by_ref:
            db = self.plan.db_jabatan[ref]
            self.jabatan_by_ref[ref] = Jabatan.objects.get(pk=db[0])
        return self.jabatan_by_ref[ref]

    def jabatan(self) -> None:
        plan = self.plan
        todo = [j for j in plan.jabatan.values() if j.action == "created"]
        done = set()
        while todo:  # positions above first
            rest = []
            for j in todo:
                if (
                    j.atasan in plan.jabatan
                    and plan.jabatan[j.atasan].action == "created"
                    and j.atasan not in done
                ):
                    rest.append(j)
                    continue
                try:
                    self.jabatan_by_ref[j.ref] = services.jabatan_create(
                        actor=self.actor,
                        unit=self.unit(j.unit),
                        nama=j.nama,
                        jenis=j.jenis,
                        jenjang=j.jenjang,
                        eselon=j.eselon,
                        atasan=self.position(j.atasan),
                        kepala_unit=j.kepala_unit,
                        kode="" if j.ref.startswith("#") else j.ref,
                    )
                except ApplicationError as exc:
                    self._fail(JABATAN, j.row, exc)
                done.add(j.ref)
            todo = rest
        # Positions that stop heading their unit first, so that another may start.
        updated = sorted(
            (j for j in plan.jabatan.values() if j.action == "updated"), key=lambda j: j.kepala_unit
        )
        for j in updated:
            try:
                self.jabatan_by_ref[j.ref] = services.jabatan_update(
                    actor=self.actor,
                    jabatan=self.position(j.ref),
                    reason=self.reason,
                    unit=self.unit(j.unit),
                    nama=j.nama,
                    jenis=j.jenis,
                    jenjang=j.jenjang,
                    eselon=j.eselon,
                    atasan=self.position(j.atasan),
                    kepala_unit=j.kepala_unit,
                    aktif=True,
                )
            except ApplicationError as exc:
                self._fail(JABATAN, j.row, exc)

    def seat(self, ref: str):
        if ref in self.plan.new_seats and ref not in self.jabatan_by_ref:
            s = self.plan.new_seats[ref]
            unit = self.unit(s.unit)
            head = Jabatan.objects.filter(unit=unit, kepala_unit=True, aktif=True).first()
            if s.kepala_unit:
                parent_head = Jabatan.objects.filter(
                    unit_id=unit.parent_id, kepala_unit=True, aktif=True
                ).first()
                atasan = parent_head
            else:
                atasan = head
            self.jabatan_by_ref[ref] = services.jabatan_create(
                actor=self.actor,
                unit=unit,
                nama=s.nama,
                jenis=s.jenis,
                jenjang=s.jenjang,
                eselon=unit.eselon if s.kepala_unit else "",
                atasan=atasan,
                kepala_unit=s.kepala_unit,
            )
        return self.position(ref)

    def pegawai(self, sheet: Sheet, progress) -> None:
        plan = self.plan
        moves = []
        for number, cells in _rows(sheet, PEGAWAI, plan.report, progress):
            action = plan.pegawai_rows.get(number)
            if action is None:
                continue
            row = parse_pegawai(cells, plan.pppk_nips)
            values = dict(row.values)
            if values["status"] == StatusPegawai.PPPK:
                values["grade_pppk"], values["golongan"] = values["golongan"], ""
            else:
                values["grade_pppk"] = ""
            try:
                if action == "created":
                    pegawai = services.pegawai_create(
                        actor=self.actor, instansi=plan.instansi, nip=row.nip, **values
                    )
                else:
                    pegawai = Pegawai.objects.get(nip=row.nip)
                    current = {k: getattr(pegawai, k) for k in values}
                    if current != values:
                        pegawai = services.pegawai_update(
                            actor=self.actor, pegawai=pegawai, reason=self.reason, **values
                        )
                ref = plan.seat_of_row.get(number)
                if ref:
                    moves.append((number, pegawai, self.seat(ref), row.tmt))
            except ApplicationError as exc:
                self._fail(PEGAWAI, number, exc)
        self._move(moves)

    def _move(self, moves) -> None:
        """Take the new seats, those already free first; seats swapped between people: end, then take."""
        plan = self.plan
        while moves:
            rest = []
            for number, pegawai, jabatan, tmt in moves:
                tanggal = self._start(pegawai, jabatan, tmt)
                occupied = (
                    Penugasan.objects.active_at(tanggal)
                    .filter(jabatan=jabatan, jenis=JenisPenugasan.DEFINITIF)
                    .exclude(pegawai=pegawai)
                    .exists()
                )
                if occupied:
                    rest.append((number, pegawai, jabatan, tmt))
                    continue
                self._take(number, pegawai, jabatan, tanggal)
            if len(rest) == len(moves):
                rest = [(n, p, j, t or plan.today) for n, p, j, t in rest]
                for number, pegawai, _jabatan, tanggal in rest:
                    current = (
                        Penugasan.objects.active_at(tanggal)
                        .filter(pegawai=pegawai, jenis=JenisPenugasan.DEFINITIF)
                        .first()
                    )
                    if current is not None:
                        try:
                            services.penugasan_end(
                                actor=self.actor,
                                penugasan=current,
                                selesai=tanggal - datetime.timedelta(days=1),
                                reason=self.reason,
                            )
                        except ApplicationError as exc:
                            self._fail(PEGAWAI, number, exc)
                    plan.seat_now.pop(pegawai.pk, None)
                for number, pegawai, jabatan, tanggal in rest:
                    self._take(number, pegawai, jabatan, tanggal)
                rest = []
            moves = rest

    def _start(self, pegawai, jabatan, tmt) -> datetime.date:
        """The TMT given; else today for a transfer; else 1 January, or the day after the seat's last holder left."""
        if tmt is not None:
            return tmt
        if pegawai.pk in self.plan.seat_now:
            return self.plan.today
        start = datetime.date(self.plan.today.year, 1, 1)
        ended = (
            Penugasan.objects.filter(jabatan=jabatan, jenis=JenisPenugasan.DEFINITIF, selesai__isnull=False)
            .order_by("-selesai")
            .values_list("selesai", flat=True)
            .first()
        )
        if ended is not None and ended >= start:
            start = ended + datetime.timedelta(days=1)
        return start

    def _take(self, number, pegawai, jabatan, tanggal) -> None:
        try:
            if pegawai.pk in self.plan.seat_now:
                services.pegawai_transfer(
                    actor=self.actor, pegawai=pegawai, jabatan=jabatan, tanggal=tanggal, reason=self.reason
                )
            else:
                services.penugasan_create(
                    actor=self.actor,
                    pegawai=pegawai,
                    jabatan=jabatan,
                    jenis=JenisPenugasan.DEFINITIF,
                    mulai=tanggal,
                    keterangan=self.reason,
                )
        except ApplicationError as exc:
            self._fail(PEGAWAI, number, exc)


# Ending the assignments of missing people -------------------------------------------------------------------


def end_missing(*, actor, instansi: Instansi, nips, tanggal: datetime.date, reason: str) -> int:
    """End (on `tanggal`) the current assignments of the given pegawai of the instansi; the number ended."""
    if not permissions.can_manage_instansi(actor, instansi):
        raise PermissionDenied(_("You are not allowed to do this."))
    nips = [normalize_nip(n) for n in nips]
    ended = 0
    with transaction.atomic():
        current = (
            Penugasan.objects.active_at(tanggal)
            .filter(pegawai__instansi=instansi, pegawai__nip__in=nips, selesai__isnull=True)
            .select_related("pegawai", "jabatan")
        )
        for penugasan in current:
            services.penugasan_end(actor=actor, penugasan=penugasan, selesai=tanggal, reason=reason)
            ended += 1
    return ended


# Export and templates ---------------------------------------------------------------------------------------


def _export_rows(instansi: Instansi):
    kode_of = dict(UnitKerja.objects.filter(instansi=instansi).values_list("pk", "kode"))
    refs = {
        pk: kode or f"#{pk}"
        for pk, kode in Jabatan.objects.filter(instansi=instansi).values_list("pk", "kode")
    }
    heads = dict(
        Jabatan.objects.filter(instansi=instansi, kepala_unit=True, aktif=True).values_list("unit_id", "nama")
    )

    def units():
        for u in UnitKerja.objects.filter(instansi=instansi).order_by("path").iterator(chunk_size=2000):
            yield [u.kode, kode_of.get(u.parent_id, ""), u.nama, heads.get(u.pk, ""), u.eselon]

    def positions():
        qs = Jabatan.objects.filter(instansi=instansi, aktif=True).order_by("path")
        for j in qs.iterator(chunk_size=2000):
            yield [
                refs[j.pk],
                kode_of[j.unit_id],
                j.nama,
                j.jenis,
                j.get_jenjang_display() if j.jenjang else "",
                j.eselon,
                refs.get(j.atasan_id, ""),
                "ya" if j.kepala_unit else "",
            ]

    def people():
        today = selectors.today()
        seats = {
            pegawai_id: (jabatan_id, mulai)
            for pegawai_id, jabatan_id, mulai in Penugasan.objects.active_at(today)
            .filter(pegawai__instansi=instansi, jenis=JenisPenugasan.DEFINITIF)
            .values_list("pegawai_id", "jabatan_id", "mulai")
        }
        for p in (
            Pegawai.objects.filter(instansi=instansi, aktif=True).order_by("nip").iterator(chunk_size=2000)
        ):
            seat = seats.get(p.pk)
            yield [
                p.nip,
                p.nama,
                p.gelar_depan,
                p.gelar_belakang,
                p.status,
                p.golongan if p.status == StatusPegawai.PNS else p.grade_pppk,
                p.tanggal_lahir,
                p.jenis_kelamin,
                p.email,
                p.telepon,
                refs[seat[0]] if seat else "",
                seat[1] if seat else None,
            ]

    return units(), positions(), people()


def export_workbook(instansi: Instansi) -> bytes:
    units, positions, people = _export_rows(instansi)
    return write_workbook(
        {
            "Unit": (UNIT_HEADER, units),
            "Jabatan": (JABATAN_HEADER, positions),
            "Pegawai": (PEGAWAI_HEADER, people),
        }
    )


def template_workbook() -> bytes:
    return write_workbook(
        {"Unit": (UNIT_HEADER, []), "Jabatan": (JABATAN_HEADER, []), "Pegawai": (PEGAWAI_HEADER, [])}
    )


def example_workbook() -> bytes:
    units = [
        ["1", "", "Dinas Contoh", "Kepala Dinas Contoh", "II.b"],
        ["1.1", "1", "Bidang Pelayanan", "Kepala Bidang Pelayanan", "III.b"],
    ]
    positions = [
        ["J1", "1", "Kepala Dinas Contoh", "Struktural", "", "II.b", "", "ya"],
        ["J2", "1.1", "Kepala Bidang Pelayanan", "Struktural", "", "III.b", "J1", "ya"],
        ["J3", "1.1", "Analis Kebijakan Ahli Pertama", "Fungsional Tertentu", "", "", "J2", ""],
        ["J4", "1.1", "Pengadministrasi Perkantoran", "Pelaksana", "", "", "J2", ""],
    ]
    people = [
        [
            "197501012000031001",
            "Budi Santoso",
            "Dr.",
            "M.Si.",
            "PNS",
            "IV/b",
            "1975-01-01",
            "L",
            "",
            "",
            "J1",
            "2024-01-02",
        ],
        [
            "198203152006042002",
            "Siti Aminah",
            "",
            "S.E.",
            "PNS",
            "III/d",
            "1982-03-15",
            "P",
            "",
            "",
            "J2",
            "2023-07-01",
        ],
        [
            "199001012024211003",
            "Andi Pratama",
            "",
            "S.Kom.",
            "PPPK",
            "IX",
            "1990-01-01",
            "L",
            "",
            "",
            "J3",
            "2024-03-01",
        ],
        [
            "199505202019032004",
            "Rina Wati",
            "",
            "",
            "PNS",
            "II/c",
            "1995-05-20",
            "P",
            "",
            "",
            "J4",
            "2025-01-02",
        ],
    ]
    return write_workbook(
        {
            "Unit": (UNIT_HEADER, units),
            "Jabatan": (JABATAN_HEADER, positions),
            "Pegawai": (PEGAWAI_HEADER, people),
        }
    )


MAX_ROWS = 200_000


def read_upload(file_name: str, data) -> tuple[Book, str]:
    """(the book, its SHA-256) of an upload, refused (ApplicationError on `berkas`) as tabular refuses it."""
    from django.conf import settings

    from kinerja.core.tabular import read_workbook

    if not isinstance(data, bytes | bytearray):
        if hasattr(data, "seek"):
            data.seek(0)
        data = data.read(settings.IMPORT_MAX_BYTES + 1)
    book = read_workbook(file_name, data, max_bytes=settings.IMPORT_MAX_BYTES, max_rows=MAX_ROWS)
    return book, hashlib.sha256(data).hexdigest()
