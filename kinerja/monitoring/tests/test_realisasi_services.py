"""The realisasi and evidence services: what they record, and every refusal of the issue's "Bad input" that is
theirs, each leaving the database, the audit trail and the storage as they were."""

import datetime
import hashlib
import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from kinerja.core.errors import ApplicationError, ConflictError
from kinerja.core.testing.clock import on_day
from kinerja.core.testing.helpers import last_seq, one_event, refused
from kinerja.monitoring import rules, selectors, services
from kinerja.monitoring.models import BuktiDukung, Pembukaan, Realisasi
from kinerja.monitoring.services.bukti import file_kind
from kinerja.monitoring.services.realisasi import realisasi_values
from kinerja.monitoring.tests.realisasi_kit import (
    DOCX,
    EXE,
    HTML,
    JPEG,
    ODT,
    PDF,
    PNG,
    ZIP,
    World,
    media,  # noqa: F401  (fixture)
    state,
    stored_files,
    upload,
    zipped,
)
from kinerja.planning import services as planning_services
from kinerja.planning.models import SKP

pytestmark = pytest.mark.usefixtures("media")


@pytest.fixture
def world(cast):
    return World(cast)


def save(world, indikator=None, plan=None, **values):
    plan = plan or world.open_plan
    return services.realisasi_save(
        actor=world.user,
        skp=world.skp,
        periode=plan.periode,
        indikator_id=(indikator or world.numeric(plan))["id"],
        **values,
    )


# Recording ----------------------------------------------------------------------------------------------------


def test_a_number_typed_the_indonesian_way_is_recorded_with_the_version_in_force_and_an_event(world):
    seq = last_seq()
    with on_day(world.day):
        saved = save(world, nilai="1.250,5", narasi="  Cakupan naik.  ")
    assert saved.nilai_angka == Decimal("1250.50")
    assert saved.narasi == "Cakupan naik."
    assert saved.versi_skp == world.open_plan.versi.nomor
    assert saved.kunci == 0 and saved.diisi_oleh == world.user
    event = one_event(seq, "monitoring.realisasi.create", world.user, saved, alone=True)
    assert event.changes["nilai_angka"][1] == "1250.50"


def test_a_change_keeps_the_earlier_values_with_their_evidence_and_counts_itself(world):
    with on_day(world.day):
        first = save(world, nilai="10")
        bukti = services.bukti_upload(actor=world.user, realisasi=first, berkas=upload("a.jpg", JPEG))
        seq = last_seq()
        second = save(world, nilai="92,5", narasi="Revisi data.", kunci=first.kunci)
        event = one_event(seq, "monitoring.realisasi.update", world.user, first, alone=True)
        third = save(world, nilai="95", kunci=second.kunci)
    assert third.pk == first.pk and third.kunci == 2 and third.nilai_angka == Decimal("95")
    history = list(third.riwayat.order_by("nomor").values_list("nomor", "nilai_angka", "bukti"))
    assert history == [(1, Decimal("10.00"), [bukti.pk]), (2, Decimal("92.50"), [bukti.pk])]
    assert event.changes["nilai_angka"] == ["10.00", "92.50"]


def test_saving_the_same_values_again_writes_nothing(world):
    with on_day(world.day):
        first = save(world, nilai="10")
        before = state()
        again = save(world, nilai="10,00", kunci=first.kunci)
    assert again.kunci == 0 and state() == before


def test_each_change_keeps_the_capaian_against_the_period_target_for_the_leaders_reports(world):
    indikator = world.numeric()
    nomor = world.open_plan.periode.nomor
    mode = selectors.akumulasi_of(indikator)
    with on_day(world.day):
        first = save(world, nilai="10")
        assert first.capaian == rules.period_numbers(indikator, nomor, Decimal(10), mode)[1]
        second = save(world, nilai="1.000", kunci=first.kunci)
    expected = rules.period_numbers(indikator, nomor, Decimal(1000), mode)[1]
    assert expected is not None and second.capaian == expected
    assert Realisasi.objects.get(pk=first.pk).capaian == expected
    if world.qualitative() is not None:
        with on_day(world.day):
            statement = save(world, indikator=world.qualitative(), nilai_teks="Selesai")
        assert statement.capaian is None


# Refusals -------------------------------------------------------------------------------------------------------


def test_two_people_editing_one_realisasi_the_second_gets_a_conflict(world):
    with on_day(world.day):
        first = save(world, nilai="10")
        save(world, nilai="20", kunci=first.kunci)  # the first tab saves
        before = state()
        with pytest.raises(ConflictError):
            save(world, nilai="30", kunci=first.kunci)  # the second tab, with the kunci it loaded
        with pytest.raises(ConflictError):
            save(world, nilai="30")  # a form that did not know it existed
    assert state() == before


def test_a_realisasi_on_an_skp_not_approved_is_refused(cast, world):
    draft = planning_services.skp_start(
        actor=cast.pegawai, pegawai=cast.pegawai.pegawai, tahun=world.skp.mulai.year
    )
    with on_day(world.day), refused(state=state) as error:
        services.realisasi_save(
            actor=cast.pegawai, skp=draft, periode=world.open_plan.periode, indikator_id=1, nilai="5"
        )
    assert "belum disetujui" in str(error.value)


def test_a_period_outside_the_skp_span_is_refused(world):
    # The SKP ends with the period before (a transfer mid-year): the last period is not its own.
    SKP.objects.filter(pk=world.skp.pk).update(selesai=world.closed_plan.periode.selesai)
    with on_day(world.day), refused(state=state) as error:
        save(world, nilai="5")
    assert "di luar" in str(error.value)


def test_after_the_deadline_refused_and_accepted_once_the_period_is_reopened(world):
    closed = world.closed_plan
    with on_day(world.day), refused(state=state) as error:
        save(world, plan=closed, nilai="5")
    assert "ditutup" in str(error.value)
    Pembukaan.objects.create(
        periode=closed.periode,
        pegawai=world.skp.pegawai,
        sampai=world.day + datetime.timedelta(days=3),
        alasan="x",
    )
    # The demo may have filled the closed period already: then this is a change, with the kunci it has.
    indikator = world.numeric(closed)
    existing = Realisasi.objects.filter(
        skp=world.skp, periode=closed.periode, indikator_id=indikator["id"]
    ).first()
    kunci = existing.kunci if existing else None
    with on_day(world.day):
        saved = save(world, plan=closed, nilai="5", kunci=kunci)
    assert saved.nilai_angka == 5
    with on_day(world.day + datetime.timedelta(days=4)), refused(state=state):
        save(world, plan=closed, nilai="6", kunci=saved.kunci)


def test_before_a_period_starts_it_cannot_be_filled(world):
    with on_day(world.open_plan.periode.mulai - datetime.timedelta(days=1)), refused(state=state):
        save(world, nilai="5")


@pytest.mark.parametrize(
    ("nilai", "word"),
    [
        ("sembilan puluh", "angka"),
        ("", "wajib"),
        ("-3", "negatif"),
        ("1e20", "angka"),
        ("100000000000000", "besar"),
    ],
)
def test_text_where_a_number_is_due_is_refused_on_its_field(world, nilai, word):
    with on_day(world.day), refused("nilai", state=state) as error:
        save(world, nilai=nilai)
    assert word in " ".join(error.value.message_dict["nilai"])


def test_an_indikator_not_in_the_version_in_force_is_refused(world):
    with on_day(world.day), refused(state=state):
        save(world, indikator={"id": 999999999}, nilai="5")


def test_someone_else_cannot_record_on_the_skp(cast, world):
    with on_day(world.day), pytest.raises(PermissionDenied):
        services.realisasi_save(
            actor=cast.kepala_dinas,
            skp=world.skp,
            periode=world.open_plan.periode,
            indikator_id=world.numeric()["id"],
            nilai="5",
        )


def test_a_qualitative_indikator_needs_a_statement_and_a_numeric_one_a_number():
    values, errors = realisasi_values({"jenis_target": "kualitatif"}, "", "  ", "")
    assert list(errors) == ["nilai_teks"]
    values, errors = realisasi_values({"jenis_target": "kualitatif"}, "", "Terlaksana tepat waktu", "n")
    assert not errors and values == {
        "nilai_angka": None,
        "nilai_teks": "Terlaksana tepat waktu",
        "narasi": "n",
    }
    values, errors = realisasi_values({"jenis_target": "angka", "satuan": "%"}, "92,5", "", "")
    assert not errors and values["nilai_angka"] == Decimal("92.50")


# Evidence -------------------------------------------------------------------------------------------------------


@pytest.fixture
def recorded(world):
    with on_day(world.day):
        return save(world, nilai="10")


@pytest.mark.parametrize(
    ("name", "data", "tipe"),
    [
        ("Foto HP.JPG", JPEG, "image/jpeg"),
        ("laporan.pdf", PDF, "application/pdf"),
        ("grafik.png", PNG, "image/png"),
        ("notulen.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("catatan.odt", ODT, "application/vnd.oasis.opendocument.text"),
    ],
)
def test_a_file_is_stored_under_a_random_name_with_its_fingerprint_and_detected_type(
    world, recorded, name, data, tipe
):
    seq = last_seq()
    with on_day(world.day):
        bukti = services.bukti_upload(
            actor=world.user, realisasi=recorded, berkas=upload(name, data, "text/plain"), judul="Bukti"
        )
    assert re.fullmatch(rf"bukti/{world.day.year}/[0-9a-f]{{32}}", bukti.berkas.name)
    assert stored_files() == [bukti.berkas.name]
    assert bukti.nama_asli == name and bukti.tipe == tipe and bukti.ukuran == len(data)
    assert bukti.sha256 == hashlib.sha256(data).hexdigest()
    with bukti.berkas.open("rb") as handle:
        assert handle.read() == data
    one_event(seq, "monitoring.bukti.upload", world.user, bukti, alone=True)


@pytest.mark.parametrize(
    ("name", "data", "word"),
    [
        ("program.exe", EXE, "tidak diterima"),
        ("laporan.pdf", EXE, "tidak diterima"),  # an executable named as a PDF
        ("halaman.html", HTML, "tidak diterima"),
        ("arsip.zip", ZIP, "tidak diterima"),
        ("foto.pdf", JPEG, "isinya"),  # a photo named as a PDF
        ("laporan.docx", PDF, "isinya"),
        ("kosong.pdf", b"", "kosong"),
    ],
)
def test_a_file_of_the_wrong_kind_is_refused_and_nothing_is_stored(world, recorded, name, data, word):
    with on_day(world.day), refused("berkas", state=state) as error:
        services.bukti_upload(actor=world.user, realisasi=recorded, berkas=upload(name, data))
    assert word in " ".join(error.value.message_dict["berkas"])
    assert stored_files() == []


def test_an_oversized_file_is_refused_and_nothing_is_stored(settings, world, recorded):
    settings.BUKTI_MAX_BYTES = 1024
    with on_day(world.day), refused("berkas", state=state) as error:
        services.bukti_upload(actor=world.user, realisasi=recorded, berkas=upload("besar.pdf", PDF * 10))
    assert "terlalu besar" in " ".join(error.value.message_dict["berkas"])
    assert stored_files() == []


def test_a_file_whose_database_row_fails_is_removed_from_storage(monkeypatch, world, recorded):
    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(BuktiDukung, "save", broken)
    with on_day(world.day), pytest.raises(RuntimeError):
        services.bukti_upload(actor=world.user, realisasi=recorded, berkas=upload("a.jpg", JPEG))
    assert stored_files() == []


@pytest.mark.parametrize(
    "tautan",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<b>x</b>",
        "/relatif/saja",
        "ftp://x.id/a",
        "",
    ],
)
def test_a_link_that_is_not_http_is_refused(world, recorded, tautan):
    with on_day(world.day), refused("tautan", state=state):
        services.bukti_link(actor=world.user, realisasi=recorded, tautan=tautan)


def test_an_http_link_is_kept(world, recorded):
    with on_day(world.day):
        bukti = services.bukti_link(
            actor=world.user, realisasi=recorded, tautan=" https://drive.example.id/x ", judul="Folder"
        )
    assert bukti.tautan == "https://drive.example.id/x" and bukti.jenis == "tautan"


def test_evidence_on_a_closed_period_or_by_someone_else_is_refused(cast, world, recorded):
    with on_day(world.closed_plan.periode.tenggat_input + datetime.timedelta(days=400)), refused(state=state):
        services.bukti_upload(actor=world.user, realisasi=recorded, berkas=upload("a.jpg", JPEG))
    with on_day(world.day), pytest.raises(PermissionDenied):
        services.bukti_link(actor=cast.kepala_dinas, realisasi=recorded, tautan="https://x.id")
    assert stored_files() == []


def test_withdrawing_needs_a_reason_keeps_the_evidence_and_only_while_open(world, recorded):
    with on_day(world.day):
        bukti = services.bukti_upload(actor=world.user, realisasi=recorded, berkas=upload("a.jpg", JPEG))
        with refused("reason", state=state):
            services.bukti_withdraw(actor=world.user, bukti=bukti, alasan="  ")
        seq = last_seq()
        done = services.bukti_withdraw(actor=world.user, bukti=bukti, alasan="Foto salah.")
        with refused(state=state):
            services.bukti_withdraw(actor=world.user, bukti=bukti, alasan="Lagi.")
    assert (
        done.ditarik_at is not None and done.ditarik_oleh == world.user and done.alasan_tarik == "Foto salah."
    )
    assert BuktiDukung.objects.filter(pk=bukti.pk).exists() and stored_files() == [bukti.berkas.name]
    assert one_event(seq, "monitoring.bukti.withdraw", world.user, bukti).reason == "Foto salah."
    other = None
    with on_day(world.day):
        other = services.bukti_link(actor=world.user, realisasi=recorded, tautan="https://x.id")
    with on_day(world.day + datetime.timedelta(days=400)), refused(state=state):
        services.bukti_withdraw(actor=world.user, bukti=other, alasan="Terlambat.")


# One step: the realisasi with its photo and link -----------------------------------------------------------


def test_one_step_records_the_realisasi_with_a_photo_and_a_link(world):
    with on_day(world.day):
        saved = services.realisasi_record(
            actor=world.user,
            skp=world.skp,
            periode=world.open_plan.periode,
            indikator_id=world.numeric()["id"],
            nilai="92,5",
            berkas=upload("IMG_0001.jpg", JPEG),
            tautan="https://drive.example.id/a",
        )
    assert sorted(saved.bukti.values_list("jenis", flat=True)) == ["berkas", "tautan"]
    assert len(stored_files()) == 1


def test_one_step_reports_every_problem_at_once_and_saves_nothing(world):
    with on_day(world.day), refused(state=state) as error:
        services.realisasi_record(
            actor=world.user,
            skp=world.skp,
            periode=world.open_plan.periode,
            indikator_id=world.numeric()["id"],
            nilai="banyak",
            berkas=upload("virus.exe", EXE),
            tautan="javascript:alert(1)",
        )
    assert set(error.value.message_dict) == {"nilai", "berkas", "tautan"}
    assert not Realisasi.objects.filter(skp=world.skp, periode=world.open_plan.periode).exists()


def test_one_step_refuses_without_a_file_left_when_the_file_fails_after_the_realisasi(monkeypatch, world):
    def broken(*args, **kwargs):
        raise ApplicationError("storage refused")

    monkeypatch.setattr(services.bukti.default_storage, "save", broken)
    with on_day(world.day), refused(state=state):
        services.realisasi_record(
            actor=world.user,
            skp=world.skp,
            periode=world.open_plan.periode,
            indikator_id=world.numeric()["id"],
            nilai="5",
            berkas=upload("a.jpg", JPEG),
        )


# Reading a file's kind never trusts, never fails ----------------------------------------------------------------


@given(st.binary(max_size=300))
@hypothesis_settings(max_examples=200, deadline=None)
def test_any_bytes_are_read_without_an_error_and_only_known_kinds_pass(data):
    kind = file_kind(io.BytesIO(data))
    assert kind is None or kind in rules.CONTENT_TYPES


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04" + b"\x00" * 100,  # a zip header with nothing behind it
        b"PK\x03\x04garbage[Content_Types].xml word/",  # names in the bytes, not in a directory
        zipped({"[Content_Types].xml": b"", "word/document.xml": b"", "word/vbaProject.bin": b"MZ"})[:60],
    ],
    ids=["header-only", "names-without-directory", "cut-short"],
)
def test_a_damaged_zip_is_not_an_office_document(data):
    assert file_kind(io.BytesIO(data)) is None
