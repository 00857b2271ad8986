"""Reminders before a period's input deadline: who gets one and who does not, never twice, the command, the task,
and a number of queries that does not grow with the pegawai.

The demo: Kota Sukamaju's year has four quarters; Triwulan II (April to June) closes for input on 10 July. The
atasan (Kepala Seksi Imunisasi) has an approved SKP and assesses approved SKP of their staff. Realisations and
feedback are made here directly through the models (a small factory), on that period only, after clearing
whatever the demo recorded for it."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from conftest import YEAR
from kinerja.accounts.models import User
from kinerja.core.models import AuditEvent, Notifikasi
from kinerja.core.testing.clock import on_day
from kinerja.core.testing.helpers import count_queries
from kinerja.monitoring import selectors
from kinerja.monitoring.models import BuktiDukung, Pengingat, PeranUmpanBalik, Realisasi, UmpanBalik
from kinerja.monitoring.services.pengingat import send_reminders
from kinerja.monitoring.tasks import kirim_pengingat
from kinerja.planning.models import SKP, Periode, StatusSKP
from kinerja.testkit import cast as named

pytestmark = pytest.mark.django_db

BEFORE = datetime.date(YEAR, 7, 8)  # two days before Triwulan II closes for input


# A small factory --------------------------------------------------------------------------------------------


def triwulan_ii() -> Periode:
    return Periode.objects.get(tahun_kinerja=named.year(), nomor=2)


def plan_ids(skp: SKP, periode: Periode) -> list[int]:
    plan = selectors.plan_for(skp, periode)
    assert plan is not None and plan.versi is not None
    return [i["id"] for r in plan.rhk() for i in r["indikator"]]


def clear(periode: Periode) -> None:
    """Forget what the demo recorded for the period (realisations, their feedback and evidence, reminders)."""
    UmpanBalik.objects.filter(realisasi__periode=periode).delete()
    BuktiDukung.objects.filter(realisasi__periode=periode).delete()
    Realisasi.objects.filter(periode=periode).delete()
    Pengingat.objects.filter(periode=periode).delete()


def fill(skp: SKP, periode: Periode, ids: list[int] | None = None) -> list[Realisasi]:
    """Realisations for these indikator of the plan (all by default)."""
    return [
        Realisasi.objects.create(
            skp=skp, periode=periode, indikator_id=i, versi_skp=skp.versi, nilai_angka=Decimal("1")
        )
        for i in (plan_ids(skp, periode) if ids is None else ids)
    ]


def comment(realisasi: Realisasi, penulis, *, before_change: bool = False) -> UmpanBalik:
    moment = realisasi.updated_at + datetime.timedelta(hours=-1 if before_change else 1)
    return UmpanBalik.objects.create(
        realisasi=realisasi, penulis=penulis, peran=PeranUmpanBalik.PENILAI, isi="Baik", created_at=moment
    )


def staff_skp(cast) -> SKP:
    """An approved SKP of someone the atasan assesses, who can log in."""
    return (
        SKP.objects.filter(
            penilai=cast.atasan.pegawai,
            tahun_kinerja__tahun=YEAR,
            versi__gt=0,
            berakhir=False,
            pegawai__user__is_active=True,
        )
        .order_by("pk")
        .first()
    )


def user_of(skp: SKP) -> User:
    return User.objects.get(pegawai=skp.pegawai)


def reminders_of(user: User) -> list[Notifikasi]:
    return list(Notifikasi.objects.filter(penerima=user, judul__contains="Triwulan II").order_by("pk"))


@pytest.fixture
def periode() -> Periode:
    periode = triwulan_ii()
    clear(periode)
    return periode


# Who is reminded --------------------------------------------------------------------------------------------


def test_who_is_reminded_and_who_is_not(cast, periode):
    atasan_skp = named.current_skp(cast.atasan)
    staff = staff_skp(cast)
    fill(atasan_skp, periode)  # the atasan filled everything
    first, *rest = plan_ids(staff, periode)
    waiting = fill(staff, periode, [first])  # the staff member filled one indikator of several (or only one)
    not_approved = SKP.objects.filter(
        tahun_kinerja__tahun=YEAR, versi=0, status=StatusSKP.DIAJUKAN, pegawai__user__is_active=True
    ).first()

    counts = send_reminders(today=BEFORE)

    assert counts["periode"] == 1
    # The atasan filled everything: no reminder to fill; but a realisation of their staff waits for them.
    assert [n.url for n in reminders_of(cast.atasan)] == [reverse("monitoring:feedback_queue")]
    assert reminders_of(cast.atasan)[0].judul == "1 realisasi periode Triwulan II menunggu umpan balik Anda."
    # The staff member has not filled everything.
    assert rest, "the demo's plans have several indikator"
    notes = reminders_of(user_of(staff))
    assert [n.url for n in notes] == [reverse("monitoring:skp", args=[staff.pk])]
    assert notes[0].judul == f"Realisasi periode Triwulan II belum lengkap, batas pengisian 10 Juli {YEAR}."
    # No approved SKP: nothing to fill yet. The pegawai of the cast has no SKP this year at all.
    assert reminders_of(user_of(not_approved)) == []
    assert reminders_of(cast.pegawai) == []
    assert Pengingat.objects.filter(periode=periode, penerima=cast.atasan, jenis="umpan_balik").count() == 1
    # A comment of the penilai after the last change answers the realisation; one before it does not.
    Pengingat.objects.filter(periode=periode).delete()
    comment(waiting[0], cast.atasan.pegawai, before_change=True)
    send_reminders(today=BEFORE)
    assert len(reminders_of(cast.atasan)) == 2
    Pengingat.objects.filter(periode=periode).delete()
    comment(waiting[0], cast.atasan.pegawai)
    send_reminders(today=BEFORE)
    assert len(reminders_of(cast.atasan)) == 2


def test_an_unfilled_approved_skp_is_reminded_and_links_to_the_skp(cast, periode):
    atasan_skp = named.current_skp(cast.atasan)
    send_reminders(today=BEFORE)
    notes = reminders_of(cast.atasan)
    assert [n.url for n in notes] == [reverse("monitoring:skp", args=[atasan_skp.pk])]
    assert "sebelum batas" in notes[0].isi
    # Everyone reminded has an approved SKP covering the period, with something missing.
    reminded = set(
        Pengingat.objects.filter(periode=periode, jenis="realisasi").values_list("penerima", flat=True)
    )
    approved = set(
        User.objects.filter(
            pegawai__skp__tahun_kinerja__tahun=YEAR, pegawai__skp__versi__gt=0, is_active=True
        ).values_list("pk", flat=True)
    )
    assert cast.atasan.pk in reminded and reminded <= approved


@pytest.mark.parametrize(
    ("today", "days", "sent"),
    [
        (datetime.date(YEAR, 7, 7), 3, True),  # the deadline is the last day of the window: inclusive
        (datetime.date(YEAR, 7, 10), 3, True),  # on the deadline day itself
        (datetime.date(YEAR, 7, 10), 0, True),
        (datetime.date(YEAR, 7, 6), 3, False),  # four days away
        (datetime.date(YEAR, 7, 1), 3, False),  # far away
        (datetime.date(YEAR, 7, 11), 3, False),  # the deadline has passed
        (datetime.date(YEAR, 5, 15), 3, False),  # the period is still running
    ],
)
def test_only_a_deadline_within_the_window_sends(cast, periode, today, days, sent):
    counts = send_reminders(today=today, days_before=days)
    assert bool(reminders_of(cast.atasan)) is sent
    assert (counts["periode"] == 1) is sent


def test_by_default_the_day_is_today_where_the_instansi_is(cast, periode):
    with on_day(BEFORE):
        counts = send_reminders()
    assert counts["periode"] == 1 and reminders_of(cast.atasan)


def test_a_negative_window_is_refused():
    with pytest.raises(ValueError):
        send_reminders(today=BEFORE, days_before=-1)


# Never twice ------------------------------------------------------------------------------------------------


def test_running_twice_sends_nothing_twice(cast, periode):
    fill(staff_skp(cast), periode)
    first = send_reminders(today=BEFORE)
    assert first["pegawai"] > 0 and first["penilai"] > 0
    notifications = Notifikasi.objects.count()
    second = send_reminders(today=datetime.date(YEAR, 7, 9))
    assert second == {"periode": 1, "pegawai": 0, "penilai": 0}
    assert Notifikasi.objects.count() == notifications
    # One audit event per run, with the counts.
    events = list(AuditEvent.objects.filter(action="monitoring.pengingat.kirim").order_by("-seq")[:2])
    assert [e.changes["pegawai"] for e in events] == [[None, 0], [None, first["pegawai"]]]
    assert events[1].changes["penilai"] == [None, first["penilai"]]
    assert events[0].actor is None


def test_a_reminder_recorded_by_another_run_is_not_sent_again(cast, periode):
    Pengingat.objects.create(jenis="realisasi", periode=periode, penerima=cast.atasan)
    send_reminders(today=BEFORE)
    assert reminders_of(cast.atasan) == []
    assert Pengingat.objects.filter(periode=periode, penerima=cast.atasan).count() == 1


def test_reminders_go_by_email_when_turned_on(cast, periode, settings, django_capture_on_commit_callbacks):
    settings.NOTIFY_BY_EMAIL = True
    cast.atasan.email = "kasi@example.test"
    cast.atasan.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(today=BEFORE)
    sent = [m for m in mail.outbox if m.to == ["kasi@example.test"]]
    assert len(sent) == 1
    assert "Triwulan II" in sent[0].subject


# The command and the task -----------------------------------------------------------------------------------


def test_the_command_prints_the_counts_in_indonesian(cast, periode):
    out = StringIO()
    call_command("kirim_pengingat", "--tanggal", BEFORE.isoformat(), "--hari", "3", stdout=out)
    counts = {
        "pegawai": Pengingat.objects.filter(periode=periode, jenis="realisasi").count(),
        "penilai": Pengingat.objects.filter(periode=periode, jenis="umpan_balik").count(),
    }
    assert out.getvalue().strip() == (
        f"Pengingat terkirim untuk 1 periode: {counts['pegawai']} pegawai belum lengkap mengisi realisasi, "
        f"{counts['penilai']} pejabat penilai dengan realisasi menunggu umpan balik."
    )
    out = StringIO()
    call_command("kirim_pengingat", "--tanggal", f"{YEAR}-07-01", stdout=out)
    assert out.getvalue().strip() == "Tidak ada periode yang batas pengisiannya dalam 3 hari ke depan."
    with pytest.raises(CommandError):
        call_command("kirim_pengingat", "--tanggal", "8 Juli", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("kirim_pengingat", "--hari", "-2", stdout=StringIO())


def test_the_task_enqueues_and_runs(cast, periode):
    result = kirim_pengingat.enqueue(tanggal=BEFORE.isoformat(), hari=3)
    assert result.status == "SUCCESSFUL"
    assert result.return_value["periode"] == 1
    assert (
        result.return_value["pegawai"] == Pengingat.objects.filter(periode=periode, jenis="realisasi").count()
    )
    assert reminders_of(cast.atasan)


# Queries ----------------------------------------------------------------------------------------------------


def test_the_queries_do_not_grow_with_the_pegawai(cast, periode):
    staff = staff_skp(cast)
    fill(staff, periode, plan_ids(staff, periode)[:1])
    keep = [named.current_skp(cast.atasan).pk, staff.pk]
    approved = list(SKP.objects.filter(versi__gt=0).exclude(pk__in=keep).values_list("pk", "versi"))
    SKP.objects.filter(pk__in=[pk for pk, _v in approved]).update(versi=0)  # a few: only the two kept
    few, counts = count_queries(lambda: send_reminders(today=BEFORE))
    assert counts["pegawai"] <= 2
    for pk, versi in approved:
        SKP.objects.filter(pk=pk).update(versi=versi)
    Pengingat.objects.filter(periode=periode).delete()
    many, counts = count_queries(lambda: send_reminders(today=BEFORE))
    assert counts["pegawai"] > 50
    # The same reads; only the inserts may be split (SQLite takes at most 999 values per statement).
    assert few <= many <= few + 2, (few, many)


def test_a_run_stamps_its_reminders_now(cast, periode):
    before = timezone.now()
    send_reminders(today=BEFORE)
    row = Pengingat.objects.get(periode=periode, penerima=cast.atasan)
    assert row.created_at >= before
