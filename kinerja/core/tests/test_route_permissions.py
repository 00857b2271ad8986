"""Every URL and API route, walked as every demo role: who may read, who may write, who is refused.

The expectations live in each app's tests/routes.py; kinerja/core/testing/harness.py explains them.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from kinerja.accounts import services as account_services
from kinerja.accounts.models import ApiToken, User
from kinerja.core.testing.harness import (
    ALL_ROLES,
    Route,
    all_routes,
    api_operations,
    assert_refused_post,
    assert_unchanged,
    check_route,
    saved_logins,
    url_names,
)
from kinerja.org import demo
from kinerja.org import services as org_services
from kinerja.org.models import Instansi, Jabatan, Pegawai, UnitKerja
from kinerja.testkit import cast as named
from kinerja.testkit.cast import CAST_USERNAMES

ROUTES = all_routes()


@pytest.fixture(scope="session")
def logins(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return saved_logins(CAST_USERNAMES)


@pytest.mark.parametrize(
    ("route", "role"),
    [pytest.param(route, role, id=f"{route.id}-{role}") for route in ROUTES for role in ALL_ROLES],
)
def test_route_answers_each_role_as_declared(cast, logins, route: Route, role: str):
    check_route(cast, logins, route, role)


def test_every_url_and_api_operation_is_declared_in_the_harness():
    names, unnamed = url_names()
    declared = {route.name for route in ROUTES}
    missing = sorted((names | api_operations()) - declared)
    assert not missing, (
        f"routes without permission expectations (add them to <app>/tests/routes.py): {missing}"
    )
    assert not unnamed, f"URL patterns without a name cannot be declared: {unnamed}"


def test_every_declared_route_exists():
    names, _unnamed = url_names()
    stale = sorted({route.name for route in ROUTES} - names - api_operations())
    assert not stale, f"declared routes that no longer exist: {stale}"


# The outsider (admin of Kab. Lembah Hijau) and the data of Kota Sukamaju ----------------------------------


@pytest.fixture
def sukamaju(db):
    return named.instansi()


@pytest.fixture
def lembah(db):
    return named.instansi(named.LEMBAH)


LINK = re.compile(r"/org/(pegawai|unit|jabatan)/(\d+)/")
NIP = re.compile(r"(?<!\d)(\d{18}|\d{8} \d{6} \d \d{3})(?!\d)")


def _sukamaju_traces(html: str, sukamaju: Instansi, lembah: Instansi) -> list[str]:
    """Links to, NIPs of and names of Sukamaju pegawai, units and positions found in a page."""
    ids = {
        "pegawai": set(Pegawai.objects.filter(instansi=sukamaju).values_list("pk", flat=True)),
        "unit": set(UnitKerja.objects.filter(instansi=sukamaju).values_list("pk", flat=True)),
        "jabatan": set(Jabatan.objects.filter(instansi=sukamaju).values_list("pk", flat=True)),
    }
    traces = [link.group(0) for link in LINK.finditer(html) if int(link.group(2)) in ids[link.group(1)]]
    nips = set(Pegawai.objects.filter(instansi=sukamaju).values_list("nip", flat=True))
    traces += [nip for nip in NIP.findall(html) if nip.replace(" ", "") in nips]
    lembah_names = set(Pegawai.objects.filter(instansi=lembah).values_list("nama", flat=True))
    names = set(Pegawai.objects.filter(instansi=sukamaju).values_list("nama", flat=True)) - lembah_names
    traces += [name for name in names if name in html]
    return traces


def _list_pages():
    """Every HTML route without URL arguments that the outsider may open."""
    return sorted(
        {r.name for r in ROUTES if not r.is_api and r.kwargs is None and r.read and r.read["outsider"] == 200}
    )


def test_outsider_sees_no_pegawai_of_another_instansi_on_any_page(cast, sukamaju, lembah):
    client = cast.client("outsider")
    someone = Pegawai.objects.filter(instansi=sukamaju).order_by("pk").first()
    queries = [{}, {"instansi": sukamaju.pk}, {"instansi": sukamaju.pk, "q": someone.nama}]
    pages = _list_pages()
    assert {"org:pegawai_list", "org:unit_tree", "org:unplaced_list", "portal:audit_list"} <= set(pages)
    for name in pages:
        for query in queries:
            response = client.get(reverse(name), query)
            assert response.status_code == 200, (name, query)
            if not response["Content-Type"].startswith("text/html"):
                continue  # downloads (the import's .xlsx files): see kinerja/org/tests/test_import_views.py
            html = response.content.decode().replace(query.get("q", "\0"), "")  # the search box echoes it
            traces = _sukamaju_traces(html, sukamaju, lembah)
            assert not traces, f"{name} {query} shows Sukamaju data: {traces[:5]}"


def test_outsider_sees_no_audit_event_of_another_instansi(cast, lembah):
    response = cast.client("outsider").get(reverse("portal:audit_list"))
    shown = {event.instansi_id for event in response.context["page"]}
    assert shown <= {lembah.pk}


@pytest.fixture(params=["session", "token"])
def outsider_api(request, cast):
    """The outsider's API client, logged in through the browser session or with a personal token."""
    if request.param == "session":
        return cast.client("outsider"), {}
    _token, secret = account_services.api_token_create(actor=cast.outsider, name="Rekap")
    return cast.client(None), {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_outsider_api_lists_hold_only_its_own_instansi(outsider_api, sukamaju, lembah):
    client, headers = outsider_api
    expected = {
        "pegawai": Pegawai.objects.filter(instansi=lembah).count(),
        "units": UnitKerja.objects.filter(instansi=lembah).count(),
        "jabatan": Jabatan.objects.filter(instansi=lembah).count(),
    }
    for name, count in expected.items():
        response = client.get(f"/api/v1/{name}", {"limit": 1000}, **headers)
        assert response.status_code == 200, name
        body = response.json()
        assert {row["instansi_id"] for row in body["items"]} == {lembah.pk}, name
        assert body["count"] == count, name
    instansi = client.get("/api/v1/instansi", **headers).json()
    assert [row["id"] for row in instansi] == [lembah.pk]


def test_outsider_api_filters_cannot_reach_another_instansi(outsider_api, sukamaju):
    client, headers = outsider_api
    unit = UnitKerja.objects.get(instansi=sukamaju, kode="DINKES")
    someone = Pegawai.objects.filter(instansi=sukamaju).order_by("pk").first()
    for url, query in [
        ("/api/v1/pegawai", {"q": someone.nip}),
        ("/api/v1/pegawai", {"q": someone.nama}),
        ("/api/v1/units", {"parent_id": unit.pk}),
        ("/api/v1/jabatan", {"unit_id": unit.pk}),
    ]:
        body = client.get(url, query, **headers).json()
        assert body["items"] == [] and body["count"] == 0, (url, query)


def test_outsider_writes_land_in_its_own_instansi_whatever_the_query_asks(cast, sukamaju, lembah):
    client = cast.client("outsider")
    before = Instansi.objects.values().get(pk=sukamaju.pk)
    client.post(
        reverse("org:unit_create") + f"?instansi={sukamaju.pk}",
        {"kode": "UJI-LUAR", "nama": "Unit Uji", "eselon": "", "parent": ""},
    )
    client.post(
        reverse("org:instansi_edit") + f"?instansi={sukamaju.pk}",
        {
            "nama": "Diubah dari luar",
            "tempat": "Lembah",
            "jabatan_ppk": "",
            "zona_waktu": "Asia/Makassar",
            "skema_periode": "semesteran",
        },
    )
    assert UnitKerja.objects.get(kode="UJI-LUAR").instansi_id == lembah.pk
    assert Instansi.objects.values().get(pk=sukamaju.pk) == before
    assert Instansi.objects.get(pk=lembah.pk).nama == "Diubah dari luar"


# Personal API tokens ----------------------------------------------------------------------------------------


def _bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def pegawai_token(cast):
    return account_services.api_token_create(actor=cast.pegawai, name="Skrip")


def test_api_token_carries_its_owners_permissions(cast, pegawai_token):
    _token, secret = pegawai_token
    client = cast.client(None)
    own = cast.pegawai.pegawai_id
    atasan = named.person(demo.NIP_KASI_IMUNISASI)
    assert client.get(f"/api/v1/pegawai/{own}", **_bearer(secret)).status_code == 200
    assert client.get(f"/api/v1/pegawai/{atasan.pk}", **_bearer(secret)).status_code == 404
    listed = client.get("/api/v1/pegawai", **_bearer(secret)).json()["items"]
    assert [row["id"] for row in listed] == [own]


def test_api_without_credentials_or_with_an_unknown_token_answers_401(cast, pegawai_token):
    client = cast.client(None)
    assert client.get("/api/v1/pegawai").status_code == 401
    assert client.get("/api/v1/pegawai", **_bearer("knj_bukan-token-yang-ada")).status_code == 401


def test_api_refuses_a_revoked_token(cast, pegawai_token):
    token, secret = pegawai_token
    client = cast.client(None)
    assert client.get("/api/v1/pegawai", **_bearer(secret)).status_code == 200
    account_services.api_token_revoke(actor=cast.pegawai, token=token)
    assert client.get("/api/v1/pegawai", **_bearer(secret)).status_code == 401


def test_api_refuses_an_expired_token(cast, pegawai_token):
    token, secret = pegawai_token
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert cast.client(None).get("/api/v1/pegawai", **_bearer(secret)).status_code == 401


def test_api_refuses_the_token_of_a_deactivated_account(cast, pegawai_token):
    _token, secret = pegawai_token
    User.objects.filter(pk=cast.pegawai.pk).update(is_active=False)
    assert cast.client(None).get("/api/v1/pegawai", **_bearer(secret)).status_code == 401


def test_refused_post_helper_notices_a_change(cast):
    """The harness's own guard: a write inside `assert_unchanged` fails it, a refused POST passes it."""
    unit = named.unit("DISDIK.SEK")
    state = lambda: UnitKerja.objects.values().get(pk=unit.pk)  # noqa: E731
    url = reverse("org:unit_edit", args=[unit.pk])
    assert_refused_post(
        cast.client("pegawai"), url, {"kode": unit.kode, "nama": "X"}, expected=403, state=state
    )
    with pytest.raises(AssertionError, match="changed the data"), assert_unchanged(state):
        org_services.unit_update(actor=cast.admin_bkpsdm, unit=unit, kode=unit.kode, nama="Diubah")
