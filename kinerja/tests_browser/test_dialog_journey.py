"""Dialog kinerja on a phone: the pegawai records a dialogue with an agreed action, the penilai finds it on their
home page, confirms it and marks the action done; nothing scrolls sideways at 400 px."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kinerja.monitoring.models import DialogKinerja
from kinerja.org import demo as d
from kinerja.tests_browser.conftest import open_page
from kinerja.tests_browser.test_journeys import log_in, spaced

pytestmark = pytest.mark.browser

PHONE = {"width": 400, "height": 800}


def _approved_skp():
    from kinerja.monitoring.tests.routes_dialog import approved_skp
    from kinerja.testkit.cast import Cast

    cast = Cast.from_db()
    return approved_skp(cast.pegawai, cast.atasan)


def test_on_a_phone_a_dialogue_is_recorded_confirmed_and_its_action_done(
    browser, live_server, demo, artifacts
):
    skp = _approved_skp()
    pegawai = open_page(browser, live_server.url, PHONE)
    log_in(pegawai, spaced(d.NIP_PELAKSANA_IMUNISASI))
    pegawai.goto(reverse("monitoring:dialog_list"))
    pegawai.locator('[data-testid="dialog-start"] button').click()
    pegawai.wait_for_url(f"**{reverse('monitoring:dialog_create', args=[skp.pk])}**")
    pegawai.locator("#id_topik").fill("Ketepatan laporan imunisasi")
    pegawai.locator("#id_catatan").fill("Laporan bulan lalu terlambat dua hari.")
    pegawai.locator("#id_tl_1_uraian").fill("Kirim laporan sebelum tanggal 5")
    pegawai.locator("#id_tl_1_tenggat").fill(pegawai.locator("#id_tanggal").input_value())
    assert pegawai.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    pegawai.get_by_role("button", name="Simpan dialog").click()
    expect(pegawai.locator("h1")).to_have_text("Ketepatan laporan imunisasi")
    expect(pegawai.locator('[data-testid="confirm"]')).to_have_count(0)
    assert pegawai.problems == []

    atasan = open_page(browser, live_server.url, PHONE)
    log_in(atasan, d.NIP_KASI_IMUNISASI)
    card = atasan.locator('[data-testid="card-actions"]')
    expect(card).to_contain_text("Menunggu konfirmasi Anda")
    card.get_by_role("link", name="Ketepatan laporan imunisasi").click()
    atasan.locator('[data-testid="confirm"]').click()
    expect(atasan.get_by_text("Anda telah mengonfirmasi catatan dialog.")).to_be_visible()
    atasan.locator('[data-testid="action-done"]').click()
    expect(atasan.locator('[data-testid="action"]')).to_contain_text("selesai")
    assert atasan.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    atasan.screenshot(path=str(artifacts / "dialog-detail-400.png"), full_page=True)
    assert atasan.problems == []

    found = DialogKinerja.objects.get(skp=skp)
    assert found.dikonfirmasi_pegawai_at and found.dikonfirmasi_penilai_at
    assert found.tindak_lanjut.get().selesai_at is not None
    pegawai.context.close()
    atasan.context.close()
