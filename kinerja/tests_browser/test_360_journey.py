"""A 360 round in a browser: the BKPSDM has opened a round over a team of the Seksi Imunisasi; the pegawai answers
about themselves (on a phone), their Kepala Seksi as pejabat penilai, and three peers; the BKPSDM closes the round;
the pegawai reads their report (peers only as an average, no name); the Kepala Seksi sees the 360 results beside
the perilaku rating on the evaluation page and sets the competency profile."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kinerja.accounts.models import User
from kinerja.core import clock
from kinerja.evaluation.tests.kit import ended_period
from kinerja.feedback360 import services
from kinerja.feedback360.models import Formulir, Kelompok, Peserta, ProfilKompetensi
from kinerja.org import demo as d
from kinerja.planning.models import SKP
from kinerja.tests_browser.conftest import open_page
from kinerja.tests_browser.test_journeys import log_in, section

pytestmark = pytest.mark.browser

PHONE = {"width": 400, "height": 800}
WIDE = {"width": 1366, "height": 900}


def answer(browser, base_url, formulir, viewport=WIDE) -> None:
    page = open_page(browser, base_url, viewport)
    log_in(page, User.objects.get(pegawai_id=formulir.pengisi_id).username)
    page.goto(reverse("feedback360:isi", args=[formulir.pk]))
    levels = section(page, "isi-level")
    for n in range(levels.count()):
        levels.nth(n).select_option("4")
    page.locator("#id_komentar").fill(f"Catatan {formulir.get_kelompok_display()}")
    section(page, "isi-kirim").click()
    page.wait_for_url(lambda url: url.endswith(reverse("feedback360:index")))
    if viewport == PHONE:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.close()


def test_a_round_answered_closed_reported_and_turned_into_a_competency_profile(browser, live_server, demo):
    skp = (
        SKP.objects.filter(
            penilai__nip=d.NIP_KASI_IMUNISASI, versi__gt=0, berakhir=False, jabatan__kepala_unit=False
        )
        .select_related("pegawai", "jabatan__unit", "instansi")
        .order_by("pk")
        .first()
    )
    periode = ended_period(skp)
    admin = User.objects.get(username="admin.bkpsdm")
    ronde = services.ronde_buka(
        actor=admin,
        instansi=skp.instansi,
        nama="Umpan Balik 360 Uji",
        tanggal_tutup=clock.today(skp.instansi),
        unit=skp.jabatan.unit,
        periode=periode,
    )
    peserta = Peserta.objects.get(ronde=ronde, pegawai=skp.pegawai)
    forms = Formulir.objects.filter(peserta=peserta).order_by("pk")
    peers = list(forms.filter(kelompok=Kelompok.REKAN)[:3])
    assert len(peers) == 3 and ronde.ambang <= 3

    answer(browser, live_server.url, forms.get(kelompok=Kelompok.DIRI), PHONE)
    answer(browser, live_server.url, forms.get(kelompok=Kelompok.PENILAI))
    for f in peers:
        answer(browser, live_server.url, f)

    bkpsdm = open_page(browser, live_server.url, WIDE)
    log_in(bkpsdm, "admin.bkpsdm")
    bkpsdm.goto(reverse("feedback360:ronde", args=[ronde.pk]))
    section(bkpsdm, "ronde-tutup").click()
    bkpsdm.get_by_role("button", name="Tutup ronde").click()
    expect(section(bkpsdm, "ronde-status")).to_have_text("Ditutup")

    pegawai = open_page(browser, live_server.url, PHONE)
    log_in(pegawai, skp.pegawai.nip)
    pegawai.goto(reverse("feedback360:laporan", args=[peserta.pk]))
    expect(section(pegawai, "laporan-rekan").first).to_contain_text("4 (n=3)")
    expect(section(pegawai, "laporan-komentar")).to_contain_text("Catatan Rekan kerja")
    text = section(pegawai, "laporan-tabel").inner_text() + section(pegawai, "laporan-komentar").inner_text()
    for f in peers:
        assert f.pengisi.nama not in text and f.pengisi.nip not in text
    assert pegawai.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    kasi = open_page(browser, live_server.url, WIDE)
    log_in(kasi, d.NIP_KASI_IMUNISASI)
    kasi.goto(reverse("evaluation:periodik", args=[skp.pk, periode.nomor]))
    expect(section(kasi, "evaluasi-360")).to_contain_text("Umpan Balik 360 Uji")
    kasi.goto(reverse("feedback360:profil", args=[skp.pegawai_id, ronde.tahun]))
    levels = section(kasi, "profil-level")
    assert levels.count() > 0
    for n in range(levels.count()):
        levels.nth(n).select_option("2")
    section(kasi, "profil-simpan").click()
    expect(kasi.locator(".alert-success")).to_contain_text("Profil kompetensi tersimpan")
    assert set(
        ProfilKompetensi.objects.filter(pegawai=skp.pegawai, tahun=ronde.tahun).values_list(
            "level", flat=True
        )
    ) == {2}
