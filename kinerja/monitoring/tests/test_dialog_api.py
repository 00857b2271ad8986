"""Feedback and dialog kinerja over the JSON API: the same services and refusals as the screens; and the
penilai the BKPSDM set for an SKP, who comments and records dialogues in place of the organisation's."""

import pytest
from django.core.exceptions import PermissionDenied

from kinerja.core import clock
from kinerja.monitoring import selectors, services
from kinerja.monitoring.models import DialogKinerja, UmpanBalik
from kinerja.monitoring.tests.routes_dialog import approved_skp, current_periode, realisasi
from kinerja.planning import services as planning_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def skp(cast):
    return approved_skp(cast.pegawai, cast.atasan)


@pytest.fixture
def found(cast, skp):
    return realisasi(skp, current_periode(skp), by=cast.pegawai)


def test_the_thread_says_who_may_write_and_a_reply_before_a_comment_is_a_400(cast, found):
    url = f"/api/v1/realisasi/{found.pk}/umpan-balik"
    assert cast.client("atasan").get(url).json()["boleh_menulis"] == "penilai"
    assert cast.client("pegawai").get(url).json()["boleh_menulis"] == ""
    assert cast.client("kepala_dinas").get(url).json() == {
        "realisasi_id": found.pk,
        "boleh_menulis": "",
        "pesan": [],
    }
    refused = cast.client("pegawai").post(url, {"isi": "Halo"}, content_type="application/json")
    assert refused.status_code == 400
    assert "isi" in refused.json()["errors"]
    made = cast.client("atasan").post(url, {"isi": "Bagus"}, content_type="application/json")
    assert made.status_code == 201 and made.json()["peran"] == "penilai"
    thread = cast.client("pegawai").get(url).json()
    assert thread["boleh_menulis"] == "pegawai"
    assert [m["isi"] for m in thread["pesan"]] == ["Bagus"]


def test_a_dialogue_recorded_confirmed_and_its_action_done_over_the_api(cast, skp):
    today = clock.today(skp.instansi).isoformat()
    body = {
        "skp_id": skp.pk,
        "jenis": "coaching",
        "tanggal": today,
        "topik": "Laporan",
        "catatan": "Dibahas.",
        "tindak_lanjut": [{"uraian": "Kirim laporan", "pemilik": "pegawai", "tenggat": today}],
    }
    made = cast.client("atasan").post("/api/v1/dialog", body, content_type="application/json")
    assert made.status_code == 201, made.json()
    dialog = made.json()
    assert dialog["dikonfirmasi_penilai_at"] and dialog["dikonfirmasi_pegawai_at"] is None
    assert [d["id"] for d in cast.client("pegawai").get("/api/v1/dialog").json()["items"]] == [dialog["id"]]
    confirmed = cast.client("pegawai").post(f"/api/v1/dialog/{dialog['id']}/konfirmasi")
    assert confirmed.status_code == 200 and confirmed.json()["dikonfirmasi_pegawai_at"]
    again = cast.client("pegawai").post(f"/api/v1/dialog/{dialog['id']}/konfirmasi")
    assert again.status_code == 400
    action = dialog["tindak_lanjut"][0]["id"]
    done = cast.client("pegawai").post(f"/api/v1/tindak-lanjut/{action}/selesai")
    assert done.status_code == 200 and done.json()["selesai_at"]
    edit = {"kunci": 1, "jenis": "coaching", "tanggal": today, "topik": "Ubah", "catatan": "Ubah"}
    assert (
        cast.client("atasan")
        .put(f"/api/v1/dialog/{dialog['id']}", edit, content_type="application/json")
        .status_code
        == 400
    )


def test_a_future_dialogue_is_a_400_and_nothing_is_stored(cast, skp):
    body = {"skp_id": skp.pk, "jenis": "coaching", "tanggal": "2999-01-01", "topik": "X", "catatan": "Y"}
    refused = cast.client("pegawai").post("/api/v1/dialog", body, content_type="application/json")
    assert refused.status_code == 400 and "tanggal" in refused.json()["errors"]
    assert not DialogKinerja.objects.filter(skp=skp).exists()


def test_the_penilai_set_by_the_bkpsdm_takes_over_feedback_and_dialogues(cast, skp, found):
    planning_services.skp_reassign_penilai(
        actor=cast.admin_bkpsdm,
        skp=skp,
        penilai=cast.kepala_dinas.pegawai,
        reason="Kepala seksi cuti",
        confirm=True,
    )
    skp.refresh_from_db()
    assert skp.penilai_ditetapkan
    found.refresh_from_db()
    with pytest.raises(PermissionDenied):  # the organisation's penilai no longer comments
        services.umpan_balik_add(actor=cast.atasan, realisasi=found, isi="Komentar")
    services.umpan_balik_add(actor=cast.kepala_dinas, realisasi=found, isi="Komentar")
    assert UmpanBalik.objects.get(realisasi=found).peran == "penilai"
    assert found.pk not in [r.pk for r in selectors.feedback.waiting(cast.atasan)]
    services.umpan_balik_add(actor=cast.pegawai, realisasi=found, isi="Terima kasih")
    assert found.pk in [r.pk for r in selectors.feedback.waiting(cast.kepala_dinas)]
    made = services.dialog_create(
        actor=cast.kepala_dinas,
        skp=skp,
        jenis="konseling",
        tanggal=clock.today(skp.instansi),
        topik="Beban kerja",
        catatan="Dibahas.",
    )
    assert made.penilai_id == cast.kepala_dinas.pegawai_id
