"""The one clock: what day and time it is for an instansi, in the instansi's own time zone.

Every deadline in the regulation is a calendar day where the office is: an SKP due on 31 January closes at
midnight WITA in Makassar, an hour before midnight WIB. Code asks `today(instansi)`, never the server's date.
Tests move this clock with kinerja.core.testing.clock (time-machine), which moves Django's clock as well.
"""

import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.utils import timezone


def zone_of(instansi=None) -> datetime.tzinfo:
    """The instansi's time zone (`zona_waktu`), or the server's when there is no instansi or it is unknown."""
    name = str(getattr(instansi, "zona_waktu", None) or settings.TIME_ZONE)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(str(settings.TIME_ZONE))


def now(instansi=None) -> datetime.datetime:
    """The current moment, as a wall-clock time of the instansi."""
    return timezone.now().astimezone(zone_of(instansi))


def today(instansi=None) -> datetime.date:
    """The calendar day it is for the instansi."""
    return now(instansi).date()


def local_date(moment: datetime.datetime, instansi=None) -> datetime.date:
    """The calendar day a recorded moment fell on for the instansi (e.g. the day of an approval)."""
    return timezone.localdate(moment, zone_of(instansi))
