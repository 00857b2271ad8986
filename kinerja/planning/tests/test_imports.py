"""Importing RHK and indikator into a draft: the whole file is checked first, every problem with its row and
column; nothing is written until it is clean; then everything is added in one go (or nothing)."""

import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from conftest import YEAR
from kinerja.core.testing.harness import assert_unchanged
from kinerja.planning import imports, services
from kinerja.planning.models import RHK, SKP, Indikator
from kinerja.testkit import cast as named

pytestmark = pytest.mark.django_db

HEADER = imports.HEADER


def csv(rows: list[list], header=HEADER) -> bytes:
    lines = [";".join(header)] + [";".join(str(c) for c in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def skp(cast) -> SKP:
    return services.skp_start(actor=cast.pegawai, pegawai=cast.pegawai.pegawai, tahun=YEAR)


def atasan_rhk(cast) -> RHK:
    return RHK.objects.filter(
        skp__pegawai=cast.atasan.pegawai, skp__tahun_kinerja__tahun=YEAR, jenis="utama"
    ).first()


def test_rows_with_the_same_no_are_one_rhk_and_the_supported_rhk_is_found_by_number_or_text(cast, skp):
    parent = atasan_rhk(cast)
    data = csv(
        [
            [
                1,
                "Utama",
                "Data imunisasi mutakhir",
                "U1",
                "",
                "Laporan bulanan",
                "Kuantitas",
                "12",
                "laporan",
                "naik",
            ],
            [1, "", "", "", "", "Waktu penyampaian", "Waktu", "5", "hari", "turun"],
            [2, "Utama", "Cakupan naik", parent.uraian, "", "Cakupan", "kualitas", "92,5", "%", ""],
            [
                3,
                "Tambahan",
                "Tugas pimpinan",
                "",
                "",
                "Laporan tugas diterima",
                "Kualitas",
                "Tanpa revisi",
                "",
                "",
            ],
        ]
    )
    result = imports.read(skp, name="rhk.csv", data=data)
    assert result.ok, result.errors
    assert [(i["nomor"], len(i["indikator"])) for i in result.items] == [("1", 2), ("2", 1), ("3", 1)]
    assert result.items[0]["rhk_atasan_id"] == parent.pk == result.items[1]["rhk_atasan_id"]
    assert result.items[1]["indikator"][0]["target"] == "92.5"
    assert result.items[2]["indikator"][0]["jenis_target"] == "kualitatif"
    assert result.items[0]["indikator"][1]["arah"] == "turun"
    token = imports.sign(skp, result)
    added = services.rhk_import(actor=cast.pegawai, skp=skp, kunci=skp.kunci, rows=imports.unsign(skp, token))
    assert added == 3
    assert Indikator.objects.filter(rhk__skp=skp).count() == 4
    assert RHK.objects.get(skp=skp, uraian="Cakupan naik").rhk_atasan == parent


def test_every_problem_is_reported_with_row_and_column(cast, skp):
    data = csv(
        [
            [1, "Pokok", "RHK", "U99", "", "IKI", "Kuantitas", "sepuluh", "dokumen", ""],
            [2, "Utama", "", "", "", "", "Keindahan", "10", "", "ke samping"],
            [2, "", "Lain", "", "", "IKI 2", "", "-4", "x", ""],
            ["", "", "Tanpa nomor", "", "", "IKI", "", "1", "x", ""],
        ]
    )
    result = imports.read(skp, name="rhk.csv", data=data)
    assert not result.ok
    found = {(e.baris, e.kolom) for e in result.errors}
    assert found == {
        (2, "Jenis"),
        (2, "RHK Pimpinan yang Diintervensi"),
        (2, "Target"),
        (3, "Rencana Hasil Kerja"),
        (3, "Indikator Kinerja Individu"),
        (3, "Aspek"),
        (3, "Arah"),
        (3, "Satuan"),
        (4, "Rencana Hasil Kerja"),
        (4, "Target"),
        (5, "No"),
    }
    messages = " ".join(e.pesan for e in result.errors)
    assert 'Target harus berupa angka, mis. 100 atau 92,5 (Anda menulis "sepuluh")' in messages


def test_missing_columns_and_empty_files_are_refused_before_anything(cast, skp):
    with pytest.raises(ValidationError, match="Rencana Hasil Kerja"):
        imports.read(skp, name="rhk.csv", data=csv([[1, "x"]], header=["No", "Jenis"]))
    with pytest.raises(ValidationError):
        imports.read(skp, name="rhk.csv", data=csv([]))
    with pytest.raises(ValidationError):
        imports.read(skp, name="rhk.pdf", data=b"%PDF-1.4")


def test_a_tampered_or_foreign_token_is_refused(cast, skp):
    result = imports.read(skp, name="rhk.csv", data=csv([[1, "", "RHK", "U1", "", "IKI", "", "1", "x", ""]]))
    token = imports.sign(skp, result)
    with pytest.raises(ValidationError, match=r"kedaluwarsa|diubah"):
        imports.unsign(skp, token + "x")
    other = named.current_skp(cast.atasan)
    with pytest.raises(ValidationError):
        imports.unsign(other, token)


def test_the_token_is_bound_to_its_user_and_gives_the_rows_once(cast, skp):
    result = imports.read(skp, name="rhk.csv", data=csv([[1, "", "RHK", "U1", "", "IKI", "", "1", "x", ""]]))
    token = imports.sign(skp, result, cast.pegawai.pk)
    with pytest.raises(ValidationError):
        imports.unsign(skp, token, cast.atasan.pk)
    assert [r["uraian"] for r in imports.unsign(skp, token, cast.pegawai.pk)] == ["RHK"]
    with pytest.raises(ValidationError):
        imports.unsign(skp, token, cast.pegawai.pk)


def test_import_into_a_submitted_skp_changes_nothing(cast, skp):
    result = imports.read(skp, name="rhk.csv", data=csv([[1, "", "RHK", "U1", "", "IKI", "", "1", "x", ""]]))
    rows = imports.unsign(skp, imports.sign(skp, result))
    services.rhk_import(actor=cast.pegawai, skp=skp, kunci=skp.kunci, rows=rows)
    skp = SKP.objects.get(pk=skp.pk)
    skp = services.skp_submit(actor=cast.pegawai, skp=skp, kunci=skp.kunci)
    state = lambda: (RHK.objects.filter(skp=skp).count(), SKP.objects.get(pk=skp.pk).kunci)  # noqa: E731
    with assert_unchanged(state), pytest.raises(ValidationError):
        services.rhk_import(actor=cast.pegawai, skp=skp, kunci=skp.kunci, rows=rows)


def test_the_template_is_an_xlsx_that_reads_back(cast, skp):
    book = load_workbook(io.BytesIO(imports.template_xlsx()))
    assert book.sheetnames == ["Petunjuk", "RHK"]
    sheet = book["RHK"]
    assert [c.value for c in sheet[1]] == HEADER
    # The instructions name every column, and say which are required.
    explained = {row[0]: row[1] for row in book["Petunjuk"].iter_rows(min_row=2, values_only=True)}
    assert list(explained) == HEADER
    assert {c for c, required in explained.items() if required == "Wajib"} == {
        imports.LABELS[c] for c in imports.REQUIRED
    }
    # The example rows name "U1", the first RHK of the atasan: they read back clean for the demo pegawai, as the
    # file is downloaded (the instructions sheet is passed over) and as the one sheet of a new workbook.
    assert imports.read(skp, name="templat.xlsx", data=imports.template_xlsx()).ok
    buffer = io.BytesIO()
    wb = Workbook()
    for row in sheet.iter_rows(values_only=True):
        wb.active.append(row)
    wb.save(buffer)
    result = imports.read(skp, name="contoh.xlsx", data=buffer.getvalue())
    assert result.ok, result.errors
