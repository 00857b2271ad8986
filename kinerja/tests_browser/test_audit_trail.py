"""The auditor reads the audit trail in words: filters it by action and actor and sees names, not codes."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kinerja.accounts.models import User
from kinerja.org.models import Pegawai
from kinerja.org.services.pegawai import pegawai_update
from kinerja.tests_browser.conftest import open_page
from kinerja.tests_browser.test_journeys import log_in, section

pytestmark = pytest.mark.browser


def _no_sideways_scroll(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_auditor_filters_the_trail_by_action_and_actor_and_reads_names(page, artifacts, live_server):
    admin = User.objects.select_related("pegawai").get(username="admin.bkpsdm")
    pegawai = Pegawai.objects.filter(instansi=admin.instansi, aktif=True).order_by("pk")[0]
    pegawai_update(actor=admin, pegawai=pegawai, telepon="081299990000", reason="Nomor telepon baru")

    log_in(page, "auditor")
    expect(section(page, "recent-events")).to_contain_text("Data pegawai diubah")
    expect(section(page, "recent-events")).to_contain_text(admin.nama)
    page.goto(reverse("portal:audit_list"))
    page.locator("#f-action").select_option(label="Data pegawai diubah")
    page.locator("#f-actor").select_option(label=admin.nama)
    section(page, "audit-filters").get_by_role("button", name="Saring").click()
    page.wait_for_url(lambda url: "action=org.pegawai.update" in url)

    rows = page.locator('[data-testid="audit-event"]')
    expect(rows).to_have_count(1)
    expect(rows.locator('[data-testid="audit-actor"]')).to_have_text(admin.nama)
    expect(rows.locator('[data-testid="audit-action"]')).to_have_text("Data pegawai diubah")
    expect(rows).to_contain_text("Telepon")
    expect(rows).to_contain_text("081299990000")
    expect(rows).to_contain_text("Nomor telepon baru")
    expect(rows.get_by_role("link", name=pegawai.nama_lengkap)).to_have_attribute(
        "href", reverse("org:pegawai_detail", args=[pegawai.pk])
    )
    for code in ("org.pegawai.update", "admin.bkpsdm", "telepon:"):
        expect(rows).not_to_contain_text(code)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=str(artifacts / "audit-trail-1366.png"), full_page=True)
    assert page.problems == []

    phone = open_page(page.context.browser, live_server.url, {"width": 400, "height": 800})
    log_in(phone, "auditor")
    _no_sideways_scroll(phone, 400)
    phone.screenshot(path=str(artifacts / "audit-home-400.png"), full_page=True)
    phone.goto(page.url)
    expect(phone.locator('[data-testid="audit-event"]')).to_have_count(1)
    _no_sideways_scroll(phone, 400)
    phone.screenshot(path=str(artifacts / "audit-trail-400.png"), full_page=True)
    phone.goto(reverse("portal:audit_list"))
    _no_sideways_scroll(phone, 400)
    phone.screenshot(path=str(artifacts / "audit-trail-all-400.png"), full_page=True)
    assert phone.problems == []
    phone.context.close()
