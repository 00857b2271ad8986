"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

The live server needs real commits, so these tests are transactional: the database is flushed after each one
and every test loads a small demo government itself (the `demo` fixture). Run them apart from the main suite:
`pytest -m browser` (`make test` does).
"""

import os
from pathlib import Path

import pytest

from conftest import YEAR

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

DEMO_PEGAWAI = 150  # the smallest demo that still has every special case


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread; the ORM calls the tests make
    # around it are still plain synchronous code.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _audit_triggers(action: str) -> None:
    """Drop or (re)create SQLite's append-only triggers on the audit trail (core migration 0004)."""
    import importlib

    from django.db import connection

    if connection.vendor != "sqlite":
        return  # PostgreSQL flushes with TRUNCATE, which its row trigger does not see
    migration = importlib.import_module("kinerja.core.migrations.0004_audit_append_only_sqlite")
    with connection.cursor() as cursor:
        for sql in migration.DROP if action == "drop" else migration.CREATE:
            cursor.execute(sql)


@pytest.fixture
def _audit_flushable(request, transactional_db, django_db_blocker):
    """Django flushes a SQLite test database with DELETE, which the audit trail's triggers refuse: drop them in
    this throwaway database just before the flush; `pytest_runtest_teardown` puts them back after it."""
    request.node.audit_db_blocker = django_db_blocker  # the hook below runs once database access is closed
    yield
    _audit_triggers("drop")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    blocker = getattr(item, "audit_db_blocker", None)
    if blocker is not None and nextitem is not None:  # after the last test the database is gone
        with blocker.unblock():
            _audit_triggers("create")


@pytest.fixture
def demo(browser, live_server, _audit_flushable):
    """The demo government, committed so that the live server sees it.

    The root conftest loads a demo into the fresh test database once; the first browser test finds that
    one, the following ones (after the flush) load a small one of their own."""
    from kinerja.core import demo as demo_runner
    from kinerja.org import demo as demo_module
    from kinerja.org.models import Instansi

    if not Instansi.objects.filter(kode="KOTA-SKM").exists():
        demo_runner.load_demo(pegawai=DEMO_PEGAWAI, year=YEAR)
    return demo_module


def open_page(browser, base_url: str, viewport: dict | None = None):
    """A fresh browser profile (no cookies) speaking Indonesian, as the users do.

    `page.problems` collects what a user would not see but should never happen: assets or pages answered
    with an error status, JavaScript errors, console errors."""
    context = browser.new_context(
        base_url=base_url, viewport=viewport or {"width": 1280, "height": 900}, locale="id-ID"
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.problems = []
    page.on(
        "response",
        lambda r: r.status >= 400 and page.problems.append(f"{r.status} {r.request.method} {r.url}"),
    )
    page.on("pageerror", lambda exc: page.problems.append(f"JavaScript error: {exc}"))
    # Failed loads are reported above with their address (the console repeats them without, and also
    # reports the browser's own favicon probe, which is no page's doing).
    page.on(
        "console",
        lambda m: (
            m.type == "error"
            and not m.text.startswith("Failed to load resource")
            and page.problems.append(f"console: {m.text}")
        ),
    )
    return page


@pytest.fixture
def page(browser, live_server, demo):
    """One user's browser (see `open_page`); a journey with a second user opens another with `open_page`."""
    page = open_page(browser, live_server.url)
    yield page
    page.context.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
