"""Importing staff data (units, positions, pegawai with their current position) from .xlsx or .csv.

`preview` validates the whole file and says what would change (plan); `apply` validates again and writes
everything in one transaction through the org services, so every change is permission-checked and audited, or
nothing (writer). Upserts go by unit code, position code (`Jabatan.kode`, or "#<id>" for a position that has
none) and NIP, so the same file applied twice changes nothing the second time. People of the instansi absent
from a pegawai sheet are only reported; services_import.penugasan_end_missing ends their assignments as a
separate, confirmed step.

The pegawai sheet is streamed twice (validation, then writing): only small dicts of codes and NIPs stay in memory.
"""

from kinerja.org.imports.columns import (
    JABATAN,
    JABATAN_HEADER,
    KINDS,
    PEGAWAI,
    PEGAWAI_HEADER,
    UNIT,
    UNIT_HEADER,
)
from kinerja.org.imports.export import example_workbook, export_workbook, template_workbook
from kinerja.org.imports.parsing import read_upload
from kinerja.org.imports.plan import preview
from kinerja.org.imports.report import ImportRefused, ImportStale, Report
from kinerja.org.imports.writer import apply
from kinerja.org.services_import import penugasan_end_missing as end_missing

__all__ = [
    "JABATAN",
    "JABATAN_HEADER",
    "KINDS",
    "PEGAWAI",
    "PEGAWAI_HEADER",
    "UNIT",
    "UNIT_HEADER",
    "ImportRefused",
    "ImportStale",
    "Report",
    "apply",
    "end_missing",
    "example_workbook",
    "export_workbook",
    "preview",
    "read_upload",
    "template_workbook",
]
