"""The innovation log: a pegawai's draft (only its name needed), submitted when complete to the pejabat penilai
of today's organisation chart, verified or returned with a reason by that penilai alone, corrected and submitted
again, withdrawn while it waits. Every refusal leaves the rows, the notifications, the audit trail and the
storage as they were; verified innovations of a year are read for many people in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.core import clock
from kinerja.core.errors import ConflictError
from kinerja.core.models import Notifikasi
from kinerja.core.testing.helpers import db_state, denied, last_seq, one_event, refused
from kinerja.monitoring import permissions, services
from kinerja.monitoring.models import Inovasi
from kinerja.monitoring.selectors import catatan
from kinerja.monitoring.tests.realisasi_kit import media, stored_files  # noqa: F401
from kinerja.monitoring.tests.routes_catatan import decree, inovasi

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def state():
    return db_state([Inovasi, Notifikasi]), stored_files("inovasi")


@pytest.fixture
def year(cast):
    return clock.today(cast.pegawai.pegawai.instansi).year


def test_a_draft_needs_only_its_name_and_is_audited(cast, year):
    seq = last_seq()
    draft = services.inovasi_create(actor=cast.pegawai, tahun=year, judul="Antrean daring")
    assert draft.status == "draf" and draft.pegawai == cast.pegawai.pegawai and draft.tahun == year
    assert one_event(seq, "monitoring.inovasi.create", cast.pegawai, draft).changes["judul"] == [
        None,
        "Antrean daring",
    ]


def test_a_draft_without_a_name_a_bad_link_a_bad_file_and_a_far_year_is_refused_all_at_once(cast, year):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with refused(state=state) as excinfo:
        services.inovasi_create(
            actor=cast.pegawai,
            tahun=year - 3,
            judul="  ",
            tautan="javascript:alert(1)",
            berkas=SimpleUploadedFile("a.pdf", b"MZ not a pdf", content_type="application/pdf"),
        )
    assert set(excinfo.value.message_dict) == {"tahun", "judul", "tautan", "berkas"}


def test_an_account_without_an_employee_cannot_record_one(cast, year):
    with denied(state=state):
        services.inovasi_create(actor=cast.admin_bkpsdm, tahun=year, judul="Bukan pegawai")


def test_an_incomplete_draft_is_not_submitted_and_names_what_is_missing(cast, year):
    draft = services.inovasi_create(
        actor=cast.pegawai, tahun=year, judul="Antrean daring", masalah="Antre lama"
    )
    with refused(state=state) as excinfo:
        services.inovasi_ajukan(actor=cast.pegawai, inovasi=draft)
    message = excinfo.value.messages[0]
    assert "apa yang berubah" in message and "bukti" in message and "masalah" not in message


def test_submitting_goes_to_the_penilai_of_today_who_is_told(cast):
    found = inovasi(cast)
    seq = last_seq()
    found = services.inovasi_ajukan(actor=cast.pegawai, inovasi=found)
    assert found.status == "diajukan" and found.penilai == cast.atasan.pegawai
    event = one_event(seq, "monitoring.inovasi.ajukan", cast.pegawai, found)
    assert event.changes["status"] == ["draf", "diajukan"]
    assert Notifikasi.objects.filter(penerima=cast.atasan, url=f"/pemantauan/inovasi/{found.pk}/").exists()
    assert found.pk in [i.pk for i in catatan.innovations_waiting_for(cast.atasan.pegawai, clock.today())]


@pytest.mark.parametrize("who", ["pegawai", "kepala_dinas", "sekda", "admin_bkpsdm", "admin_pd", "outsider"])
def test_only_the_penilai_verifies(cast, who):
    found = inovasi(cast, submit=True)
    with denied(state=state):
        services.inovasi_verifikasi(actor=getattr(cast, who), inovasi=found)
    with denied(state=state):
        services.inovasi_kembalikan(actor=getattr(cast, who), inovasi=found, reason="Tidak lengkap")


@pytest.mark.parametrize("who", ["atasan", "kepala_dinas", "admin_bkpsdm"])
def test_only_the_pegawai_changes_submits_and_withdraws(cast, who, year):
    draft = inovasi(cast)
    with denied(state=state):
        services.inovasi_ajukan(actor=getattr(cast, who), inovasi=draft)
    with denied(state=state):
        services.inovasi_update(actor=getattr(cast, who), inovasi=draft, kunci=None, tahun=year, judul="X")
    waiting = inovasi(cast, submit=True, judul="Kedua")
    with denied(state=state):
        services.inovasi_tarik(actor=getattr(cast, who), inovasi=waiting)


def test_verified_it_counts_on_the_record_of_its_year(cast, year):
    found = inovasi(cast, submit=True)
    seq = last_seq()
    found = services.inovasi_verifikasi(actor=cast.atasan, inovasi=found)
    assert found.status == "diverifikasi" and found.diverifikasi_oleh == cast.atasan.pegawai
    one_event(seq, "monitoring.inovasi.verifikasi", cast.atasan, found)
    assert Notifikasi.objects.filter(penerima=cast.pegawai, url=f"/pemantauan/inovasi/{found.pk}/").exists()
    people = [cast.pegawai.pegawai.pk, cast.atasan.pegawai.pk]
    with CaptureQueriesContext(connection) as ctx:
        verified = catatan.verified_innovations(people, year)
    assert len(ctx.captured_queries) == 1
    assert [i.pk for i in verified[cast.pegawai.pegawai.pk]] == [found.pk]
    assert cast.pegawai.pegawai.pk not in catatan.verified_innovations(people, year - 1)
    # final: no action is left to anyone
    assert permissions.inovasi_actions(cast.pegawai, found) == []
    assert permissions.inovasi_actions(cast.atasan, found) == []
    with refused(state=state):
        services.inovasi_kembalikan(actor=cast.atasan, inovasi=found, reason="Terlambat")


def test_returned_with_a_reason_corrected_and_submitted_again(cast, year):
    found = inovasi(cast, submit=True)
    with refused("reason", state=state):
        services.inovasi_kembalikan(actor=cast.atasan, inovasi=found, reason=" ")
    found = services.inovasi_kembalikan(
        actor=cast.atasan, inovasi=found, reason="Tambahkan data sebelum/sesudah."
    )
    assert found.status == "dikembalikan" and found.alasan_kembali == "Tambahkan data sebelum/sesudah."
    found = services.inovasi_update(
        actor=cast.pegawai,
        inovasi=found,
        kunci=found.kunci,
        tahun=year,
        judul=found.judul,
        masalah=found.masalah,
        perubahan=found.perubahan,
        dampak="Waktu tunggu 120 menit (Januari) menjadi 15 menit (Juni).",
        tautan=found.tautan,
    )
    found = services.inovasi_ajukan(actor=cast.pegawai, inovasi=found)
    assert found.status == "diajukan" and found.alasan_kembali == ""


def test_a_submission_waits_unchanged_until_withdrawn(cast, year):
    found = inovasi(cast, submit=True)
    with refused(state=state):
        services.inovasi_update(
            actor=cast.pegawai, inovasi=found, kunci=found.kunci, tahun=year, judul="Ganti"
        )
    found = services.inovasi_tarik(actor=cast.pegawai, inovasi=found)
    assert found.status == "draf"
    assert found.pk not in [i.pk for i in catatan.innovations_waiting_for(cast.atasan.pegawai, clock.today())]


def test_a_stale_form_is_refused_and_a_new_file_replaces_the_old_one(
    cast, year, django_capture_on_commit_callbacks
):
    found = inovasi(cast)
    old = found.berkas.name
    with refused(state=state) as excinfo:
        services.inovasi_update(
            actor=cast.pegawai, inovasi=found, kunci=found.kunci + 1, tahun=year, judul="X"
        )
    assert isinstance(excinfo.value, ConflictError)
    with django_capture_on_commit_callbacks(execute=True):
        found = services.inovasi_update(
            actor=cast.pegawai,
            inovasi=found,
            kunci=found.kunci,
            tahun=year,
            judul=found.judul,
            berkas=decree("laporan-baru.pdf"),
        )
    assert found.nama_asli == "laporan-baru.pdf"
    assert stored_files("inovasi") == [found.berkas.name] and found.berkas.name != old


def test_no_penilai_in_the_chart_refuses_the_submission(cast, year):
    found = services.inovasi_create(
        actor=cast.sekda,
        tahun=year,
        judul="Rapat tanpa kertas",
        masalah="Kertas",
        perubahan="Tablet",
        dampak="Hemat",
        tautan="https://contoh.go.id/a",
    )
    if permissions.org_selectors.penilai_chain(cast.sekda.pegawai, clock.today()).penilai is not None:
        pytest.skip("the demo's sekda has a penilai")
    with refused(state=state):
        services.inovasi_ajukan(actor=cast.sekda, inovasi=found)
