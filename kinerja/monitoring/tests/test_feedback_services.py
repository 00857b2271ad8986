"""Umpan balik berkelanjutan: the penilai of the period comments, the pegawai replies after a comment, anyone else
is refused; each refusal leaves the thread, the notifications and the audit trail as they were.

The demo: `pegawai` gets an approved SKP (routes_dialog.approved_skp) whose penilai is `atasan`."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings

from conftest import YEAR
from kinerja.accounts.models import User
from kinerja.core.models import Notifikasi
from kinerja.core.testing.helpers import db_state, denied, last_seq, one_event, refused
from kinerja.monitoring import permissions, selectors, services
from kinerja.monitoring.models import UmpanBalik
from kinerja.monitoring.services.umpan_balik import MAX_ISI
from kinerja.monitoring.tests.routes_dialog import approved_skp, current_periode, periode, realisasi
from kinerja.org import services as org_services
from kinerja.org.models import Penugasan
from kinerja.testkit import factories

pytestmark = pytest.mark.django_db


def state():
    return db_state([UmpanBalik, Notifikasi])


def waiting_on(skp, user) -> list[int]:
    """The realisations of this SKP in the user's queue (the demo has others waiting for the same people)."""
    return [r.pk for r in selectors.feedback.waiting(user) if r.skp_id == skp.pk]


@pytest.fixture
def skp(cast):
    return approved_skp(cast.pegawai, cast.atasan)


@pytest.fixture
def found(cast, skp):
    return realisasi(skp, current_periode(skp), by=cast.pegawai)


def test_the_penilai_comments_and_the_pegawai_is_notified(cast, found):
    seq = last_seq()
    message = services.umpan_balik_add(actor=cast.atasan, realisasi=found, isi="  Bagus.\nPertahankan.  ")
    assert (message.peran, message.isi, message.penulis_id) == (
        "penilai",
        "Bagus.\nPertahankan.",
        cast.atasan.pegawai_id,
    )
    note = Notifikasi.objects.get(penerima=cast.pegawai, url__contains="/realisasi/")
    assert note.url == f"/pemantauan/realisasi/{found.pk}/#umpan-balik"
    event = one_event(seq, "monitoring.umpan_balik.comment", cast.atasan, message)
    assert event.changes["isi"] == "Bagus.\nPertahankan."


def test_the_pegawai_replies_after_a_comment_and_the_penilai_of_the_period_is_notified(cast, found):
    services.umpan_balik_add(actor=cast.atasan, realisasi=found, isi="Lampirkan bukti.")
    seq = last_seq()
    reply = services.umpan_balik_add(actor=cast.pegawai, realisasi=found, isi="Sudah saya lampirkan.")
    assert reply.peran == "pegawai"
    assert Notifikasi.objects.filter(penerima=cast.atasan, url__contains=f"/realisasi/{found.pk}/").exists()
    one_event(seq, "monitoring.umpan_balik.reply", cast.pegawai, reply)
    assert [m.peran for m in selectors.feedback.thread(found)] == ["penilai", "pegawai"]


@override_settings(NOTIFY_BY_EMAIL=True)
def test_a_comment_is_mailed_when_the_deployment_sends_email(
    cast, found, mailoutbox, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=cast.pegawai.pk).update(email="pegawai@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.umpan_balik_add(actor=cast.atasan, realisasi=found, isi="Bagus.")
    assert [m.to for m in mailoutbox] == [["pegawai@example.org"]]


def test_a_reply_before_any_comment_is_refused(cast, found):
    with refused("isi", state=state):
        services.umpan_balik_add(actor=cast.pegawai, realisasi=found, isi="Mohon tanggapannya.")


@pytest.mark.parametrize(
    "role",
    ["kepala_dinas", "sekda", "admin_bkpsdm", "tim_penilai", "auditor", "superuser", "admin_pd", "outsider"],
)
def test_no_one_else_writes_in_the_thread(cast, found, role):
    services.umpan_balik_add(actor=cast.atasan, realisasi=found, isi="Komentar.")
    with denied(state=state):
        services.umpan_balik_add(actor=getattr(cast, role), realisasi=found, isi="Saya ikut berkomentar.")


def test_the_penilai_does_not_reply_as_the_pegawai_and_the_pegawai_does_not_comment(cast, found):
    """The roles come from who writes: the atasan's second message is a comment, the pegawai's is a reply."""
    services.umpan_balik_add(actor=cast.atasan, realisasi=found, isi="Satu.")
    services.umpan_balik_add(actor=cast.atasan, realisasi=found, isi="Dua.")
    services.umpan_balik_add(actor=cast.pegawai, realisasi=found, isi="Tiga.")
    assert [m.peran for m in selectors.feedback.thread(found)] == ["penilai", "penilai", "pegawai"]


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_an_empty_message_is_refused(cast, found, text):
    with refused("isi", state=state):
        services.umpan_balik_add(actor=cast.atasan, realisasi=found, isi=text)


def test_an_overlong_message_is_refused(cast, found):
    with refused("isi", state=state):
        services.umpan_balik_add(actor=cast.atasan, realisasi=found, isi="x" * (MAX_ISI + 1))
    services.umpan_balik_add(actor=cast.atasan, realisasi=found, isi="x" * MAX_ISI)


def _penilai_changes_on_1_july(cast):
    """The atasan leaves the Kepala Seksi Imunisasi seat on 30 June; a newcomer holds it from 1 July."""
    seat = Penugasan.objects.get(pegawai=cast.atasan.pegawai, jabatan__nama="Kepala Seksi Imunisasi")
    org_services.penugasan_end(
        actor=cast.admin_bkpsdm, penugasan=seat, selesai=datetime.date(YEAR, 6, 30), reason="Mutasi"
    )
    newcomer = factories.pegawai(cast.admin_bkpsdm, cast.admin_bkpsdm.instansi, 901)
    factories.place(cast.admin_bkpsdm, newcomer, seat.jabatan, datetime.date(YEAR, 7, 1))
    return User.objects.get(pegawai=newcomer)


def test_a_penilai_who_changed_during_the_year_comments_only_on_their_own_periods(cast, skp):
    first = realisasi(skp, periode(skp, 1), by=cast.pegawai)
    second = realisasi(skp, current_periode(skp), by=cast.pegawai)
    new = _penilai_changes_on_1_july(cast)
    assert selectors.penilai_of_period(skp, periode(skp, 1)) == cast.atasan.pegawai_id
    assert selectors.penilai_of_period(skp, current_periode(skp)) == new.pegawai_id

    # the penilai of the first quarter comments on it, not on today's period
    services.umpan_balik_add(actor=cast.atasan, realisasi=first, isi="Triwulan satu baik.")
    with denied(state=state):
        services.umpan_balik_add(actor=cast.atasan, realisasi=second, isi="Triwulan ini?")
    # today's penilai comments on today's period, not on the first quarter
    services.umpan_balik_add(actor=new, realisasi=second, isi="Triwulan ini baik.")
    with denied(state=state):
        services.umpan_balik_add(actor=new, realisasi=first, isi="Triwulan satu?")
    # each one's queue holds their own period only
    assert waiting_on(skp, cast.atasan) == []
    services.umpan_balik_add(actor=cast.pegawai, realisasi=first, isi="Terima kasih.")
    services.umpan_balik_add(actor=cast.pegawai, realisasi=second, isi="Terima kasih.")
    assert waiting_on(skp, cast.atasan) == [first.pk]
    assert waiting_on(skp, new) == [second.pk]
    # the reply on the first quarter went to its penilai, the one on today's period to the newcomer
    assert Notifikasi.objects.filter(penerima=cast.atasan, url__contains=f"/realisasi/{first.pk}/").exists()
    assert not Notifikasi.objects.filter(
        penerima=cast.atasan, url__contains=f"/realisasi/{second.pk}/"
    ).exists()
    assert Notifikasi.objects.filter(penerima=new, url__contains=f"/realisasi/{second.pk}/").exists()


def test_the_queue_agrees_with_the_permission_of_each_period(cast, skp):
    rows = [realisasi(skp, periode(skp, n), by=cast.pegawai) for n in (1, 2, 3, 4)]
    for role in ("atasan", "kepala_dinas", "pegawai", "sekda"):
        user = getattr(cast, role)
        waiting = set(waiting_on(skp, user))
        assert waiting == {r.pk for r in rows if permissions.can_comment(user, r)}, role


def test_the_queue_drops_what_the_penilai_answered_and_takes_it_back_when_the_pegawai_writes(
    cast, skp, found
):
    assert waiting_on(skp, cast.atasan) == [found.pk]
    services.umpan_balik_add(actor=cast.atasan, realisasi=found, isi="Bagus.")
    assert waiting_on(skp, cast.atasan) == []
    assert selectors.feedback.unanswered_count(cast.pegawai) == 1
    services.umpan_balik_add(actor=cast.pegawai, realisasi=found, isi="Terima kasih.")
    assert waiting_on(skp, cast.atasan) == [found.pk]
    assert selectors.feedback.unanswered_count(cast.pegawai) == 0


def test_a_changed_realisasi_waits_again(cast, skp, found):
    services.umpan_balik_add(actor=cast.atasan, realisasi=found, isi="Bagus.")
    found.nilai_angka = 6
    found.save()
    assert waiting_on(skp, cast.atasan) == [found.pk]


def test_the_queue_shows_the_indikator_and_the_capaian(cast, found):
    (row,) = [row for row in selectors.feedback.queue(cast.atasan) if row.realisasi.pk == found.pk]
    assert row.indikator["uraian"] == "Jumlah laporan imunisasi yang disampaikan"
    assert row.pegawai == cast.pegawai.pegawai
    # a count adds up over the year: no period target unless the SKP gives one
    assert (row.target, row.capaian) == (None, None)


def test_nobody_is_refused_silently_when_not_signed_in(found):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.umpan_balik_add(actor=AnonymousUser(), realisasi=found, isi="Halo")


def test_the_queue_puts_the_latest_activity_first(cast, skp):
    from kinerja.core import clock
    from kinerja.core.testing.clock import on_day

    today = clock.today(skp.instansi)
    with on_day(today - datetime.timedelta(days=3)):
        older = realisasi(skp, periode(skp, 1), by=cast.pegawai)
        services.umpan_balik_add(actor=cast.atasan, realisasi=older, isi="Lengkapi.")
    with on_day(today - datetime.timedelta(days=2)):
        newer = realisasi(skp, periode(skp, 2), by=cast.pegawai)
    assert waiting_on(skp, cast.atasan) == [newer.pk]
    with on_day(today - datetime.timedelta(days=1)):
        services.umpan_balik_add(actor=cast.pegawai, realisasi=older, isi="Sudah dilengkapi.")
    assert waiting_on(skp, cast.atasan) == [older.pk, newer.pk]
