"""The evaluation round in a browser: the Kepala Seksi Imunisasi opens the queue, works on a team member's last
ended period, tries to finalise with a value unrated (every problem named, nothing lost), departs from the
suggested work result rating with a reason and finalises; the pegawai objects with reasons (on a phone); the
Kepala Bidang, as atasan pejabat penilai, changes the rating with a reason; the pegawai downloads the Dokumen
Evaluasi, whose text names the ratings, the predikat and both signatories."""

import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader

from kinerja.accounts.models import User
from kinerja.evaluation.models import Evaluasi, StatusEvaluasi
from kinerja.evaluation.tests.kit import ended_period, everything
from kinerja.org import demo as d
from kinerja.planning.models import SKP
from kinerja.tests_browser.conftest import open_page
from kinerja.tests_browser.test_journeys import log_in, section

pytestmark = pytest.mark.browser

PHONE = {"width": 400, "height": 800}
WIDE = {"width": 1366, "height": 900}
WORDS = {"di_atas": "Di Atas Ekspektasi", "sesuai": "Sesuai Ekspektasi", "di_bawah": "Di Bawah Ekspektasi"}


def fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def pdf_text(data: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages))


def test_a_periodic_evaluation_finalised_objected_to_and_decided(browser, live_server, demo, artifacts):
    skp = (
        SKP.objects.filter(
            penilai__nip=d.NIP_KASI_IMUNISASI, versi__gt=0, berakhir=False, jabatan__kepala_unit=False
        )
        .select_related("pegawai")
        .order_by("pk")
        .first()
    )
    periode = ended_period(skp)
    # every work result is rated "sesuai" below; the suggestion follows the capaian: the other rating departs from it
    suggested = everything(skp, periode)["rating_hasil_kerja"]
    other = "di_atas" if suggested != "di_atas" else "sesuai"

    kasi = open_page(browser, live_server.url, WIDE)
    log_in(kasi, d.NIP_KASI_IMUNISASI)
    expect(section(kasi, "card-evaluasi")).to_be_visible()
    kasi.goto(reverse("evaluation:index"))
    row = section(kasi, "antrian-row").filter(has_text=skp.pegawai.nama_lengkap).filter(has_text=periode.nama)
    row.get_by_role("link", name="Evaluasi").click()
    expect(kasi.locator("h1")).to_contain_text(skp.pegawai.nama_lengkap)
    expect(section(kasi, "evaluasi-rhk").first).to_be_visible()
    kasi.screenshot(path=str(artifacts / "evaluasi-form-1366.png"), full_page=True)
    # every value but the last rated; the work result rating departs from the suggestion without a reason
    ratings = section(kasi, "rating-nilai")
    for n in range(ratings.count() - 1):
        ratings.nth(n).select_option("sesuai")
    for n in range(section(kasi, "rating-rhk").count()):
        section(kasi, "rating-rhk").nth(n).select_option("sesuai")
    kasi.get_by_label("Rating hasil kerja", exact=True).select_option(other)
    kasi.get_by_label("Rating perilaku kerja", exact=True).select_option("sesuai")
    kasi.get_by_label("Catatan").fill("Koordinasi lapangan baik.")
    section(kasi, "evaluasi-finalkan").click()
    expect(kasi.locator("main")).to_contain_text("Beri rating setiap nilai perilaku")
    expect(kasi.locator("main")).to_contain_text("tuliskan alasannya")
    expect(kasi.get_by_label("Catatan")).to_have_value("Koordinasi lapangan baik.")
    assert not Evaluasi.objects.filter(skp=skp, periode=periode).exists()
    ratings.last.select_option("sesuai")
    kasi.get_by_label("Alasan rating berbeda dari saran").fill("Laporan lapangan melampaui target kualitas.")
    section(kasi, "evaluasi-finalkan").click()
    expect(section(kasi, "evaluasi-status")).to_have_text("Final, menunggu tanggapan pegawai")
    evaluasi = Evaluasi.objects.get(skp=skp, periode=periode)
    assert evaluasi.status == StatusEvaluasi.FINAL and evaluasi.rating_hasil_kerja == other
    assert evaluasi.alasan_hasil_kerja == "Laporan lapangan melampaui target kualitas."
    assert kasi.problems == []

    me = open_page(browser, live_server.url, PHONE)
    log_in(me, skp.pegawai.nip)
    expect(section(me, "card-evaluasi-hasil")).to_be_visible()
    me.goto(reverse("evaluation:detail", args=[evaluasi.pk]))
    fits(me)
    section(me, "evaluasi-ajukan-keberatan").click()
    me.get_by_label("Alasan keberatan Anda").fill("Perilaku saya pada nilai Kolaboratif di atas ekspektasi.")
    me.get_by_role("button", name="Kirim keberatan").click()
    expect(section(me, "evaluasi-status")).to_have_text("Keberatan diajukan")
    fits(me)
    me.screenshot(path=str(artifacts / "evaluasi-keberatan-400.png"), full_page=True)
    assert me.problems == []

    kabid = open_page(browser, live_server.url, WIDE)
    log_in(kabid, d.NIP_KABID_KESMAS)
    kabid.goto(reverse("evaluation:index"))
    section(kabid, "evaluasi-putus-list").get_by_role("link", name=skp.pegawai.nama_lengkap).click()
    section(kabid, "evaluasi-putuskan").click()
    kabid.get_by_label("Rating perilaku kerja").select_option("di_atas")
    kabid.get_by_label("Alasan keputusan").fill("Bukti kolaborasi lintas program meyakinkan.")
    section(kabid, "putus-submit").click()
    expect(section(kabid, "evaluasi-status")).to_have_text("Keberatan diputus")
    expect(section(kabid, "evaluasi-keputusan")).to_contain_text(
        "Bukti kolaborasi lintas program meyakinkan."
    )
    evaluasi.refresh_from_db()
    assert evaluasi.status == StatusEvaluasi.DIPUTUS and evaluasi.rating_perilaku == "di_atas"
    assert kabid.problems == []

    me.goto(reverse("evaluation:detail", args=[evaluasi.pk]))
    with me.expect_download() as download:
        section(me, "evaluasi-pdf").click()
    text = pdf_text(Path(download.value.path()).read_bytes())
    assert "DOKUMEN EVALUASI KINERJA PEGAWAI" in text
    assert f"PERIODE: {periode.nama.upper()}" in text
    assert WORDS[other] in text and "Di Atas Ekspektasi" in text
    predikat = {"sangat_baik": "SANGAT BAIK", "baik": "BAIK"}[evaluasi.predikat]
    assert f"PREDIKAT KINERJA PEGAWAI {predikat}" in text
    assert skp.pegawai.nama_lengkap in text
    assert User.objects.get(username=d.NIP_KASI_IMUNISASI).pegawai.nama_lengkap in text
    assert "Pejabat Penilai Kinerja" in text and "Pegawai yang Dinilai" in text
