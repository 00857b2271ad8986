"""Dialog kinerja: either party records it (confirmed by them), the other confirms it, either marks an agreed
action done; every refusal leaves the dialogues, their actions, the notifications and the audit trail unchanged.

The demo: `pegawai` gets an approved SKP (routes_dialog.approved_skp) whose penilai is `atasan`."""

import datetime

import pytest

from kinerja.core import clock
from kinerja.core.models import Notifikasi
from kinerja.core.testing.helpers import db_state, denied, last_seq, one_event, refused
from kinerja.monitoring import selectors, services
from kinerja.monitoring.models import DialogKinerja, TindakLanjut
from kinerja.monitoring.tests.routes_dialog import approved_skp, dialog

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def state():
    return db_state([DialogKinerja, TindakLanjut, Notifikasi])


@pytest.fixture
def skp(cast):
    return approved_skp(cast.pegawai, cast.atasan)


@pytest.fixture
def today(skp):
    return clock.today(skp.instansi)


def record(cast, skp, today, *, by="pegawai", **values):
    fields = {
        "jenis": "coaching",
        "tanggal": today,
        "topik": "Ketepatan laporan",
        "catatan": "Laporan terlambat.",
        "tindak_lanjut": [
            {"uraian": "Kirim laporan tepat waktu", "pemilik": "pegawai", "tenggat": today + 7 * DAY},
            {"uraian": "Sediakan templat laporan", "pemilik": "penilai", "tenggat": today + 3 * DAY},
        ],
    }
    fields.update(values)
    return services.dialog_create(actor=getattr(cast, by), skp=skp, **fields)


def test_the_pegawai_records_a_dialogue_and_the_penilai_is_asked_to_confirm(cast, skp, today):
    seq = last_seq()
    found = record(cast, skp, today)
    assert (found.penilai_id, found.dicatat_oleh_id) == (cast.atasan.pegawai_id, cast.pegawai.pegawai_id)
    assert found.dikonfirmasi_pegawai_at is not None and found.dikonfirmasi_penilai_at is None
    owners = [(a.uraian, a.pemilik_id) for a in selectors.dialog.actions_of(found)]
    assert owners == [
        ("Sediakan templat laporan", cast.atasan.pegawai_id),
        ("Kirim laporan tepat waktu", cast.pegawai.pegawai_id),
    ]
    assert Notifikasi.objects.filter(penerima=cast.atasan, url=f"/pemantauan/dialog/{found.pk}/").exists()
    one_event(seq, "monitoring.dialog.create", cast.pegawai, found)


def test_the_penilai_records_one_with_an_owner_given_as_a_person(cast, skp, today):
    rows = [{"uraian": "Ikut pelatihan", "pemilik": cast.pegawai.pegawai, "tenggat": today}]
    found = record(cast, skp, today, by="atasan", tindak_lanjut=rows)
    assert found.dikonfirmasi_penilai_at is not None and found.dikonfirmasi_pegawai_at is None
    assert found.tindak_lanjut.get().pemilik_id == cast.pegawai.pegawai_id


@pytest.mark.parametrize(
    "role",
    ["kepala_dinas", "sekda", "admin_bkpsdm", "tim_penilai", "auditor", "superuser", "admin_pd", "outsider"],
)
def test_only_the_two_parties_record_a_dialogue(cast, skp, today, role):
    with denied(state=state):
        record(cast, skp, today, by=role)


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("tanggal", {"tanggal": None}),
        ("jenis", {"jenis": "rapat"}),
        ("topik", {"topik": "  "}),
        ("topik", {"topik": "x" * 201}),
        ("catatan", {"catatan": ""}),
    ],
)
def test_an_incomplete_dialogue_is_refused(cast, skp, today, field, values):
    with refused(field, state=state):
        record(cast, skp, today, **values)


def test_a_dialogue_in_the_future_is_refused(cast, skp, today):
    with refused("tanggal", "Tanggal dialog tidak boleh di masa depan.", state=state):
        record(cast, skp, today + DAY, tindak_lanjut=[])


def test_a_dialogue_before_the_skp_starts_is_refused(cast, skp, today):
    with refused("tanggal", state=state):
        record(cast, skp, skp.mulai - DAY, tindak_lanjut=[])


def test_every_problem_of_the_actions_is_named_at_once(cast, skp, today):
    rows = [
        {"uraian": "Kirim laporan", "pemilik": "pegawai", "tenggat": today - DAY},
        {"uraian": "", "pemilik": "atasan langsung", "tenggat": None},
        {"uraian": "Ikut rapat", "pemilik": cast.kepala_dinas.pegawai, "tenggat": today},
    ]
    with refused("tindak_lanjut", state=state) as error:
        record(cast, skp, today, tindak_lanjut=rows)
    problems = error.value.message_dict["tindak_lanjut"]
    assert len(problems) == 5, problems
    assert problems[0].startswith("Tindak lanjut 1")


def test_the_other_party_confirms_once(cast, skp, today):
    found = record(cast, skp, today)
    seq = last_seq()
    confirmed = services.dialog_confirm(actor=cast.atasan, dialog=found)
    assert confirmed.dikonfirmasi_penilai_at is not None
    one_event(seq, "monitoring.dialog.confirm", cast.atasan, found)
    assert Notifikasi.objects.filter(penerima=cast.pegawai, url=f"/pemantauan/dialog/{found.pk}/").exists()
    with refused(message=None, state=state) as error:
        services.dialog_confirm(actor=cast.atasan, dialog=found)
    assert "sudah mengonfirmasi" in error.value.messages[0]


def test_the_author_does_not_confirm_again(cast, skp, today):
    found = record(cast, skp, today)
    with refused(state=state):
        services.dialog_confirm(actor=cast.pegawai, dialog=found)


@pytest.mark.parametrize("role", ["kepala_dinas", "admin_bkpsdm", "outsider"])
def test_no_one_else_confirms(cast, skp, today, role):
    found = record(cast, skp, today)
    with denied(state=state):
        services.dialog_confirm(actor=getattr(cast, role), dialog=found)


def test_an_action_is_marked_done_by_either_party_once(cast, skp, today):
    found = record(cast, skp, today)
    mine, theirs = selectors.dialog.actions_of(found)
    seq = last_seq()
    done = services.tindak_lanjut_done(actor=cast.pegawai, tindak_lanjut=mine)
    assert done.selesai_at is not None
    one_event(seq, "monitoring.tindak_lanjut.done", cast.pegawai, mine)
    services.tindak_lanjut_done(actor=cast.atasan, tindak_lanjut=theirs)
    with refused(state=state):
        services.tindak_lanjut_done(actor=cast.atasan, tindak_lanjut=mine)


@pytest.mark.parametrize("role", ["kepala_dinas", "auditor", "admin_pd"])
def test_no_one_else_marks_an_action_done(cast, skp, today, role):
    action = record(cast, skp, today).tindak_lanjut.first()
    with denied(state=state):
        services.tindak_lanjut_done(actor=getattr(cast, role), tindak_lanjut=action)


def test_a_correction_asks_the_other_party_again_and_stops_once_both_confirmed(cast, skp, today):
    found = record(cast, skp, today)
    services.dialog_confirm(actor=cast.atasan, dialog=found)
    found = DialogKinerja.objects.get(pk=found.pk)
    with refused(
        message="Kedua pihak sudah mengonfirmasi dialog ini; catatannya tidak dapat diubah lagi.", state=state
    ):
        services.dialog_update(
            actor=cast.atasan,
            dialog=found,
            kunci=found.kunci,
            jenis="coaching",
            tanggal=today,
            topik="Baru",
            catatan="Baru",
        )


def test_a_correction_before_both_confirmed(cast, skp, today):
    found = record(cast, skp, today)
    seq = last_seq()
    changed = services.dialog_update(
        actor=cast.atasan,
        dialog=found,
        kunci=found.kunci,
        jenis="mentoring",
        tanggal=today,
        topik="Topik",
        catatan="Catatan",
    )
    assert changed.dikonfirmasi_penilai_at is not None and changed.dikonfirmasi_pegawai_at is None
    one_event(seq, "monitoring.dialog.update", cast.atasan, found)
    with refused(state=state):  # a form that saw the earlier record
        services.dialog_update(
            actor=cast.pegawai,
            dialog=found,
            kunci=found.kunci,
            jenis="coaching",
            tanggal=today,
            topik="X",
            catatan="Y",
        )


def test_the_home_card_lists_overdue_and_waiting(cast, skp, today):
    found = record(cast, skp, today)
    TindakLanjut.objects.filter(dialog=found, pemilik=cast.pegawai.pegawai).update(tenggat=today - DAY)
    DialogKinerja.objects.filter(pk=found.pk).update(tanggal=today - 3 * DAY)
    atasan = selectors.dialog.actions_summary(cast.atasan.pegawai_id, today)
    assert found.pk in [d.pk for d in atasan.waiting]  # with the demo's own
    assert "Kirim laporan tepat waktu" in [a.uraian for a in atasan.overdue]
    pegawai = selectors.dialog.actions_summary(cast.pegawai.pegawai_id, today)
    assert pegawai.waiting == [] and len(pegawai.overdue) == 1 and len(pegawai.upcoming) == 1
    summary = selectors.dialog.actions_summary(cast.kepala_dinas.pegawai_id, today)
    assert summary is None or found.pk not in [d.pk for d in summary.waiting]


def test_the_fixture_dialog_is_valid(cast, skp):
    assert dialog(cast, skp).tindak_lanjut.count() == 1
