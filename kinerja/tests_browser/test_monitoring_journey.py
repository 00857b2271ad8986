"""The monitoring journey of the issue, on phones (400 px), two people side by side: the pegawai records a
realisasi with a photo from the home card; the supervisor finds it in the queue and comments; the pegawai sees
the comment on the home card and replies; the supervisor finds the reply waiting, and their team page shows the
period filled. Nothing scrolls sideways at any step."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kinerja.monitoring.models import BuktiDukung, PeranUmpanBalik, UmpanBalik
from kinerja.org import demo as d
from kinerja.tests_browser.conftest import open_page
from kinerja.tests_browser.test_journeys import log_in, nama, section, spaced

pytestmark = pytest.mark.browser

PHONE = {"width": 400, "height": 800}
PHOTO = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 4096


def _approved_skp():
    from kinerja.monitoring.tests.routes_dialog import approved_skp
    from kinerja.testkit.cast import Cast

    cast = Cast.from_db()
    return approved_skp(cast.pegawai, cast.atasan)


def fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def test_record_with_a_photo_comment_reply_and_the_team_page_shows_the_period_filled(
    browser, live_server, demo, settings, tmp_path, artifacts
):
    settings.MEDIA_ROOT = tmp_path / "media"
    skp = _approved_skp()  # one RHK, one indikator: 12 laporan a year
    pegawai_nama = nama(d.NIP_PELAKSANA_IMUNISASI)

    # The pegawai records this period's realisasi with a phone photo, from the home card
    pegawai = open_page(browser, live_server.url, PHONE)
    log_in(pegawai, spaced(d.NIP_PELAKSANA_IMUNISASI))
    card = section(pegawai, "realisasi-due")
    expect(card).to_contain_text("belum diisi")
    fits(pegawai)
    card.get_by_role("link", name="Isi realisasi").click()
    section(pegawai, "indikator").first.locator('[data-testid="isi"]').click()
    pegawai.get_by_label("Realisasi").fill("3")
    pegawai.get_by_label("Narasi").fill("Laporan Oktober sampai Desember disampaikan tepat waktu.")
    pegawai.get_by_label("Berkas bukti dukung").set_input_files(
        {"name": "IMG_20261201_0930.jpg", "mimeType": "image/jpeg", "buffer": PHOTO}
    )
    fits(pegawai)
    pegawai.get_by_role("button", name="Simpan").click()
    expect(pegawai.locator("main .alert-success")).to_contain_text("Realisasi disimpan.")
    row = section(pegawai, "indikator").first
    expect(row.locator('[data-testid="realisasi"]')).to_contain_text("3")
    expect(row.get_by_role("link", name="IMG_20261201_0930.jpg")).to_be_visible()
    expect(row.locator('[data-testid="feedback-submit"]')).to_have_count(0)  # no reply before a comment
    fits(pegawai)
    assert pegawai.problems == []

    # The supervisor finds it in the queue from the home card and comments
    atasan = open_page(browser, live_server.url, PHONE)
    log_in(atasan, d.NIP_KASI_IMUNISASI)
    section(atasan, "card-feedback-queue").click()
    queue_row = section(atasan, "queue-row").filter(has_text=pegawai_nama)
    expect(queue_row).to_contain_text("belum ada umpan balik")
    fits(atasan)
    queue_row.get_by_role("link", name="Buka").click()
    thread = section(atasan, "feedback-thread")
    thread.locator("textarea").fill("Bagus. Lampirkan juga tanda terima laporan bulan Desember.")
    thread.locator('[data-testid="feedback-submit"]').click()
    expect(section(atasan, "feedback-message")).to_have_count(1)
    expect(section(atasan, "feedback-message")).to_contain_text("Lampirkan juga tanda terima")
    fits(atasan)
    assert atasan.problems == []

    # The pegawai sees the comment on the home card and replies in the thread
    pegawai.goto(reverse("portal:home"))
    feedback_card = section(pegawai, "card-feedback")
    expect(feedback_card).to_contain_text("Pejabat penilai memberi umpan balik atas 1 realisasi")
    feedback_card.get_by_role("link", name="Buka realisasi saya").click()
    pegawai.wait_for_url(f"**{reverse('monitoring:skp', args=[skp.pk])}")  # their only SKP opens at once
    thread = section(pegawai, "feedback-thread").first
    expect(thread).to_contain_text("Lampirkan juga tanda terima")
    thread.locator("textarea").fill("Baik, Pak. Tanda terima menyusul setelah laporan Desember dikirim.")
    thread.locator('[data-testid="feedback-submit"]').click()
    expect(section(pegawai, "feedback-message")).to_have_count(2)
    fits(pegawai)
    pegawai.screenshot(path=str(artifacts / "monitoring-thread-pegawai-400.png"), full_page=True)
    assert pegawai.problems == []

    # The reply waits for the supervisor; the team page shows the period filled
    atasan.goto(reverse("monitoring:feedback_queue"))
    expect(section(atasan, "queue-row").filter(has_text=pegawai_nama)).to_contain_text("tanggapan pegawai")
    atasan.goto(reverse("monitoring:team"))
    team_row = atasan.locator(f'[data-testid="team-row"][data-pegawai="{skp.pegawai_id}"]')
    expect(team_row.locator('[data-testid="team-filled"]')).to_have_text("1 dari 1")
    expect(team_row).to_have_attribute("data-status", "lengkap")
    expect(team_row.locator('[data-testid="team-waiting"]')).to_have_text("1")
    fits(atasan)
    atasan.screenshot(path=str(artifacts / "monitoring-team-400.png"), full_page=True)
    assert atasan.problems == []

    assert BuktiDukung.objects.get(nama_asli="IMG_20261201_0930.jpg").tipe == "image/jpeg"
    assert list(
        UmpanBalik.objects.filter(realisasi__skp=skp).order_by("created_at").values_list("peran", flat=True)
    ) == [PeranUmpanBalik.PENILAI, PeranUmpanBalik.PEGAWAI]
    pegawai.context.close()
    atasan.context.close()
