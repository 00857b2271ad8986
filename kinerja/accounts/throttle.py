"""Slowing down and locking out repeated failed logins, per account and per client address."""

import datetime
import math

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from kinerja.accounts.models import LoginThrottle
from kinerja.core import audit


def keys_for(username: str, ip: str | None) -> list[str]:
    keys = [f"user:{username.strip().lower()[:100]}"]
    if ip:
        keys.append(f"ip:{ip}")
    return keys


def _wait_message(seconds: float, locked: bool) -> str:
    if locked:
        minutes = max(1, math.ceil(seconds / 60))
        return ngettext(
            "Too many failed attempts: login is locked. Try again in %(n)d minute.",
            "Too many failed attempts: login is locked. Try again in %(n)d minutes.",
            minutes,
        ) % {"n": minutes}
    wait = max(1, math.ceil(seconds))
    return ngettext(
        "Too many failed attempts. Wait %(n)d second before trying again.",
        "Too many failed attempts. Wait %(n)d seconds before trying again.",
        wait,
    ) % {"n": wait}


def refusal(keys: list[str]) -> str | None:
    """A message if any key is locked or must still wait, else None."""
    now = timezone.now()
    window = datetime.timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW_SECONDS)
    for row in LoginThrottle.objects.filter(key__in=keys):
        if row.locked_until and row.locked_until > now:
            return _wait_message((row.locked_until - now).total_seconds(), locked=True)
        soft = settings.LOGIN_THROTTLE_SOFT
        if row.failures >= soft and row.last_failure_at and now - row.last_failure_at < window:
            until = row.last_failure_at + datetime.timedelta(seconds=2 ** (row.failures - soft))
            if until > now:
                return _wait_message((until - now).total_seconds(), locked=False)
    return None


@transaction.atomic
def register_failure(keys: list[str]) -> None:
    now = timezone.now()
    window = datetime.timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW_SECONDS)
    for key in keys:
        row, _ = LoginThrottle.objects.select_for_update().get_or_create(key=key)
        if row.last_failure_at is None or now - row.last_failure_at > window:
            row.failures = 0
        row.failures += 1
        row.last_failure_at = now
        if row.failures >= settings.LOGIN_THROTTLE_HARD:
            row.locked_until = now + datetime.timedelta(seconds=settings.LOGIN_THROTTLE_LOCK_SECONDS)
            row.failures = 0
            audit.record(
                actor=None,
                action="accounts.login.locked",
                object_type="accounts.loginthrottle",
                object_id=key,
                object_repr=key,
            )
        row.save()


def register_success(username: str) -> None:
    LoginThrottle.objects.filter(key__in=keys_for(username, None)).delete()
