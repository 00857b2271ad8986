"""The realisasi screens and API as their users use them: a pegawai records a realisasi with a phone photo in one
step, sees capaian and evidence, withdraws evidence with a reason; downloads are attachments that cannot be
sniffed; the page's query count does not grow with its rows."""

import datetime

import pytest
from django.urls import reverse

from kinerja.core.testing.clock import on_day
from kinerja.core.testing.helpers import count_queries
from kinerja.monitoring import selectors, services
from kinerja.monitoring.models import BuktiDukung, Pembukaan, Realisasi
from kinerja.monitoring.tests.realisasi_kit import (
    EXE,
    JPEG,
    PDF,
    World,
    media,  # noqa: F401  (fixture)
    state,
    stored_files,
    upload,
)
from kinerja.testkit import cast as named

pytestmark = pytest.mark.usefixtures("media")


@pytest.fixture
def world(cast):
    return World(cast)


@pytest.fixture
def client(cast):
    return cast.client("atasan")


def edit_url(world, indikator, plan=None):
    plan = plan or world.open_plan
    return reverse("monitoring:realisasi_edit", args=[world.skp.pk, plan.periode.nomor, indikator["id"]])


def page_url(world, plan=None):
    plan = plan or world.open_plan
    return reverse("monitoring:skp", args=[world.skp.pk]) + f"?periode={plan.periode.nomor}"


def record(world, indikator, plan=None, **values):
    plan = plan or world.open_plan
    return services.realisasi_record(
        actor=world.user, skp=world.skp, periode=plan.periode, indikator_id=indikator["id"], **values
    )


def test_a_realisasi_with_a_phone_photo_in_one_step(world, client):
    indikator = world.numeric()  # cakupan imunisasi, target 95 %
    with on_day(world.day):
        form = client.get(edit_url(world, indikator))
        assert form.status_code == 200
        html = form.content.decode()
        assert 'accept="image/*' in html and 'enctype="multipart/form-data"' in html
        done = client.post(
            edit_url(world, indikator),
            {
                "nilai": "92,5",
                "narasi": "Sweeping di tiga kelurahan.",
                "kunci": "0",
                "berkas": upload("IMG_2041.JPG", JPEG),
            },
        )
        assert done.status_code == 302
        page = client.get(done["Location"])
    saved = Realisasi.objects.get(
        skp=world.skp, periode=world.open_plan.periode, indikator_id=indikator["id"]
    )
    bukti = saved.bukti.get()
    text = page.content.decode()
    assert "92,5" in text and "IMG_2041.JPG" in text
    assert "97,37%" in text  # 92,5 of 95: capaian shown with the target
    assert reverse("monitoring:bukti_download", args=[bukti.pk]) in text


def test_the_form_keeps_what_was_typed_and_shows_every_error_at_once(world, client):
    indikator = world.numeric()
    with on_day(world.day):
        before = state()
        response = client.post(
            edit_url(world, indikator),
            {
                "nilai": "sembilan puluh",
                "narasi": "Cerita yang panjang.",
                "tautan": "javascript:alert(1)",
                "kunci": "0",
                "berkas": upload("setup.exe", EXE),
            },
        )
    assert response.status_code == 400
    text = response.content.decode()
    assert "sembilan puluh" in text and "Cerita yang panjang." in text
    form = response.context["form"]
    assert set(form.errors) >= {"nilai", "berkas", "tautan"}
    assert state() == before and stored_files() == []


def test_a_closed_period_shows_who_to_ask_and_its_form_sends_back(world, client):
    indikator = world.numeric(world.closed_plan)
    with on_day(world.day):
        page = client.get(page_url(world, world.closed_plan))
        response = client.get(edit_url(world, indikator, world.closed_plan))
    assert "BKPSDM" in page.content.decode()
    assert 'data-testid="isi"' not in page.content.decode()
    assert response.status_code == 302
    Pembukaan.objects.create(
        periode=world.closed_plan.periode,
        pegawai=world.skp.pegawai,
        sampai=world.day + datetime.timedelta(days=2),
        alasan="Cuti sakit",
    )
    with on_day(world.day):
        assert 'data-testid="isi"' in client.get(page_url(world, world.closed_plan)).content.decode()
        assert client.get(edit_url(world, indikator, world.closed_plan)).status_code == 200


def test_others_read_the_page_without_the_buttons(cast, world):
    with on_day(world.day):
        record(world, world.numeric(), nilai="50")
        text = cast.client("kepala_dinas").get(page_url(world)).content.decode()
    assert "50" in text and 'data-testid="isi"' not in text


def test_the_page_query_count_does_not_grow_with_rows(world, client):
    rows = [i for r in world.open_plan.rhk() for i in r["indikator"]]
    with on_day(world.day):
        record(world, rows[0], nilai="10", berkas=upload("a.jpg", JPEG))
        few, _response = count_queries(client, page_url(world))
        for n, indikator in enumerate(rows):
            saved = Realisasi.objects.filter(
                skp=world.skp, periode=world.open_plan.periode, indikator_id=indikator["id"]
            ).first()
            if saved is None:
                saved = record(world, indikator, nilai=str(n + 5), tautan="https://x.id/a")
            services.bukti_upload(actor=world.user, realisasi=saved, berkas=upload("b.pdf", PDF))
            services.bukti_link(actor=world.user, realisasi=saved, tautan="https://x.id/b")
        many, response = count_queries(client, page_url(world))
    assert BuktiDukung.objects.filter(realisasi__skp=world.skp).count() >= 3 * len(rows) - 1
    assert many == few, (few, many)
    assert response.content.decode().count('data-testid="bukti"') >= 3 * len(rows) - 1


def test_a_download_is_an_attachment_typed_by_its_content_and_a_link_opens_safely(cast, world, client):
    with on_day(world.day):
        saved = record(world, world.numeric(), nilai="5", tautan="https://drive.example.id/x")
        bukti = services.bukti_upload(
            actor=world.user, realisasi=saved, berkas=upload('../"laporan"; a.pdf', PDF, "text/html")
        )
        response = client.get(reverse("monitoring:bukti_download", args=[bukti.pk]))
        detail = client.get(reverse("monitoring:realisasi_detail", args=[saved.pk])).content.decode()
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and ".." not in disposition and "/" not in disposition
    assert b"".join(response.streaming_content) == PDF
    assert 'rel="noopener noreferrer nofollow"' in detail and 'target="_blank"' in detail
    link = saved.bukti.get(jenis="tautan")
    assert client.get(reverse("monitoring:bukti_download", args=[link.pk])).status_code == 404
    # Someone who does not see the SKP does not get the file.
    assert (
        cast.client("admin_pd").get(reverse("monitoring:bukti_download", args=[bukti.pk])).status_code == 404
    )


def test_withdrawing_evidence_asks_for_a_reason_and_keeps_it_downloadable(cast, world, client):
    with on_day(world.day):
        saved = record(world, world.numeric(), nilai="5", berkas=upload("a.jpg", JPEG))
        bukti = saved.bukti.get()
        url = reverse("monitoring:bukti_withdraw", args=[bukti.pk])
        assert client.get(url).status_code == 200
        before = state()
        assert client.post(url, {"reason": ""}).status_code == 400
        assert state() == before
        assert client.post(url, {"reason": "Foto buram."}).status_code == 302
        detail = client.get(reverse("monitoring:realisasi_detail", args=[saved.pk])).content.decode()
        again = cast.client("kepala_dinas").get(reverse("monitoring:bukti_download", args=[bukti.pk]))
    bukti.refresh_from_db()
    assert bukti.ditarik_at is not None and "Foto buram." in detail and "ditarik" in detail
    assert again.status_code == 200


def test_the_index_sends_the_one_skp_straight_to_its_page(cast, world, client):
    response = client.get(reverse("monitoring:index"))
    assert response.status_code == 302 and response["Location"] == reverse(
        "monitoring:skp", args=[world.skp.pk]
    )
    assert cast.client("admin_bkpsdm").get(reverse("monitoring:index")).status_code == 200


# API ----------------------------------------------------------------------------------------------------------


def test_api_records_uploads_and_refuses_a_stale_kunci(world, client):
    indikator = world.numeric()
    base = f"/api/v1/skp/{world.skp.pk}/realisasi/{world.open_plan.periode.nomor}/{indikator['id']}"
    with on_day(world.day):
        created = client.post(base, {"nilai": "90"}, content_type="application/json")
        assert created.status_code == 201, created.content
        realisasi_id, kunci = created.json()["id"], created.json()["kunci"]
        changed = client.put(base, {"nilai": "92,5", "kunci": kunci}, content_type="application/json")
        assert changed.status_code == 200 and changed.json()["nilai_angka"] == "92.50"
        stale = client.put(base, {"nilai": "1", "kunci": kunci}, content_type="application/json")
        assert stale.status_code == 409
        uploaded = client.post(
            f"/api/v1/realisasi/{realisasi_id}/bukti", {"berkas": upload("foto.jpg", JPEG), "judul": "Foto"}
        )
        assert uploaded.status_code == 201, uploaded.content
        refused = client.post(f"/api/v1/realisasi/{realisasi_id}/bukti", {"berkas": upload("x.pdf", EXE)})
        assert refused.status_code == 400
        listing = client.get(f"/api/v1/skp/{world.skp.pk}/realisasi").json()
    assert uploaded.json()["tipe"] == "image/jpeg"
    period = next(p for p in listing if p["nomor"] == world.open_plan.periode.nomor)
    row = next(r for r in period["indikator"] if r["indikator_id"] == indikator["id"])
    assert row["capaian"] == "97.37" and row["realisasi"]["kunci"] == 1 and len(row["bukti"]) == 1
    assert len(stored_files()) == 1


def test_the_home_card_lists_the_open_period_with_what_is_unfilled_and_the_deadline(cast, world, client):
    total = sum(len(r["indikator"]) for r in world.open_plan.rhk())
    with on_day(world.day):
        record(world, world.numeric(), nilai="5")
        text = client.get("/").content.decode()
        nothing = cast.client("admin_bkpsdm").get("/").content.decode()
    assert 'data-testid="realisasi-due"' in text and world.open_plan.periode.nama in text
    assert f"{total - 1} dari {total} indikator" in text
    assert world.closed_plan.periode.nama + "</strong>" not in text
    assert 'data-testid="realisasi-due"' not in nothing


def test_two_tabs_editing_one_realisasi_the_second_is_told_to_reload(world, client):
    indikator = world.numeric()
    with on_day(world.day):
        saved = record(world, indikator, nilai="10")
        form = client.get(edit_url(world, indikator)).content.decode()
        assert 'name="kunci" value="0"' in form and "10" in form
        assert client.post(edit_url(world, indikator), {"nilai": "20", "kunci": "0"}).status_code == 302
        before = state()
        second = client.post(edit_url(world, indikator), {"nilai": "30", "kunci": "0"})
    assert second.status_code == 400 and "diubah orang lain" in second.content.decode()
    assert state() == before
    saved.refresh_from_db()
    assert saved.nilai_angka == 20 and saved.kunci == 1


def test_the_detail_shows_earlier_values_with_the_evidence_they_had(world, client):
    indikator = world.numeric()
    with on_day(world.day):
        first = record(world, indikator, nilai="10", berkas=upload("awal.jpg", JPEG))
        services.realisasi_save(
            actor=world.user,
            skp=world.skp,
            periode=world.open_plan.periode,
            indikator_id=indikator["id"],
            nilai="20",
            kunci=first.kunci,
        )
        text = client.get(reverse("monitoring:realisasi_detail", args=[first.pk])).content.decode()
    history = text[text.index('data-testid="riwayat"') :]
    assert "10" in history and "awal.jpg" in history and "Bukti dukung saat itu" in history


def test_the_skp_page_shows_realisation_and_capaian_to_date_beside_the_targets(cast, world, client):
    indikator = world.numeric()  # cakupan imunisasi, target 95 %
    assert selectors.akumulasi_of(indikator) == "terakhir"  # a coverage: the latest value is the year's
    skp_url = reverse("planning:skp_detail", args=[world.skp.pk])
    with on_day(world.day):
        record(world, indikator, nilai="76")
        text = client.get(skp_url).content.decode()
        others = cast.client("kepala_dinas").get(skp_url).content.decode()
        few, _response = count_queries(client, skp_url)
        for other in [i for r in world.open_plan.rhk() for i in r["indikator"]][1:]:
            record(world, other, nilai="3")
        many, _response = count_queries(client, skp_url)
    section = text[text.index('data-testid="skp-capaian"') :]
    assert f"Realisasi dan capaian s.d. {world.open_plan.periode.nama}" in section
    row = section[section.index(indikator["uraian"]) :]
    assert "76" in row[: row.index("</tr>")] and "80%" in row[: row.index("</tr>")]  # 76 of 95
    assert reverse("monitoring:skp", args=[world.skp.pk]) in section
    assert 'data-testid="skp-capaian"' in others  # whoever may see the SKP sees its capaian
    assert many == few, (few, many)


def test_an_skp_not_yet_approved_has_no_capaian_section(cast):
    from kinerja.planning import services as planning_services

    skp = planning_services.skp_start(actor=cast.pegawai, pegawai=cast.pegawai.pegawai, tahun=named.YEAR)
    response = cast.client("pegawai").get(reverse("planning:skp_detail", args=[skp.pk]))
    assert response.status_code == 200
    assert 'data-testid="skp-capaian"' not in response.content.decode()
