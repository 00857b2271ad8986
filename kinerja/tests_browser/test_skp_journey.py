"""End-to-end SKP journeys in a real Chromium: a pegawai drafts an SKP that cascades from the supervisor's, the
supervisor returns it, the pegawai fixes and resubmits it, the supervisor approves it and the pegawai prints it;
a submission refused for a missing indikator; the supervisor's approved SKP on a narrow phone."""

import io
import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from conftest import YEAR
from kinerja.org import demo as d
from kinerja.planning.models import SKP, StatusSKP
from kinerja.tests_browser.conftest import open_page
from kinerja.tests_browser.test_journeys import log_in, nama, path_of, section

pytestmark = pytest.mark.browser

PEGAWAI = d.NIP_PELAKSANA_IMUNISASI  # pelaksana of Seksi Imunisasi, no SKP this year
ATASAN = d.NIP_KASI_IMUNISASI  # Kepala Seksi Imunisasi, approved SKP, the pegawai's penilai
SUPPORTED = "U1. Meningkatnya cakupan imunisasi dasar lengkap"  # the supervisor's first Utama RHK (demo)

RHK_TEXT = "Terlaksananya imunisasi dasar lengkap bagi bayi di wilayah kerja"
INDIKATOR_1 = "Persentase bayi yang mendapat imunisasi dasar lengkap"
INDIKATOR_2 = "Persentase laporan imunisasi yang lengkap dan valid"
REASON = "Tambahkan indikator aspek kualitas untuk laporan imunisasi."
EKSPEKTASI = "Melayani orang tua bayi dengan ramah dan tepat waktu di posyandu"


def _menu(page: Page, name: str) -> None:
    page.locator("#menu").get_by_role("link", name=name, exact=True).click()


def _status(page: Page):
    return section(page, "status")


def _start_skp_with_one_rhk(page: Page) -> None:
    """From the home page: SKP menu, start the SKP, add one Utama RHK supporting the supervisor's U1."""
    _menu(page, "SKP")
    page.wait_for_url(lambda url: path_of(url) == reverse("planning:index"))
    expect(section(page, "start")).to_contain_text(f"Anda belum memiliki SKP tahun {YEAR}")
    section(page, "start-button").click()
    expect(page.locator("main .alert-success")).to_contain_text(f"SKP {YEAR} Anda sudah dimulai")
    expect(_status(page)).to_have_text("Draf")

    section(page, "add-rhk").click()
    expect(page.get_by_role("heading", name="RHK baru")).to_be_visible()
    page.get_by_label("Jenis RHK").select_option(label="Utama")
    page.get_by_label("Rencana hasil kerja (RHK)").fill(RHK_TEXT)
    page.get_by_label("RHK pimpinan yang diintervensi").select_option(label=SUPPORTED)
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator("main .alert-success")).to_have_text(re.compile(r"RHK disimpan\."))
    rhk = section(page, "rhk")
    expect(rhk).to_have_count(1)
    expect(rhk.first).to_contain_text(RHK_TEXT)
    expect(rhk.first.locator('[data-testid="rhk-atasan"]')).to_have_text(SUPPORTED.split(". ", 1)[1])


def _add_indikator(page: Page, uraian: str, target: str, satuan: str, aspek: str = "Kuantitas") -> None:
    section(page, "rhk").first.get_by_role("link", name="Indikator", exact=True).click()
    expect(page.get_by_role("heading", name="Indikator baru")).to_be_visible()
    page.get_by_label("Indikator kinerja individu").fill(uraian)
    page.get_by_label("Aspek").select_option(label=aspek)
    page.get_by_label("Jenis target").select_option(label="Angka")
    page.get_by_label("Target (angka)").fill(target)
    page.get_by_label("Satuan").fill(satuan)
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator("main .alert-success")).to_have_text(re.compile(r"Indikator disimpan\."))


def _submit(page: Page) -> None:
    section(page, "submit").click()
    expect(page.locator("main .alert-success")).to_contain_text(f"SKP diajukan kepada {nama(ATASAN)}")
    expect(_status(page)).to_have_text("Diajukan")
    expect(section(page, "checklist")).to_have_count(0)  # no longer editable


def _open_from_inbox(page: Page) -> None:
    section(page, "nav-inbox").click()
    page.wait_for_url(lambda url: path_of(url) == reverse("planning:inbox"))
    waiting = section(page, "waiting-skp").filter(has_text=nama(PEGAWAI))
    expect(waiting).to_have_count(1)
    waiting.locator("summary").click()
    expect(waiting.locator('[data-testid="review"]')).to_contain_text(RHK_TEXT)
    waiting.get_by_role("link", name="Buka SKP lengkap").click()
    expect(_status(page)).to_have_text("Diajukan")
    expect(section(page, "decide")).to_be_visible()


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in reader.pages))


def test_skp_is_drafted_returned_fixed_approved_and_printed(page, browser, live_server, tmp_path):
    log_in(page, PEGAWAI)
    _start_skp_with_one_rhk(page)
    _add_indikator(page, INDIKATOR_1, "92,5", "%")
    expect(section(page, "indikator")).to_have_count(1)
    expect(section(page, "target")).to_have_text("92,5 %")
    expect(section(page, "checklist")).to_contain_text("Semua yang diperlukan sudah lengkap")
    _submit(page)
    skp = SKP.objects.get(pegawai__nip=PEGAWAI, tahun_kinerja__tahun=YEAR)
    assert skp.status == StatusSKP.DIAJUKAN

    atasan = open_page(browser, live_server.url)
    try:
        # The supervisor returns it with what must change.
        log_in(atasan, ATASAN)
        _open_from_inbox(atasan)
        section(atasan, "return").click()
        atasan.get_by_label("Apa yang harus diubah oleh pegawai?").fill(REASON)
        atasan.get_by_role("button", name="Kembalikan SKP").click()
        expect(atasan.locator("main .alert-success")).to_contain_text(
            f"SKP dikembalikan kepada {nama(PEGAWAI)}"
        )
        expect(_status(atasan)).to_have_text("Dikembalikan")
        expect(section(atasan, "timeline")).to_contain_text(REASON)

        # The pegawai reads the reason on the SKP page and on the list, adds an indikator and resubmits.
        _menu(page, "SKP")
        card = section(page, "skp-card")
        expect(card).to_contain_text("Dikembalikan")
        expect(card).to_contain_text(REASON)
        card.get_by_role("link", name="Lanjutkan").click()
        expect(_status(page)).to_have_text("Dikembalikan")
        expect(section(page, "returned")).to_contain_text("Dikembalikan oleh pejabat penilai:")
        expect(section(page, "returned")).to_contain_text(REASON)
        _add_indikator(page, INDIKATOR_2, "100", "%", aspek="Kualitas")
        expect(section(page, "indikator")).to_have_count(2)
        _submit(page)
        expect(section(page, "returned")).to_have_count(0)

        # The supervisor approves it with one specific expectation.
        atasan.goto(reverse("portal:home"))
        _open_from_inbox(atasan)
        expect(section(atasan, "indikator")).to_have_count(2)
        section(atasan, "approve").click()
        expect(section(atasan, "summary")).to_contain_text(INDIKATOR_2)
        atasan.get_by_label("Berorientasi Pelayanan").fill(EKSPEKTASI)
        atasan.get_by_role("button", name="Setujui SKP").click()
        expect(atasan.locator("main .alert-success")).to_contain_text(
            f"SKP {nama(PEGAWAI)} disetujui; versi 1 kini berlaku."
        )
        expect(_status(atasan)).to_have_text("Disetujui")
        expect(section(atasan, "versi")).to_contain_text("1")
        expect(section(atasan, "perilaku")).to_contain_text(EKSPEKTASI)
        assert atasan.problems == []
    finally:
        atasan.context.close()

    # The pegawai sees the approved SKP and downloads its PDF.
    page.reload()
    expect(_status(page)).to_have_text("Disetujui")
    expect(section(page, "perilaku")).to_contain_text(EKSPEKTASI)
    with page.expect_download() as info:
        section(page, "pdf").click()
    download = info.value
    assert download.suggested_filename == f"SKP-{PEGAWAI}-{YEAR}.pdf"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    text = _pdf_text(data)
    assert RHK_TEXT in text
    assert INDIKATOR_2 in text
    skp.refresh_from_db()
    assert (skp.status, skp.versi) == (StatusSKP.DISETUJUI, 1)
    assert page.problems == []


def test_submitting_an_skp_without_indikator_lists_the_problems_and_keeps_the_draft(page):
    log_in(page, PEGAWAI)
    _start_skp_with_one_rhk(page)
    expect(section(page, "problems")).to_contain_text("RHK U1 belum memiliki indikator kinerja individu.")

    section(page, "submit").click()
    errors = page.locator("main .alert-danger")
    expect(errors.first).to_contain_text("SKP belum dapat diajukan:")
    expect(errors.filter(has_text="RHK U1 belum memiliki indikator kinerja individu.")).to_have_count(1)
    expect(_status(page)).to_have_text("Draf")
    expect(section(page, "checklist")).to_contain_text("Sebelum dapat diajukan:")
    skp = SKP.objects.get(pegawai__nip=PEGAWAI, tahun_kinerja__tahun=YEAR)
    assert skp.status == StatusSKP.DRAFT
    assert page.problems == []


def test_the_approved_skp_of_the_supervisor_fits_a_400px_wide_phone(page, artifacts):
    skp = SKP.objects.get(
        pegawai__nip=ATASAN, tahun_kinerja__tahun=YEAR, status=StatusSKP.DISETUJUI, berakhir=False
    )
    page.set_viewport_size({"width": 400, "height": 860})
    log_in(page, ATASAN)
    page.goto(reverse("planning:skp_detail", args=[skp.pk]))

    expect(_status(page)).to_have_text("Disetujui")
    expect(section(page, "rhk").first).to_be_visible()
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    page.screenshot(path=str(artifacts / "skp-detail-400.png"), full_page=True)
    assert width[0] <= width[1], f"the page scrolls sideways: {width[0]}px wide in a {width[1]}px window"
    assert page.problems == []
