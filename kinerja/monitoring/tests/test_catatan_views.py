"""Sanctions and innovations on their screens: the BKPSDM's form shows every error at once and keeps what was
typed, a decision shows on the pegawai's profile with its decree to download; the innovation goes from the
pegawai's draft through the penilai's return and verification to the profile's panel; the menu offers each to
whom it concerns; the API reads the same."""

import datetime

import pytest
from django.urls import reverse

from kinerja.core import clock
from kinerja.monitoring.models import Inovasi, SanksiDisiplin
from kinerja.monitoring.tests.realisasi_kit import PDF, media  # noqa: F401
from kinerja.monitoring.tests.routes_catatan import decree, inovasi, sanksi

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]
DAY = datetime.timedelta(days=1)


@pytest.fixture
def today(cast):
    return clock.today(cast.pegawai.pegawai.instansi)


def test_the_sanction_form_names_every_error_and_keeps_what_was_typed(cast, today):
    admin = cast.client("admin_bkpsdm")
    url = reverse("monitoring:sanksi_create")
    page = admin.post(
        url,
        {
            "nip": cast.pegawai.pegawai.nip,
            "tingkat": "potong_tukin_6",
            "nomor_sk": "800/9/BKPSDM/2026",
            "tanggal_sk": today.isoformat(),
            "mulai": today.isoformat(),
            "sampai": (today - 3 * DAY).isoformat(),
        },
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "sebelum tanggal mulai" in html  # the end before the start
    assert "Lampirkan pindaian SK" in html  # no scan
    assert 'value="800/9/BKPSDM/2026"' in html and f'value="{cast.pegawai.pegawai.nip}"' in html
    assert not SanksiDisiplin.objects.filter(pegawai=cast.pegawai.pegawai).exists()


def test_a_decision_recorded_on_screen_shows_on_the_profile_with_its_decree(cast, today):
    admin = cast.client("admin_bkpsdm")
    pegawai = cast.pegawai.pegawai
    form_url = reverse("monitoring:sanksi_create") + f"?pegawai={pegawai.pk}"
    assert f'value="{pegawai.nip}"' in admin.get(form_url).content.decode()  # pre-filled from the profile
    saved = admin.post(
        form_url,
        {
            "nip": pegawai.nip,
            "tingkat": "teguran_tertulis",
            "nomor_sk": "800/10/BKPSDM/2026",
            "tanggal_sk": today.isoformat(),
            "mulai": today.isoformat(),
            "berkas": decree(),
        },
    )
    found = SanksiDisiplin.objects.get(pegawai=pegawai)
    assert saved.status_code == 302 and saved.url == reverse("monitoring:sanksi_detail", args=[found.pk])
    listing = admin.get(reverse("monitoring:sanksi_list"), {"berlaku": "1", "q": pegawai.nama[:5]})
    assert "Teguran tertulis" in listing.content.decode()
    for role in ("pegawai", "atasan"):
        profile = cast.client(role).get(reverse("org:pegawai_detail", args=[pegawai.pk])).content.decode()
        assert 'data-testid="disiplin-sanksi"' in profile and "Teguran tertulis" in profile
        assert 'data-testid="sanksi-add"' not in profile  # only the BKPSDM records
        document = cast.client(role).get(reverse("monitoring:sanksi_document", args=[found.pk]))
        assert document.status_code == 200 and b"".join(document.streaming_content) == PDF
        assert document["Content-Disposition"].startswith("attachment")
    assert (
        'data-testid="sanksi-add"'
        in admin.get(reverse("org:pegawai_detail", args=[pegawai.pk])).content.decode()
    )


def test_cancelling_on_screen_keeps_the_decision_marked_cancelled(cast):
    found = sanksi(cast)
    admin = cast.client("admin_bkpsdm")
    url = reverse("monitoring:sanksi_cancel", args=[found.pk])
    refused = admin.post(url, {"reason": ""})
    assert refused.status_code == 200 and 'id="id_reason"' in refused.content.decode()
    found.refresh_from_db()
    assert found.batal_at is None
    done = admin.post(url, {"reason": "SK keliru nama."})
    assert done.status_code == 302
    detail = admin.get(reverse("monitoring:sanksi_detail", args=[found.pk])).content.decode()
    assert 'data-testid="sanksi-batal"' in detail and "SK keliru nama." in detail
    assert 'data-testid="sanksi-cancel"' not in detail


def test_an_innovation_from_draft_through_return_to_verified_on_the_profile(cast, today):
    pegawai, atasan = cast.client("pegawai"), cast.client("atasan")
    saved = pegawai.post(
        reverse("monitoring:inovasi_create"),
        {"tahun": today.year, "judul": "Antrean imunisasi daring", "masalah": "Antre 2 jam"},
    )
    found = Inovasi.objects.get(pegawai=cast.pegawai.pegawai)
    detail = reverse("monitoring:inovasi_detail", args=[found.pk])
    assert saved.url == detail
    page = pegawai.get(detail).content.decode()
    assert 'data-testid="inovasi-ajukan"' in page and 'id="inovasi-lacking"' in page
    refused = pegawai.post(reverse("monitoring:inovasi_ajukan", args=[found.pk]), follow=True)
    assert (
        "yang masih kosong: apa yang berubah, dampak terukur, bukti (berkas atau tautan)"
        in refused.content.decode()
    )
    edit = reverse("monitoring:inovasi_edit", args=[found.pk])
    pegawai.post(
        edit,
        {
            "kunci": found.kunci,
            "tahun": today.year,
            "judul": found.judul,
            "masalah": "Antre 2 jam",
            "perubahan": "Daftar lewat WhatsApp",
            "dampak": "Antre 15 menit",
            "tautan": "https://contoh.go.id/laporan",
        },
    )
    pegawai.post(reverse("monitoring:inovasi_ajukan", args=[found.pk]))
    home = atasan.get("/").content.decode()
    assert 'data-testid="card-inovasi"' in home and "Antrean imunisasi daring" in home
    assert 'data-testid="card-inovasi"' not in pegawai.get("/").content.decode()
    waiting = atasan.get(reverse("monitoring:inovasi_list")).content.decode()
    assert 'data-testid="inovasi-waiting"' in waiting and "Antrean imunisasi daring" in waiting
    page = atasan.get(detail).content.decode()
    assert 'data-testid="inovasi-verifikasi"' in page and 'data-testid="inovasi-edit"' not in page
    atasan.post(
        reverse("monitoring:inovasi_kembalikan", args=[found.pk]), {"reason": "Sertakan data Januari."}
    )
    assert "Sertakan data Januari." in pegawai.get(detail).content.decode()
    pegawai.post(reverse("monitoring:inovasi_ajukan", args=[found.pk]))
    atasan.post(reverse("monitoring:inovasi_verifikasi", args=[found.pk]))
    found.refresh_from_db()
    assert found.status == "diverifikasi"
    profile = atasan.get(reverse("org:pegawai_detail", args=[cast.pegawai.pegawai.pk])).content.decode()
    assert 'data-testid="pegawai-inovasi"' in profile and "Antrean imunisasi daring" in profile


def test_the_menu_offers_innovations_to_employees_and_decisions_to_the_bkpsdm(cast):
    home = "/"
    pegawai = cast.client("pegawai").get(home).content.decode()
    assert 'data-testid="nav-inovasi"' in pegawai and 'data-testid="nav-sanksi"' not in pegawai
    admin = cast.client("admin_bkpsdm").get(home).content.decode()
    assert 'data-testid="nav-sanksi"' in admin and 'data-testid="nav-inovasi"' not in admin


def test_the_api_reads_decisions_and_innovations_with_the_actions_of_the_caller(cast):
    found = sanksi(cast)
    waiting = inovasi(cast, submit=True)
    pegawai_id = cast.pegawai.pegawai.pk
    rows = cast.client("atasan").get(f"/api/v1/sanksi/pegawai/{pegawai_id}").json()
    assert [(r["id"], r["tingkat"], r["berat"], r["berlaku"]) for r in rows] == [
        (found.pk, "teguran_tertulis", "ringan", True)
    ]
    mine = cast.client("pegawai").get("/api/v1/inovasi").json()
    assert [(r["id"], r["status"], r["aksi"]) for r in mine] == [(waiting.pk, "diajukan", ["tarik"])]
    queue = cast.client("atasan").get("/api/v1/inovasi", {"menunggu": "true"}).json()
    assert [(r["id"], r["aksi"]) for r in queue if r["pegawai_id"] == pegawai_id] == [
        (waiting.pk, ["verifikasi", "kembalikan"])
    ]
    assert all(r["status"] == "diajukan" for r in queue)
    assert cast.client("kepala_dinas").get(f"/api/v1/inovasi/{waiting.pk}").status_code == 404
