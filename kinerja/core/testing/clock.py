"""Moving the one clock in tests: every `clock.today(instansi)`, Django's `timezone.now()` and the audit trail."""

import datetime
from zoneinfo import ZoneInfo

import time_machine


def on_day(day: datetime.date, *, hour: int = 10, zone: str = "Asia/Jakarta"):
    """Travel to a working hour of a calendar day in a time zone (a context manager and a decorator)."""
    moment = datetime.datetime.combine(day, datetime.time(hour), tzinfo=ZoneInfo(zone))
    return time_machine.travel(moment, tick=False)


def at(moment: datetime.datetime):
    """Travel to an exact aware moment, e.g. one minute before midnight WITA."""
    return time_machine.travel(moment, tick=False)
