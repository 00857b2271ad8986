"""Every create form is saved once: the same form posted again (Back and Save, a double click) creates nothing and
sends the user to what was saved. The forms, their data and what they change come from the route harness."""

import re

import pytest
from django.contrib.messages import get_messages

from kinerja.core import once
from kinerja.core.testing.harness import Objects, Writes, all_routes, assert_unchanged

# Every form that creates something (a new app adds its create forms here; views_util.submitted protects them).
CREATE_FORMS = [
    "planning:rhk_create",
    "planning:indikator_create",
    "planning:year_open",
    "org:unit_create",
    "org:jabatan_create",
    "org:pegawai_create",
    "org:penugasan_create",
    "org:pegawai_transfer",
    "criteria:start",
    "criteria:kriteria_create",
    "criteria:kompetensi_create",
    "accounts:role_list",
    "monitoring:dialog_create",
    "monitoring:realisasi_edit",
    "monitoring:bukti_add",
    "monitoring:rencana_aksi_edit",
    "monitoring:reopen_create",
    "monitoring:sanksi_create",
    "monitoring:inovasi_create",
]

TOKEN = re.compile(r'name="sekali" value="([^"]+)"')
ALREADY_SAVED = "Data ini sudah tersimpan sebelumnya"


def _cases():
    """One declared write that succeeds for some role, per create form."""
    seen = set()
    for route in all_routes():
        if route.name not in CREATE_FORMS or route.name in seen or route.write is None:
            continue
        role = next((r for r, expected in route.write.items() if isinstance(expected, Writes)), None)
        if role is not None:
            seen.add(route.name)
            yield pytest.param(route, role, id=route.name)


CASES = list(_cases())


def test_every_create_form_has_a_case():
    assert sorted(case.id for case in CASES) == sorted(CREATE_FORMS)


def _token_of(client, url: str) -> str:
    page = client.get(url)
    assert page.status_code == 200
    found = TOKEN.search(page.content.decode())
    assert found, f"{url} renders no one-time token"
    return found.group(1)


@pytest.mark.parametrize(("route", "role"), CASES)
def test_a_create_form_posted_twice_creates_once(cast, route, role):
    objs = Objects(cast, role)
    client = cast.client(role)
    url = route.url(objs)
    token = _token_of(client, url)

    before = route.state(objs)
    first = client.post(url, {**route.data(objs), once.FIELD: token})
    assert first.status_code == 302, getattr(first, "context", None) and first.context.get("form").errors
    assert route.state(objs) != before

    # Back and Save again: the page the browser loads again carries the same token (kinerja.js keeps it in the
    # address) and the fresh data of the page (e.g. the SKP's kunci, which a stale form would be refused for).
    assert (
        TOKEN.search(client.get(f"{url}{'&' if '?' in url else '?'}sekali={token}").content.decode()).group(1)
        == token
    )
    with assert_unchanged(lambda: route.state(objs), "the second submission"):
        second = client.post(url, {**route.data(objs), once.FIELD: token})
    assert second.status_code == 302
    assert second["Location"] == first["Location"]  # to what the first one saved
    assert [str(m) for m in get_messages(second.wsgi_request)][-1].startswith(ALREADY_SAVED)


def test_a_token_of_another_user_saves_nothing_and_the_form_asks_again(cast):
    route, role = next((c.values[0], c.values[1]) for c in CASES if c.id == "org:unit_create")
    objs = Objects(cast, role)
    url = route.url(objs)
    foreign = once.issue(cast.admin_pd.pk, url.split("?")[0])
    with assert_unchanged(lambda: route.state(objs), "a foreign token"):
        response = cast.client(role).post(url, {**route.data(objs), once.FIELD: foreign})
    assert response.status_code == 200
    assert "Formulir ini terlalu lama terbuka" in response.content.decode()
    renewed = TOKEN.search(response.content.decode()).group(1)
    assert renewed != foreign and once.valid(cast.admin_bkpsdm.pk, url.split("?")[0], renewed)


def test_a_refused_save_leaves_the_token_usable(cast):
    """Invalid input writes nothing, so the corrected form, with the same token, still saves."""
    route, role = next((c.values[0], c.values[1]) for c in CASES if c.id == "org:unit_create")
    objs = Objects(cast, role)
    client = cast.client(role)
    url = route.url(objs)
    token = _token_of(client, url)
    data = {**route.data(objs), once.FIELD: token}
    refused = client.post(url, {**data, "nama": ""})
    assert refused.status_code == 200
    assert TOKEN.search(refused.content.decode()).group(1) == token
    before = route.state(objs)
    assert client.post(url, data).status_code == 302
    assert route.state(objs) != before


def test_a_saved_form_opened_again_says_so_before_anything_is_typed(cast):
    """Back to a saved form, or its old address from the browser's history: the form keeps its spent token (so
    Save again still creates nothing) and says, before the user types, that it was saved, with a fresh form."""
    route, role = next((c.values[0], c.values[1]) for c in CASES if c.id == "org:unit_create")
    objs = Objects(cast, role)
    client = cast.client(role)
    url = route.url(objs)
    token = _token_of(client, url)
    fresh_page = client.get(url).content.decode()
    assert "Formulir ini sudah disimpan" not in fresh_page
    assert client.post(url, {**route.data(objs), once.FIELD: token}).status_code == 302

    again = client.get(f"{url}{'&' if '?' in url else '?'}sekali={token}").content.decode()
    assert "Formulir ini sudah disimpan." in again
    assert f'<a href="{url.split("?")[0]}">Buka formulir baru yang kosong</a>' in again
    assert TOKEN.search(again).group(1) == token
