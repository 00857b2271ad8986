"""The attendance import in a browser, on a phone (400 px): the admin BKPSDM uploads a month with a mistake, sees
every refused row, uploads the corrected file, applies it, and finds it in the list; then a corrected export
of the same month shows the day it changes before it is applied. Nothing scrolls sideways at any step."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kinerja.core import clock
from kinerja.monitoring.models import Kehadiran
from kinerja.org import demo as d
from kinerja.org.models import Pegawai
from kinerja.tests_browser.conftest import open_page
from kinerja.tests_browser.test_journeys import log_in, section

pytestmark = pytest.mark.browser

PHONE = {"width": 400, "height": 800}


def fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def csv(lines: list[str]) -> dict:
    text = "\n".join(["NIP;Tanggal;Keterangan", *lines]) + "\n"
    return {"name": "absensi-dinkes.csv", "mimeType": "text/csv", "buffer": text.encode()}


def test_upload_see_the_refused_rows_correct_apply_and_correct_again(
    browser, live_server, demo, settings, tmp_path, artifacts
):
    settings.MEDIA_ROOT = tmp_path / "media"
    pegawai = Pegawai.objects.get(nip=d.NIP_PELAKSANA_IMUNISASI)
    today = clock.today(pegawai.instansi)
    bulan = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    days = [bulan + datetime.timedelta(days=i) for i in range(5)]
    nip = pegawai.nip

    page = open_page(browser, live_server.url, PHONE)
    log_in(page, "admin.bkpsdm")
    page.goto(reverse("monitoring:kehadiran_list"))
    fits(page)
    section(page, "kehadiran-new").click()

    # A file with a status the machine wrote as "TL" (ambiguous) and an unknown NIP
    page.get_by_label("Berkas kehadiran").set_input_files(
        csv(
            [
                f"{nip};{days[0]:%d/%m/%Y};H",
                f"{nip};{days[1]:%d/%m/%Y};TL",
                f"199001012020011001;{days[0]:%d/%m/%Y};H",
            ]
        )
    )
    page.get_by_role("button", name="Periksa berkas").click()
    problems = section(page, "problems")
    expect(problems).to_contain_text("'TL' berarti terlambat (hadir) di sebagian mesin")
    expect(problems).to_contain_text("Tidak ada pegawai instansi ini dengan NIP 199001012020011001")
    expect(section(page, "apply")).to_have_count(0)
    page.screenshot(path=str(artifacts / "kehadiran-refused-400.png"), full_page=True)
    fits(page)
    assert not Kehadiran.objects.filter(pegawai=pegawai).exists()

    # The corrected file: five days, one without a valid reason
    page.get_by_role("link", name="Unggah berkas yang sudah diperbaiki").click()
    statuses = ["H", "TK", "H", "S", "H"]
    page.get_by_label("Berkas kehadiran").set_input_files(
        csv([f"{nip};{day:%d/%m/%Y};{s}" for day, s in zip(days, statuses, strict=True)])
    )
    page.get_by_role("button", name="Periksa berkas").click()
    expect(page.locator('[data-count="baru"]')).to_have_text("5")
    fits(page)
    section(page, "apply").click()
    expect(page.locator("main .alert-success")).to_contain_text("5 hari ditambahkan")
    expect(section(page, "kehadiran-row").first).to_contain_text("absensi-dinkes.csv")
    fits(page)

    # A corrected export: the second day was sick leave after all
    section(page, "kehadiran-new").click()
    statuses[1] = "Sakit"
    page.get_by_label("Berkas kehadiran").set_input_files(
        csv([f"{nip};{day:%d/%m/%Y};{s}" for day, s in zip(days, statuses, strict=True)])
    )
    page.get_by_role("button", name="Periksa berkas").click()
    corrections = section(page, "corrections")
    expect(corrections).to_contain_text(pegawai.nama_lengkap)
    expect(corrections).to_contain_text("Tanpa keterangan")
    expect(corrections).to_contain_text("Sakit")
    page.screenshot(path=str(artifacts / "kehadiran-correction-400.png"), full_page=True)
    fits(page)
    section(page, "apply").click()
    expect(page.locator("main .alert-success")).to_contain_text("1 diubah")
    assert Kehadiran.objects.get(pegawai=pegawai, tanggal=days[1]).status == "sakit"
