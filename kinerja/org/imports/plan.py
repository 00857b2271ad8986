"""Checking a whole file against the instansi as it is: what each row would create or update, or why it is refused.

Nothing is written here; `Plan` holds what the writer will do, so a file is applied only after it is all clean.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from kinerja.core import clock
from kinerja.core.tabular import Book, Sheet, normalise_header
from kinerja.org import permissions
from kinerja.org.imports.columns import JABATAN, KINDS, PEGAWAI, UNIT
from kinerja.org.imports.parsing import (
    Bad,
    PegawaiRow,
    check_rows,
    digest,
    parse_bool,
    parse_eselon,
    parse_jenis,
    required,
    sheets_of,
)
from kinerja.org.imports.plan_pegawai import read_pegawai
from kinerja.org.imports.report import Report
from kinerja.org.models import Instansi, Jabatan, JenisPenugasan, Penugasan, UnitKerja


def _cycle_through(start: str, first: str, parent_of: Callable[[str], str]) -> str | None:
    """Walking up from `first` (the parent of `start`): the key at which the walk comes round again, if any."""
    seen, key = {start}, first
    while key:
        if key in seen:
            return key
        seen.add(key)
        key = parent_of(key)
    return None


STATE_CHARS = 12  # hex digits of a record's digest kept in a fingerprint


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
        # What the file changes ("unit:<kode>", "jabatan:<ref>", "pegawai:<nip>") and, for people, their record as
        # it is: the fingerprint taken at preview is compared at apply (see `changed_since`).
        self.touched: set[str] = set()
        self.pegawai_state: dict[str, str] = {}  # NIP → digest of the record and its current seat
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
        self.today = clock.today(self.instansi)
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

    # what the file changes, as it is now

    def state(self, key: str) -> str:
        """A digest of the record `key` names as it is in the database ("" when there is none)."""
        kind, _sep, ref = key.partition(":")
        if kind == "pegawai":
            return self.pegawai_state.get(ref, "")[:STATE_CHARS]
        if kind == "unit":
            values = self.db_units.get(ref)
        elif kind == "jabatan":
            values = self.db_jabatan.get(ref)
            if values is not None:
                values = (*values, self.holder_of.get(values[0]))
        else:
            return ""
        return "" if values is None else digest({"v": values}, ["v"]).hex()[:STATE_CHARS]

    def fingerprint(self) -> dict[str, str]:
        """The records the file would change, each with its digest now: taken at preview, carried by the apply
        token (hence the short digests: 48 bits tell an edit apart well enough and keep a large file's token
        small)."""
        return {key: self.state(key) for key in sorted(self.touched)}

    def changed_since(self, fingerprint: dict[str, str]) -> list[str]:
        """The records of a preview's fingerprint that someone changed (or created, or deleted) since; the apply
        would otherwise silently overwrite that change with the file's older view."""
        return [key for key, then in fingerprint.items() if self.state(key) != then]

    # units

    def unit_exists(self, kode: str) -> bool:
        return kode in self.units or kode in self.db_units

    def unit_parent(self, kode: str) -> str:
        if kode in self.units:
            return self.units[kode].parent
        return self.db_units[kode][1] if kode in self.db_units else ""

    def read_units(self, sheet: Sheet, progress=None) -> None:
        check_rows(sheet, UNIT, self.report, self._unit_row, progress)
        for plan in list(self.units.values()):
            if plan.parent and not self.unit_exists(plan.parent):
                self.report.refuse(
                    UNIT, plan.row, "DiatasanId", _("Unknown parent unit %(kode)s.") % {"kode": plan.parent}
                )
                del self.units[plan.kode]
        for plan in list(self.units.values()):
            kode = _cycle_through(plan.kode, plan.parent, self.unit_parent)
            if kode:
                self.report.refuse(
                    UNIT,
                    plan.row,
                    "DiatasanId",
                    _("The unit tree has a cycle through %(kode)s.") % {"kode": kode},
                )
        self._settle(UNIT, self.units, self._unit_action)

    def _unit_row(self, number: int, cells: dict) -> None:
        """Check one unit row into the plan; a refused row raises `Bad`."""
        kode = required(cells, "kode", "Id")
        nama = required(cells, "nama", "NamaUnor")
        db = self.db_units.get(kode)
        # A column left out of the file keeps what is on record.
        eselon = parse_eselon(cells["eselon"]) if "eselon" in cells else (db[3] if db else "")
        parent = cells["parent"] if "parent" in cells else (db[1] if db else "")
        if kode in self.units:
            raise Bad("Id", _("The unit code %(kode)s appears twice in the file.") % {"kode": kode})
        self.units[kode] = UnitPlan(number, kode, nama, parent, eselon, cells.get("kepala", ""))

    def _unit_action(self, plan: UnitPlan) -> str:
        db = self.db_units.get(plan.kode)
        if db is None:
            return "created"
        return "unchanged" if (db[1], db[2], db[3]) == (plan.parent, plan.nama, plan.eselon) else "updated"

    def _settle(self, kind: str, plans: dict, action_of: Callable) -> None:
        """Once the file is clean so far: each planned row's action, counted, and its record marked as touched
        unless unchanged."""
        if not self.report.ok:
            return
        for key, plan in plans.items():
            plan.action = action_of(plan)
            if plan.action != "unchanged":
                self.touched.add(f"{kind}:{key}")
            self.report.change(kind, plan.row, plan.action, key, plan.nama)

    # positions

    def jabatan_exists(self, ref: str) -> bool:
        return ref in self.jabatan or ref in self.db_jabatan

    def read_jabatan(self, sheet: Sheet, progress=None) -> None:
        check_rows(sheet, JABATAN, self.report, self._jabatan_row, progress)
        self._check_jabatan_tree()
        self._settle(JABATAN, self.jabatan, self._jabatan_action)

    def _jabatan_row(self, number: int, cells: dict) -> None:
        """Check one position row into the plan; a refused row raises `Bad`."""
        ref = required(cells, "kode", "kode_jabatan")
        unit = required(cells, "unit", "unor_id")
        nama = required(cells, "nama", "nama_jabatan")
        db = self.db_jabatan.get(ref)
        # A column left out of the file keeps what is on record.
        eselon = parse_eselon(cells["eselon"]) if "eselon" in cells else (db[5] if db else "")
        recorded_atasan = self.jabatan_ref_of_pk.get(db[6], "") if db else ""
        atasan = cells.get("atasan", recorded_atasan)
        kepala_unit = parse_bool(cells["kepala_unit"]) if "kepala_unit" in cells else bool(db and db[7])
        jenis, jenjang = parse_jenis(
            required(cells, "jenis", "jenis_jabatan"),
            nama,
            eselon,
            cells.get("jenjang", ""),
            "jenis_jabatan",
        )
        if not self.unit_exists(unit):
            raise Bad("unor_id", _("Unknown unit %(kode)s.") % {"kode": unit})
        if ref in self.jabatan:
            raise Bad(
                "kode_jabatan", _("The position code %(kode)s appears twice in the file.") % {"kode": ref}
            )
        self.jabatan[ref] = JabatanPlan(number, ref, unit, nama, jenis, jenjang, eselon, atasan, kepala_unit)

    def _check_jabatan_tree(self) -> None:
        """Refuse positions above that are unknown or form a cycle, and a second head of a unit."""
        report = self.report
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

    def _jabatan_action(self, plan: JabatanPlan) -> str:
        db = self.db_jabatan.get(plan.ref)
        if db is None:
            return "created"
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
        return "unchanged" if now == new else "updated"

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


def validate(*, actor, instansi: Instansi, book: Book, file_name: str, progress=None) -> Plan:
    if not permissions.can_manage_instansi(actor, instansi):
        raise PermissionDenied(_("You are not allowed to do this."))
    report = Report(file_name=file_name)
    sheets = sheets_of(book)
    report.kinds = [k for k in KINDS if k in sheets]
    plan = Plan(instansi, report)
    if UNIT in sheets:
        plan.read_units(sheets[UNIT], progress)
    if JABATAN in sheets and report.ok:
        plan.read_jabatan(sheets[JABATAN], progress)
    if PEGAWAI in sheets and report.ok:
        read_pegawai(plan, sheets[PEGAWAI], progress)
    for kind in report.kinds:
        report.counts.setdefault(kind, {"created": 0, "updated": 0, "unchanged": 0, "refused": 0})
    if report.ok:
        report.fingerprint = plan.fingerprint()
    return plan


def preview(
    *, actor, instansi: Instansi, book: Book, file_name: str, sha256: str = "", progress=None
) -> Report:
    """What applying the file would do; nothing is written."""
    return validate(actor=actor, instansi=instansi, book=book, file_name=file_name, progress=progress).report
