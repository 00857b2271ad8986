"""Reading uploaded tables (.xlsx or .csv) safely, and writing workbooks that a spreadsheet cannot run.

Reading: `read_workbook` checks the upload before anything parses it (size, what the bytes really are, a
password-protected workbook, a zip bomb), then gives every sheet by name. A sheet is iterated as
`(row number in the file, [cell text, ...])`, empty rows left out, streamed from the file: a 100,000-row sheet
never sits in memory as openpyxl cells. A CSV file (UTF-8, the Windows code page, or UTF-16 with a byte order
mark; separated by semicolons, commas or tabs) is one sheet named after the file. Every refusal is an
ApplicationError on the form field `berkas`, raised before the caller has done anything; some (too many rows, a
damaged sheet, a read that takes too long) can only be noticed while iterating, so a caller reads every row it
needs before it writes.

Work is bounded before the file is parsed and while it is: a small .xlsx can unpack to millions of empty rows,
which cost as much to parse as full ones. So every row counts against a limit (the rows allowed, plus
`EMPTY_ROWS` blank ones): a sheet that declares (`<dimension>`) or holds more row elements is refused before
openpyxl opens the file, and rows openpyxl makes up for gaps in the numbering are counted as they stream. Opening
and each reading of a sheet must also end within `max_seconds` (setting `IMPORT_MAX_SECONDS`).

Writing: `write_workbook` writes sheets in openpyxl's write-only mode through `safe_cell`, which puts a single
quote before text that a spreadsheet would take for a formula. Reading takes that quote off again, so a file
exported and imported back gives the same text.

The limits and their refusals live in kinerja.core.tabular_limits, single cells, headers and the writer in
kinerja.core.cells; importers use this module for all of it.
"""

import codecs
import csv
import io
import itertools
import re
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from pathlib import PurePath

from django.utils.translation import gettext as _

from kinerja.core.cells import (
    INSTRUCTIONS_SHEET,
    FormulaCell,
    _Formula,
    cell_text,
    cells_by_column,
    holds_formula,
    match_columns,
    normalise_header,
    safe_cell,
    write_workbook,
)
from kinerja.core.errors import ApplicationError
from kinerja.core.tabular_limits import (
    BINARY_MAGIC,
    EMPTY_ZIP_MAGIC,
    ENCRYPTED_STREAMS,
    FIELD,
    HEAD_BYTES,
    MAX_COLUMNS,
    MAX_DIRECTORY_BYTES,
    MAX_PARTS,
    MAX_RATIO,
    MAX_UNPACKED,
    MB,
    OLD_EXCEL_STREAMS,
    OLE_MAGIC,
    RATIO_FROM_BYTES,
    SHEET_LAST_ROW,
    ZIP_MAGIC,
    Deadline,
    _max_seconds,
    _not_csv,
    _not_xlsx,
    _row_limit,
    _save_as,
    _size,
    _too_far,
    refusal,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"  # a workbook's content type

__all__ = [
    "FIELD",
    "INSTRUCTIONS_SHEET",
    "Book",
    "FormulaCell",
    "Sheet",
    "cell_text",
    "cells_by_column",
    "first_sheet",
    "holds_formula",
    "match_columns",
    "normalise_header",
    "read_workbook",
    "refusal",
    "safe_cell",
    "write_workbook",
]

Row = tuple[int, list[str]]

# Reading ----------------------------------------------------------------------------------------------------


class Sheet:
    """One sheet of an upload; iterating gives its non-empty rows as (row number, [cell text]), read anew
    from the file each time, each reading within `max_seconds`."""

    def __init__(self, name: str, rows, *, max_rows: int, named_in_messages: bool, max_seconds: float):
        self.name = name
        self._rows = rows  # a callable giving an iterator of raw rows (tuples of cell values)
        self._max_rows = max_rows
        self._named = named_in_messages
        self._max_seconds = max_seconds
        # Rows taken from the file by the last reading, empty ones included: the work a file cost.
        self.rows_read = 0

    def __repr__(self) -> str:
        return f"<Sheet {self.name!r}>"

    def _too_many_rows(self) -> ApplicationError:
        if self._named:
            return refusal(
                _("The sheet %(sheet)s has more than %(max)s rows. Split it into smaller files.")
                % {"sheet": self.name, "max": self._max_rows}
            )
        return refusal(
            _("The file has more than %(max)s rows. Split it into smaller files.") % {"max": self._max_rows}
        )

    def _too_wide(self, number: int) -> ApplicationError:
        return refusal(
            _("Row %(row)s of sheet %(sheet)s has more than %(max)s columns.")
            % {"row": number, "sheet": self.name, "max": MAX_COLUMNS}
        )

    def __iter__(self) -> Iterator[Row]:
        seen = 0  # non-empty rows: the header and at most max_rows more
        limit = _row_limit(self._max_rows)
        deadline = Deadline(self._max_seconds)
        self.rows_read = 0
        for number, values in enumerate(self._rows(deadline), start=1):
            # Every row counts, empty ones too (openpyxl makes up one per number skipped in the file).
            self.rows_read = number
            if number > limit:
                raise _too_far(number, limit, self.name if self._named else None)
            deadline.check()
            if len(values) > MAX_COLUMNS:
                extra = values[MAX_COLUMNS:]
                # Counting in C first: a crafted row may be 16,384 cells wide.
                if extra.count(None) + extra.count("") < len(extra) and any(map(cell_text, extra)):
                    raise self._too_wide(number)
                values = values[:MAX_COLUMNS]
            cells = [cell_text(v) for v in values]
            while cells and not cells[-1]:
                cells.pop()
            if not cells:
                continue
            seen += 1
            if seen > self._max_rows + 1:
                raise self._too_many_rows()
            yield number, cells


class Book(Mapping[str, Sheet]):
    """The sheets of an upload by name, in file order. Close it (or use `with`) once the rows are read."""

    def __init__(self, sheets: list[Sheet], closer=None):
        self._sheets = {sheet.name: sheet for sheet in sheets}
        self._closer = closer

    def __getitem__(self, name: str) -> Sheet:
        return self._sheets[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._sheets)

    def __len__(self) -> int:
        return len(self._sheets)

    def find(self, *names: str) -> Sheet | None:
        """The first sheet whose name matches one of `names` forgivingly ("Pegawai", "PEGAWAI", "pegawai ")."""
        by_key: dict[str, Sheet] = {}
        for name, sheet in self._sheets.items():
            by_key.setdefault(normalise_header(name), sheet)
        return next((by_key[k] for k in map(normalise_header, names) if k in by_key), None)

    def first(self) -> Sheet:
        """The first sheet, passing over a template's instructions sheet when there are others."""
        sheets = list(self._sheets.values())
        data = [s for s in sheets if normalise_header(s.name) != normalise_header(INSTRUCTIONS_SHEET)]
        return (data or sheets)[0]

    def close(self) -> None:
        if self._closer is not None:
            self._closer()
            self._closer = None

    def __enter__(self) -> "Book":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _bytes_of(data, max_bytes: int) -> bytes:
    """The upload's bytes, refusing one above max_bytes before reading it when its size is known."""
    too_big = refusal(
        _("The file is larger than %(size)s. Split it into smaller files.") % {"size": _size(max_bytes)}
    )
    if isinstance(data, bytes | bytearray | memoryview):
        if len(data) > max_bytes:
            raise too_big
        return bytes(data)
    size = getattr(data, "size", None)
    if size is not None and size > max_bytes:
        raise too_big
    if hasattr(data, "seek"):
        data.seek(0)
    content = data.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise too_big
    return content


def read_workbook(
    name: str,
    data,
    *,
    max_bytes: int,
    max_rows: int,
    max_unpacked: int | None = None,
    max_seconds: float | None = None,
) -> Book:
    """Every sheet of an .xlsx upload by name, or a .csv upload as one sheet named after the file.

    `data` is the bytes or a file object (an UploadedFile). Refuses (ApplicationError on `berkas`) a file larger
    than `max_bytes`, of another type whatever its name says, an .xls/.ods, a password-protected workbook, a zip
    that unpacks to more than `max_unpacked` (default: 50 × max_bytes, at most 500 MB) or compresses too well, a
    sheet that declares or holds more rows than `max_rows` + 1 + EMPTY_ROWS; while iterating, a sheet with more
    than `max_rows` non-empty rows after its first (the header), or more rows in all (empty ones included) than
    that limit; opening, or one reading of a sheet, that takes more than `max_seconds` (default: the setting
    IMPORT_MAX_SECONDS, else MAX_SECONDS)."""
    suffix = PurePath(name or "").suffix.lower()
    if suffix not in (".xlsx", ".csv", ".xls", ".ods"):
        raise refusal(_("Upload an .xlsx or .csv file."))
    content = _bytes_of(data, max_bytes)
    if content.startswith(OLE_MAGIC) and any(s in content for s in ENCRYPTED_STREAMS):
        raise _password_protected()
    if suffix in (".xls", ".ods"):
        raise _save_as()
    seconds = _max_seconds(max_seconds)
    if suffix == ".csv":
        return _csv_book(PurePath(name).stem, content, max_rows=max_rows, max_seconds=seconds)
    if max_unpacked is None:
        max_unpacked = min(50 * max_bytes, MAX_UNPACKED)
    return _xlsx_book(content, max_rows=max_rows, max_unpacked=max_unpacked, max_seconds=seconds)


def first_sheet(name: str, data, *, max_bytes: int, max_rows: int) -> list[Row]:
    """The non-empty rows of the first sheet (of the only one for a CSV), read completely."""
    with read_workbook(name, data, max_bytes=max_bytes, max_rows=max_rows) as book:
        return list(book.first())


# .xlsx


def _password_protected() -> ApplicationError:
    return refusal(
        _(
            "This workbook is protected with a password, so it cannot be read. Open it in Excel, "
            "save it without a password, and upload it again."
        )
    )


def _zip_bomb() -> ApplicationError:
    return refusal(
        _(
            "This file unpacks to far more data than a spreadsheet of its size can hold, so it was not "
            "opened. Save it again from Excel, or split it into smaller files."
        )
    )


def _directory(content: bytes) -> tuple[int, int] | None:
    """(entries, bytes) of a zip's central directory from its end record (zip64 too), or None if unreadable."""
    end = content.rfind(EMPTY_ZIP_MAGIC, max(0, len(content) - 22 - 65535))
    if end < 0 or end + 22 > len(content):
        return None
    entries = int.from_bytes(content[end + 10 : end + 12], "little")
    size = int.from_bytes(content[end + 12 : end + 16], "little")
    if entries == 0xFFFF or size == 0xFFFFFFFF:
        locator = end - 20
        if locator < 0 or content[locator : locator + 4] != b"PK\x06\x07":
            return None
        record = int.from_bytes(content[locator + 8 : locator + 16], "little")
        if content[record : record + 4] != b"PK\x06\x06":
            return None
        entries = int.from_bytes(content[record + 32 : record + 40], "little")
        size = int.from_bytes(content[record + 40 : record + 48], "little")
    return entries, size


# What zipfile raises for a part it cannot unpack: a broken archive, an encrypted part (RuntimeError), or a
# compression method it does not implement (zipfile's own NotImplementedError, e.g. for Deflate64), a cut-off
# stream or a corrupt deflate stream.
UNREADABLE_PART = (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, OSError, zlib.error)


def _check_zip(content: bytes, max_unpacked: int, *, row_limit: int, deadline: Deadline) -> None:
    """Refuse a zip bomb from the central directory alone, before anything is decompressed; then a sheet with
    too many rows (see `_check_rows`)."""
    directory = _directory(content)
    if directory is None:
        raise _not_xlsx()
    entries, size = directory
    if entries > MAX_PARTS or size > MAX_DIRECTORY_BYTES:
        raise _zip_bomb()
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise _not_xlsx() from exc
    with archive:
        members = archive.infolist()
        if len(members) > MAX_PARTS:
            raise _zip_bomb()
        total = 0
        for member in members:
            total += member.file_size
            if member.file_size > RATIO_FROM_BYTES and (member.file_size > MAX_RATIO * member.compress_size):
                raise _zip_bomb()
        if total > max_unpacked:
            raise _zip_bomb()
        names = {member.filename for member in members}
        if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
            if archive.read("mimetype").startswith(b"application/vnd.oasis.opendocument"):
                raise _save_as()  # an .ods renamed .xlsx
        if "[Content_Types].xml" not in names:
            raise _not_xlsx()
        # Every part, not only xl/worksheets/: the workbook may name any part as a sheet.
        for member in members:
            _check_rows(archive, member, row_limit, deadline)


DIMENSION = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?dimension\b[^>]*?\bref\s*=\s*[\"']([A-Za-z0-9:$]*)[\"']")
ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
TAG_TAIL = 64  # bytes kept from one chunk to the next, so that no tag is missed where a chunk ends


def _row_tags(data: bytes, end: int) -> int:
    """How many row elements start in data[:end]. Counting b"<row" is as fast as a scan gets (it also counts
    the one <rowBreaks>, which errs on the safe side); a prefixed <x:row> is rare and taken by the expression."""
    if b":row" in data:
        return sum(1 for match in ROW_TAG.finditer(data) if match.start() < end)
    return data.count(b"<row", 0, end + 3)


def _declared_last_row(head: bytes) -> int | None:
    """The last row of the <dimension> a sheet declares before its data, or None."""
    head = head.split(b"sheetData", 1)[0]
    match = DIMENSION.search(head)
    digits = re.search(rb"(\d+)$", match.group(1)) if match else None
    return int(digits.group(1)) if digits else None


def _check_rows(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limit: int, deadline: Deadline) -> None:
    """Refuse a part that declares or holds more than `limit` rows, before openpyxl parses it.

    Without this, openpyxl reads a sheet that declares no <dimension> from end to end just to open the
    workbook, and empty <row/>s cost as much to parse as full ones: a 4 MB file of them held a worker for
    minutes. Decompressing and counting in C stops at the limit: a fraction of a second for such a file."""
    count, carry, first = 0, b"", True
    try:
        with archive.open(member) as part:
            while True:
                deadline.check()
                chunk = part.read(MB)
                last = not chunk
                data = carry + chunk
                if first:
                    first = False
                    declared = _declared_last_row(data[:HEAD_BYTES])
                    # A dimension claiming the whole sheet says nothing; the rows are counted below.
                    if declared is not None and declared > limit and declared != SHEET_LAST_ROW:
                        raise _too_far(declared, limit)
                end = len(data) if last else max(0, len(data) - TAG_TAIL)
                count += _row_tags(data, end)
                if count > limit:
                    raise _too_far(limit + 1, limit)  # it reaches that row at least
                if last:
                    return
                carry = data[end:]
    except UNREADABLE_PART:
        return  # a part zipfile cannot unpack: openpyxl cannot either, and refuses it if it is read


class _TimedBytes(io.BytesIO):
    """The file given to openpyxl: every read of it (decompressing a part, parsing a sheet's next piece)
    checks the deadline, so time spent inside openpyxl, which yields no row to count, is bounded too."""

    deadline: Deadline | None = None

    def read(self, size: int | None = -1) -> bytes:
        if self.deadline is not None:
            self.deadline.check()
        return super().read(size)


def _looks_like_html(content: bytes) -> bool:
    start = content[:1024].lower()
    return any(tag in start for tag in (b"<!doctype html", b"<html", b"<table"))


def _values(worksheet) -> Iterator[tuple]:
    """The rows of a read-only worksheet as tuples of values, as `iter_rows(values_only=True)` gives them
    (an empty tuple for each row number skipped in the file), but with formula cells marked: openpyxl's
    data_only mode gives a formula's saved value and forgets that there was a formula, so a NIP typed as
    =1234 (saved with no value) read as an empty cell. openpyxl is pinned; its tests of formulas guard this."""
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Parser(WorkSheetParser):
        def parse_cell(self, element):
            cell = super().parse_cell(element)
            formula = element.find(FORMULA_TAG)
            if formula is not None:
                cell["value"] = _Formula(cell["value"], "=" + (formula.text or ""))
            return cell

    workbook = worksheet.parent
    with worksheet._get_source() as source:
        parser = Parser(
            source,
            worksheet._shared_strings,
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        expected = 1
        for number, cells in parser.parse():
            while expected < number:
                expected += 1
                yield ()
            if expected == number:  # a row numbered below one already read is dropped, as openpyxl does
                expected += 1
                yield worksheet._get_row(cells, values_only=True)


def _xlsx_book(content: bytes, *, max_rows: int, max_unpacked: int, max_seconds: float) -> Book:
    if content.startswith(OLE_MAGIC):
        if any(s in content for s in OLD_EXCEL_STREAMS):
            raise _save_as()  # an old .xls renamed .xlsx
        raise _password_protected()
    if not content.startswith(ZIP_MAGIC):
        if _looks_like_html(content):
            raise refusal(
                _(
                    "This file is a web page (HTML) with an Excel name, not a workbook. Open it in Excel "
                    "and save it as .xlsx (Excel workbook) or .csv."
                )
            )
        raise _not_xlsx()
    opening = Deadline(max_seconds)
    _check_zip(content, max_unpacked, row_limit=_row_limit(max_rows), deadline=opening)

    from openpyxl import load_workbook

    stream = _TimedBytes(content)
    stream.deadline = opening
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True, keep_links=False)
    except ApplicationError:
        raise
    except Exception as exc:  # openpyxl raises many kinds of errors on a damaged or disguised file
        raise _not_xlsx() from exc
    worksheets = workbook.worksheets
    named = len(worksheets) > 1

    def rows_of(worksheet):
        def rows(deadline: Deadline):
            stream.deadline = deadline  # from here on, this reading's deadline
            try:
                yield from _values(worksheet)
            except ApplicationError:
                raise
            except Exception as exc:  # a damaged sheet is noticed only when it is read
                raise _not_xlsx() from exc

        return rows

    sheets = []
    for worksheet in worksheets:
        # The dimension a file declares is not trusted: it would pad every row to its width.
        worksheet.reset_dimensions()
        sheets.append(
            Sheet(
                worksheet.title,
                rows_of(worksheet),
                max_rows=max_rows,
                named_in_messages=named,
                max_seconds=max_seconds,
            )
        )
    if not sheets:
        workbook.close()
        raise _not_xlsx()
    return Book(sheets, closer=workbook.close)


# .csv


def _decodes(content: bytes, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    step = 1 * MB
    try:
        for start in range(0, len(content), step):
            decoder.decode(content[start : start + step])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _delimiter(line: str) -> str:
    """Semicolon (Excel in Indonesian settings), comma or tab: the most frequent outside quotes."""
    bare = re.sub(r'"[^"]*"', "", line)
    return max(";,\t", key=bare.count)


def _csv_book(stem: str, content: bytes, *, max_rows: int, max_seconds: float) -> Book:
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode text", as BKPSDM exports staff data: UTF-16 behind a byte order mark, usually
        # tab-separated. Its bytes are full of NULs, so it is decoded first and then checked as UTF-8 text is.
        if not _decodes(content, "utf-16"):
            raise _not_csv()
        content = content.decode("utf-16").encode("utf-8")
    if b"\0" in content or content.startswith(BINARY_MAGIC) or _looks_like_html(content):
        raise _not_csv()
    if _decodes(content, "utf-8"):
        encoding = "utf-8-sig"
    elif _decodes(content, "cp1252"):  # Excel's CSV in the Windows code page
        encoding = "cp1252"
    else:
        raise _not_csv()
    sheet_name = stem or "csv"

    def rows(deadline: Deadline):  # checked by Sheet on every row: the text is in memory already
        text = io.TextIOWrapper(io.BytesIO(content), encoding=encoding, newline="")
        head = []
        for line in text:
            head.append(line)
            if line.strip():
                break
        delimiter = _delimiter(head[-1]) if head else ","
        reader = csv.reader(itertools.chain(head, text), delimiter=delimiter)
        try:
            yield from reader
        except csv.Error as exc:
            raise refusal(
                _("The CSV file cannot be read near row %(row)s: check its quotation marks.")
                % {"row": reader.line_num}
            ) from exc

    return Book(
        [Sheet(sheet_name, rows, max_rows=max_rows, named_in_messages=False, max_seconds=max_seconds)]
    )
