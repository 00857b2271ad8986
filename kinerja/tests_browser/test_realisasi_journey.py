"""On a phone (400 px): the supervisor of Seksi Imunisasi records a realisasi of their approved SKP with a photo
in one step, from the home card to the capaian, and downloads the photo back; nothing scrolls sideways."""

import re

import pytest
from playwright.sync_api import expect

from kinerja.monitoring.models import BuktiDukung
from kinerja.org import demo as d
from kinerja.tests_browser.conftest import open_page
from kinerja.tests_browser.test_journeys import log_in, section

pytestmark = pytest.mark.browser

ATASAN = d.NIP_KASI_IMUNISASI  # approved SKP; first indikator: cakupan imunisasi, target 95 %
PHOTO = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 2048
PHONE = {"width": 400, "height": 800}


def test_a_realisasi_with_a_phone_photo_from_the_home_card(browser, live_server, demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    page = open_page(browser, live_server.url, PHONE)
    log_in(page, ATASAN)
    card = section(page, "realisasi-due")
    expect(card).to_contain_text("belum diisi")
    card.get_by_role("link", name="Isi realisasi").click()

    first = section(page, "indikator").first
    expect(first).to_contain_text("belum diisi")
    first.locator('[data-testid="isi"]').click()
    page.get_by_label("Realisasi").fill("92,5")
    page.get_by_label("Narasi").fill("Sweeping imunisasi di tiga kelurahan.")
    page.get_by_label("Berkas bukti dukung").set_input_files(
        {"name": "IMG_20261015.jpg", "mimeType": "image/jpeg", "buffer": PHOTO}
    )
    page.get_by_role("button", name="Simpan").click()

    expect(page.locator("main .alert-success")).to_have_text(re.compile(r"Realisasi disimpan\."))
    first = section(page, "indikator").first
    expect(first.locator('[data-testid="realisasi"]')).to_contain_text("92,5")
    expect(first.locator('[data-testid="capaian"]')).to_contain_text("97,37%")
    link = first.get_by_role("link", name="IMG_20261015.jpg")
    expect(link).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "IMG_20261015.jpg"
    assert BuktiDukung.objects.get(nama_asli="IMG_20261015.jpg").tipe == "image/jpeg"
    assert page.problems == []
    page.context.close()
