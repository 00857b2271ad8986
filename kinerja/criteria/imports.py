"""Importing required competency levels (standar kompetensi jabatan) from a spreadsheet or CSV file.

Three steps, each testable without HTTP: `read_table` turns a file into numbered rows of text, `check_rows`
checks every row against a `Catalogue` of the version's positions and competencies (pure), and the caller
applies the report's items through services.standar_set. Between the preview and the apply step the
rows are kept server-side by the import kernel (`sign`/`unsign`), and are checked again before they are applied.
"""

import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from kinerja.core import imports as pipeline
from kinerja.core import tabular
from kinerja.core.errors import ApplicationError
from kinerja.criteria import rules
from kinerja.criteria.models import Kerangka, Kompetensi, StandarKompetensi
from kinerja.org.models import Jabatan, UnitKerja

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000

COLUMNS = ("jabatan_id", "kode_unit", "nama_jabatan", "kompetensi", "level")
# Header spellings accepted for each column, compared without case, spaces, underscores or dashes.
ALIASES = {
    "jabatan_id": ("jabatanid", "idjabatan"),
    "kode_unit": ("kodeunit", "kodeunitkerja", "unitkode"),
    "nama_jabatan": ("namajabatan", "jabatan"),
    "kompetensi": ("kompetensi", "kodekompetensi", "namakompetensi"),
    "level": ("level", "levelkompetensi", "standarlevel", "tingkat"),
}


def _normalise_text(value: str) -> str:
    return " ".join(value.split()).casefold()


# Reading the file -------------------------------------------------------------------------------------------


def _refuse(message: str) -> ApplicationError:
    return tabular.refusal(message)


def read_table(name: str, data: bytes) -> list[dict]:
    """The rows of the first sheet as {"row": number in the file, column: text}, matched by header.

    Raises ApplicationError (on `berkas`) for a file that is not a spreadsheet or CSV, is too big, or lacks the
    required columns."""
    if len(data) > MAX_BYTES:
        raise _refuse(_("The file is larger than 5 MB. Split it into smaller files."))
    numbered = tabular.first_sheet(name, data, max_bytes=MAX_BYTES, max_rows=MAX_ROWS)
    if not numbered:
        raise _refuse(_("The file is empty."))
    (_header_row, header), body = numbered[0], numbered[1:]
    positions = tabular.match_columns(header, ALIASES)
    has_position = "jabatan_id" in positions or {"kode_unit", "nama_jabatan"} <= set(positions)
    if not has_position or "kompetensi" not in positions or "level" not in positions:
        raise _refuse(
            _(
                "The first row must name the columns jabatan_id (or kode_unit and nama_jabatan), "
                "kompetensi and level."
            )
        )
    return [{"row": number, **tabular.cells_by_column(values, positions)} for number, values in body]


def read_upload(upload) -> list[dict]:
    """`read_table` for an uploaded file, refusing an oversized one before reading it."""
    if upload.size > MAX_BYTES:
        raise _refuse(_("The file is larger than 5 MB. Split it into smaller files."))
    return read_table(upload.name, upload.read())


# Checking the rows ------------------------------------------------------------------------------------------


@dataclass
class Catalogue:
    """What the rows may name: positions of the instansi, competencies of the version, and current levels."""

    positions_by_id: dict[int, Jabatan]
    positions_by_unit_name: dict[tuple[str, str], list[Jabatan]]
    kompetensi: dict[str, Kompetensi]
    current: dict[tuple[int, int], int]


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str


@dataclass
class Item:
    row: int
    jabatan: Jabatan
    kompetensi: Kompetensi
    level: int
    current: int | None

    @property
    def status(self) -> str:
        if self.current is None:
            return "new"
        return "unchanged" if self.current == self.level else "changed"


@dataclass
class Report:
    rows: list[dict]
    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counts = {"new": 0, "changed": 0, "unchanged": 0}
        for item in self.items:
            counts[item.status] += 1
        counts["refused"] = len({p.row for p in self.problems})
        return counts

    @property
    def ok(self) -> bool:
        """Nothing refused and something to apply."""
        return not self.problems and bool(self.items)


def _position(row: dict, catalogue: Catalogue) -> tuple[Jabatan | None, Problem | None]:
    number = row["row"]
    jabatan_id = row.get("jabatan_id", "")
    if jabatan_id:
        jabatan = catalogue.positions_by_id.get(int(jabatan_id)) if jabatan_id.isdigit() else None
        if jabatan is None:
            return None, Problem(
                number, "jabatan_id", _("Unknown position %(value)s in this agency.") % {"value": jabatan_id}
            )
        return jabatan, None
    kode_unit, nama = row.get("kode_unit", ""), row.get("nama_jabatan", "")
    if not kode_unit and not nama:
        return None, Problem(
            number, "jabatan_id", _("Empty required cell: give jabatan_id, or kode_unit and nama_jabatan.")
        )
    for column, value in (("kode_unit", kode_unit), ("nama_jabatan", nama)):
        if not value:
            return None, Problem(number, column, _("Empty required cell."))
    found = catalogue.positions_by_unit_name.get((_normalise_text(kode_unit), _normalise_text(nama)), [])
    if not found:
        return None, Problem(
            number,
            "nama_jabatan",
            _("Unknown position: no active position %(name)s in unit %(unit)s.")
            % {"name": nama, "unit": kode_unit},
        )
    if len(found) > 1:
        return None, Problem(
            number,
            "nama_jabatan",
            _("Several positions in unit %(unit)s are called %(name)s; use jabatan_id instead.")
            % {"name": nama, "unit": kode_unit},
        )
    return found[0], None


def _level(row: dict) -> tuple[int | None, Problem | None]:
    value = row.get("level", "")
    if not value:
        return None, Problem(row["row"], "level", _("Empty required cell."))
    problems = rules.check_required_level(value.replace(",", "."))
    if problems:
        return None, Problem(row["row"], "level", problems[0])
    return int(Decimal(value.replace(",", "."))), None


def check_rows(rows: list[dict], catalogue: Catalogue) -> Report:
    """Check every row (nothing stops at the first problem) and sort them into items and problems."""
    report = Report(rows=rows)
    seen: dict[tuple[int, int], int] = {}
    for row in rows:
        problems = []
        jabatan, problem = _position(row, catalogue)
        problems += [problem] if problem else []
        kompetensi = None
        name = row.get("kompetensi", "")
        if not name:
            problems.append(Problem(row["row"], "kompetensi", _("Empty required cell.")))
        else:
            kompetensi = catalogue.kompetensi.get(_normalise_text(name))
            if kompetensi is None:
                problems.append(
                    Problem(
                        row["row"],
                        "kompetensi",
                        _("Unknown competency %(value)s in this version (use its code or name).")
                        % {"value": name},
                    )
                )
        level, problem = _level(row)
        problems += [problem] if problem else []
        if jabatan is not None and kompetensi is not None:
            key = (jabatan.pk, kompetensi.pk)
            if key in seen:
                problems.append(
                    Problem(
                        row["row"],
                        "kompetensi",
                        _("Duplicate row: row %(row)s already sets this position and competency.")
                        % {"row": seen[key]},
                    )
                )
            else:
                seen[key] = row["row"]
        if problems:
            report.problems.extend(problems)
        else:
            report.items.append(
                Item(
                    row["row"], jabatan, kompetensi, level, catalogue.current.get((jabatan.pk, kompetensi.pk))
                )
            )
    return report


def catalogue_for(kerangka: Kerangka, rows: list[dict]) -> Catalogue:
    """The positions the rows name (active, of the version's instansi), the version's competencies and levels."""
    ids = {int(r["jabatan_id"]) for r in rows if r.get("jabatan_id", "").isdigit()}
    units = {_normalise_text(r["kode_unit"]) for r in rows if r.get("kode_unit")}
    positions = Jabatan.objects.filter(instansi_id=kerangka.instansi_id, aktif=True).select_related("unit")
    by_id = {j.pk: j for j in positions.filter(pk__in=ids)} if ids else {}
    by_unit_name: dict[tuple[str, str], list[Jabatan]] = {}
    if units:
        # Unit codes are compared without case; the instansi has few units, so they are matched here.
        unit_ids = [
            pk
            for pk, kode in UnitKerja.objects.filter(instansi_id=kerangka.instansi_id).values_list(
                "pk", "kode"
            )
            if _normalise_text(kode) in units
        ]
        for j in positions.filter(unit_id__in=unit_ids):
            by_unit_name.setdefault((_normalise_text(j.unit.kode), _normalise_text(j.nama)), []).append(j)
    kompetensi: dict[str, Kompetensi] = {}
    for k in kerangka.kompetensi.all():
        kompetensi.setdefault(_normalise_text(k.nama), k)
        kompetensi[_normalise_text(k.kode)] = k
    wanted = {j.pk for j in by_id.values()} | {j.pk for js in by_unit_name.values() for j in js}
    current = {
        (s["jabatan_id"], s["kompetensi_id"]): s["level"]
        for s in StandarKompetensi.objects.filter(kerangka=kerangka, jabatan_id__in=wanted).values(
            "jabatan_id", "kompetensi_id", "level"
        )
    }
    return Catalogue(by_id, by_unit_name, kompetensi, current)


def validate(kerangka: Kerangka, rows: list[dict]) -> Report:
    return check_rows(rows, catalogue_for(kerangka, rows))


# Carrying rows from the preview to the apply step -----------------------------------------------------------

PURPOSE = "kinerja.criteria.standar-import"


def sign(kerangka: Kerangka, rows: list[dict], user_id: int | None = None) -> str:
    """Keep the rows server-side (kinerja.core.imports) and give the token naming them, for this version."""
    stored = pipeline.keep(json.dumps(rows).encode(), name="", ext="json")
    return pipeline.sign_stored(PURPOSE, stored, target_id=kerangka.pk, user_id=user_id)


def unsign(kerangka: Kerangka, payload: str, user_id: int | None = None) -> list[dict]:
    """The rows kept for this version within the hour, once; ApplicationError when expired, altered or not ours."""
    stored = pipeline.unsign_stored(PURPOSE, payload, target_id=kerangka.pk, user_id=user_id)
    return json.loads(pipeline.take(stored))


# The template -----------------------------------------------------------------------------------------------


def template_workbook(examples: list[list]) -> bytes:
    """An .xlsx with the instructions, then the header row and example rows (the reader skips "Petunjuk")."""
    return tabular.write_workbook(
        {
            tabular.INSTRUCTIONS_SHEET: (["Kolom", "Wajib?", "Isi yang diterima"], INSTRUCTIONS),
            "standar": (COLUMNS, examples),
        },
        widths={tabular.INSTRUCTIONS_SHEET: (16, 34, 80), "standar": (12, 16, 40, 28, 8)},
    )


INSTRUCTIONS = [
    ["jabatan_id", "Wajib, atau kode_unit dengan nama_jabatan", "Nomor jabatan di Kinerja."],
    ["kode_unit", "Bersama nama_jabatan", "Kode unit kerja jabatan itu."],
    ["nama_jabatan", "Bersama kode_unit", "Nama jabatan, persis seperti tercatat."],
    ["kompetensi", "Wajib", "Kode atau nama kompetensi pada versi kriteria ini."],
    ["level", "Wajib", "Level standar kompetensi, angka 1 sampai 5."],
]


def template_examples(kerangka: Kerangka) -> list[list]:
    """Two example rows naming real positions and competencies of the version: one by id, one by unit and name."""
    kompetensi = list(kerangka.kompetensi.order_by("jenis", "nama")[:2])
    positions = list(
        Jabatan.objects.filter(instansi_id=kerangka.instansi_id, aktif=True)
        .select_related("unit")
        .order_by("path")[:2]
    )
    if len(kompetensi) < 2 or len(positions) < 2:
        return [[1, "", "", "integritas", 3], ["", "UNIT", "Nama Jabatan", "Kerjasama", 2]]
    first, second = positions
    return [
        [first.pk, "", "", kompetensi[0].kode, 3],
        ["", second.unit.kode, second.nama, kompetensi[1].nama, 2],
    ]
