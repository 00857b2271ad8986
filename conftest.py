"""The shared test cast: the demo government, loaded once per test database, and named users from it.

The cast itself (who is who, and the named demo objects) lives in kinerja/testkit/cast.py; this file loads the
demo and hands out the `cast` fixture.
"""

import pytest

from kinerja.core import demo as demo_runner
from kinerja.feedback360.tests import anonymity
from kinerja.testkit.cast import CAST_USERNAMES, ROLES, YEAR, Cast

__all__ = ["CAST_USERNAMES", "ROLES", "YEAR", "Cast"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        demo_runner.load_demo(pegawai=300, year=YEAR)
        anonymity.mark_demo()  # marked peer comments that every response of the route harness is checked for


@pytest.fixture
def cast(db) -> Cast:
    return Cast.from_db()


@pytest.fixture(autouse=True)
def _indonesian_to_start():
    """Every test starts in the default language: a request that chose English (the language switch) leaves it
    active in the thread, and a later test on the same worker would otherwise read English messages."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
