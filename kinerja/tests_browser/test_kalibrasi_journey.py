"""A calibration session in a browser: the tim penilai opens a session over the Dinas Kesehatan for the first
period, with the admin BKPSDM as a member; the member proposes a change to one employee's result with a reason;
the tim penilai, as chair, accepts it and closes the session; the employee (on a phone) reads the changed predikat
and the reason on their evaluation, where they may object."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kinerja.accounts.models import User
from kinerja.calibration.models import SesiKalibrasi
from kinerja.evaluation.models import Evaluasi, StatusEvaluasi
from kinerja.evaluation.rules import DI_ATAS, SESUAI
from kinerja.org import demo as d
from kinerja.org.models import UnitKerja
from kinerja.tests_browser.conftest import open_page
from kinerja.tests_browser.test_journeys import log_in, section

pytestmark = pytest.mark.browser

PHONE = {"width": 400, "height": 800}
WIDE = {"width": 1366, "height": 900}
REASON = "Capaian realisasi Triwulan I di bawah target dan bukti dukung belum lengkap."


def test_a_session_opened_a_change_proposed_accepted_applied_and_read_by_the_pegawai(
    browser, live_server, demo
):
    dinkes = UnitKerja.objects.get(kode="DINKES", instansi__kode="KOTA-SKM")
    evaluasi = (
        Evaluasi.objects.filter(
            skp__jabatan__unit__path__startswith=dinkes.path,
            status__in=[StatusEvaluasi.FINAL, StatusEvaluasi.DITERIMA],
            periode__nomor=1,
            atasan_penilai__isnull=False,
            pegawai__user__is_active=True,
            predikat_organisasi="",  # not a head: their rating hasil kerja is their unit's result
        )
        .exclude(pegawai__nip__in=[d.NIP_PELAKSANA_IMUNISASI, d.NIP_KASI_IMUNISASI])
        .select_related("periode", "pegawai")
        .order_by("pk")
        .first()
    )
    assert evaluasi is not None
    hasil = SESUAI if evaluasi.rating_hasil_kerja == DI_ATAS else DI_ATAS

    tim = open_page(browser, live_server.url, WIDE)
    log_in(tim, "tim.penilai")
    tim.goto(reverse("calibration:daftar"))
    section(tim, "kalibrasi-buka").click()
    tim.locator("#id_nama").fill("Kalibrasi Uji Browser")
    tim.locator("#id_tahun").select_option(str(evaluasi.tahun))
    tim.locator("#id_periode").select_option(str(evaluasi.periode_id))
    tim.locator(f"input[name=units][value='{dinkes.pk}']").check()
    admin = User.objects.get(username="admin.bkpsdm")
    tim.locator(f"input[name=anggota][value='{admin.pk}']").check()
    tim.get_by_role("button", name="Buka sesi").click()
    expect(tim.locator(".alert-success")).to_contain_text("Kalibrasi Uji Browser")
    sesi = SesiKalibrasi.objects.get(nama="Kalibrasi Uji Browser")

    member = open_page(browser, live_server.url, WIDE)
    log_in(member, "admin.bkpsdm")
    member.goto(reverse("calibration:sesi", args=[sesi.pk]))
    member.locator("#q").fill(evaluasi.pegawai.nip)
    member.get_by_role("button", name="Tampilkan").click()
    section(member, "hasil-usul").click()
    member.locator("#id_rating_hasil_kerja").select_option(hasil)
    member.locator("#id_alasan").fill(REASON)
    member.get_by_role("button", name="Kirim usulan ke ketua").click()
    expect(member.locator(".alert-success")).to_be_visible()
    expect(section(member, "usulan-status")).to_have_text("Diajukan")

    tim.goto(reverse("calibration:sesi", args=[sesi.pk]))
    section(tim, "usulan-terima").click()
    expect(section(tim, "usulan-status")).to_have_text("Diterima ketua")
    section(tim, "sesi-tutup").click()
    tim.get_by_role("button", name="Tutup sesi").click()
    expect(section(tim, "sesi-status")).to_have_text("Ditutup")
    expect(section(tim, "usulan-status")).to_have_text("Diterapkan")

    evaluasi.refresh_from_db()
    assert evaluasi.rating_hasil_kerja == hasil and evaluasi.status == StatusEvaluasi.FINAL
    pegawai = open_page(browser, live_server.url, PHONE)
    log_in(pegawai, evaluasi.pegawai.nip)
    pegawai.goto(reverse("evaluation:detail", args=[evaluasi.pk]))
    note = section(pegawai, "evaluasi-kalibrasi")
    expect(note).to_contain_text("Kalibrasi Uji Browser")
    expect(note).to_contain_text(REASON)
    expect(note).to_contain_text(evaluasi.get_predikat_display())
    expect(section(pegawai, "evaluasi-ajukan-keberatan")).to_be_visible()
    assert pegawai.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
