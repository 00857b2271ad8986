"""A printed SKP checked by a stranger: the QR code on the downloaded PDF opens the public verification page,
which matches the document; an altered code is reported as not matching (issue 11, item 6)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from conftest import YEAR
from kinerja.core import verification
from kinerja.core.testing.pdf import page_texts, qr_codes
from kinerja.org import demo as d
from kinerja.planning.models import SKP, StatusSKP
from kinerja.tests_browser.conftest import open_page
from kinerja.tests_browser.test_journeys import log_in, nama, section

pytestmark = pytest.mark.browser

ATASAN = d.NIP_KASI_IMUNISASI  # Kepala Seksi Imunisasi: an approved SKP in the demo


def _fits(page: Page, path) -> None:
    page.screenshot(path=str(path), full_page=True)
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"the page scrolls sideways: {width[0]}px wide in a {width[1]}px window"


def test_the_qr_code_of_a_printed_skp_opens_a_page_that_matches_it(
    page, browser, live_server, tmp_path, artifacts
):
    skp = SKP.objects.get(
        pegawai__nip=ATASAN, tahun_kinerja__tahun=YEAR, status=StatusSKP.DISETUJUI, berakhir=False
    )
    versi = skp.versi_set.order_by("-nomor").first()
    log_in(page, ATASAN)
    page.goto(reverse("planning:skp_detail", args=[skp.pk]))
    with page.expect_download() as info:
        section(page, "pdf").click()
    path = tmp_path / "skp.pdf"
    info.value.save_as(path)
    data = path.read_bytes()

    codes = qr_codes(data)
    texts = page_texts(data)
    assert all(len(page_codes) == 1 for page_codes in codes)
    url = codes[0][0]
    assert url.startswith(live_server.url)
    nomor = urlsplit(url).path.rstrip("/").rsplit("/", 1)[1]
    kode = parse_qs(urlsplit(url).query)["kode"][0]
    assert f"Nomor dokumen: {nomor}" in texts[0]
    assert f"VERSI {versi.nomor}" in texts[0]

    # Anyone holding the paper, on a phone, not logged in.
    phone = open_page(browser, live_server.url, {"width": 400, "height": 860})
    try:
        phone.goto(url)
        expect(section(phone, "verify-result")).to_contain_text("Cocok")
        expect(section(phone, "verify-nomor")).to_have_text(nomor)
        expect(section(phone, "verify-pemilik")).to_have_text(nama(ATASAN))
        expect(section(phone, "verify-penilai")).to_have_text(skp.identitas_penilai["nama"])
        expect(section(phone, "verify-versi")).to_have_text(str(versi.nomor))
        expect(section(phone, "verify-status")).to_have_text("Berlaku")
        expect(section(phone, "verify-hash")).to_have_text(verification.content_hash(versi.konten))
        assert kode == verification.content_hash(versi.konten)[:20].upper()
        _fits(phone, artifacts / "verifikasi-cocok-400.png")

        # A forged print: the code does not belong to the number.
        altered = url.replace(kode, ("0" if kode[0] != "0" else "1") + kode[1:])
        phone.goto(altered)
        expect(section(phone, "verify-result")).to_contain_text("Tidak cocok")
        expect(section(phone, "verify-details")).to_have_count(0)
        expect(phone.locator("main")).not_to_contain_text(nama(ATASAN))
        _fits(phone, artifacts / "verifikasi-tidak-cocok-400.png")
        assert phone.problems == []
    finally:
        phone.context.close()

    # The same page at an office screen, typed by hand from the paper.
    desk = open_page(browser, live_server.url, {"width": 1366, "height": 900})
    try:
        desk.goto(reverse("core:verify"))
        desk.get_by_label("Nomor dokumen").fill(nomor.lower())
        desk.get_by_label("Kode verifikasi").fill(" ".join(kode[i : i + 4] for i in range(0, 16, 4)))
        desk.get_by_role("button", name="Periksa").click()
        expect(section(desk, "verify-pemilik")).to_have_text(nama(ATASAN))
        _fits(desk, artifacts / "verifikasi-cocok-1366.png")
        assert desk.problems == []
    finally:
        desk.context.close()
    assert page.problems == []
