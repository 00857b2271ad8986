"""Notifications: written with the action (a refused action notifies nobody), emailed after commit when the
deployment turns email on, never breaking the action when the mail server fails."""

from unittest import mock

import pytest
from django.core import mail

from kinerja.core import notifications
from kinerja.core.models import Notifikasi

pytestmark = pytest.mark.django_db


def test_rows_for_active_recipients_only_and_once_each(cast):
    cast.auditor.is_active = False
    rows = notifications.notify(
        [cast.pegawai, cast.pegawai, cast.auditor, None], judul="SKP disetujui", url="/skp/1/"
    )
    assert [r.penerima for r in rows] == [cast.pegawai]
    assert notifications.unread_count(cast.pegawai) == 1


def test_email_goes_out_after_commit_when_turned_on(cast, settings, django_capture_on_commit_callbacks):
    settings.NOTIFY_BY_EMAIL = True
    settings.SITE_URL = "https://kinerja.example.go.id"
    cast.pegawai.email = "yuni@example.go.id"
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify(
            [cast.pegawai], judul="SKP Anda dikembalikan", isi="Lengkapi target", url="/skp/9/"
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["yuni@example.go.id"] and message.subject == "[Kinerja] SKP Anda dikembalikan"
    assert "Lengkapi target" in message.body and "https://kinerja.example.go.id/skp/9/" in message.body


def test_no_email_when_off_or_without_an_address(cast, settings, django_capture_on_commit_callbacks):
    settings.NOTIFY_BY_EMAIL = False
    cast.pegawai.email = "yuni@example.go.id"
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify([cast.pegawai], judul="x")
    settings.NOTIFY_BY_EMAIL = True
    cast.atasan.email = ""
    cast.atasan.pegawai.email = ""
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify([cast.atasan], judul="x")
    assert mail.outbox == []


def test_a_failing_mail_server_does_not_undo_the_action(cast, settings, django_capture_on_commit_callbacks):
    settings.NOTIFY_BY_EMAIL = True
    cast.pegawai.email = "yuni@example.go.id"
    down = mock.patch("kinerja.core.notifications.send_mail", side_effect=OSError("down"))
    with down, django_capture_on_commit_callbacks(execute=True):
        notifications.notify([cast.pegawai], judul="SKP disetujui")
    assert Notifikasi.objects.filter(penerima=cast.pegawai, judul="SKP disetujui").exists()


def test_mark_read_one_or_all_and_never_someone_elses(cast):
    from django.http import Http404

    theirs = notifications.unread_count(cast.atasan)  # the demo's alerts to the atasan stay unread
    a, b = (
        notifications.notify([cast.pegawai], judul="a")[0],
        notifications.notify([cast.pegawai], judul="b")[0],
    )
    other = notifications.notify([cast.atasan], judul="c")[0]
    with pytest.raises(Http404):
        notifications.mark_read(cast.pegawai, other.pk)
    assert notifications.mark_read(cast.pegawai, a.pk) == (1, a)
    assert notifications.mark_read(cast.pegawai) == (1, None)
    assert (
        notifications.unread_count(cast.pegawai) == 0
        and notifications.unread_count(cast.atasan) == theirs + 1
    )
    assert b.pk in set(notifications.of_user(cast.pegawai).values_list("pk", flat=True))


def test_many_notifications_each_with_its_own_link_in_one_insert(
    cast, settings, django_capture_on_commit_callbacks, django_assert_num_queries
):
    settings.NOTIFY_BY_EMAIL = True
    settings.SITE_URL = "https://kinerja.example.go.id"
    cast.pegawai.email, cast.atasan.email = "yuni@example.go.id", "heru@example.go.id"
    cast.auditor.is_active = False
    messages = [
        (cast.pegawai, "Realisasi belum lengkap", "Isi sebelum batas", "/pemantauan/skp/1/"),
        (cast.atasan, "2 realisasi menunggu", "", "/pemantauan/umpan-balik/"),
        (cast.auditor, "Tidak terkirim", "", ""),
        (None, "Tidak terkirim", "", ""),
    ]
    with django_capture_on_commit_callbacks(execute=True), django_assert_num_queries(1):
        rows = notifications.notify_many(messages)
    assert [(r.penerima, r.url) for r in rows] == [
        (cast.pegawai, "/pemantauan/skp/1/"),
        (cast.atasan, "/pemantauan/umpan-balik/"),
    ]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["yuni@example.go.id"], "[Kinerja] Realisasi belum lengkap"),
        (["heru@example.go.id"], "[Kinerja] 2 realisasi menunggu"),
    ]
    assert "https://kinerja.example.go.id/pemantauan/skp/1/" in mail.outbox[0].body
