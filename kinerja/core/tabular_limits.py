"""The limits a spreadsheet upload is held to, and the refusals that name them (kinerja.core.tabular reads
within them): sizes, rows, columns, parts, compression ratio, time."""

from time import monotonic

from django.conf import settings
from django.utils.translation import gettext as _

from kinerja.core.errors import ApplicationError

FIELD = "berkas"

MB = 1024 * 1024
# A zip (an .xlsx) may unpack to at most this much (and at most 50 times the upload limit) ...
MAX_UNPACKED = 500 * MB
# ... no part above this size may be compressed more than MAX_RATIO to one (real sheets stay far below) ...
MAX_RATIO = 100
RATIO_FROM_BYTES = 1 * MB
# ... and it may hold at most this many parts, in a central directory of at most this size.
MAX_PARTS = 10_000
MAX_DIRECTORY_BYTES = 4 * MB
# Cells past this column must be empty (bounds the work per row of a crafted file).
MAX_COLUMNS = 1_000
# Blank rows a sheet may have besides its header and max_rows rows: Excel keeps a row it once formatted even
# when it is empty, but a crafted file holds millions, each as slow to parse as a full one.
EMPTY_ROWS = 10_000
# The last row of a sheet: a <dimension> ending there claims the whole sheet and says nothing about its rows.
SHEET_LAST_ROW = 1_048_576
# Seconds opening a file, and each reading of a sheet, may take (settings.IMPORT_MAX_SECONDS overrides).
MAX_SECONDS = 120
# How much of a sheet part is looked at for its <dimension>, which comes before <sheetData>.
HEAD_BYTES = 64 * 1024

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: .xls, or an encrypted .xlsx
ENCRYPTED_STREAMS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
OLD_EXCEL_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
BINARY_MAGIC = (ZIP_MAGIC, EMPTY_ZIP_MAGIC, OLE_MAGIC, b"%PDF")


def refusal(message: str) -> ApplicationError:
    return ApplicationError({FIELD: message})


def _not_xlsx() -> ApplicationError:
    return refusal(_("This file is not a readable .xlsx spreadsheet."))


def _not_csv() -> ApplicationError:
    return refusal(_("This file is not a CSV text file."))


def _save_as() -> ApplicationError:
    return refusal(_("Save the file as .xlsx (Excel workbook) or .csv first."))


def _size(limit: int) -> str:
    return f"{round(limit / MB, 1):g} MB" if limit >= MB else f"{round(limit / 1024, 1):g} KB"


class Deadline:
    """A bound on wall-clock time, checked while a file is read, so a crafted file cannot hold a web worker."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.at = monotonic() + seconds

    def check(self) -> None:
        if monotonic() > self.at:
            raise refusal(
                _(
                    "Reading this file took longer than %(seconds)s seconds, so it was stopped. Delete the empty "
                    "rows and columns below and beside the data, or split it into smaller files, and upload it "
                    "again."
                )
                % {"seconds": f"{self.seconds:g}"}
            )


def _max_seconds(max_seconds: float | None) -> float:
    return max_seconds if max_seconds is not None else getattr(settings, "IMPORT_MAX_SECONDS", MAX_SECONDS)


def _row_limit(max_rows: int) -> int:
    """Rows of a sheet read at most, empty ones included: the header, max_rows rows and EMPTY_ROWS blank ones."""
    return max_rows + 1 + EMPTY_ROWS


def _too_far(row: int, limit: int, sheet: str | None = None) -> ApplicationError:
    if sheet is not None:
        return refusal(
            _(
                "The sheet %(sheet)s reaches row %(row)s; at most %(max)s rows are read, empty rows included. "
                "Delete the empty rows below the data, or copy the data into a new sheet, and upload it again."
            )
            % {"sheet": sheet, "row": row, "max": limit}
        )
    return refusal(
        _(
            "The file reaches row %(row)s; at most %(max)s rows are read, empty rows included. Delete the empty "
            "rows below the data, or copy the data into a new sheet, and upload it again."
        )
        % {"row": row, "max": limit}
    )
