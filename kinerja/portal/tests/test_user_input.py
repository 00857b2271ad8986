"""Input a user can send (integers beyond 64 bits, impossible years) is refused with a message, never a 500."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from conftest import YEAR
from kinerja.planning.models import SKP

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"  # beyond 64 bits: the database cannot even compare it
JUST_BEYOND = str(2**63)


def _client(cast, role: str) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(getattr(cast, role))
    return client


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/units?offset={JUST_BEYOND}",
        f"/api/v1/units?limit={JUST_BEYOND}",
        f"/api/v1/units?parent_id={HUGE}",
        f"/api/v1/units/{HUGE}",
        f"/api/v1/jabatan?unit_id={HUGE}",
        f"/api/v1/jabatan/{HUGE}",
        f"/api/v1/pegawai/{HUGE}",
        f"/api/v1/pegawai/{HUGE}/penilai",
        f"/api/v1/pegawai/{HUGE}/dinilai",
        f"/api/v1/pegawai?offset={JUST_BEYOND}",
        f"/api/v1/kriteria/{HUGE}",
        f"/api/v1/kriteria/berlaku?instansi_id={HUGE}",
        f"/api/v1/skp?pegawai_id={HUGE}",
        f"/api/v1/skp?tahun={HUGE}",
        f"/api/v1/skp/{HUGE}",
        f"/api/v1/skp/{HUGE}/versi",
    ],
)
def test_integers_beyond_64_bits_in_api_reads_are_422_with_a_message(cast, url):
    response = _client(cast, "admin_bkpsdm").get(url)
    assert response.status_code == 422, (url, response.status_code, response.content[:300])
    assert response.json()["detail"]


def _post(client, url, data, method="POST"):
    return client.generic(method, f"/api/v1{url}", json.dumps(data), content_type="application/json")


@pytest.mark.parametrize("tahun", [0, -1, 10000, int(HUGE)])
def test_starting_an_skp_for_an_impossible_year_is_refused_with_a_message(cast, tahun):
    count = SKP.objects.count()
    response = _post(_client(cast, "pegawai"), "/skp", {"tahun": tahun})
    assert response.status_code in (400, 422), (tahun, response.status_code, response.content[:300])
    assert response.json()["detail"]
    assert SKP.objects.count() == count


def test_ids_beyond_64_bits_in_api_writes_are_422(cast):
    client = _client(cast, "pegawai")
    skp = _post(client, "/skp", {"tahun": YEAR}).json()
    for url, data, method in [
        ("/skp", {"tahun": YEAR, "salin_dari_id": int(HUGE)}, "POST"),
        (f"/skp/{skp['id']}/rhk", {"kunci": skp["kunci"], "uraian": "X", "rhk_atasan_id": int(HUGE)}, "POST"),
        (f"/skp/{skp['id']}/rhk", {"kunci": int(HUGE), "uraian": "X"}, "POST"),
        (f"/skp/{skp['id']}/rhk/{HUGE}", {"kunci": skp["kunci"], "uraian": "X"}, "PUT"),
        (f"/skp/{skp['id']}/indikator/{HUGE}", {"kunci": skp["kunci"], "uraian": "X"}, "DELETE"),
    ]:
        response = _post(client, url, data, method)
        assert response.status_code == 422, (url, response.status_code, response.content[:300])


@pytest.mark.parametrize("value", [HUGE, JUST_BEYOND, "²", "-1"])
def test_the_audit_trail_ignores_a_pegawai_filter_that_cannot_be_an_id(cast, value):
    response = _client(cast, "auditor").get(reverse("portal:audit_list"), {"pegawai": value})
    assert response.status_code == 200


def test_bulk_approval_of_an_id_beyond_64_bits_is_refused_with_a_message(cast):
    # Like any value that is no id, it is left out; with nothing else chosen the form asks for a choice.
    client = _client(cast, "atasan")
    data = {"skp": [HUGE, "²"], f"kunci_{HUGE}": HUGE, "konfirmasi": "on", "tahun": YEAR}
    response = client.post(reverse("planning:bulk_approve"), data)
    assert response.status_code == 200
    assert "Pilih sedikitnya satu SKP untuk disetujui." in response.content.decode()


@pytest.mark.parametrize(
    "name, query",
    [
        ("planning:inbox", {"tahun": "²"}),
        ("planning:cascade", {"pegawai": HUGE}),
        ("planning:cascade", {"pegawai": "²", "kedalaman": "²"}),
    ],
)
def test_planning_pages_ignore_numbers_they_cannot_use(cast, name, query):
    assert _client(cast, "atasan").get(reverse(name), query).status_code in (200, 404)


def test_the_openapi_document_declares_the_error_answers_of_each_operation(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    answers = {
        ("/api/v1/units", "get"): {"200", "401", "422"},
        ("/api/v1/skp/{skp_id}", "get"): {"200", "401", "404", "422"},
        ("/api/v1/skp", "post"): {"201", "400", "401", "403", "404", "422"},
        ("/api/v1/skp/{skp_id}/ajukan", "post"): {"200", "400", "401", "403", "404", "409", "422"},
    }
    for (path, method), statuses in answers.items():
        responses = paths[path][method]["responses"]
        assert set(responses) == statuses, (path, method, sorted(responses))
    offset = next(p for p in paths["/api/v1/units"]["get"]["parameters"] if p["name"] == "offset")
    assert offset["schema"]["maximum"] < 2**63


def test_a_nul_character_in_an_api_body_is_400_not_a_500(cast):
    # Found by test_api_fuzz on PostgreSQL, which cannot store NUL in text: the lampiran write answered 500.
    skp = _post(_client(cast, "pegawai"), "/skp", {"tahun": YEAR}).json()
    response = _post(
        _client(cast, "pegawai"),
        f"/skp/{skp['id']}/lampiran",
        {"kunci": skp["kunci"], "dukungan_sumber_daya": "Anggaran\x00"},
        method="PUT",
    )
    assert response.status_code == 400, response.content[:300]
    assert response.json()["detail"]


def test_a_nul_character_in_an_api_query_is_422_with_a_message(cast):
    response = _client(cast, "admin_bkpsdm").get("/api/v1/pegawai", {"q": "Budi\x00"})
    assert response.status_code == 422, response.content[:300]
    assert "NUL" in response.json()["detail"][0]["msg"]
