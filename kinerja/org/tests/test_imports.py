"""Staff data import: preview, all-or-nothing apply, idempotent re-import, export round trip, the command."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from conftest import YEAR
from kinerja.accounts.models import User
from kinerja.core import clock
from kinerja.core.models import AuditEvent
from kinerja.core.testing import helpers
from kinerja.org import demo, imports, services
from kinerja.org.models import (
    ImportRecord,
    Instansi,
    Jabatan,
    Pegawai,
    Penugasan,
    RiwayatUnitKerja,
    UnitKerja,
)
from kinerja.org.rules import InvalidNip, parse_nip
from kinerja.testkit import cast as named

PEGAWAI_HEADER = [
    "nip_baru",
    "nama",
    "status",
    "gol_akhir_nama",
    "tanggal_lahir",
    "jenis_kelamin",
    "jabatan_id",
]
NEW_NIP = "199001152015031001"  # born 15-01-1990, male
NEW_NIP_2 = "199102202016032002"  # born 20-02-1991, female


def xlsx(sheets: dict) -> bytes:
    return helpers.xlsx(*sheets.items())


def csv_bytes(rows) -> bytes:
    return "\n".join(";".join(str(c) for c in row) for row in rows).encode()


def sukamaju() -> Instansi:
    return named.instansi()


def run(step, actor, name: str, data: bytes, instansi=None):
    book, sha = imports.read_upload(name, data)
    with book:
        return step(actor=actor, instansi=instansi or sukamaju(), book=book, file_name=name, sha256=sha)


def preview(actor, name, data, instansi=None):
    return run(imports.preview, actor, name, data, instansi)


def apply(actor, name, data, instansi=None):
    return run(imports.apply, actor, name, data, instansi)


def snapshot_counts():
    models = [UnitKerja, Jabatan, Pegawai, Penugasan, RiwayatUnitKerja, ImportRecord, AuditEvent, User]
    return {m.__name__: m.objects.count() for m in models}


def vacant_seat(actor) -> Jabatan:
    """A new vacant seat in Bagian Organisasi (Setda)."""
    unit = UnitKerja.objects.get(instansi=sukamaju(), kode="SETDA.B1")
    head = Jabatan.objects.get(unit=unit, kepala_unit=True)
    return services.jabatan_create(
        actor=actor, unit=unit, nama="Penata Kelembagaan", jenis="pelaksana", atasan=head
    )


def reasons(report):
    return [(r.sheet, r.column, r.reason) for r in report.refused]


# Round trip and idempotence ---------------------------------------------------------------------------------


def test_export_then_import_changes_nothing_and_says_so(cast):
    data = imports.export_workbook(sukamaju())
    before = snapshot_counts()
    report = apply(cast.admin_bkpsdm, "ekspor.xlsx", data)
    assert report.ok and report.nothing_to_change and not report.applied
    assert (
        report.counts["pegawai"]["unchanged"]
        == Pegawai.objects.filter(instansi=sukamaju(), aktif=True).count()
    )
    assert report.counts["unit"]["unchanged"] == UnitKerja.objects.filter(instansi=sukamaju()).count()
    assert report.missing == []
    assert snapshot_counts() == before


def test_applying_a_file_creates_units_positions_and_people_once_with_audit_and_a_record(cast):
    data = xlsx(
        {
            "Unit": [["Id", "DiatasanId", "NamaUnor", "eselon"], ["UPT1", "SETDA", "UPT Baru", "IV.a"]],
            "Jabatan": [
                [
                    "kode_jabatan",
                    "unor_id",
                    "nama_jabatan",
                    "jenis_jabatan",
                    "eselon",
                    "atasan_id",
                    "kepala_unit",
                ],
                ["JUPT1", "UPT1", "Kepala UPT Baru", "Struktural", "IV.a", "", "ya"],
                ["JUPT2", "UPT1", "Pranata Komputer Ahli Pertama", "Fungsional Tertentu", "", "JUPT1", ""],
            ],
            "Pegawai": [
                [*PEGAWAI_HEADER, "tmt_jabatan"],
                [NEW_NIP, "Baru Satu", "PNS", "III/b", "1990-01-15", "L", "JUPT1", ""],
                [NEW_NIP_2, "Baru Dua", "PNS", "Penata Muda (III/a)", "", "", "JUPT2", "2026-02-01"],
            ],
        }
    )
    first_seq = AuditEvent.objects.order_by("-seq").first().seq + 1
    report = apply(cast.admin_bkpsdm, "baru.xlsx", data)
    assert report.applied and report.counts["unit"]["created"] == 1
    assert report.counts["jabatan"]["created"] == 2 and report.counts["pegawai"]["created"] == 2
    head = Jabatan.objects.get(instansi=sukamaju(), kode="JUPT1")
    assert head.jenis == "pengawas" and head.kepala_unit and head.unit.parent.kode == "SETDA"
    fungsional = Jabatan.objects.get(instansi=sukamaju(), kode="JUPT2")
    assert (fungsional.jenis, fungsional.jenjang, fungsional.atasan) == ("fungsional", "ahli_pertama", head)
    baru = Pegawai.objects.get(nip=NEW_NIP)
    assignment = baru.penugasan.get()
    assert assignment.jabatan == head and assignment.mulai == datetime.date(clock.today().year, 1, 1)
    assert Pegawai.objects.get(nip=NEW_NIP_2).penugasan.get().mulai == datetime.date(2026, 2, 1)
    record = report.record
    assert (record.nama_berkas, record.actor, record.first_seq) == ("baru.xlsx", cast.admin_bkpsdm, first_seq)
    assert record.last_seq == AuditEvent.objects.order_by("-seq").first().seq
    assert record.counts["pegawai"]["created"] == 2 and len(record.sha256) == 64
    assert AuditEvent.objects.filter(seq__gte=first_seq, action="org.pegawai.create").count() == 2

    before = snapshot_counts()
    again = apply(cast.admin_bkpsdm, "baru.xlsx", data)
    assert again.nothing_to_change and not again.applied and again.record is None
    assert snapshot_counts() == before


def test_an_updated_name_is_an_update_and_the_rest_unchanged(cast):
    data = imports.export_workbook(sukamaju())
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook["Pegawai"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == demo.NIP_KASI_IMUNISASI)
    row[1].value = "Nama Diperbaiki"
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = apply(cast.admin_bkpsdm, "ekspor.xlsx", buffer.getvalue())
    assert report.counts["pegawai"]["updated"] == 1 and report.applied
    assert named.person(demo.NIP_KASI_IMUNISASI).nama == "Nama Diperbaiki"
    assert (
        AuditEvent.objects.filter(seq__gte=report.record.first_seq, action="org.pegawai.update").count() == 1
    )


def test_export_neutralises_formula_like_cells_and_still_round_trips(cast):
    unit = UnitKerja.objects.get(instansi=sukamaju(), kode="SETDA.B1")
    UnitKerja.objects.filter(pk=unit.pk).update(nama="=HYPERLINK(1)")
    data = imports.export_workbook(sukamaju())
    cells = [c.value for row in load_workbook(io.BytesIO(data))["Unit"].iter_rows() for c in row]
    assert "'=HYPERLINK(1)" in cells and "=HYPERLINK(1)" not in cells
    assert preview(cast.admin_bkpsdm, "ekspor.xlsx", data).nothing_to_change


# Refusals ---------------------------------------------------------------------------------------------------


def nip_reason(nip, status="PNS"):
    with pytest.raises(InvalidNip) as exc:
        parse_nip(nip, status)
    return str(exc.value)


def pegawai_file(*rows):
    return csv_bytes([PEGAWAI_HEADER, *rows])


PEGAWAI_REFUSALS = {
    "short NIP": (
        [["19900115201503100", "A", "PNS", "III/a", "", "", ""]],
        "nip_baru",
        nip_reason("19900115201503100"),
    ),
    "NIP with a month 13": (
        [["199013152015031001", "A", "PNS", "III/a", "", "", ""]],
        "nip_baru",
        nip_reason("199013152015031001"),
    ),
    "unknown golongan": ([[NEW_NIP, "A", "PNS", "V/z", "", "", ""]], "gol_akhir_nama", None),
    "unknown PPPK grade": ([["199001152024211001", "A", "PPPK", "XX", "", "", ""]], "gol_akhir_nama", None),
    "empty name": ([[NEW_NIP, "", "PNS", "III/a", "", "", ""]], "nama", None),
    "not a date": ([[NEW_NIP, "A", "PNS", "III/a", "kemarin", "", ""]], "tanggal_lahir", None),
    "birth date against NIP": ([[NEW_NIP, "A", "PNS", "III/a", "1990-01-16", "", ""]], "tanggal_lahir", None),
    "sex against NIP": ([[NEW_NIP, "A", "PNS", "III/a", "", "P", ""]], "jenis_kelamin", None),
    "duplicate NIP": (
        [[NEW_NIP, "A", "PNS", "III/a", "", "", ""], [NEW_NIP, "B", "PNS", "III/a", "", "", ""]],
        "nip_baru",
        None,
    ),
    "unknown position": ([[NEW_NIP, "A", "PNS", "III/a", "", "", "TIDAK-ADA"]], "jabatan_id", None),
}


@pytest.mark.parametrize("case", list(PEGAWAI_REFUSALS))
def test_a_bad_pegawai_row_is_refused_with_its_row_column_and_reason(cast, case):
    rows, column, reason = PEGAWAI_REFUSALS[case]
    report = preview(cast.admin_bkpsdm, "pegawai.csv", pegawai_file(*rows))
    assert not report.ok and report.counts["pegawai"]["refused"] == 1
    refusal = report.refused[0]
    assert (refusal.sheet, refusal.row, refusal.column) == ("pegawai", len(rows) + 1, column)
    assert refusal.reason
    if reason is not None:
        assert refusal.reason == reason


def test_a_position_given_to_two_people_is_refused(cast):
    seat = vacant_seat(cast.admin_bkpsdm)
    ref = f"#{seat.pk}"
    report = preview(
        cast.admin_bkpsdm,
        "pegawai.csv",
        pegawai_file(
            [NEW_NIP, "A", "PNS", "III/a", "", "", ref], [NEW_NIP_2, "B", "PNS", "III/a", "", "", ref]
        ),
    )
    assert [(r.row, r.column) for r in report.refused] == [(3, "jabatan_id")]


def test_a_position_whose_holder_keeps_it_cannot_be_given_to_someone_else(cast):
    holder = Penugasan.objects.active_at(clock.today()).get(pegawai__nip=demo.NIP_KASI_IMUNISASI)
    report = preview(
        cast.admin_bkpsdm,
        "pegawai.csv",
        pegawai_file([NEW_NIP, "A", "PNS", "III/a", "", "", f"#{holder.jabatan_id}"]),
    )
    assert [(r.row, r.column) for r in report.refused] == [(2, "jabatan_id")]


def test_a_staff_export_saved_as_excel_unicode_text_is_read_like_any_csv(cast):
    # BKPSDM exports staff as Excel's "Unicode text": UTF-16 with a byte order mark, tab-separated.
    rows = [PEGAWAI_HEADER, [NEW_NIP, "Hernández", "PNS", "III/a", "", "", ""]]
    data = "".join("\t".join(row) + "\r\n" for row in rows).encode("utf-16")
    report = preview(cast.admin_bkpsdm, "pegawai.csv", data)
    assert report.ok and report.counts["pegawai"]["created"] == 1


FORMULA_IN_NIP = (
    "The cell holds a formula, not a NIP. Type the NIP's 18 digits as text (format the "
    "column as Text in Excel, or begin the cell with an apostrophe)."
)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        # openpyxl saves =1234 with no value: it read as an empty cell ("required but empty").
        ("pegawai.xlsx", xlsx({"Pegawai": [PEGAWAI_HEADER, ["=1234", "A", "PNS", "III/a", "", "", ""]]})),
        ("pegawai.csv", pegawai_file(["=1234", "A", "PNS", "III/a", "", "", ""])),
        ("pegawai.csv", pegawai_file([f"={NEW_NIP}", "A", "PNS", "III/a", "", "", ""])),
    ],
)
def test_a_formula_in_the_nip_cell_is_reported_as_a_formula(cast, name, data):
    report = preview(cast.admin_bkpsdm, name, data)
    assert [(r.row, r.column, r.reason) for r in report.refused] == [(2, "nip_baru", _(FORMULA_IN_NIP))]


UNIT_HEADER = ["Id", "DiatasanId", "NamaUnor"]


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param([["X1", "TIDAK-ADA", "Unit X"]], id="unknown parent"),
        pytest.param([["X1", "X2", "Unit X"], ["X2", "X1", "Unit Y"]], id="cycle inside the file"),
        pytest.param([["SETDA", "SETDA.B1", "Sekretariat Daerah"]], id="cycle with existing units"),
        pytest.param([["X1", "", ""]], id="empty name"),
        pytest.param([["X1", "", "Unit X"], ["X1", "", "Unit X lagi"]], id="duplicate code"),
    ],
)
def test_a_bad_unit_row_is_refused(cast, rows):
    report = preview(cast.admin_bkpsdm, "unit.csv", csv_bytes([UNIT_HEADER, *rows]))
    assert not report.ok and report.refused[0].sheet == "unit"
    assert report.refused[0].column in ("DiatasanId", "NamaUnor", "Id")


def test_a_refused_apply_leaves_the_database_exactly_as_before(cast):
    data = xlsx(
        {
            "Unit": [UNIT_HEADER, ["UPT9", "SETDA", "UPT Sembilan"]],
            "Pegawai": [
                PEGAWAI_HEADER,
                [NEW_NIP, "A", "PNS", "III/a", "", "", ""],
                ["123", "B", "PNS", "III/a"],
            ],
        }
    )
    before = snapshot_counts()
    with pytest.raises(imports.ImportRefused) as exc:
        apply(cast.admin_bkpsdm, "salah.xlsx", data)
    assert exc.value.report.refused[0].row == 3
    assert snapshot_counts() == before


def test_a_failure_while_writing_rolls_everything_back(cast, monkeypatch):
    data = xlsx(
        {
            "Unit": [UNIT_HEADER, ["UPT9", "SETDA", "UPT Sembilan"]],
            "Pegawai": [PEGAWAI_HEADER, [NEW_NIP, "A", "PNS", "III/a", "", "", ""]],
        }
    )
    from kinerja.core.errors import ApplicationError

    def refuse(**kwargs):
        raise ApplicationError({"nip": "no"})

    monkeypatch.setattr(services, "pegawai_create", refuse)
    before = snapshot_counts()
    with pytest.raises(imports.ImportRefused):
        apply(cast.admin_bkpsdm, "x.xlsx", data)
    assert snapshot_counts() == before


# SIASN, transfers, missing people ---------------------------------------------------------------------------


def test_siasn_column_names_are_accepted_and_seats_found_or_made(cast):
    data = xlsx(
        {
            "unor": [
                ["Id", "DiatasanId", "NamaUnor", "NamaJabatan", "Eselon"],
                ["S-1", "SETDA", "Bagian Baru", "Kepala Bagian Baru", "III.a"],
            ],
            "PEGAWAI ": [
                [
                    "NIP_BARU",
                    "Nama",
                    "Gelar Depan",
                    "gelar_belakang",
                    "gol_akhir_nama",
                    "unor_id",
                    "jabatan_nama",
                    "jenis_jabatan_nama",
                ],
                [NEW_NIP, "Kepala Baru", "Drs.", "", "IV/a", "S-1", "Kepala Bagian Baru", "Struktural"],
                [
                    NEW_NIP_2,
                    "Analis Baru",
                    "",
                    "S.E.",
                    "III/a",
                    "S-1",
                    "Analis Kebijakan Ahli Pertama",
                    "Fungsional Tertentu",
                ],
            ],
        }
    )
    report = apply(cast.admin_bkpsdm, "siasn.xlsx", data)
    assert report.applied and report.counts["jabatan"]["created"] == 2
    head = Pegawai.objects.get(nip=NEW_NIP).penugasan.get().jabatan
    assert (head.nama, head.kepala_unit, head.jenis, head.unit.kode) == (
        "Kepala Bagian Baru",
        True,
        "administrator",
        "S-1",
    )
    assert head.atasan.nama == "Sekretaris Daerah"
    analis = Pegawai.objects.get(nip=NEW_NIP_2)
    assert analis.gelar_belakang == "S.E."
    seat = analis.penugasan.get().jabatan
    assert (seat.jenis, seat.jenjang, seat.atasan) == ("fungsional", "ahli_pertama", head)
    assert apply(cast.admin_bkpsdm, "siasn.xlsx", data).nothing_to_change


def test_a_pegawai_in_another_unit_in_the_file_is_transferred(cast):
    current = Penugasan.objects.active_at(clock.today()).get(pegawai__nip=demo.NIP_PELAKSANA_IMUNISASI)
    seat = vacant_seat(cast.admin_bkpsdm)
    today = clock.today()
    data = imports.export_workbook(sukamaju())
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook["Pegawai"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == demo.NIP_PELAKSANA_IMUNISASI)
    row[10].value, row[11].value = seat.kode or f"#{seat.pk}", today
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = apply(cast.admin_bkpsdm, "ekspor.xlsx", buffer.getvalue())
    assert report.counts["pegawai"]["updated"] == 1 and report.counts["pegawai"]["created"] == 0
    current.refresh_from_db()
    assert current.selesai == today - datetime.timedelta(days=1)
    new = Penugasan.objects.active_at(today).get(pegawai__nip=demo.NIP_PELAKSANA_IMUNISASI, jenis="definitif")
    assert (new.jabatan, new.mulai) == (seat, today)


def test_people_missing_from_a_pegawai_sheet_are_reported_and_ended_only_on_request(cast):
    report = apply(cast.admin_bkpsdm, "satu.csv", pegawai_file([NEW_NIP, "A", "PNS", "III/a", "", "", ""]))
    missing = dict(report.missing)
    assert demo.NIP_PELAKSANA_IMUNISASI in missing and demo.NIP_SEKDA in missing
    today = clock.today()
    assert Penugasan.objects.active_at(today).filter(pegawai__nip=demo.NIP_PELAKSANA_IMUNISASI).exists()
    ended = imports.end_missing(
        actor=cast.admin_bkpsdm,
        instansi=sukamaju(),
        nips=[demo.NIP_PELAKSANA_IMUNISASI],
        tanggal=today,
        reason="Tidak ada di ekspor SIASN",
    )
    assert ended == 1
    assert (
        not Penugasan.objects.active_at(today + datetime.timedelta(days=1))
        .filter(pegawai__nip=demo.NIP_PELAKSANA_IMUNISASI)
        .exists()
    )
    assert (
        AuditEvent.objects.filter(action="org.penugasan.end", reason="Tidak ada di ekspor SIASN").count() == 1
    )


def test_the_example_workbook_loads_into_an_empty_instansi_and_the_template_is_blank(cast):
    lembah = cast.outsider.instansi
    report = preview(cast.outsider, "contoh.xlsx", imports.example_workbook(), instansi=lembah)
    assert report.ok, reasons(report)
    assert report.counts["pegawai"]["created"] == 4 and report.counts["jabatan"]["created"] == 4
    template = load_workbook(io.BytesIO(imports.template_workbook()))
    assert template.sheetnames == ["Petunjuk", "Unit", "Jabatan", "Pegawai"]
    assert all(sheet.max_row == 1 for sheet in template.worksheets[1:])


def test_the_template_explains_every_column_and_which_are_required(cast):
    book = load_workbook(io.BytesIO(imports.template_workbook()))
    explained = {(row[0], row[1]): row[2] for row in book["Petunjuk"].iter_rows(min_row=2, values_only=True)}
    for sheet in ("Unit", "Jabatan", "Pegawai"):
        header = [cell.value for cell in book[sheet][1]]
        assert {column for (name, column) in explained if name == sheet} == set(header)
    assert explained[("Pegawai", "nip_baru")] == "Wajib" and explained[("Pegawai", "email")] == "Boleh kosong"
    accepted = " ".join(str(row[3]) for row in book["Petunjuk"].iter_rows(min_row=2, values_only=True))
    assert "JPT Pratama" in accepted and "Ahli Pertama" in accepted and "jpt_pratama" not in accepted


def test_export_and_example_write_labels_and_real_dates_and_the_importer_still_takes_codes(cast):
    export = load_workbook(io.BytesIO(imports.export_workbook(sukamaju())))
    kinds = {row[3] for row in export["Jabatan"].iter_rows(min_row=2, values_only=True)}
    assert "JPT Pratama" in kinds and not kinds & {"jpt_pratama", "administrator", "pelaksana", "fungsional"}
    born = [row[6] for row in export["Pegawai"].iter_rows(min_row=2, values_only=True) if row[6]]
    assert born and all(isinstance(value, datetime.datetime) for value in born)
    example = load_workbook(io.BytesIO(imports.example_workbook()))
    assert {row[3] for row in example["Jabatan"].iter_rows(min_row=2, values_only=True)} <= {
        "JPT Pratama",
        "Administrator",
        "Fungsional",
        "Pelaksana",
    }
    assert example["Pegawai"]["G2"].is_date and example["Pegawai"]["G2"].number_format == "d mmm yyyy"
    # A file written with the old codes is read as before.
    data = xlsx(
        {
            "Unit": [["Id", "DiatasanId", "NamaUnor"], ["UPTK", "SETDA", "UPT Kode"]],
            "Jabatan": [
                ["kode_jabatan", "unor_id", "nama_jabatan", "jenis_jabatan", "jenjang", "eselon"],
                ["JK1", "UPTK", "Kepala UPT Kode", "administrator", "", "III.a"],
                ["JK2", "UPTK", "Analis Ahli Muda", "fungsional", "ahli_muda", ""],
            ],
        }
    )
    report = preview(cast.admin_bkpsdm, "kode.xlsx", data)
    assert report.ok, reasons(report)
    assert report.counts["jabatan"]["created"] == 2


def test_every_workbook_has_a_frozen_filtered_header_and_sized_columns(cast):
    for data in (imports.export_workbook(sukamaju()), imports.example_workbook()):
        book = load_workbook(io.BytesIO(data))
        for sheet in book.worksheets:
            assert sheet.freeze_panes == "A2"
            assert (
                sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
            )
            assert sheet.column_dimensions["A"].width >= 6


def test_the_preview_lists_the_rows_it_creates_or_changes_and_counts_those_missing(cast):
    data = pegawai_file([NEW_NIP, "Orang Baru", "PNS", "III/a", "", "", ""])
    report = preview(cast.admin_bkpsdm, "p.csv", data)
    assert report.ok, reasons(report)
    assert [(c.sheet, c.action, c.key, c.name) for c in report.changes] == [
        ("pegawai", "created", NEW_NIP, "Orang Baru")
    ]
    assert report.changes_total == 1
    holders = Penugasan.objects.active_at(clock.today(sukamaju())).filter(pegawai__instansi=sukamaju())
    assert len(report.missing) == holders.values("pegawai").distinct().count() > 0


# Permission and the command ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["pegawai", "atasan", "admin_pd", "tim_penilai", "auditor", "outsider"])
def test_only_admin_bkpsdm_of_the_instansi_may_preview_apply_or_end(cast, who):
    actor = getattr(cast, who)
    data = pegawai_file([NEW_NIP, "A", "PNS", "III/a", "", "", ""])
    with pytest.raises(PermissionDenied):
        preview(actor, "p.csv", data)
    with pytest.raises(PermissionDenied):
        apply(actor, "p.csv", data)
    with pytest.raises(PermissionDenied):
        imports.end_missing(
            actor=actor, instansi=sukamaju(), nips=[demo.NIP_SEKDA], tanggal=clock.today(), reason="x"
        )
    assert not Pegawai.objects.filter(nip=NEW_NIP).exists()


def test_the_command_prints_the_report_and_exits_1_on_refused_rows(cast, tmp_path, capsys):
    bad = tmp_path / "pegawai.csv"
    bad.write_bytes(pegawai_file([NEW_NIP, "A", "PNS", "V/z", "", "", ""]))
    with pytest.raises(SystemExit) as exc:
        call_command("import_org", str(bad), "--instansi", "KOTA-SKM", "--apply")
    assert exc.value.code == 1
    out = capsys.readouterr().out
    assert "gol_akhir_nama" in out and " 2 " in out
    assert not Pegawai.objects.filter(nip=NEW_NIP).exists()

    good = tmp_path / "baik.csv"
    good.write_bytes(pegawai_file([NEW_NIP, "A", "PNS", "III/a", "", "", ""]))
    call_command("import_org", str(good), "--instansi", "KOTA-SKM")
    assert not Pegawai.objects.filter(nip=NEW_NIP).exists()
    call_command("import_org", str(good), "--instansi", "KOTA-SKM", "--apply", "--actor", "admin.bkpsdm")
    captured = capsys.readouterr()
    assert Pegawai.objects.filter(nip=NEW_NIP).exists()
    assert demo.NIP_SEKDA in captured.out  # the people missing from the file are listed
    assert ImportRecord.objects.filter(nama_berkas="baik.csv").count() == 1


def test_columns_left_out_of_a_file_keep_what_is_on_record(cast):
    people = Pegawai.objects.filter(instansi=sukamaju(), aktif=True)
    assert people.filter(status="PPPK").exists()
    rows = [["nip_baru", "nama", "gol_akhir_nama"]]
    rows += [[p.nip, p.nama, p.golongan or p.grade_pppk] for p in people]
    report = preview(cast.admin_bkpsdm, "siasn.csv", csv_bytes(rows))
    assert report.ok and report.nothing_to_change, reasons(report)

    kasi = Jabatan.objects.get(unit__kode="SETDA.B1", kepala_unit=True)
    positions = [["kode_jabatan", "unor_id", "nama_jabatan", "jenis_jabatan"]]
    positions.append([f"#{kasi.pk}", "SETDA.B1", "Kepala Bagian Organisasi dan Tata Laksana", kasi.jenis])
    report = apply(cast.admin_bkpsdm, "jabatan.csv", csv_bytes(positions))
    assert report.counts["jabatan"] == {"created": 0, "updated": 1, "unchanged": 0, "refused": 0}
    updated = Jabatan.objects.get(pk=kasi.pk)
    assert (updated.nama, updated.atasan, updated.eselon, updated.kepala_unit) == (
        "Kepala Bagian Organisasi dan Tata Laksana",
        kasi.atasan,
        kasi.eselon,
        True,
    )


def edited_export(change) -> bytes:
    workbook = load_workbook(io.BytesIO(imports.export_workbook(sukamaju())))
    rows = {r[0].value: r for r in workbook["Pegawai"].iter_rows(min_row=2)}
    change(workbook["Pegawai"], rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def seat_of(nip):
    return Penugasan.objects.active_at(clock.today()).get(pegawai__nip=nip, jenis="definitif").jabatan


def test_two_people_swapping_seats_and_a_newcomer_taking_a_vacated_seat_all_go_through(cast, time_machine):
    # A transfer without TMT happens "today": pin a day on which no demo assignment starts.
    time_machine.move_to(datetime.datetime(YEAR, 11, 15, 10, tzinfo=ZoneInfo("Asia/Jakarta")), tick=False)
    kasi, pelaksana = seat_of(demo.NIP_KASI_IMUNISASI), seat_of(demo.NIP_PELAKSANA_IMUNISASI)
    mutasi = seat_of(demo.NIP_MUTASI)
    seat = vacant_seat(cast.admin_bkpsdm)

    def change(sheet, rows):
        a, b = rows[demo.NIP_KASI_IMUNISASI], rows[demo.NIP_PELAKSANA_IMUNISASI]
        a[10].value, b[10].value = b[10].value, a[10].value
        a[11].value = b[11].value = None
        rows[demo.NIP_MUTASI][10].value, rows[demo.NIP_MUTASI][11].value = f"#{seat.pk}", None
        sheet.append(
            [
                NEW_NIP,
                "Pendatang Baru",
                "",
                "",
                "PNS",
                "III/a",
                None,
                "",
                "",
                "",
                rows[demo.NIP_MUTASI][10].value,
            ]
        )
        sheet.cell(row=sheet.max_row, column=11).value = f"#{mutasi.pk}"

    report = apply(cast.admin_bkpsdm, "ekspor.xlsx", edited_export(change))
    assert report.applied and report.counts["pegawai"] == {
        "created": 1,
        "updated": 3,
        "unchanged": 296,
        "refused": 0,
    }
    assert seat_of(demo.NIP_KASI_IMUNISASI) == pelaksana and seat_of(demo.NIP_PELAKSANA_IMUNISASI) == kasi
    assert seat_of(demo.NIP_MUTASI) == seat and seat_of(NEW_NIP) == mutasi
    assert Penugasan.objects.get(pegawai__nip=NEW_NIP).mulai == datetime.date(YEAR, 11, 15)
