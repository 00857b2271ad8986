"""In-app notifications, and email when the deployment turns it on (NOTIFY_BY_EMAIL).

Rows are written inside the caller's transaction (a refused action notifies nobody); email goes out after
commit, and a mail server that is down never undoes the action.
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kinerja.core.models import Notifikasi

log = logging.getLogger(__name__)


def notify(users: Iterable, *, judul: str, isi: str = "", url: str = "") -> list[Notifikasi]:
    recipients = [u for u in dict.fromkeys(users) if u is not None and u.is_active]
    rows = Notifikasi.objects.bulk_create(
        [Notifikasi(penerima=u, judul=judul[:200], isi=isi, url=url[:300]) for u in recipients]
    )
    if getattr(settings, "NOTIFY_BY_EMAIL", False):
        addresses = [a for a in (_address(u) for u in recipients) if a]
        if addresses:
            transaction.on_commit(lambda: _send(addresses, judul, isi, url))
    return rows


def notify_many(messages: Iterable[tuple], *, batch_size: int = 1000) -> list[Notifikasi]:
    """Many notifications, each (user, judul, isi, url) of its own, in a fixed number of queries (reminders to
    thousands of people, each with a link of their own). Email as `notify`: after commit, when turned on; the
    users should come with `select_related("pegawai")`."""
    wanted = [(u, judul, isi, url) for u, judul, isi, url in messages if u is not None and u.is_active]
    rows = Notifikasi.objects.bulk_create(
        [Notifikasi(penerima=u, judul=judul[:200], isi=isi, url=url[:300]) for u, judul, isi, url in wanted],
        batch_size=batch_size,
    )
    if getattr(settings, "NOTIFY_BY_EMAIL", False):
        mails = [(a, judul, isi, url) for u, judul, isi, url in wanted if (a := _address(u))]
        if mails:
            transaction.on_commit(lambda: _send_each(mails))
    return rows


def _send_each(mails: list[tuple[str, str, str, str]]) -> None:
    for address, judul, isi, url in mails:
        _send([address], judul, isi, url)


def _address(user) -> str:
    return user.email or (user.pegawai.email if user.pegawai_id else "")


def _send(addresses: list[str], judul: str, isi: str, url: str) -> None:
    link = f"{settings.SITE_URL.rstrip('/')}{url}" if url and settings.SITE_URL else url
    body = "\n\n".join(part for part in (isi, link) if part)
    for address in addresses:
        try:
            send_mail(f"[Kinerja] {judul}", body, None, [address])
        except Exception:  # a mail server that is down must not break the user's action
            log.exception("notification email to %s failed", address)


def unread_count(user) -> int:
    return Notifikasi.objects.filter(penerima=user, dibaca_at__isnull=True).count()


def of_user(user) -> QuerySet[Notifikasi]:
    """The user's notifications, newest first."""
    return Notifikasi.objects.filter(penerima=user).order_by("-created_at", "-id")


def mark_read(user, pk: str | int | None = None) -> tuple[int, Notifikasi | None]:
    """Mark the user's unread notifications read, or only one of them (404 when it is not theirs).

    Returns how many changed and the one asked for."""
    unread = Notifikasi.objects.filter(penerima=user, dibaca_at__isnull=True)
    if pk in (None, ""):
        return unread.update(dibaca_at=timezone.now()), None
    one = get_object_or_404(Notifikasi, pk=pk if str(pk).isdigit() else 0, penerima=user)
    return unread.filter(pk=one.pk).update(dibaca_at=timezone.now()), one
