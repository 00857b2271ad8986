"""The shared test cast: the demo government, loaded once per test database, and named users from it."""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from kinerja.accounts.models import User
from kinerja.core import demo as demo_runner
from kinerja.org import demo

# The demo and the app count days in the instansi's time zone (WIB), not the machine's.
YEAR = datetime.datetime.now(ZoneInfo("Asia/Jakarta")).year


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        demo_runner.load_demo(pegawai=300, year=YEAR)


@dataclass
class Cast:
    pegawai: User
    atasan: User
    kepala_dinas: User
    sekda: User
    admin_bkpsdm: User
    admin_pd: User
    tim_penilai: User
    auditor: User
    outsider: User
    superuser: User

    def client(self, name: str | None) -> Client:
        client = Client()
        if name is not None:
            client.force_login(getattr(self, name))
        return client


# The login of each member of the cast.
CAST_USERNAMES = {
    "pegawai": demo.NIP_PELAKSANA_IMUNISASI,
    "atasan": demo.NIP_KASI_IMUNISASI,
    "kepala_dinas": demo.NIP_KEPALA_DINKES,
    "sekda": demo.NIP_SEKDA,
    "admin_bkpsdm": "admin.bkpsdm",
    "admin_pd": "admin.disdik",
    "tim_penilai": "tim.penilai",
    "auditor": "auditor",
    "outsider": "admin.lembah",
    "superuser": "superadmin",
}

ROLES = list(CAST_USERNAMES)


@pytest.fixture
def cast(db) -> Cast:
    users = User.objects.select_related("pegawai", "instansi").in_bulk(
        CAST_USERNAMES.values(), field_name="username"
    )
    return Cast(**{role: users[username] for role, username in CAST_USERNAMES.items()})


@pytest.fixture(autouse=True)
def _indonesian_to_start():
    """Every test starts in the default language: a request that chose English (the language switch) leaves it
    active in the thread, and a later test on the same worker would otherwise read English messages."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
