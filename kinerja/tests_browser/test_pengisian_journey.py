"""Monitoring pengisian in a browser: the admin BKPSDM opens it from the menu, drills down from Dinas Kesehatan to
Bidang Kesehatan Masyarakat to Seksi Imunisasi, opens the Kepala Seksi's realisation page from the people of the
unit, and downloads the table as a workbook; at 400 px nothing scrolls sideways. Screenshots of each level at
1366 px and 400 px."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from kinerja.core import tabular
from kinerja.org import demo as d
from kinerja.org.models import Pegawai
from kinerja.tests_browser.conftest import open_page
from kinerja.tests_browser.test_journeys import log_in, section

pytestmark = pytest.mark.browser

SIZES = {1366: {"width": 1366, "height": 900}, 400: {"width": 400, "height": 800}}


@pytest.mark.parametrize("width", [1366, 400])
def test_drill_down_to_a_pegawai_and_download(browser, live_server, demo, artifacts, width):
    kasi = Pegawai.objects.get(nip=d.NIP_KASI_IMUNISASI)
    page = open_page(browser, live_server.url, SIZES[width])
    log_in(page, "admin.bkpsdm")
    if width == 400:
        page.locator(".navbar-toggler").click()
    page.get_by_role("button", name="Pemantauan").click()
    page.get_by_test_id("nav-pengisian").click()
    table = section(page, "pengisian")
    expect(table).to_contain_text("Dinas Kesehatan")
    page.screenshot(path=str(artifacts / f"pengisian-instansi-{width}.png"), full_page=True)
    for unit in ("Dinas Kesehatan", "Bidang Kesehatan Masyarakat", "Seksi Imunisasi"):
        section(page, "pengisian").get_by_role("link", name=unit, exact=True).click()
        expect(section(page, "pengisian-crumbs")).to_contain_text(unit)
        assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[width]["width"], page.url
    people = section(page, "pengisian-people")
    expect(people).to_contain_text(kasi.nama)
    page.screenshot(path=str(artifacts / f"pengisian-seksi-{width}.png"), full_page=True)

    with page.expect_download() as download:
        section(page, "pengisian-export").click()
    data = Path(download.value.path()).read_bytes()
    rows = [v for _n, v in tabular.first_sheet("p.xlsx", data, max_bytes=10**7, max_rows=1000)]
    assert rows[0][0] == "Unit" and rows[-1][0] == "Jumlah"

    row = people.locator('[data-testid="pengisian-person"]', has_text=kasi.nama)
    row.locator('[data-testid="pengisian-skp"]').click()
    expect(page.locator("h1")).to_contain_text("Realisasi")
    assert page.problems == []
    page.context.close()
