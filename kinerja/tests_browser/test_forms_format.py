"""Issue 11, items 8 and 12 in a real Chromium: the indikator form shows the section of the chosen kind of target
(kinerja.js; every section shows without JavaScript) and reports every problem at once; the staff import
preview lists the rows it will create. Screenshots at 1366 px and 400 px, neither scrolling sideways."""

import io
import re

import openpyxl
import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from kinerja.tests_browser.test_journeys import log_in, section
from kinerja.tests_browser.test_skp_journey import PEGAWAI, _start_skp_with_one_rhk

pytestmark = pytest.mark.browser

NEW_NIP = "198501012010011001"


def _screenshots(page: Page, artifacts, name: str) -> None:
    """The page at 1366 px and 400 px, neither scrolling sideways."""
    for width, height in ((1366, 900), (400, 860)):
        page.set_viewport_size({"width": width, "height": height})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(artifacts / f"{name}-{width}.png"), full_page=True)


def test_the_indikator_form_shows_the_chosen_kind_and_every_problem_at_once(
    page, browser, live_server, artifacts
):
    log_in(page, PEGAWAI)
    _start_skp_with_one_rhk(page)
    section(page, "rhk").first.get_by_role("link", name="Indikator", exact=True).click()
    numeric, statement = section(page, "section-angka"), section(page, "section-kualitatif")
    expect(numeric).to_be_visible()
    expect(statement).to_be_hidden()
    expect(page.locator('label[for="id_target"] .text-danger')).to_have_count(1)  # required, marked

    page.get_by_label("Jenis target").select_option(label="Pernyataan kualitatif")
    expect(numeric).to_be_hidden()
    expect(statement).to_be_visible()
    page.get_by_label("Jenis target").select_option(label="Angka")
    expect(numeric).to_be_visible()

    # Nothing typed: the description, the target and its unit are refused in one answer.
    page.get_by_role("button", name="Simpan").click()
    for field in ("uraian", "target", "satuan"):
        expect(page.locator(f"#id_{field}_help .invalid-feedback")).to_be_visible()
    expect(page.locator("#id_target_help")).to_contain_text("Target wajib diisi.")
    expect(statement).to_be_hidden()  # the page answered keeps the chosen kind
    _screenshots(page, artifacts, "indikator-form")

    # Without JavaScript both sections show, so the form still works.
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="id-ID")
    try:
        plain = context.new_page()
        log_in(plain, PEGAWAI)
        plain.goto(page.url)
        expect(section(plain, "section-angka")).to_be_visible()
        expect(section(plain, "section-kualitatif")).to_be_visible()
    finally:
        context.close()
    assert page.problems == []


def _pegawai_file() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Pegawai"
    sheet.append(["nip_baru", "nama", "status", "gol_akhir_nama", "jenis_kelamin"])
    sheet.append([NEW_NIP, "Rudi Hartono", "PNS", "III/c", "L"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_import_preview_lists_the_rows_and_counts_the_people_not_in_the_file(page, artifacts):
    log_in(page, "admin.bkpsdm")
    page.goto(reverse("org:import_upload"))
    page.locator("input[type=file]").set_input_files(
        {"name": "pegawai.xlsx", "mimeType": "application/octet-stream", "buffer": _pegawai_file()}
    )
    page.locator("main form button[type=submit]").click()
    changes = section(page, "changes")
    expect(changes).to_contain_text("Rudi Hartono")
    expect(changes).to_contain_text("19850101 201001 1 001")
    expect(section(page, "missing-count")).to_have_text(re.compile(r"^\d+ pegawai yang memegang jabatan"))
    _screenshots(page, artifacts, "import-preview")
    assert page.problems == []
