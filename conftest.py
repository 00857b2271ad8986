"""The shared test cast: the demo government, loaded once per test database, and named users from it.

The cast itself (who is who, and the named demo objects) lives in kinerja/testkit/cast.py; this file loads the
demo and hands out the `cast` fixture.
"""

import pytest

from kinerja.core import demo as demo_runner
from kinerja.testkit.cast import CAST_USERNAMES, ROLES, YEAR, Cast

__all__ = ["CAST_USERNAMES", "ROLES", "YEAR", "Cast"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        demo_runner.load_demo(pegawai=300, year=YEAR)


@pytest.fixture
def cast(db) -> Cast:
    return Cast.from_db()
