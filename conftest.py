"""The shared test cast: the demo government, loaded once per test database, and named users from it."""

import datetime
from dataclasses import dataclass

import pytest
from django.test import Client

from kinerja.accounts.models import User
from kinerja.org import demo

YEAR = datetime.date.today().year


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        demo.load_demo(pegawai=300, year=YEAR)


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


ROLES = [
    "pegawai",
    "atasan",
    "kepala_dinas",
    "sekda",
    "admin_bkpsdm",
    "admin_pd",
    "tim_penilai",
    "auditor",
    "outsider",
    "superuser",
]


@pytest.fixture
def cast(db) -> Cast:
    users = {u.username: u for u in User.objects.select_related("pegawai", "instansi")}
    return Cast(
        pegawai=users[demo.NIP_PELAKSANA_IMUNISASI],
        atasan=users[demo.NIP_KASI_IMUNISASI],
        kepala_dinas=users[demo.NIP_KEPALA_DINKES],
        sekda=users[demo.NIP_SEKDA],
        admin_bkpsdm=users["admin.bkpsdm"],
        admin_pd=users["admin.disdik"],
        tim_penilai=users["tim.penilai"],
        auditor=users["auditor"],
        outsider=users["admin.lembah"],
        superuser=users["superadmin"],
    )
