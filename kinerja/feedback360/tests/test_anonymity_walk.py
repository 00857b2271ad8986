"""No page or API operation shows a peer's or subordinate's name, NIP or id next to their answers, to any role.

The route harness checks every response of every route (all apps, read and written, as every role) with
`anonymity.assert_no_rater_named`, against peer comments marked in the test database (conftest.py). The tests here
prove that check is not idle: the marks do show where they should (the report, page and API, to the pegawai and
their penilai), the check catches a response that names a rater, and the audit trail never shows a mark."""

import pytest
from django.http import HttpResponse, JsonResponse
from django.urls import reverse

from kinerja.core.testing.harness import (
    ALL_ROLES,
    ANON,
    RESPONSE_CHECKS,
    Objects,
    all_routes,
    client_for,
    saved_logins,
)
from kinerja.feedback360.tests.anonymity import MARK, anonymous_raters, assert_no_rater_named, marked_peserta
from kinerja.testkit.cast import CAST_USERNAMES

pytestmark = pytest.mark.django_db


def test_every_response_of_the_route_harness_is_checked_for_named_raters():
    all_routes()
    assert assert_no_rater_named in RESPONSE_CHECKS


def test_the_marked_answers_show_only_unnamed_where_they_belong(cast):
    logins = saved_logins(CAST_USERNAMES)
    reads = [r for r in all_routes() if "360" in r.name and r.read is not None]
    objs = Objects(cast, ANON)
    assert objs.p360_closed == marked_peserta()
    assert len(anonymous_raters()) >= objs.p360_closed.ronde.ambang
    urls = [route.url(objs) for route in reads] + [reverse("portal:audit_list")]
    shown = set()
    for role in ALL_ROLES:
        client = client_for(role, logins)
        for url in urls:
            response = client.get(url)
            if assert_no_rater_named(response, f"{url} as {role}"):
                assert "audit" not in url, f"{url} as {role} shows an answer"
                shown.add((role, url))
    assert {role for role, _url in shown} == {"pegawai", "atasan"}
    assert len(shown) >= 4  # the report page and the API, for the pegawai and their penilai


def test_the_check_fails_a_response_that_names_a_rater_next_to_an_answer():
    name, nip, pk = anonymous_raters()[0]
    for response in (
        HttpResponse(f"<p>{MARK}0</p><p>{name}</p>"),
        HttpResponse(f"<p>{MARK}0</p><p>{nip}</p>"),
        JsonResponse({"komentar": f"{MARK}0", "pengisi_id": pk}),
    ):
        with pytest.raises(AssertionError):
            assert_no_rater_named(response, "a leaking page")
    assert not assert_no_rater_named(HttpResponse(f"<p>{name}</p>"), "a page without answers")
    assert assert_no_rater_named(JsonResponse({"komentar": f"{MARK}0"}), "an unnamed answer")
