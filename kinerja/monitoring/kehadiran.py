"""Importing a month of attendance (issue 13) from an attendance machine's or a spreadsheet's export.

Three steps, each testable without HTTP, like the other importers (decision 0008): `read_table` turns a file into
numbered rows of text; `check_rows` checks every row against a `Catalogue` (the pegawai the uploader may import
for, and the month's days already recorded) and reports every problem with its row and column, or, when there is
none, what the file would add, change and remove; services.kehadiran_apply writes that, all or nothing.

A file holds one month: its dates decide which one. For each pegawai it names, the file is that pegawai's month:
days it lists are set, days recorded before and missing from it are removed (a corrected export replaces the
month). Pegawai it does not name are left as they were, so two departments may each upload their own file for
the same month.
"""

import datetime
import functools
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kinerja.core import tabular
from kinerja.core.errors import ApplicationError
from kinerja.core.formats import bulan_tahun, normalize_nip
from kinerja.core.formats import tanggal as tanggal_text
from kinerja.monitoring import discipline
from kinerja.org.imports.parsing import DATE_FORMATS

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 600_000  # a month of 20,000 pegawai with 23 working days, and room to spare

ALIASES = {
    "nip": ("nip", "nipbaru", "nip18", "nomorindukpegawai", "noinduk"),
    "tanggal": ("tanggal", "tgl", "date", "tanggalabsen", "tanggalhadir", "hari"),
    "status": ("status", "keterangan", "ket", "statuskehadiran", "kehadiran", "absensi"),
}


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str


@dataclass(frozen=True)
class Catalogue:
    """What the rows may name: pegawai of the uploader's scope by NIP ({nip: (id, name)}), NIPs of the instansi
    outside that scope (refused with their own message), today in the instansi, and the days already recorded
    for the month ({(pegawai id, date): status}; read once the month is known, see `month_of`)."""

    in_scope: dict[str, tuple[int, str]]
    out_of_scope: frozenset[str]
    today: datetime.date
    recorded: dict[tuple[int, datetime.date], str] = field(default_factory=dict)


@dataclass(frozen=True)
class Change:
    pegawai_id: int
    nip: str
    nama: str
    tanggal: datetime.date
    before: str | None  # None: a new day
    after: str | None  # None: a day the file no longer lists


@dataclass
class Report:
    rows: int = 0
    bulan: datetime.date | None = None
    days: dict[tuple[int, datetime.date], str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0

    @property
    def counts(self) -> dict[str, int]:
        added = sum(1 for c in self.changes if c.before is None)
        removed = sum(1 for c in self.changes if c.after is None)
        return {
            "baris": self.rows,
            "pegawai": len({pegawai_id for pegawai_id, _day in self.days}),
            "baru": added,
            "berubah": len(self.changes) - added - removed,
            "dihapus": removed,
            "tetap": self.unchanged,
            "ditolak": len({p.row for p in self.problems}),
        }

    @property
    def ok(self) -> bool:
        """Nothing refused and the file held some day."""
        return not self.problems and bool(self.days)


# Reading the file -------------------------------------------------------------------------------------------


def read_table(name: str, data: bytes) -> list[dict]:
    """The rows of the first sheet as {"row": number in the file, "nip", "tanggal", "status"}, matched by header.
    Raises ApplicationError (on `berkas`) for a file that is not a spreadsheet or CSV, is too big, is empty or
    lacks a column."""
    if len(data) > MAX_BYTES:
        raise tabular.refusal(_("The file is larger than 20 MB. Split it into smaller files."))
    numbered = tabular.first_sheet(name, data, max_bytes=MAX_BYTES, max_rows=MAX_ROWS)
    if len(numbered) < 2:
        raise tabular.refusal(_("The file is empty."))
    (_header_row, header), body = numbered[0], numbered[1:]
    positions = tabular.match_columns(header, ALIASES)
    if set(positions) != set(ALIASES):
        raise tabular.refusal(_("The first row must name the columns nip, tanggal and status."))
    return [{"row": number, **tabular.cells_by_column(values, positions)} for number, values in body]


# Checking the rows ------------------------------------------------------------------------------------------


def nip_of(row: dict) -> str:
    """The NIP of a row as the catalogue knows it: spaces (a NIP printed "19870315 201001 1 002") removed."""
    return normalize_nip(row.get("nip", ""))


@functools.lru_cache(maxsize=4096)
def parse_day(text: str) -> datetime.date | None:
    """A date cell as exports write it (2026-03-02, 02-03-2026, 02/03/2026, 02.03.2026, with a time or not).
    Cached: a month's file repeats some 23 dates for every person."""
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def month_of(rows: list[dict]) -> datetime.date | None:
    """The month the file holds: that of most of its readable dates (the others are refused), or None."""
    tally: dict[datetime.date, int] = {}
    for row in rows:
        day = parse_day(row.get("tanggal", ""))
        if day is not None:
            first = day.replace(day=1)
            tally[first] = tally.get(first, 0) + 1
    return max(sorted(tally), key=lambda m: tally[m]) if tally else None


def _nip_problem(number: int, nip: str, catalogue: Catalogue) -> Problem | None:
    if not nip:
        return Problem(number, "nip", _("Empty required cell."))
    if nip in catalogue.out_of_scope:
        return Problem(number, "nip", _("NIP %(nip)s is not in the units you administer.") % {"nip": nip})
    if nip not in catalogue.in_scope:
        return Problem(number, "nip", _("No pegawai of this agency has NIP %(nip)s.") % {"nip": nip})
    return None


def _day_problem(number: int, text: str, day, bulan: datetime.date, today: datetime.date) -> Problem | None:
    if not text:
        return Problem(number, "tanggal", _("Empty required cell."))
    if day is None:
        return Problem(
            number,
            "tanggal",
            _("'%(value)s' is not a date (use YYYY-MM-DD or DD-MM-YYYY).") % {"value": text},
        )
    if day > today:
        return Problem(number, "tanggal", _("%(date)s is in the future.") % {"date": tanggal_text(day)})
    if day.replace(day=1) != bulan:
        return Problem(
            number,
            "tanggal",
            _("%(date)s is outside the month of this file (%(month)s); upload one month per file.")
            % {"date": tanggal_text(day), "month": bulan_tahun(bulan)},
        )
    return None


def _status_problem(number: int, text: str, status: str | None) -> Problem | None:
    if not text:
        return Problem(number, "status", _("Empty required cell."))
    if status is None and text.replace(".", "").strip().lower() == "tl":
        return Problem(
            number,
            "status",
            _(
                "'%(value)s' means terlambat (present) on some machines and tugas luar on others: write H or DL."
            )
            % {"value": text},
        )
    if status is None:
        return Problem(
            number,
            "status",
            _(
                "Unknown status '%(value)s'. Use hadir, izin, sakit, cuti, dinas luar or tanpa keterangan "
                "(or the usual codes: H, I, S, C, DL, TK)."
            )
            % {"value": text},
        )
    return None


def check_rows(rows: list[dict], catalogue: Catalogue, bulan: datetime.date) -> Report:
    """Check every row (nothing stops at the first problem); with none, compare the file with what is recorded
    for the month of the pegawai it names."""
    report = Report(rows=len(rows), bulan=bulan)
    first_row: dict[tuple[int, datetime.date], int] = {}
    for row in rows:
        number = row["row"]
        nip = nip_of(row)
        text_day, text_status = row.get("tanggal", "").strip(), row.get("status", "").strip()
        day = parse_day(text_day) if text_day else None
        status = discipline.normalise_status(text_status)
        problems = [
            p
            for p in (
                _nip_problem(number, nip, catalogue),
                _day_problem(number, text_day, day, bulan, catalogue.today),
                _status_problem(number, text_status, status),
            )
            if p is not None
        ]
        report.problems += problems
        if problems or day is None or status is None:
            continue
        key = (catalogue.in_scope[nip][0], day)
        earlier = report.days.get(key)
        if earlier is not None and earlier != status:
            report.problems.append(
                Problem(
                    number,
                    "status",
                    _("NIP %(nip)s on %(date)s already has another status in row %(row)s.")
                    % {"nip": nip, "date": tanggal_text(day), "row": first_row[key]},
                )
            )
            continue
        report.days[key] = status
        first_row.setdefault(key, number)
    if not report.problems:
        _compare(report, catalogue)
    return report


def _compare(report: Report, catalogue: Catalogue) -> None:
    names = {pegawai_id: (nip, nama) for nip, (pegawai_id, nama) in catalogue.in_scope.items()}
    named = {pegawai_id for pegawai_id, _day in report.days}
    for (pegawai_id, day), status in sorted(report.days.items()):
        before = catalogue.recorded.get((pegawai_id, day))
        if before == status:
            report.unchanged += 1
        else:
            report.changes.append(Change(pegawai_id, *names[pegawai_id], day, before, status))
    for (pegawai_id, day), before in sorted(catalogue.recorded.items()):
        if pegawai_id in named and (pegawai_id, day) not in report.days:
            report.changes.append(Change(pegawai_id, *names[pegawai_id], day, before, None))


def refuse_unless_ok(report: Report) -> None:
    """An ApplicationError on the upload field naming how many rows were refused, or that the file was empty."""
    if report.problems:
        raise tabular.refusal(
            _("%(count)s rows were refused; nothing was written. Correct them and upload the file again.")
            % {"count": report.counts["ditolak"]}
        )
    if not report.days:
        raise ApplicationError({tabular.FIELD: _("The file is empty.")})
