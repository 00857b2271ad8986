"""Homes, lists and the organisation screens of issue 11 (items 4, 11, 13) in a real browser: every changed screen
at 1366 px and 400 px (screenshots under test-artifacts/, nothing scrolls sideways on a phone), and the
superuser's agency switcher used as a user would."""

import datetime
import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from kinerja.org import demo as d
from kinerja.org.models import Jabatan, JenisPenugasan, Pegawai, Penugasan
from kinerja.planning.models import SKP
from kinerja.tests_browser.test_journeys import log_in, section

pytestmark = pytest.mark.browser

WIDTHS = (1366, 400)


def shoot(page: Page, artifacts, name: str, *, fits_phone: bool = True) -> None:
    """Screenshots of the current page at each width; at 400 px the page must not scroll sideways (unless
    `fits_phone` is False: a page whose table another change of issue 11, item 14, makes fit)."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_load_state()
        if width == 400 and fits_phone:
            assert page.evaluate("document.documentElement.scrollWidth") <= 400, name
        page.screenshot(path=str(artifacts / f"issue11-{name}-{width}.png"), full_page=True)


HOMES = {
    "pegawai": (d.NIP_PELAKSANA_IMUNISASI, "my-skp"),
    "atasan": (d.NIP_KASI_IMUNISASI, "my-skp"),
    "tim_penilai": ("tim.penilai", "framework-review"),
    "auditor": ("auditor", "audit-verification"),
    "admin_bkpsdm": ("admin.bkpsdm", "year-state"),
    "superuser": ("superadmin", "instansi-switcher"),
}


@pytest.mark.parametrize("name", list(HOMES))
def test_each_home_leads_to_a_next_step_at_both_widths(page, artifacts, name):
    login, testid = HOMES[name]
    log_in(page, login)

    expect(section(page, testid).locator('[data-testid="next-step"]')).to_be_visible()
    shoot(page, artifacts, f"home-{name}")
    assert page.problems == []


def test_the_superuser_picks_an_agency_from_the_home_and_the_pages_follow(page, artifacts):
    log_in(page, "superadmin")
    select = section(page, "instansi-select")

    select.select_option(label="Pemerintah Kabupaten Lembah Hijau")
    section(page, "instansi-switcher").locator('[data-testid="next-step"]').click()

    expect(page.locator(".alert-success")).to_contain_text("Lembah Hijau")
    expect(section(page, "year-state")).to_contain_text("belum dibuka")
    page.goto(reverse("org:unit_tree"))
    expect(page.locator("main")).to_contain_text("Lembah Hijau")
    assert page.problems == []


def test_the_skp_list_is_searched_by_nip_and_the_profile_links_the_skp(page, artifacts):
    atasan = Pegawai.objects.get(nip=d.NIP_KASI_IMUNISASI)
    skp = SKP.objects.filter(pegawai=atasan).latest("mulai")
    log_in(page, "admin.bkpsdm")
    page.goto(reverse("planning:list"))

    section(page, "search").fill(f"{atasan.nip[:8]} {atasan.nip[8:14]}")
    page.locator('[data-testid="filters"] button').click()

    expect(page.locator('[data-testid="skp-row"]')).to_have_count(1)
    expect(page.locator('[data-testid="skp-row"]')).to_contain_text(atasan.nama)
    # The data tables (this list, the profile's assignment history) are made to fit a phone by the phone-layout
    # change of issue 11 (item 14); the cards and forms of this change must fit already.
    shoot(page, artifacts, "skp-list-search", fits_phone=False)

    page.goto(reverse("org:pegawai_detail", args=[atasan.pk]))
    panel = section(page, "pegawai-skp")
    expect(panel).to_contain_text(skp.get_status_display())
    shoot(page, artifacts, "pegawai-profile-skp", fits_phone=False)
    panel.locator(f'a[href="{reverse("planning:skp_detail", args=[skp.pk])}"]').click()
    expect(page).to_have_url(re.compile(re.escape(reverse("planning:skp_detail", args=[skp.pk])) + "$"))
    assert page.problems == []


def test_the_unit_tree_shows_a_plh_and_a_penilai_outside_the_line_asks_for_confirmation(page, artifacts):
    camat = Jabatan.objects.get(instansi__kode="KOTA-SKM", nama="Camat Sukamaju Selatan")
    plh = Penugasan.objects.get(jabatan=camat, jenis=JenisPenugasan.PLH)
    log_in(page, "admin.bkpsdm")
    during = plh.mulai + datetime.timedelta(days=3)
    page.goto(f"{reverse('org:unit_tree')}?tanggal={during.isoformat()}")

    expect(page.locator('[data-testid="acting"]', has_text=plh.pegawai.nama)).to_contain_text("Plh")
    shoot(page, artifacts, "unit-tree-plh")

    skp = SKP.objects.filter(status="diajukan").exclude(pegawai__nip=d.NIP_PELAKSANA_IMUNISASI).first()
    page.goto(reverse("planning:reassign", args=[skp.pk]))
    page.locator("#id_penilai").fill(d.NIP_PELAKSANA_IMUNISASI)
    page.locator("#id_reason").fill("SK penunjukan penilai")
    page.locator("main form button[type=submit]").click()

    confirm = page.locator('input[type="checkbox"][name="confirm"]')
    expect(confirm).to_be_visible()
    shoot(page, artifacts, "reassign-warning")
    confirm.check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    assert page.problems == []
