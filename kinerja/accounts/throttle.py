"""Slowing down repeated failed logins and password-reset requests.

An account is slowed and then locked by its own failures. A client address is only ever slowed, never locked:
an office behind one NAT address shares it, and a stranger's failures must not keep its staff out.
"""

import datetime
import math
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from kinerja.accounts.models import LoginThrottle
from kinerja.core import audit

ADDRESS_PREFIX = "ip:"


def keys_for(username: str, ip: str | None) -> list[str]:
    keys = [f"user:{username.strip().lower()[:100]}"]
    if ip:
        keys.append(f"{ADDRESS_PREFIX}{ip}")
    return keys


def _is_address(key: str) -> bool:
    return key.startswith(ADDRESS_PREFIX)


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
    """A message if the account is locked or must still wait, else None. Address keys never refuse."""
    now = timezone.now()
    window = datetime.timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW_SECONDS)
    for row in LoginThrottle.objects.filter(key__in=[k for k in keys if not _is_address(k)]):
        if row.locked_until and row.locked_until > now:
            return _wait_message((row.locked_until - now).total_seconds(), locked=True)
        soft = settings.LOGIN_THROTTLE_SOFT
        if row.failures >= soft and row.last_failure_at and now - row.last_failure_at < window:
            until = row.last_failure_at + datetime.timedelta(seconds=2 ** (row.failures - soft))
            if until > now:
                return _wait_message((until - now).total_seconds(), locked=False)
    return None


def address_delay(keys: list[str]) -> float:
    """Seconds to hold back an attempt from an address with many recent failures (0 if none).

    The attempt is then judged normally, so a colleague behind the same address with the right password gets in,
    only later; guessing from that address is slowed to one try per delay per worker. Capped, because the delay
    holds a web worker."""
    soft = settings.LOGIN_THROTTLE_ADDRESS_SOFT
    window = datetime.timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW_SECONDS)
    row = LoginThrottle.objects.filter(key__in=[k for k in keys if _is_address(k)]).first()
    if row is None or row.failures < soft or row.last_failure_at is None:
        return 0.0
    if timezone.now() - row.last_failure_at > window:
        return 0.0
    # The exponent is bounded so that a long attack does not build ever larger integers.
    return float(min(settings.LOGIN_THROTTLE_ADDRESS_MAX_DELAY, 2 ** min(row.failures - soft, 16)))


def pause(seconds: float) -> None:
    time.sleep(seconds)


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
        if not _is_address(key) and row.failures >= settings.LOGIN_THROTTLE_HARD:
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


# Password reset ------------------------------------------------------------------------------------------------
# Each request counts against its address and each mail against its account; at the limit the key is closed for
# the window. The account's limit is silent (the page says the same whether or not the account exists); the
# address's limit is said, since it tells nothing about any account.


def _reset_key_closed(key: str, now: datetime.datetime) -> datetime.datetime | None:
    row = LoginThrottle.objects.filter(key=key, locked_until__gt=now).first()
    return row.locked_until if row else None


@transaction.atomic
def _count_reset(key: str, limit: int, now: datetime.datetime) -> None:
    window = datetime.timedelta(seconds=settings.PASSWORD_RESET_WINDOW_SECONDS)
    row, _ = LoginThrottle.objects.select_for_update().get_or_create(key=key)
    if row.last_failure_at is None or now - row.last_failure_at > window:
        row.failures = 0
    if row.failures == 0:
        row.last_failure_at = now  # the window runs from the first request in it
    row.failures += 1
    if row.failures >= limit:
        row.locked_until = row.last_failure_at + window
        row.failures = 0
        row.last_failure_at = None
    row.save()


def reset_address_refusal(ip: str | None) -> str | None:
    """A message if the address asked for too many resets lately, else None; otherwise counts the request."""
    if not ip:
        return None
    now = timezone.now()
    key = f"reset:{ADDRESS_PREFIX}{ip}"
    until = _reset_key_closed(key, now)
    if until:
        minutes = max(1, math.ceil((until - now).total_seconds() / 60))
        return ngettext(
            "Too many password reset requests from this address. Try again in %(n)d minute.",
            "Too many password reset requests from this address. Try again in %(n)d minutes.",
            minutes,
        ) % {"n": minutes}
    _count_reset(key, settings.PASSWORD_RESET_LIMIT_PER_ADDRESS, now)
    return None


def reset_mail_allowed(user_pk: int) -> bool:
    """Whether another reset mail may go to this account now; counts it if so."""
    now = timezone.now()
    key = f"reset:user:{user_pk}"
    if _reset_key_closed(key, now):
        return False
    _count_reset(key, settings.PASSWORD_RESET_LIMIT_PER_ACCOUNT, now)
    return True
