"""Reading and checking an import of required competency levels without HTTP (criteria.imports)."""

import pytest
from django.core.exceptions import ValidationError

from kinerja.criteria import imports
from kinerja.criteria.imports import Catalogue, check_rows, read_table
from kinerja.criteria.models import Kompetensi
from kinerja.criteria.tests.routes import xlsx
from kinerja.org.models import Jabatan, UnitKerja


def test_headers_are_matched_without_case_spaces_or_underscores():
    rows = read_table("s.csv", b" JABATAN ID ,Kompetensi,level_\r\n12,integritas,3\r\n")
    assert rows == [{"row": 2, "jabatan_id": "12", "kompetensi": "integritas", "level": "3"}]


def test_semicolon_csv_from_indonesian_excel_and_a_byte_order_mark_are_read():
    data = "\ufeffkode_unit;nama_jabatan;kompetensi;level\nDINKES;Kepala Dinas;integritas;4\n".encode()
    assert read_table("s.csv", data)[0] == {
        "row": 2,
        "kode_unit": "DINKES",
        "nama_jabatan": "Kepala Dinas",
        "kompetensi": "integritas",
        "level": "4",
    }


def test_workbook_numbers_become_plain_text_and_empty_rows_are_skipped():
    data = xlsx(
        [["jabatan_id", "kompetensi", "level"], [12.0, "integritas", 3], [None, None, None], [7, "x", 2.5]]
    )
    rows = read_table("s.xlsx", data)
    assert [(r["row"], r["jabatan_id"], r["level"]) for r in rows] == [(2, "12", "3"), (4, "7", "2.5")]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("s.csv", b"nama,level\nx,3\n"),  # no position columns
        ("s.csv", b"jabatan_id,level\n1,3\n"),  # no competency column
        ("s.csv", b""),
        ("s.txt", b"jabatan_id,kompetensi,level\n"),
        ("s.csv", b"jabatan_id\0,kompetensi"),
    ],
)
def test_unusable_files_are_refused_on_the_file_field(name, data):
    with pytest.raises(ValidationError) as info:
        read_table(name, data)
    assert "berkas" in info.value.message_dict


def _catalogue() -> Catalogue:
    unit = UnitKerja(pk=1, kode="DINKES", nama="Dinas Kesehatan")
    kepala = Jabatan(pk=10, nama="Kepala Dinas", unit=unit)
    staf = [
        Jabatan(pk=11, nama="Pengadministrasi", unit=unit),
        Jabatan(pk=12, nama="Pengadministrasi", unit=unit),
    ]
    integritas = Kompetensi(pk=100, kode="integritas", nama="Integritas")
    return Catalogue(
        positions_by_id={10: kepala, 11: staf[0], 12: staf[1]},
        positions_by_unit_name={("dinkes", "kepala dinas"): [kepala], ("dinkes", "pengadministrasi"): staf},
        kompetensi={"integritas": integritas},
        current={(10, 100): 3},
    )


def row(number, **values):
    return {"row": number, "jabatan_id": "", "kode_unit": "", "nama_jabatan": "", **values}


def test_rows_are_sorted_into_new_changed_and_unchanged():
    report = check_rows(
        [
            row(2, jabatan_id="10", kompetensi="Integritas", level="3"),
            row(3, jabatan_id="11", kompetensi="integritas", level="3,0"),
        ],
        _catalogue(),
    )
    assert report.ok and report.counts == {"new": 1, "changed": 0, "unchanged": 1, "refused": 0}
    report = check_rows(
        [row(2, kode_unit="dinkes", nama_jabatan="KEPALA  DINAS", kompetensi="integritas", level="4")],
        _catalogue(),
    )
    assert [(i.jabatan.pk, i.level, i.status) for i in report.items] == [(10, 4, "changed")]


def test_a_name_shared_by_several_positions_of_a_unit_asks_for_the_id():
    report = check_rows(
        [row(2, kode_unit="DINKES", nama_jabatan="Pengadministrasi", kompetensi="integritas", level="2")],
        _catalogue(),
    )
    assert not report.ok and [(p.row, p.column) for p in report.problems] == [(2, "nama_jabatan")]


def test_every_problem_of_a_row_is_reported_not_only_the_first():
    report = check_rows([row(5, jabatan_id="abc", kompetensi="", level="0")], _catalogue())
    assert [p.column for p in report.problems] == ["jabatan_id", "kompetensi", "level"]
    assert report.counts["refused"] == 1 and not report.items


def test_signed_rows_come_back_only_for_the_same_version():
    class Version:
        def __init__(self, pk):
            self.pk = pk

    rows = [row(2, jabatan_id="10", kompetensi="integritas", level="3")]
    assert imports.unsign(Version(1), imports.sign(Version(1), rows)) == rows
    with pytest.raises(ValidationError):
        imports.unsign(Version(2), imports.sign(Version(1), rows))
