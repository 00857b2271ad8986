"""The dashboards of issue 14 in a browser, on the demo government, at 1366 px and 400 px (nothing scrolls
sideways; screenshots of each under test-artifacts/):

- a pegawai's home with their capaian per period (the Kabid Kesmas: the demo pegawai has not begun an SKP);
- the supervisor's home with the early warning of their team, opening a dialog kinerja from a flag;
- the kepala dinas's dashboard, drilled down unit by unit to a person's realisation page;
- the admin BKPSDM's dashboard over the whole instansi."""

import pytest
from playwright.sync_api import expect

from kinerja.tests_browser.conftest import open_page
from kinerja.tests_browser.test_journeys import log_in, section

pytestmark = pytest.mark.browser

SIZES = {1366: {"width": 1366, "height": 900}, 400: {"width": 400, "height": 800}}


def fits(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[width]["width"], page.url


@pytest.mark.parametrize("width", [1366, 400])
def test_the_pegawai_and_the_supervisor_homes(browser, live_server, demo, artifacts, width):
    page = open_page(browser, live_server.url, SIZES[width])
    log_in(page, "197905122005012003")  # the Kabid Kesmas: an approved SKP and a year of realisations
    card = section(page, "card-my-progress")
    expect(card).to_contain_text("Capaian saya")
    expect(card.locator('[data-testid="my-chart"]')).to_be_visible()
    fits(page, width)
    page.screenshot(path=str(artifacts / f"dasbor-pegawai-{width}.png"), full_page=True)
    page.context.close()

    page = open_page(browser, live_server.url, SIZES[width])
    log_in(page, "198407222009031001")
    card = section(page, "card-team-warnings")
    expect(card).to_contain_text("Turun dua periode berturut-turut")
    fits(page, width)
    page.screenshot(path=str(artifacts / f"dasbor-atasan-{width}.png"), full_page=True)
    row = card.locator('[data-testid="warning-row"]', has_text="Turun dua periode")
    row.locator('[data-testid="warning-dialog"]').click()
    expect(page.locator("h1")).to_contain_text("dialog", ignore_case=True)
    assert page.get_by_label("Topik dialog").input_value().startswith("Capaian di bawah ekspektasi:")
    assert page.problems == []
    page.context.close()


@pytest.mark.parametrize("width", [1366, 400])
def test_the_head_drills_down_to_a_realisation_page(browser, live_server, demo, artifacts, width):
    page = open_page(browser, live_server.url, SIZES[width])
    log_in(page, "197203151998031002")
    section(page, "leader-open").click()
    units = section(page, "kinerja-units")
    expect(units).to_contain_text("Bidang Kesehatan Masyarakat")
    fits(page, width)
    page.screenshot(path=str(artifacts / f"dasbor-kepala-dinas-{width}.png"), full_page=True)
    for unit in ("Bidang Kesehatan Masyarakat", "Seksi Imunisasi"):
        section(page, "kinerja-units").get_by_role("link", name=unit, exact=True).click()
        expect(section(page, "kinerja-crumbs")).to_contain_text(unit)
    people = section(page, "kinerja-people")
    fits(page, width)
    page.screenshot(path=str(artifacts / f"dasbor-kepala-dinas-unit-{width}.png"), full_page=True)
    people.locator('[data-testid="kinerja-skp"]').first.click()
    expect(page.locator("h1")).to_contain_text("Realisasi")
    assert page.problems == []
    page.context.close()


@pytest.mark.parametrize("width", [1366, 400])
def test_the_bkpsdm_dashboard_over_the_whole_instansi(browser, live_server, demo, artifacts, width):
    page = open_page(browser, live_server.url, SIZES[width])
    log_in(page, "admin.bkpsdm")
    if width == 400:
        page.locator(".navbar-toggler").click()
    page.get_by_role("button", name="Pemantauan").click()
    page.get_by_test_id("nav-kinerja").click()
    expect(section(page, "kinerja-units")).to_contain_text("Dinas Kesehatan")
    expect(section(page, "kinerja-warnings")).to_contain_text("Turun dua periode berturut-turut")
    fits(page, width)
    page.screenshot(path=str(artifacts / f"dasbor-bkpsdm-{width}.png"), full_page=True)
    assert page.problems == []
    page.context.close()
