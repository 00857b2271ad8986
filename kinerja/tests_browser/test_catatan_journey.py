"""Sanctions and innovations on a phone (400 px): the admin BKPSDM records a disciplinary decision from the
pegawai's profile with its decree's scan; the pegawai sees it on their profile, records an innovation with a
link and submits it; their penilai finds it waiting, verifies it, and it shows on the pegawai's profile. Nothing
scrolls sideways at any step."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kinerja.core import clock
from kinerja.monitoring.models import Inovasi, SanksiDisiplin
from kinerja.monitoring.tests.realisasi_kit import PDF
from kinerja.org import demo as d
from kinerja.org.models import Pegawai
from kinerja.tests_browser.conftest import open_page
from kinerja.tests_browser.test_journeys import log_in, section, spaced

pytestmark = pytest.mark.browser

PHONE = {"width": 400, "height": 800}


def fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def test_a_decision_on_record_and_an_innovation_verified(
    browser, live_server, demo, settings, tmp_path, artifacts
):
    settings.MEDIA_ROOT = tmp_path / "media"
    pegawai = Pegawai.objects.get(nip=d.NIP_PELAKSANA_IMUNISASI)
    today = clock.today(pegawai.instansi)
    profile = reverse("org:pegawai_detail", args=[pegawai.pk])

    admin = open_page(browser, live_server.url, PHONE)
    log_in(admin, "admin.bkpsdm")
    admin.goto(profile)
    section(admin, "sanksi-add").click()
    expect(admin.locator("#id_nip")).to_have_value(pegawai.nip)
    admin.get_by_label("Jenis hukuman").select_option(label="Teguran tertulis")
    admin.get_by_label("Nomor SK").fill("800.1.6/31/BKPSDM/2026")
    admin.get_by_label("Tanggal SK").fill(today.isoformat())
    admin.get_by_label("Berlaku mulai").fill(today.isoformat())
    fits(admin)
    admin.get_by_role("button", name="Simpan").click()
    # the scan is missing: every problem named, what was typed kept
    expect(admin.locator("main")).to_contain_text("Lampirkan pindaian SK")
    expect(admin.get_by_label("Nomor SK")).to_have_value("800.1.6/31/BKPSDM/2026")
    admin.get_by_label("Pindaian SK yang telah ditandatangani (PDF atau foto)").set_input_files(
        {"name": "sk-teguran.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    admin.get_by_role("button", name="Simpan").click()
    expect(admin.locator("h1")).to_have_text("Teguran tertulis")
    expect(section(admin, "sanksi-berlaku")).to_be_visible()
    fits(admin)
    admin.screenshot(path=str(artifacts / "sanksi-detail-400.png"), full_page=True)
    assert admin.problems == []
    assert SanksiDisiplin.objects.filter(pegawai=pegawai, nomor_sk="800.1.6/31/BKPSDM/2026").count() == 1

    me = open_page(browser, live_server.url, PHONE)
    log_in(me, spaced(d.NIP_PELAKSANA_IMUNISASI))
    me.goto(profile)
    expect(section(me, "disiplin-sanksi")).to_contain_text("Teguran tertulis")
    me.goto(reverse("monitoring:inovasi_list"))
    section(me, "inovasi-new").click()
    me.get_by_label("Nama inovasi").fill("Pengingat imunisasi lewat SMS")
    me.get_by_label("Masalah yang diatasi").fill("Banyak balita terlambat imunisasi lanjutan.")
    me.get_by_label("Apa yang berubah").fill("Pengingat SMS tiga hari sebelum jadwal, sejak April.")
    me.get_by_label("Dampak terukur").fill("Keterlambatan turun dari 30% menjadi 8%.")
    me.get_by_label("Tautan bukti").fill("https://sukamaju.go.id/laporan/sms-imunisasi")
    fits(me)
    me.get_by_role("button", name="Simpan").click()
    expect(section(me, "inovasi-status")).to_have_text("Draf")
    section(me, "inovasi-ajukan").click()
    expect(section(me, "inovasi-status")).to_have_text("Diajukan")
    fits(me)
    assert me.problems == []

    atasan = open_page(browser, live_server.url, PHONE)
    log_in(atasan, d.NIP_KASI_IMUNISASI)
    atasan.goto(reverse("monitoring:inovasi_list"))
    section(atasan, "inovasi-waiting").get_by_role("link", name="Pengingat imunisasi lewat SMS").click()
    fits(atasan)
    atasan.screenshot(path=str(artifacts / "inovasi-detail-400.png"), full_page=True)
    section(atasan, "inovasi-verifikasi").click()
    expect(section(atasan, "inovasi-status")).to_have_text("Diverifikasi")
    atasan.goto(profile)
    expect(section(atasan, "pegawai-inovasi")).to_contain_text("Pengingat imunisasi lewat SMS")
    fits(atasan)
    assert atasan.problems == []
    assert (
        Inovasi.objects.get(pegawai=pegawai, judul="Pengingat imunisasi lewat SMS").status == "diverifikasi"
    )
    for page in (admin, me, atasan):
        page.context.close()
