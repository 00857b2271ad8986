"""Reading uploaded tables safely and writing workbooks a spreadsheet cannot run (core.tabular).

Every file here is built in the test: real workbooks from openpyxl, and the hostile ones (a zip bomb, an
encrypted workbook's compound file, a PDF or a web page with an Excel name) byte by byte."""

import codecs
import io
import itertools
import os
import random
import tracemalloc
import zipfile
from datetime import date, datetime, time

import openpyxl
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from kinerja.core import tabular, tabular_limits
from kinerja.core.errors import ApplicationError
from kinerja.core.tabular import (
    cell_text,
    cells_by_column,
    first_sheet,
    match_columns,
    normalise_header,
    read_workbook,
    safe_cell,
    write_workbook,
)
from kinerja.core.testing.helpers import xlsx

MB = 1024 * 1024
LIMITS = {"max_bytes": 5 * MB, "max_rows": 1000}


def rezip(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """The zip `data` with some members replaced or added, every member deflated as hard as possible."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for member in source.infolist():
            content = (replace or {}).get(member.filename, source.read(member))
            target.writestr(member.filename, content, zipfile.ZIP_DEFLATED, 9)
        for name, content in (add or {}).items():
            target.writestr(name, content, zipfile.ZIP_DEFLATED, 9)
    return buffer.getvalue()


def read_all(name: str, data, **limits) -> dict[str, list]:
    with read_workbook(name, data, **{**LIMITS, **limits}) as book:
        return {title: list(sheet) for title, sheet in book.items()}


def refusal(name: str, data, **limits) -> str:
    """The message of the refusal on `berkas`, whether it comes on opening or while reading the rows."""
    with pytest.raises(ApplicationError) as info:
        read_all(name, data, **limits)
    assert list(info.value.message_dict) == ["berkas"]
    [message] = info.value.message_dict["berkas"]
    return message


NOT_XLSX = "This file is not a readable .xlsx spreadsheet."
NOT_CSV = "This file is not a CSV text file."
SAVE_AS = "Save the file as .xlsx (Excel workbook) or .csv first."
PASSWORD = (
    "This workbook is protected with a password, so it cannot be read. Open it in Excel, "
    "save it without a password, and upload it again."
)
BOMB = (
    "This file unpacks to far more data than a spreadsheet of its size can hold, so it was not "
    "opened. Save it again from Excel, or split it into smaller files."
)
HTML = (
    "This file is a web page (HTML) with an Excel name, not a workbook. Open it in Excel "
    "and save it as .xlsx (Excel workbook) or .csv."
)


def ole(*streams: str) -> bytes:
    """The start of a compound file (.xls, or an .xlsx encrypted by Excel) naming the streams it holds."""
    names = b"".join(s.encode("utf-16-le").ljust(64, b"\0") for s in ("Root Entry", *streams))
    return tabular.OLE_MAGIC + bytes(504) + names + bytes(2048)


@pytest.fixture
def openpyxl_must_not_open(monkeypatch):
    """Fails the test if the file reaches openpyxl's parser."""

    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl was asked to open a file that should have been refused before")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


# Refusals: what the file really is ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("laporan.xlsx", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"),
        ("acak.xlsx", random.Random(6).randbytes(4096)),
        ("rusak.xlsx", b"PK\x03\x04 rusak"),
        ("kosong.xlsx", b""),
    ],
)
def test_a_file_that_is_not_a_workbook_is_refused_whatever_its_name(name, data, openpyxl_must_not_open):
    assert refusal(name, data) == _(NOT_XLSX)


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert refusal("surat.xlsx", buffer.getvalue()) == _(NOT_XLSX)


def test_a_web_page_saved_with_an_excel_name_is_refused_with_advice():
    page = b"<!DOCTYPE html>\n<html><body><table><tr><td>nip</td></tr></table></body></html>"
    assert refusal("siasn.xlsx", page) == _(HTML)
    assert refusal("siasn.xlsx", b"\xef\xbb\xbf<table><tr><td>nip</td></tr></table>") == _(HTML)


def test_a_password_protected_workbook_is_refused_with_advice(openpyxl_must_not_open):
    assert refusal("rahasia.xlsx", ole("EncryptionInfo", "EncryptedPackage")) == _(PASSWORD)
    # An encrypted workbook renamed .xls is still named for what it is.
    assert refusal("rahasia.xls", ole("EncryptionInfo", "EncryptedPackage")) == _(PASSWORD)
    # A compound file named .xlsx that is not an old .xls is taken for an encrypted workbook.
    assert refusal("rahasia.xlsx", ole("SummaryInformation")) == _(PASSWORD)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("lama.xls", b"\xd0\xcf\x11\xe0"),
        ("lama.xlsx", ole("Workbook", "SummaryInformation")),  # an old .xls renamed
        ("calc.ods", b"PK\x03\x04"),
    ],
)
def test_old_excel_and_opendocument_files_are_asked_to_be_saved_again(name, data):
    assert refusal(name, data) == _(SAVE_AS)


def test_an_opendocument_spreadsheet_renamed_xlsx_is_asked_to_be_saved_again():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    assert refusal("calc.xlsx", buffer.getvalue()) == _(SAVE_AS)


@pytest.mark.parametrize("name", ["data.txt", "data.pdf", "data", "", None, "data.xlsx.exe"])
def test_only_xlsx_and_csv_names_are_taken(name):
    assert refusal(name, b"nip,nama\n1,Budi\n") == _("Upload an .xlsx or .csv file.")


def test_extensions_are_read_without_case():
    assert read_all("PEGAWAI.CSV", b"nip\n1\n") == {"PEGAWAI": [(1, ["nip"]), (2, ["1"])]}
    assert list(read_all("DATA.XLSX", xlsx(("Unit", [["kode"]])))) == ["Unit"]


# Refusals: size, zip bombs, rows --------------------------------------------------------------------------


def test_a_file_larger_than_the_limit_is_refused_with_the_limit_named():
    data = b"nip\n" + b"1\n" * 600
    assert read_all("p.csv", data, max_bytes=len(data))  # exactly at the limit: read
    too_big = _("The file is larger than %(size)s. Split it into smaller files.")
    assert refusal("p.csv", data, max_bytes=len(data) - 1) == too_big % {"size": "1.2 KB"}
    assert refusal("p.xlsx", bytes(3 * MB), max_bytes=2 * MB) == too_big % {"size": "2 MB"}


def test_an_upload_larger_than_the_limit_is_refused_before_it_is_read():
    class Upload(io.BytesIO):
        size = 21 * MB

        def read(self, *args):
            raise AssertionError("read before its size was checked")

    with pytest.raises(ApplicationError) as info:
        read_workbook("p.csv", Upload(b"nip\n"), max_bytes=20 * MB, max_rows=10)
    assert "berkas" in info.value.message_dict
    # A file object without a size is read no further than one byte past the limit.
    stream = io.BytesIO(b"x" * 5000)
    assert refusal("p.csv", stream, max_bytes=1000) and stream.tell() == 1001


def test_an_uploaded_file_object_is_read_like_bytes():
    upload = SimpleUploadedFile(
        "unit.xlsx", xlsx(("Unit", [["kode", "nama"], ["DINKES", "Dinas Kesehatan"]]))
    )
    upload.read(10)  # a caller that peeked does not lose the start
    assert read_all(upload.name, upload) == {
        "Unit": [(1, ["kode", "nama"]), (2, ["DINKES", "Dinas Kesehatan"])]
    }


def test_the_import_size_limit_is_a_setting_of_20_mb_by_default():
    assert int(os.environ.get("IMPORT_MAX_BYTES", 20 * MB)) == settings.IMPORT_MAX_BYTES


def test_a_zip_bomb_is_refused_from_its_directory_before_it_is_unpacked(openpyxl_must_not_open):
    zeros = bytes(4 * MB)
    bomb = rezip(xlsx(("Pegawai", [["nip"], [1]])), add={"xl/media/image1.png": zeros})
    member = zipfile.ZipFile(io.BytesIO(bomb)).getinfo("xl/media/image1.png")
    assert member.file_size / member.compress_size > 1000 and len(bomb) < 64 * 1024
    assert refusal("bom.xlsx", bomb) == _(BOMB)
    # The same bomb as the sheet itself.
    sheet = rezip(xlsx(("Pegawai", [["nip"]])), replace={"xl/worksheets/sheet1.xml": zeros})
    assert refusal("bom.xlsx", sheet) == _(BOMB)


def test_a_zip_bomb_of_many_small_parts_is_refused_by_its_total_size(openpyxl_must_not_open):
    # Each part is below the size from which its compression ratio is checked; together they are too big.
    parts = {f"xl/media/image{i}.png": bytes(900 * 1024) for i in range(4)}
    data = rezip(xlsx(("Pegawai", [["nip"], [1]])), add=parts)
    assert len(data) < 40 * 1024
    assert refusal("bom.xlsx", data, max_bytes=40 * 1024) == _(BOMB)  # 50 × 40 KB = 2 MB < 3.6 MB
    assert refusal("bom.xlsx", data, max_unpacked=3 * MB) == _(BOMB)


def test_a_zip_of_too_many_parts_is_refused_before_its_directory_is_loaded(monkeypatch):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for i in range(tabular.MAX_PARTS + 1):
            archive.writestr(f"xl/p{i}", b"")

    def refuse(*args, **kwargs):
        raise AssertionError("the zip's directory was loaded")

    monkeypatch.setattr(zipfile, "ZipFile", refuse)
    assert refusal("banyak.xlsx", buffer.getvalue()) == _(BOMB)


def test_a_workbook_with_a_zip64_directory_is_read(monkeypatch):
    # Writers use the zip64 end record for big archives; here zipfile is made to write one for 9 parts.
    data = xlsx(("Pegawai", [["nip"], [1]]))
    monkeypatch.setattr(zipfile, "ZIP_FILECOUNT_LIMIT", 2)
    zip64 = rezip(data)
    assert b"PK\x06\x06" in zip64[-200:] and tabular._directory(zip64) == (9, tabular._directory(data)[1])
    assert read_all("p.xlsx", zip64) == {"Pegawai": [(1, ["nip"]), (2, ["1"])]}


def test_an_xml_entity_bomb_inside_a_workbook_is_refused():
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>'
    )
    data = rezip(xlsx(("Pegawai", [["nip"]])), replace={"xl/worksheets/sheet1.xml": laughs})
    assert refusal("lol.xlsx", data) == _(NOT_XLSX)


def test_a_damaged_sheet_is_refused_even_when_noticed_only_while_reading():
    broken = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<dimension ref="A1:A2"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>nip</t></is></c></row>'
        b'<row r="2"><c r="A2"'
    )
    data = rezip(xlsx(("Pegawai", [["nip"], [1]])), replace={"xl/worksheets/sheet1.xml": broken})
    assert refusal("rusak.xlsx", data) == _(NOT_XLSX)


def test_a_sheet_with_more_rows_than_allowed_is_refused_not_cut_short():
    header = [["nip"]]
    assert len(read_all("p.xlsx", xlsx(("P", header + [[i] for i in range(3)])), max_rows=3)["P"]) == 4
    too_many = _("The file has more than %(max)s rows. Split it into smaller files.") % {"max": 3}
    assert refusal("p.xlsx", xlsx(("P", header + [[i] for i in range(4)])), max_rows=3) == too_many
    assert refusal("p.csv", b"nip\n1\n2\n3\n4\n", max_rows=3) == too_many
    # Empty rows do not count, and the rows past them are not silently dropped.
    spaced = [*header, [1], [None], [None], [2], [None], [3]]
    assert [n for n, _cells in read_all("p.xlsx", xlsx(("P", spaced)), max_rows=3)["P"]] == [1, 2, 5, 7]
    assert refusal("p.xlsx", xlsx(("P", [*spaced, [None], [4]])), max_rows=3) == too_many


def test_in_a_workbook_of_several_sheets_the_refusal_names_the_sheet():
    data = xlsx(("Unit", [["kode"], ["A"]]), ("Pegawai", [["nip"], [1], [2], [3]]))
    assert refusal("org.xlsx", data, max_rows=2) == _(
        "The sheet %(sheet)s has more than %(max)s rows. Split it into smaller files."
    ) % {"sheet": "Pegawai", "max": 2}


def test_a_row_wider_than_the_column_limit_is_refused_but_trailing_empty_cells_are_not():
    too_wide = _("Row %(row)s of sheet %(sheet)s has more than %(max)s columns.")
    wide = ",".join(["a"] * (tabular.MAX_COLUMNS + 1)).encode()
    assert refusal("lebar.csv", b"nip,nama\n" + wide + b"\n") == too_wide % {
        "row": 2,
        "sheet": "lebar",
        "max": tabular.MAX_COLUMNS,
    }
    padded = b"nip,nama" + b"," * 5000 + b"\n1,Budi" + b", " * 5000 + b"\n"
    assert read_all("p.csv", padded) == {"p": [(1, ["nip", "nama"]), (2, ["1", "Budi"])]}
    workbook = Workbook()
    workbook.active.append(["nip"])
    workbook.active.cell(row=2, column=tabular.MAX_COLUMNS + 5, value="jauh")
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert refusal("lebar.xlsx", buffer.getvalue()) == too_wide % {
        "row": 2,
        "sheet": "Sheet",
        "max": tabular.MAX_COLUMNS,
    }


# CSV --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "first"),
    [
        (b"nip;nama;unit\r\n1;Budi, S.Kom;DINKES\r\n", "nip"),  # Excel in Indonesian settings
        (b'nip,nama,unit\n1,"Budi, S.Kom",DINKES\n', "nip"),
        (b"nip\tnama\tunit\n1\tBudi, S.Kom\tDINKES\n", "nip"),
        (b'"nip";"nama";"unit"\n1;Budi, S.Kom;DINKES\n', "nip"),
        (b'"nip; baru",nama,unit\n1,"Budi, S.Kom",DINKES\n', "nip; baru"),  # quoted delimiters do not count
        (b"\xef\xbb\xbfnip;nama;unit\n1;Budi, S.Kom;DINKES\n", "nip"),  # UTF-8 with a byte order mark
        (b"\n\r\nnip;nama;unit\n1;Budi, S.Kom;DINKES", "nip"),  # blank lines first, no newline at the end
    ],
)
def test_csv_delimiters_quotes_and_a_byte_order_mark_are_understood(data, first):
    [rows] = read_all("pegawai.csv", data).values()
    assert [cells for _n, cells in rows] == [[first, "nama", "unit"], ["1", "Budi, S.Kom", "DINKES"]]


def test_csv_text_in_utf8_or_the_windows_code_page_reads_the_same():
    text = "nip;nama\n1;Hernández – €5 ‘kasus’\n"
    for encoding in ("utf-8", "utf-8-sig", "cp1252"):
        rows = read_all("p.csv", text.encode(encoding))["p"]
        assert rows[1] == (2, ["1", "Hernández – €5 ‘kasus’"])


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("delimiter", ["\t", ";", ","])
def test_csv_in_utf16_with_a_byte_order_mark_is_read(encoding, delimiter):
    # Excel's "Unicode text" (tab-separated UTF-16, with a byte order mark), as BKPSDM exports staff data; it
    # was refused as "not CSV" for the NULs its bytes are full of.
    rows = [["nip", "nama", "unit"], ["199206182019032004", "Hernández – ‘Sari’", "DINKES"]]
    text = "".join(delimiter.join(row) + "\r\n" for row in rows)
    data = ("\ufeff" + text).encode(encoding) if encoding != "utf-16" else text.encode(encoding)
    assert data[:2] in (b"\xff\xfe", b"\xfe\xff") and b"\0" in data
    assert read_all("pegawai.csv", data) == {"pegawai": [(1, rows[0]), (2, rows[1])]}


@pytest.mark.parametrize(
    "data",
    [
        "nip\tnama\n1\tB\0di\n".encode("utf-16"),  # a NUL in UTF-16 text is no more CSV than in UTF-8
        "nip\tnama\n".encode("utf-16") + b"\x00",  # an odd number of bytes: not UTF-16
        codecs.BOM_UTF16_LE + "<html><body>nip</body></html>".encode("utf-16-le"),
    ],
)
def test_utf16_that_is_not_csv_text_is_refused(data):
    assert refusal("p.csv", data) == _(NOT_CSV)


@pytest.mark.parametrize(
    "data",
    [
        b"nip,nama\n1,Budi\n" + b"2,B\0di\n" * 3000,  # a NUL far past the start
        b"%PDF-1.4\nnip,nama\n",
        b"PK\x03\x04nip,nama\n",
        tabular.OLE_MAGIC + b"nip,nama\n",
        b"<html><body>nip,nama</body></html>",
        b"nip,nama\n1,\x81\x8d\x8f\x90\x9d\n",  # neither UTF-8 nor the Windows code page
    ],
)
def test_a_csv_name_on_something_that_is_not_csv_text_is_refused(data):
    assert refusal("p.csv", data) == _(NOT_CSV)


def test_a_csv_with_an_unclosed_quote_is_refused_with_the_row():
    data = b'nip,nama\n1,Budi\n2,"Ani\n' + b"x" * 200_000 + b"\n"
    assert refusal("p.csv", data) == _(
        "The CSV file cannot be read near row %(row)s: check its quotation marks."
    ) % {"row": 4}


def test_csv_rows_are_numbered_as_a_spreadsheet_shows_them():
    data = b'nip,catatan\n\n1,"baris\nkedua"\n2,x\n'
    assert read_all("p.csv", data)["p"] == [
        (1, ["nip", "catatan"]),
        (3, ["1", "baris\nkedua"]),
        (4, ["2", "x"]),
    ]


# Workbooks --------------------------------------------------------------------------------------------------


def test_every_sheet_of_a_workbook_is_given_by_name_in_order():
    data = xlsx(
        ("Unit", [["Id", "NamaUnor"], [1, "Dinas Kesehatan"]]),
        ("Jabatan", [["jabatan_id", "nama"], [10, "Kepala Dinas"]]),
        ("Pegawai", [["nip_baru", "nama"], ["199206182019032004", "Sari"]]),
    )
    with read_workbook("org.xlsx", data, **LIMITS) as book:
        assert list(book) == ["Unit", "Jabatan", "Pegawai"] and len(book) == 3
        assert book.first() is book["Unit"]
        assert (
            book.find("PEGAWAI ", "staf") is book["Pegawai"]
            and book.find("unor", "jabatan") is book["Jabatan"]
        )
        assert book.find("golongan") is None
        pegawai = list(book["Pegawai"])
        assert pegawai == [(1, ["nip_baru", "nama"]), (2, ["199206182019032004", "Sari"])]
        assert list(book["Pegawai"]) == pegawai  # a sheet can be read again
    assert first_sheet("org.xlsx", data, **LIMITS) == [(1, ["Id", "NamaUnor"]), (2, ["1", "Dinas Kesehatan"])]


def test_a_csv_file_is_one_sheet_named_after_the_file():
    with read_workbook("Pegawai Dinkes.csv", b"nip\n1\n", **LIMITS) as book:
        assert list(book) == ["Pegawai Dinkes"] and book.find("pegawai-dinkes") is not None


def test_cells_become_text_numbers_plainly_and_dates_in_iso_form():
    data = xlsx(
        (
            "P",
            [
                ["angka", "pecahan", "tanggal", "waktu", "jam", "benar", "teks", "kosong", "akhir"],
                [
                    12.0,
                    2.5,
                    date(2024, 3, 1),
                    datetime(2024, 3, 1, 7, 30, 15),
                    time(7, 30),
                    True,
                    "  Budi\u00a0 ",
                    None,
                    "x",
                ],
                [-0.0, 123456789012, datetime(2024, 12, 31), None, None, False, "'=1+1", None, None],
            ],
        )
    )
    assert read_all("p.xlsx", data)["P"][1:] == [
        (2, ["12", "2.5", "2024-03-01", "2024-03-01 07:30:15", "07:30:00", "TRUE", "Budi", "", "x"]),
        (3, ["0", "123456789012", "2024-12-31", "", "", "FALSE", "=1+1"]),
    ]


def test_empty_rows_are_left_out_and_the_others_keep_their_numbers():
    workbook = Workbook()
    sheet = workbook.active
    sheet["B3"] = "nip"
    sheet["B7"] = "1"
    sheet["C9"] = "   "
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert read_all("p.xlsx", buffer.getvalue())["Sheet"] == [(3, ["", "nip"]), (7, ["", "1"])]


def test_a_declared_sheet_size_is_not_trusted(monkeypatch):
    # A sheet claiming to span A1:XFD1048576 would have every row padded to 16,384 cells to convert.
    data = xlsx(("P", [["nip"], [1]]))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    lying = sheet.replace(b'<dimension ref="A1:A2" />', b'<dimension ref="A1:XFD1048576" />')
    assert lying != sheet
    converted = []
    monkeypatch.setattr(tabular, "cell_text", lambda value: converted.append(value) or cell_text(value))
    assert read_all("p.xlsx", rezip(data, replace={"xl/worksheets/sheet1.xml": lying})) == {
        "P": [(1, ["nip"]), (2, ["1"])]
    }
    assert converted == ["nip", 1]


def test_reading_a_50000_row_workbook_streams_in_bounded_memory():
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Pegawai")
    sheet.append(["nomor"])
    for i in range(50_000):
        sheet.append([i])
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    tracemalloc.start()
    try:
        count, last = 0, None
        with read_workbook("p.xlsx", data, max_bytes=20 * MB, max_rows=100_000) as book:
            for row in book["Pegawai"]:
                count, last = count + 1, row
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 50_001 and last == (50_001, ["49999"])
    # Loading the same workbook in openpyxl's normal mode peaks above 20 MB; streaming stays near 6 MB.
    assert peak < 15 * MB, f"peak {peak / MB:.1f} MB"


# Headers ----------------------------------------------------------------------------------------------------


def test_headers_are_compared_without_case_spaces_underscores_or_dashes():
    assert normalise_header(" Nama_Jabatan ") == normalise_header("nama-jabatan") == "namajabatan"
    assert normalise_header("NIP  Baru") == "nipbaru" and normalise_header(None) == ""
    header = ["NIP Baru", "Nama", "gelar-depan", "UNOR_ID", "catatan"]
    aliases = {"nip": ("nip_baru", "nip"), "nama": (), "gelar_depan": (), "unor_id": ("unorid",), "tmt": ()}
    assert match_columns(header, aliases) == {"nip": 0, "nama": 1, "gelar_depan": 2, "unor_id": 3}


def test_the_first_alias_listed_wins_and_a_cell_serves_one_column():
    header = ["Jabatan", "Nama", "Nama Jabatan", "nama"]
    assert match_columns(header, {"nama_jabatan": ("jabatan",)}) == {"nama_jabatan": 2}
    assert match_columns(header, {"jabatan": ("namajabatan",), "nama_jabatan": ("jabatan",)}) == {
        "jabatan": 0,
        "nama_jabatan": 2,
    }
    assert match_columns(header, {"nama": ()}) == {"nama": 1}  # the leftmost of two equal titles


def test_cells_are_picked_by_column_and_a_short_row_gives_empty_text():
    assert cells_by_column(["1", "Budi"], {"nip": 0, "nama": 1, "unit": 4}) == {
        "nip": "1",
        "nama": "Budi",
        "unit": "",
    }


# Writing ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x","klik")', '\'=HYPERLINK("http://x","klik")'),
        ("+62812345", "'+62812345"),
        ("-5 hari", "'-5 hari"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Budi = Ani", "Budi = Ani"),
        ("'sudah dikutip", "'sudah dikutip"),
        ("", ""),
        ("a\x00b\x1fc", "abc"),  # control characters a workbook cannot hold
        (-5, -5),
        (2.5, 2.5),
        (True, True),
        (None, None),
        (date(2024, 3, 1), date(2024, 3, 1)),
    ],
)
def test_safe_cell_quotes_text_a_spreadsheet_would_run_and_keeps_numbers(value, written):
    assert safe_cell(value) == written and type(safe_cell(value)) is type(written)


def test_a_written_workbook_runs_no_formula_and_reads_back_unchanged():
    rows = [
        ["=1+1", 12, 2.5, date(2024, 3, 1)],
        ["+62812345", -7, None, "@cmd|' /C calc'!A0"],
        ["-", 0, "Budi", '=HYPERLINK("http://evil")'],
    ]
    data = write_workbook(
        {"Pegawai": (["nama", "angka", "pecahan", "tanggal"], (r for r in rows)), "Unit": (["=kode"], [])},
        widths={"Pegawai": (30, 8)},
    )
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Pegawai", "Unit"]
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert cells and all(cell.data_type != "f" for cell in cells)
    sheet = workbook["Pegawai"]
    assert [c.value for c in sheet[2]] == ["'=1+1", 12, 2.5, datetime(2024, 3, 1)]
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2" and sheet.column_dimensions["A"].width == 30
    assert workbook["Unit"]["A1"].value == "'=kode"
    # Read back through the reader: the text the caller wrote, numbers as they were.
    assert read_all("ekspor.xlsx", data) == {
        "Pegawai": [
            (1, ["nama", "angka", "pecahan", "tanggal"]),
            (2, ["=1+1", "12", "2.5", "2024-03-01"]),
            (3, ["+62812345", "-7", "", "@cmd|' /C calc'!A0"]),
            (4, ["-", "0", "Budi", '=HYPERLINK("http://evil")']),
        ],
        "Unit": [(1, ["=kode"])],
    }


def test_writing_needs_a_sheet():
    with pytest.raises(ValueError):
        write_workbook({})


def test_cell_text_of_text_strips_it_and_removes_only_the_export_quote():
    assert cell_text("  ' =x") == "' =x" and cell_text("'Budi") == "'Budi" and cell_text("'-5") == "-5"


# Work bounded: empty rows and time -------------------------------------------------------------------------

TOO_FAR = _(
    "The file reaches row %(row)s; at most %(max)s rows are read, empty rows included. Delete the empty "
    "rows below the data, or copy the data into a new sheet, and upload it again."
)
TOO_LONG = _(
    "Reading this file took longer than %(seconds)s seconds, so it was stopped. Delete the empty "
    "rows and columns below and beside the data, or split it into smaller files, and upload it "
    "again."
)


def sheet_of(body: bytes, *, dimension: bytes = b"") -> bytes:
    """A workbook whose one sheet is a header row "nip" followed by `body` (row elements, written by hand)."""
    sheet = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + dimension
        + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>nip</t></is></c></row>'
        + body
        + b"</sheetData></worksheet>"
    )
    return rezip(xlsx(("Pegawai", [["nip"]])), replace={"xl/worksheets/sheet1.xml": sheet})


def empty_rows(count: int) -> bytes:
    """`count` empty rows as an attacker writes them: numbered now and then, so that they compress well but
    below the ratio the zip check refuses."""
    return b"".join(b'<row r="%d"/>' % n + b"<row/>" * 19 for n in range(2, count + 2, 20))


def test_a_small_workbook_of_millions_of_empty_rows_is_refused_before_it_is_parsed(openpyxl_must_not_open):
    # Before: empty rows were not counted, so such a file (4 MB unpacking to 252 MB) was parsed to its end,
    # minutes of a web worker, and then taken. Now every row element counts, before openpyxl opens the file.
    data = sheet_of(empty_rows(2_000_000))
    sheet = zipfile.ZipFile(io.BytesIO(data)).getinfo("xl/worksheets/sheet1.xml")
    assert len(data) < 1 * MB and sheet.file_size > 12 * MB  # small on disk, large unpacked ...
    assert sheet.file_size < tabular.MAX_RATIO * sheet.compress_size  # ... but no zip bomb by its ratio
    limit = 10 + 1 + tabular_limits.EMPTY_ROWS
    assert refusal("kosong.xlsx", data, max_rows=10, max_seconds=60) == TOO_FAR % {
        "row": limit + 1,
        "max": limit,
    }


def test_a_sheet_declaring_more_rows_than_the_limit_is_refused_before_its_rows_are_read(
    openpyxl_must_not_open,
):
    data = sheet_of(empty_rows(100), dimension=b'<dimension ref="A1:A3000001"/>')
    limit = 10 + 1 + tabular_limits.EMPTY_ROWS
    assert refusal("kosong.xlsx", data, max_rows=10) == TOO_FAR % {"row": 3000001, "max": limit}


def test_rows_made_up_for_a_gap_in_the_numbering_count_while_streaming():
    # Two row elements, the second numbered 5,000,000: openpyxl yields an empty row for every number skipped.
    data = sheet_of(b'<row r="5000000"><c r="A5000000" t="inlineStr"><is><t>1</t></is></c></row>')
    limit = 10 + 1 + tabular_limits.EMPTY_ROWS
    with read_workbook("celah.xlsx", data, max_bytes=5 * MB, max_rows=10, max_seconds=60) as book:
        sheet = book["Pegawai"]
        with pytest.raises(ApplicationError) as info:
            list(sheet)
        assert info.value.message_dict == {"berkas": [TOO_FAR % {"row": limit + 1, "max": limit}]}
        assert sheet.rows_read == limit + 1
    # Within the limit, the blank rows are read and left out as before.
    data = sheet_of(b'<row r="9000"><c r="A9000" t="inlineStr"><is><t>1</t></is></c></row>')
    assert read_all("celah.xlsx", data, max_rows=10) == {"Pegawai": [(1, ["nip"]), (9000, ["1"])]}


def test_a_sheet_reaching_past_the_limit_is_named_in_a_workbook_of_several_sheets():
    data = sheet_of(b'<row r="5000000"/>')
    data = rezip(
        xlsx(("Pegawai", [["nip"]]), ("Unit", [["kode"]])),
        replace={
            "xl/worksheets/sheet1.xml": zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
        },
    )
    limit = 1 + 1 + tabular_limits.EMPTY_ROWS
    assert refusal("org.xlsx", data, max_rows=1) == _(
        "The sheet %(sheet)s reaches row %(row)s; at most %(max)s rows are read, empty rows included. "
        "Delete the empty rows below the data, or copy the data into a new sheet, and upload it again."
    ) % {"sheet": "Pegawai", "row": limit + 1, "max": limit}


def test_reading_past_the_deadline_is_refused_while_iterating(monkeypatch):
    # A clock that moves a second each time it is read: the deadline of 5 seconds passes after a few rows.
    data = b"nip\n" + b"1\n" * 100
    with read_workbook("p.csv", data, max_bytes=MB, max_rows=1000, max_seconds=5) as book:
        monkeypatch.setattr(tabular_limits, "monotonic", itertools.count().__next__)
        sheet = book.first()
        with pytest.raises(ApplicationError) as info:
            list(sheet)
    assert info.value.message_dict == {"berkas": [TOO_LONG % {"seconds": 5}]}
    assert sheet.rows_read < 10


def test_opening_and_reading_a_workbook_are_bounded_by_the_deadline(monkeypatch):
    data = xlsx(("Pegawai", [["nip"], *([n] for n in range(100))]))
    # Opening: the parts are checked and openpyxl reads the file under the deadline.
    monkeypatch.setattr(tabular_limits, "monotonic", itertools.count().__next__)
    assert refusal("p.xlsx", data, max_seconds=3) == TOO_LONG % {"seconds": 3}
    # Reading a sheet: a deadline of its own, from the start of the reading.
    monkeypatch.undo()
    with read_workbook("p.xlsx", data, **LIMITS, max_seconds=5) as book:
        monkeypatch.setattr(tabular_limits, "monotonic", itertools.count().__next__)
        sheet = book["Pegawai"]
        with pytest.raises(ApplicationError) as info:
            list(sheet)
    assert info.value.message_dict == {"berkas": [TOO_LONG % {"seconds": 5}]}
    assert sheet.rows_read < 10


def test_the_time_limit_is_a_setting_of_120_seconds_by_default():
    assert int(os.environ.get("IMPORT_MAX_SECONDS", 120)) == settings.IMPORT_MAX_SECONDS


# Formulas ---------------------------------------------------------------------------------------------------


def test_a_formula_cell_reads_as_its_saved_value_and_is_marked_as_a_formula():
    # openpyxl (like other programs but Excel) saves a formula with no value: it read as an empty cell, and
    # an importer said "required but empty" of a NIP typed as =1234.
    unsaved = xlsx(("P", [["nip", "nama"], ["=1234", "Budi"], ["199001152015031001", "=UPPER(B1)"]]))
    rows = read_all("p.xlsx", unsaved)["P"]
    assert rows == [(1, ["nip", "nama"]), (2, ["", "Budi"]), (3, ["199001152015031001"])]
    formula = rows[1][1][0]
    assert isinstance(formula, tabular.FormulaCell) and formula.formula == "=1234"
    assert tabular.holds_formula(formula) and not tabular.holds_formula(rows[1][1][1])
    # Excel saves the value with the formula: it reads as before, still marked.
    saved = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>nip</t></is></c></row>'
        b'<row r="2"><c r="A2"><f>1234</f><v>1234</v></c><c r="B2" t="str"><f>B1</f><v>Budi</v></c></row>'
        b"</sheetData></worksheet>"
    )
    data = rezip(xlsx(("P", [["nip"]])), replace={"xl/worksheets/sheet1.xml": saved})
    [(number, cells)] = read_all("p.xlsx", data)["P"][1:]
    assert (number, cells) == (2, ["1234", "Budi"])
    assert [c.formula for c in cells] == ["=1234", "=B1"]
    # In a CSV, text that begins with "=" is a formula typed where a value was meant.
    assert tabular.holds_formula(read_all("p.csv", b"nip\n=1234\n")["p"][1][1][0])
    assert not tabular.holds_formula("1234") and not tabular.holds_formula("")


# The house style of every workbook (decision 0016) ---------------------------------------------------------


def test_every_written_sheet_has_a_frozen_filtered_header_sized_columns_and_real_dates():
    from datetime import UTC

    from django.utils import timezone, translation
    from django.utils.translation import gettext_lazy

    rows = (
        ["x" * 100, date(2026, 12, 1), datetime(2026, 12, 1, 1, 48, tzinfo=UTC), gettext_lazy("Main"), 1250]
        for _ in range(3)
    )
    with translation.override("en"), timezone.override("Asia/Jakarta"):
        data = tabular.write_workbook({"Data": (["Uraian", "Tanggal", "Waktu", "Jenis", "N"], rows)})
    sheet = load_workbook(io.BytesIO(data))["Data"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:E4"
    assert sheet["A1"].font.bold
    assert sheet.column_dimensions["A"].width == 60  # capped
    assert 6 <= sheet.column_dimensions["E"].width < 10
    assert sheet["B2"].is_date and sheet["B2"].number_format == "d mmm yyyy"
    # A moment is written as the local wall-clock time (Excel has no time zones).
    assert (
        sheet["C2"].value == datetime(2026, 12, 1, 8, 48) and sheet["C2"].number_format == "d mmm yyyy hh:mm"
    )
    assert sheet["D2"].value == "Utama"  # labels in Indonesian, as the headers and the importers are
    assert sheet["E2"].value == 1250


def test_the_first_sheet_of_a_book_passes_over_the_instructions():
    data = tabular.write_workbook(
        {tabular.INSTRUCTIONS_SHEET: (["Kolom"], [["a"]]), "Data": (["a"], [["isi"]])}
    )
    assert tabular.first_sheet("t.xlsx", data, max_bytes=10**6, max_rows=10) == [(1, ["a"]), (2, ["isi"])]
    only = tabular.write_workbook({tabular.INSTRUCTIONS_SHEET: (["Kolom"], [["a"]])})
    assert tabular.first_sheet("t.xlsx", only, max_bytes=10**6, max_rows=10) == [(1, ["Kolom"]), (2, ["a"])]
