"""The document kernel: what its parts print, read back with pypdf."""

import datetime
import io
import re

from pypdf import PdfReader

from kinerja.core.document_blocks import Signatory, clean, identity, signatures, signatures_height
from kinerja.core.documents import Document, Part, Table, headings
from kinerja.core.formats import nip_or_text, tanggal


def pages_of(pdf: Document) -> list[str]:
    """The text of each page, with every run of whitespace as one space."""
    reader = PdfReader(io.BytesIO(bytes(pdf.output())))
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in reader.pages]


def document(**kw) -> Document:
    pdf = Document(title="Dokumen uji", **kw)
    pdf.add_page()
    return pdf


def test_a_table_that_breaks_across_pages_repeats_its_headings_on_every_page():
    pdf = document()
    with Table(pdf, (10, 90), headings("NOMOR", "URAIAN KEGIATAN"), title="DAFTAR KEGIATAN") as table:
        for n in range(1, 121):
            table.block([[Part(str(n))], [Part(f"Kegiatan ke-{n}")]])
    pages = pages_of(pdf)

    assert len(pages) > 2
    for page in pages:
        assert "NOMOR URAIAN KEGIATAN" in page
    assert pages[0].count("DAFTAR KEGIATAN") == 1
    assert all("DAFTAR KEGIATAN" not in page for page in pages[1:])
    # Every row once, in order, whatever page it fell on.
    rows = re.findall(r"Kegiatan ke-(\d+)", " ".join(pages))
    assert rows == [str(n) for n in range(1, 121)]
    assert f"Halaman {len(pages)} dari {len(pages)}" in pages[-1]


def test_a_label_is_never_left_at_the_foot_of_a_page_without_its_rows():
    pdf = document()
    with Table(pdf, (10, 90), headings("NO", "URAIAN")) as table:
        for group in range(1, 16):
            table.label(f"KELOMPOK {group}")
            for n in range(1, 6):
                table.block([[Part(str(n))], [Part(f"Butir {group}.{n}")]])
    pages = pages_of(pdf)

    assert len(pages) > 1
    for page in pages:
        last_label = page.rfind("KELOMPOK ")
        group = re.match(r"KELOMPOK (\d+)", page[last_label:]).group(1)
        assert f"Butir {group}.1" in page[last_label:], page


def test_a_cell_taller_than_a_page_is_cut_across_pages():
    pdf = document()
    with Table(pdf, (10, 90), headings("NO", "URAIAN")) as table:
        table.block([[Part("1")], [Part("panjang " * 3000 + "AKHIR")]])
    pages = pages_of(pdf)

    assert len(pages) > 3
    assert "AKHIR" in pages[-1]
    assert all("NO URAIAN" in page for page in pages)


def test_the_identity_block_numbers_its_rows_and_prints_dates_in_indonesian():
    pdf = document()
    identity(
        pdf,
        [
            (
                "PEGAWAI",
                [
                    ("NAMA", "Yuni Halim"),
                    ("NIP", nip_or_text("199206182019032004")),
                    ("TANGGAL LAHIR", datetime.date(1992, 6, 18)),
                ],
            ),
            ("ATASAN", [("NAMA", None), ("NIP", ""), ("TANGGAL LAHIR", None)]),
        ],
    )
    text = pages_of(pdf)[0]

    assert "NO PEGAWAI NO ATASAN" in text
    assert "1 NAMA Yuni Halim 1 NAMA -" in text
    assert "2 NIP 19920618 201903 2 004 2 NIP -" in text
    assert "3 TANGGAL LAHIR 18 Juni 1992 3 TANGGAL LAHIR -" in text


def test_the_signature_block_prints_place_date_role_name_and_nip():
    pdf = document()
    signatures(
        pdf,
        [
            Signatory("Pegawai yang Dinilai", "Yuni Halim, A.Md.Kes.", "199206182019032004"),
            Signatory("Pejabat Penilai Kinerja", "", ""),
        ],
        place="Sukamaju",
        date=datetime.date(2026, 8, 17),
    )
    text = pages_of(pdf)[0]

    assert text.index("Sukamaju, 17 Agustus 2026") < text.index("Pejabat Penilai Kinerja")
    assert "Pegawai yang Dinilai" in text
    assert "Yuni Halim, A.Md.Kes." in text
    assert "NIP. 19920618 201903 2 004" in text
    # Nobody to sign yet: a dotted line for the name and a dash for the NIP.
    assert "(.......................................)" in text
    assert "NIP. -" in text


def test_one_signatory_without_a_place_signs_on_the_right_under_the_date_alone():
    pdf = document()
    day = datetime.date(2026, 1, 2)
    signatures(pdf, [Signatory("Kepala BKPSDM", "Heru Halim", "19840722 200903 1 001")], place="", date=day)
    signatures(pdf, [Signatory("Kepala Dinas", "Yuni Halim", "bukan NIP")], place=" ", date=day)
    text = pages_of(pdf)[0]

    assert "2 Januari 2026 Kepala BKPSDM Heru Halim NIP. 19840722 200903 1 001" in text
    assert "2 Januari 2026 Kepala Dinas Yuni Halim NIP. bukan NIP" in text
    assert "," not in text


def test_the_signature_block_moves_whole_to_the_next_page_when_it_does_not_fit():
    pdf = document()
    pdf.set_y(pdf.page_break_trigger - 20)
    signatures(
        pdf,
        [Signatory("Pegawai", "Yuni Halim", ""), Signatory("Atasan", "Heru Halim", "")],
        place="Sukamaju",
        date=datetime.date(2026, 3, 1),
    )
    first, second = pages_of(pdf)

    assert "Sukamaju" not in first
    for expected in ("Sukamaju, 1 Maret 2026", "Pegawai", "Yuni Halim", "Atasan", "Heru Halim"):
        assert expected in second, expected


def test_the_note_is_printed_atop_every_page():
    pdf = document(note="DRAF — BELUM DISETUJUI")
    pdf.add_page()
    pages = pages_of(pdf)
    assert len(pages) == 2
    assert all(page.strip().startswith("DRAF — BELUM DISETUJUI") for page in pages)


def test_text_is_cleaned_of_what_a_pdf_cannot_print():
    assert clean(" a\r\nb\rc\td\x00\x07 ") == "a\nb\nc    d"
    assert clean(None) == ""
    assert clean(12) == "12"


def test_dates_and_nip_are_written_the_indonesian_way():
    assert tanggal(datetime.date(2026, 1, 2)) == "2 Januari 2026"
    assert tanggal(datetime.date(2026, 12, 31)) == "31 Desember 2026"
    assert tanggal(None) == ""
    assert nip_or_text("198609262015051001") == "19860926 201505 1 001"
    assert nip_or_text("admin.bkpsdm") == "admin.bkpsdm"


def test_a_long_row_is_cut_at_the_page_break_rather_than_moved_whole():
    pdf = document()
    with Table(pdf, (10, 45, 45), headings("NO", "URAIAN", "INDIKATOR")) as table:
        for n in range(1, 16):
            table.block([[Part(str(n))], [Part(f"Baris pendek {n}")], [Part("-")]])
        table.block(
            [
                [Part("16")],
                [Part("AWAL " + "uraian panjang " * 180 + "AKHIR")],
                [Part(f"Indikator {k}") for k in range(6)],
            ]
        )
    pages = pages_of(pdf)

    assert len(pages) == 2
    assert "Baris pendek 15" in pages[0] and "AWAL" in pages[0]  # it starts where the row before ended
    assert "AKHIR" in pages[1] and "NO URAIAN INDIKATOR" in pages[1]
    assert "Indikator 0" in pages[0] and "Indikator 5" in " ".join(pages)


def test_the_last_rows_of_a_table_go_with_what_follows_it_to_a_new_page():
    signatories = [
        Signatory("Pegawai yang Dinilai", "Yuni Halim", ""),
        Signatory("Pejabat Penilai", "Heru", ""),
    ]
    for rows in range(20, 40):
        pdf = document()
        with Table(
            pdf, (10, 90), headings("NO", "URAIAN"), keep_with_next=signatures_height(pdf, signatories)
        ) as t:
            for n in range(1, rows + 1):
                t.block([[Part(str(n))], [Part(f"Butir {n}")]])
        signatures(pdf, signatories, place="Sukamaju", date=datetime.date(2026, 1, 2))
        last = pages_of(pdf)[-1]
        assert f"Butir {rows} " in last and "Yuni Halim" in last, rows
