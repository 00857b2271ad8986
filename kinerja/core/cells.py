"""Cells of a table as text, column headers matched forgivingly, and workbooks written safely.

The part of kinerja.core.tabular that deals in single cells and headers; tabular re-exports it, so importers
use `kinerja.core.tabular` for everything about tables.
"""

import io
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal

# Text a spreadsheet would run as a formula (CWE-1236); written after a single quote, read back without it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class FormulaCell(str):
    """The text of a workbook cell that holds a formula: the value the spreadsheet saved for it (as any cell
    reads), or "" when none was saved, as programs other than Excel write them. Everything reads it as that
    text; an importer for which a formula is a mistake (a NIP) tells the user so instead of "empty" or "not
    digits". `formula` is its text, "=..." ("=" alone for a cell sharing another cell's formula)."""

    formula: str

    def __new__(cls, text: str, formula: str) -> "FormulaCell":
        cell = super().__new__(cls, text)
        cell.formula = formula
        return cell


class _Formula:
    """A formula cell as the parser gives it: the saved value and the formula."""

    __slots__ = ("formula", "value")

    def __init__(self, value, formula: str):
        self.value, self.formula = value, formula


def holds_formula(text: str) -> bool:
    """Whether a cell's text is a formula: a workbook cell that holds one, or text that begins with "=" (a CSV
    has no formulas, but that is one typed where a value was meant, and a spreadsheet opening it runs it)."""
    return isinstance(text, FormulaCell) or (type(text) is str and text.startswith("="))


def cell_text(value) -> str:
    """A cell as text: 12.0 → "12", a date → "YYYY-MM-DD", None → "", text stripped and without the quote
    `safe_cell` put before a formula-like text; a formula as a `FormulaCell` of its saved value."""
    if value is None:
        return ""
    if isinstance(value, _Formula):
        return FormulaCell(cell_text(value.value), value.formula)
    if isinstance(value, str):
        text = value.strip()
        if text[:1] == "'" and text[1:2] in FORMULA_STARTS:
            text = text[1:].strip()
        return text
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip()


def normalise_header(value) -> str:
    """A column title compared without case, spaces, underscores or dashes: " Nama_Jabatan" → "namajabatan"."""
    return re.sub(r"[\s_\-]+", "", str(value or "")).casefold()


def match_columns(header: Sequence[str], aliases: Mapping[str, Iterable[str]]) -> dict[str, int]:
    """{column: index in `header`} for the columns found, matched forgivingly (see `normalise_header`).

    A column is found under its own name or any of its aliases; the first alias listed that the header has wins
    (its leftmost cell). A header cell serves one column only: the first in `aliases` that claims it."""
    keys = [normalise_header(title) for title in header]
    positions: dict[str, int] = {}
    for column, spellings in aliases.items():
        for spelling in (column, *spellings):
            wanted = normalise_header(spelling)
            index = next(
                (i for i, key in enumerate(keys) if key == wanted and i not in positions.values()), None
            )
            if index is not None:
                positions[column] = index
                break
    return positions


def cells_by_column(values: Sequence[str], positions: Mapping[str, int]) -> dict[str, str]:
    """{column: cell text} of one row, "" for a cell past the end of a short row."""
    return {column: values[index] if index < len(values) else "" for column, index in positions.items()}


# Writing ----------------------------------------------------------------------------------------------------


def safe_cell(value):
    """A value to write in a cell: numbers, dates and booleans as they are; text that a spreadsheet would run
    as a formula (beginning with =, +, -, @, tab or carriage return) after a single quote."""
    if value is None or isinstance(value, int | float | Decimal | date | time | timedelta):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# A sheet named so is the template's instructions: readers skip it when they take "the first sheet".
INSTRUCTIONS_SHEET = "Petunjuk"
# Date cells show as the tables' short date (decision 0016): Excel writes the month in the reader's language.
DATE_FORMAT = "d mmm yyyy"
DATETIME_FORMAT = "d mmm yyyy hh:mm"
WIDTH_SAMPLE = 200  # rows read ahead to size the columns
MIN_WIDTH, MAX_WIDTH = 6, 60


def _cell_value(value):
    """`safe_cell`, and a moment as the local wall-clock time (Excel has no time zones)."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        from django.utils import timezone

        value = timezone.localtime(value).replace(tzinfo=None)
    return safe_cell(value)


def _shown_length(value) -> int:
    if isinstance(value, datetime):
        return 17
    if isinstance(value, date):
        return 11
    return max((len(line) for line in str(value if value is not None else "").splitlines()), default=0)


def _widths(header: Sequence, sample: Sequence[Sequence]) -> list[float]:
    """Column widths from the header and the first rows: wide enough to read, never wider than MAX_WIDTH."""
    widths = [_shown_length(title) + 2 for title in header]  # room for the filter button
    for row in sample:
        for index, value in enumerate(row[: len(widths)]):
            widths[index] = max(widths[index], _shown_length(value))
    return [float(min(MAX_WIDTH, max(MIN_WIDTH, w + 1))) for w in widths]


def write_workbook(
    sheets: Mapping[str, tuple[Sequence, Iterable[Sequence]]],
    *,
    widths: Mapping[str, Sequence[float]] | None = None,
) -> bytes:
    """An .xlsx of {sheet name: (header, rows)}, as every export and template of Kinerja is written: the header
    in bold, frozen and with an autofilter, columns sized to their content (or `widths`), dates as real date
    cells, and every cell through `safe_cell`. Labels are written in Indonesian whatever the interface language
    (the headers are, and the importers read those words). Rows may be a generator: the workbook is written in
    openpyxl's write-only mode, only the first WIDTH_SAMPLE rows are read ahead to size the columns."""
    import itertools

    from django.utils import translation
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    if not sheets:
        raise ValueError("write_workbook needs at least one sheet")
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    with translation.override("id"):
        for title, (header, rows) in sheets.items():
            sheet = workbook.create_sheet(title)
            rows = iter(rows)
            sample = [list(row) for row in itertools.islice(rows, WIDTH_SAMPLE)]
            sizes = (widths or {}).get(title) or _widths(header, sample)
            for index, width in enumerate(sizes, start=1):
                sheet.column_dimensions[get_column_letter(index)].width = width
            sheet.freeze_panes = "A2"
            titles = []
            for value in header:
                cell = WriteOnlyCell(sheet, value=safe_cell(value))
                cell.font = bold
                titles.append(cell)
            sheet.append(titles)
            count = 0
            for row in itertools.chain(sample, rows):
                cells = []
                for value in row:
                    cell = WriteOnlyCell(sheet, value=_cell_value(value))
                    if isinstance(value, datetime):
                        cell.number_format = DATETIME_FORMAT
                    elif isinstance(value, date):
                        cell.number_format = DATE_FORMAT
                    cells.append(cell)
                sheet.append(cells)
                count += 1
            if header:
                sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count + 1}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
