"""Sanctions on record: the admin BKPSDM records a decision with its decree's scan (the end filled from the
punishment's duration when left empty) and cancels one with a reason; every refusal names each problem on its
field and leaves the rows, the notifications, the audit trail and the storage as they were. A decision in force
is what the promotion rule and the evaluation read (selectors.catatan.sanctions_in_force)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.core import clock
from kinerja.core.models import Notifikasi
from kinerja.core.testing.helpers import db_state, denied, last_seq, one_event, refused
from kinerja.criteria import services as criteria_services
from kinerja.monitoring import discipline, services
from kinerja.monitoring.models import SanksiDisiplin
from kinerja.monitoring.selectors import catatan
from kinerja.monitoring.tests.realisasi_kit import media, stored_files  # noqa: F401
from kinerja.monitoring.tests.routes_catatan import decree
from kinerja.org.models import Pegawai
from kinerja.testkit import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]
DAY = datetime.timedelta(days=1)


def state():
    return db_state([SanksiDisiplin, Notifikasi]), stored_files("sanksi")


@pytest.fixture
def today(cast):
    return clock.today(cast.pegawai.pegawai.instansi)


def record(cast, actor=None, **values):
    today = clock.today(cast.pegawai.pegawai.instansi)
    fields = {
        "nip": cast.pegawai.pegawai.nip,
        "tingkat": "potong_tukin_6",
        "nomor_sk": "800/1/BKPSDM/2026",
        "tanggal_sk": today,
        "mulai": today,
        "berkas": decree(),
        **values,
    }
    return services.sanksi_create(
        actor=actor or cast.admin_bkpsdm, instansi=cast.pegawai.pegawai.instansi, **fields
    )


def test_the_bkpsdm_records_a_decision_with_its_scan_and_the_pegawai_is_told(cast, today):
    seq = last_seq()
    found = record(cast, uraian="Tidak masuk 12 hari tanpa keterangan.")
    assert found.pegawai == cast.pegawai.pegawai
    # six months from its first day, to the day before
    assert found.sampai == discipline.add_months(today, 6) - DAY
    assert found.tipe == "application/pdf" and found.nama_asli == "sk-hukdis.pdf" and len(found.sha256) == 64
    assert stored_files("sanksi") == [found.berkas.name]
    assert found.berkas.name.startswith(f"sanksi/{today.year}/") and "hukdis" not in found.berkas.name
    event = one_event(seq, "monitoring.sanksi.create", cast.admin_bkpsdm, found)
    assert event.changes["tingkat"] == [None, "potong_tukin_6"]
    assert event.pegawai_id == cast.pegawai.pegawai.pk
    note = Notifikasi.objects.get(penerima=cast.pegawai)
    assert "Pemotongan tunjangan kinerja 25% selama 6 bulan" in note.isi
    assert note.url == f"/pemantauan/sanksi/{found.pk}/"


def test_an_end_given_is_kept_and_a_light_one_is_served_on_its_day(cast, today):
    light = record(cast, tingkat="teguran_lisan", nomor_sk="A")
    assert light.sampai == light.mulai
    given = record(cast, tingkat="potong_tukin_9", nomor_sk="B", sampai=today + 100 * DAY)
    assert given.sampai == today + 100 * DAY
    dismissal = record(cast, tingkat="pemberhentian", nomor_sk="C")
    assert dismissal.sampai is None


def test_only_the_admin_bkpsdm_records(cast):
    for actor in (cast.pegawai, cast.atasan, cast.admin_pd, cast.tim_penilai, cast.auditor, cast.outsider):
        with denied(state=state):
            record(cast, actor=actor)


def test_every_problem_is_named_at_once_and_nothing_is_written(cast, today):
    with refused(state=state) as excinfo:
        record(
            cast,
            nip="199999999999999999",
            tingkat="hukuman_mati",
            nomor_sk="",
            tanggal_sk=today + DAY,
            mulai=today,
            sampai=today - 5 * DAY,
            berkas=SimpleUploadedFile("sk.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"),
        )
    errors = excinfo.value.message_dict
    assert set(errors) == {"nip", "tingkat", "nomor_sk", "tanggal_sk", "mulai", "sampai", "berkas"}
    assert "199999999999999999" in errors["nip"][0]
    assert "di masa depan" in errors["tanggal_sk"][0]


def test_an_end_before_the_start_is_refused(cast, today):
    with refused("sampai", state=state) as excinfo:
        record(cast, tanggal_sk=today - 30 * DAY, mulai=today - 10 * DAY, sampai=today - 11 * DAY)
    assert "sebelum" in excinfo.value.message_dict["sampai"][0]


def test_a_start_before_the_decree_and_an_end_of_a_dismissal_are_refused(cast, today):
    with refused("mulai", state=state):
        record(cast, tanggal_sk=today, mulai=today - DAY)
    with refused("sampai", state=state):
        record(cast, tingkat="pemberhentian", sampai=today + 400 * DAY)


def test_a_nip_of_another_instansi_and_a_missing_scan_are_refused(cast):
    with refused("nip", state=state):
        record(cast, nip=Pegawai.objects.exclude(instansi=cast.pegawai.pegawai.instansi).first().nip)
    with refused("berkas", state=state):
        record(cast, berkas=None)


def test_the_same_decree_twice_for_one_person_is_refused_until_cancelled(cast):
    first = record(cast)
    with refused("nomor_sk", state=state) as excinfo:
        record(cast)
    assert cast.pegawai.pegawai.nama_lengkap in excinfo.value.message_dict["nomor_sk"][0]
    services.sanksi_cancel(actor=cast.admin_bkpsdm, sanksi=first, reason="Tertukar dengan SK lain.")
    assert record(cast).pk != first.pk


def test_cancel_needs_a_reason_the_bkpsdm_and_happens_once(cast, today):
    found = record(cast)
    with refused("reason", state=state):
        services.sanksi_cancel(actor=cast.admin_bkpsdm, sanksi=found, reason="  ")
    with denied(state=state):
        services.sanksi_cancel(actor=cast.atasan, sanksi=found, reason="Bukan wewenang.")
    seq = last_seq()
    services.sanksi_cancel(actor=cast.admin_bkpsdm, sanksi=found, reason="SK dibatalkan oleh SK baru.")
    found.refresh_from_db()
    assert found.batal_at is not None and found.alasan_batal == "SK dibatalkan oleh SK baru."
    assert (
        one_event(seq, "monitoring.sanksi.cancel", cast.admin_bkpsdm, found).reason
        == "SK dibatalkan oleh SK baru."
    )
    assert SanksiDisiplin.objects.filter(pk=found.pk).exists()  # never deleted
    with refused(state=state):
        services.sanksi_cancel(actor=cast.admin_bkpsdm, sanksi=found, reason="Lagi.")
    assert catatan.sanctions_in_force([cast.pegawai.pegawai.pk], today) == {}


def test_a_file_whose_row_fails_is_removed_from_storage(cast, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(services.sanksi, "notify", broken)
    with pytest.raises(RuntimeError):
        record(cast)
    assert stored_files("sanksi") == []
    assert not SanksiDisiplin.objects.filter(pegawai=cast.pegawai.pegawai).exists()


def test_in_force_is_read_for_many_people_in_one_query(cast, today):
    start = today - 40 * DAY
    record(cast, tingkat="potong_tukin_6", tanggal_sk=start, mulai=start, nomor_sk="X")
    record(cast, tingkat="teguran_lisan", tanggal_sk=start, mulai=start, nomor_sk="Y")  # served on its day
    people = [cast.pegawai.pegawai.pk, cast.atasan.pegawai.pk]
    with CaptureQueriesContext(connection) as ctx:
        found = catatan.sanctions_in_force(people, today)
    assert len(ctx.captured_queries) == 1
    assert [s.nomor_sk for s in found[cast.pegawai.pegawai.pk]] == ["X"]
    assert cast.atasan.pegawai.pk not in found
    assert catatan.sanctions_in_force(people, start - DAY) == {}
    assert [s.nomor_sk for s in catatan.sanctions_in_force(people, start)[cast.pegawai.pegawai.pk]] == [
        "X",
        "Y",
    ]


def test_promotion_is_barred_by_a_sanction_in_force_unless_the_framework_in_force_lifts_it():
    org = factories.organisation()
    today = clock.today(org.instansi)
    start = today - 10 * DAY
    found = services.sanksi_create(
        actor=org.admin,
        instansi=org.instansi,
        nip=org.staf.nip,
        tingkat="potong_tukin_6",
        nomor_sk="800/5/BKPSDM",
        tanggal_sk=start,
        mulai=start,
        berkas=decree(),
    )
    people = [org.staf.pk, org.kepala.pk]
    assert catatan.promotion_barred(org.instansi.pk, people, today) == {org.staf.pk: [found]}
    draft = criteria_services.kerangka_start(actor=org.admin, instansi=org.instansi, tahun=today.year)
    criteria_services.kerangka_update_settings(actor=org.admin, kerangka=draft, promosi_tanpa_hukuman=False)
    criteria_services.kerangka_publish(
        actor=org.admin, kerangka=draft, berlaku_mulai=today, alasan="Syarat kenaikan pangkat diubah"
    )
    assert catatan.promotion_barred(org.instansi.pk, people, today) == {}
    assert catatan.promotion_barred(org.instansi.pk, people, today - DAY) == {org.staf.pk: [found]}
