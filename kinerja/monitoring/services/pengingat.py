"""Reminders before a period's input deadline: to each pegawai who has not filled every indikator of the period,
and to each penilai with realisations of the period waiting for feedback. One reminder per kind, period and person,
ever: each is recorded in Pengingat (unique), so running the reminders twice (cron, a task retried, two servers
at once) sends nothing twice. Run daily by `manage.py kirim_pengingat` or the task monitoring.tasks.kirim_pengingat
(docs/admin-guide.md)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.accounts.models import User
from kinerja.accounts.selectors import active_users_of
from kinerja.core import audit
from kinerja.core.formats import tanggal
from kinerja.core.notifications import notify_many
from kinerja.monitoring.models import Pengingat
from kinerja.monitoring.selectors import pengingat as selectors
from kinerja.planning.models import Periode

ACTION = "monitoring.pengingat.kirim"


def _record_new(periode: Periode, jenis: str, users: list[User], moment: datetime.datetime) -> set[int]:
    """Record a reminder for each user not reminded of this before; the ids of those recorded now.

    The period's row is locked first (send_reminders), so a second run at the same time waits and then finds
    these rows; the unique constraint backs it up (a conflicting row is skipped, never sent twice)."""
    if not users:
        return set()
    new = {u.pk for u in users} - selectors.already_sent(periode, jenis)
    Pengingat.objects.bulk_create(
        [
            Pengingat(jenis=jenis, periode=periode, penerima=u, created_at=moment)
            for u in users
            if u.pk in new
        ],
        ignore_conflicts=True,
        batch_size=1000,
    )
    return new


def _remind_pegawai(due: selectors.Due, moment: datetime.datetime) -> int:
    periode = due.periode
    users = active_users_of(due.belum_lengkap)
    new = _record_new(periode, selectors.REALISASI, list(users.values()), moment)
    judul = _("Realisations of %(periode)s are not complete; the input deadline is %(date)s.") % {
        "periode": periode.nama,
        "date": tanggal(periode.tenggat_input),
    }
    isi = _("Record the realisation of every indicator of your SKP for this period before the deadline.")
    messages = [
        (user, judul, isi, reverse("monitoring:skp", args=[due.belum_lengkap[pegawai_id]]))
        for pegawai_id, user in users.items()
        if user.pk in new
    ]
    notify_many(messages)
    return len(messages)


def _remind_penilai(due: selectors.Due, moment: datetime.datetime) -> int:
    periode = due.periode
    users = active_users_of(due.menunggu_umpan_balik)
    new = _record_new(periode, selectors.UMPAN_BALIK, list(users.values()), moment)
    url = reverse("monitoring:feedback_queue")
    isi = _("The input deadline of %(periode)s is %(date)s.") % {
        "periode": periode.nama,
        "date": tanggal(periode.tenggat_input),
    }
    messages = []
    for pegawai_id, user in users.items():
        if user.pk not in new:
            continue
        n = due.menunggu_umpan_balik[pegawai_id]
        judul = ngettext(
            "%(n)s realisation of %(periode)s is waiting for your feedback.",
            "%(n)s realisations of %(periode)s are waiting for your feedback.",
            n,
        ) % {"n": n, "periode": periode.nama}
        messages.append((user, judul, isi, url))
    notify_many(messages)
    return len(messages)


@transaction.atomic
def send_reminders(*, today: datetime.date | None = None, days_before: int = 3) -> dict:
    """Send the reminders due: for every period whose input deadline is from today to `days_before` days later
    (today where each instansi is, unless given). Returns the counts: periods, pegawai and penilai reminded now.

    A pegawai is reminded when an approved SKP of theirs covers the period and some indikator of the version in
    force has no realisasi yet; a penilai when a realisasi of the period on an SKP they assess waits for them
    by the queue's rule (selectors.waiting: no message yet, the pegawai's reply last, or changed after the last
    message; the penilai the SKP records, see selectors.pengingat). Nobody is reminded twice of the
    same period for the same reason. One audit event per run, with the counts."""
    if days_before < 0:
        raise ValueError("days_before cannot be negative")
    moment = timezone.now()
    counts = {"periode": 0, "pegawai": 0, "penilai": 0}
    with translation.override(settings.LANGUAGE_CODE):  # stored texts, in the office's language
        for periode in selectors.periods_due(today=today, days_before=days_before):
            # One run per period at a time: a second run waits here, then finds what the first recorded.
            list(Periode.objects.select_for_update().filter(pk=periode.pk).values_list("pk", flat=True))
            due = selectors.due(periode)
            counts["periode"] += 1
            counts["pegawai"] += _remind_pegawai(due, moment)
            counts["penilai"] += _remind_penilai(due, moment)
    audit.record(
        actor=None,
        action=ACTION,
        object_type="monitoring.pengingat",
        object_repr=_("Reminders before the input deadline"),
        changes={
            "periode": [None, counts["periode"]],
            "pegawai": [None, counts["pegawai"]],
            "penilai": [None, counts["penilai"]],
            "hari_sebelum": [None, days_before],
        },
    )
    return counts
