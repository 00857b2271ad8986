"""In a real Chromium: Back and Save again creates no second RHK; a destructive button asks first; a refused page
and a wrong link show the site's Indonesian error page with the menu, at 1366 px and 400 px."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from kinerja.planning.models import RHK, SKP
from kinerja.tests_browser.conftest import open_page
from kinerja.tests_browser.test_journeys import log_in, path_of, section
from kinerja.tests_browser.test_skp_journey import PEGAWAI, RHK_TEXT, _add_indikator, _start_skp_with_one_rhk

pytestmark = pytest.mark.browser

WIDTHS = (1366, 400)


def _fits(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"


def _shoot(browser, live_server, login: str, path: str, name: str, artifacts) -> None:
    """The page at both widths, saved under test-artifacts/, without sideways scrolling."""
    for width in WIDTHS:
        other = open_page(browser, live_server.url, {"width": width, "height": 900})
        log_in(other, login)
        other.goto(path)
        _fits(other, width)
        other.screenshot(path=str(artifacts / f"{name}-{width}.png"), full_page=True)
        other.context.close()


def test_back_and_save_again_creates_no_second_rhk(page: Page):
    log_in(page, PEGAWAI)
    _start_skp_with_one_rhk(page)

    page.go_back()  # the browser loads the form again and puts back what was typed
    expect(page.get_by_role("heading", name="RHK baru")).to_be_visible()
    expect(page.get_by_label("Rencana hasil kerja (RHK)")).to_have_value(RHK_TEXT)
    page.get_by_role("button", name="Simpan").click()

    expect(page.locator("main .alert-info")).to_contain_text("Data ini sudah tersimpan sebelumnya")
    expect(section(page, "rhk")).to_have_count(1)
    assert RHK.objects.filter(skp__pegawai__nip=PEGAWAI).count() == 1


def test_deleting_an_indikator_asks_first_and_cancel_changes_nothing(
    page: Page, browser, live_server, artifacts
):
    log_in(page, PEGAWAI)
    _start_skp_with_one_rhk(page)
    _add_indikator(page, "Persentase bayi yang diimunisasi", "95", "%")
    expect(section(page, "indikator")).to_have_count(1)
    for width in WIDTHS:  # the SKP page with its Delete buttons (plain buttons now, no pop-up)
        page.set_viewport_size({"width": width, "height": 900})
        _fits(page, width)
        page.screenshot(path=str(artifacts / f"skp-draft-{width}.png"), full_page=True)

    section(page, "indikator").get_by_role("button", name=re.compile("^Hapus")).click()
    expect(page.get_by_role("heading", name="Hapus indikator ini?")).to_be_visible()
    expect(section(page, "consequence")).to_contain_text("Persentase bayi yang diimunisasi")
    confirm_path = page.url
    page.get_by_role("link", name="Batal, jangan ubah apa pun").click()
    expect(section(page, "indikator")).to_have_count(1)

    section(page, "indikator").get_by_role("button", name=re.compile("^Hapus")).click()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        _fits(page, width)
        page.screenshot(path=str(artifacts / f"confirm-delete-indikator-{width}.png"), full_page=True)
    section(page, "confirm").click()
    expect(page.locator("main .alert-success")).to_contain_text("Indikator dihapus")
    expect(section(page, "indikator")).to_have_count(0)
    assert "hapus" in confirm_path


def test_a_refused_page_and_a_wrong_link_show_the_indonesian_error_page_with_the_menu(
    page: Page, browser, live_server, artifacts
):
    submitted = SKP.objects.filter(status="diajukan", berakhir=False).select_related("pegawai").first()
    login = submitted.pegawai.nip
    log_in(page, login)

    # Editing an RHK after submission: refused, with the reason and the way on.
    refused = reverse("planning:rhk_create", args=[submitted.pk])
    page.goto(refused)
    expect(page.get_by_role("heading", name="Anda tidak dapat melakukan ini")).to_be_visible()
    expect(section(page, "error-reason")).to_have_text(
        re.compile("SKP ini sudah diajukan; tarik pengajuan untuk mengubahnya")
    )
    expect(page.locator("#menu")).to_be_attached()
    expect(section(page, "user-menu")).to_be_visible()
    page.get_by_role("link", name="Ke beranda").click()
    page.wait_for_url(lambda url: path_of(url) == reverse("portal:home"))

    # A wrong link.
    page.goto("/skp/tidak-ada/")
    expect(page.get_by_role("heading", name="Halaman tidak ditemukan")).to_be_visible()
    expect(section(page, "user-menu")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "id")

    _shoot(browser, live_server, login, refused, "error-403", artifacts)
    _shoot(browser, live_server, login, "/skp/tidak-ada/", "error-404", artifacts)
