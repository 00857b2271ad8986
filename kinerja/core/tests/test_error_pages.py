"""The site's error pages: Indonesian, inside the site's frame, saying why and where to go next; JSON under the
API; the 500 page without the database; a refusal logged as one line."""

import logging
import sys
from unittest import mock

from django.core.exceptions import PermissionDenied
from django.test import RequestFactory, override_settings
from django.urls import reverse

from conftest import YEAR
from kinerja.core import error_pages
from kinerja.core.logs import OneLineRefusals
from kinerja.planning import services as planning_services

MENU = 'id="menu"'
HOME = f'href="{reverse("portal:home")}"'


def _page(response, status: int) -> str:
    assert response.status_code == status
    assert "error.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert f'data-status="{status}"' in html
    return html


def test_a_wrong_link_shows_the_indonesian_404_page_with_the_menu(cast):
    html = _page(cast.client("pegawai").get("/tidak-ada/"), 404)
    assert "Halaman tidak ditemukan" in html
    assert MENU in html and HOME in html
    assert "Hubungi admin unit Anda atau BKPSDM" in html


def test_an_object_the_user_may_not_see_is_the_same_404_page(cast):
    html = _page(cast.client("pegawai").get(reverse("org:pegawai_detail", args=[10**9])), 404)
    assert "Halaman tidak ditemukan" in html


@override_settings(DEBUG=True)
def test_with_debug_on_a_wrong_link_still_shows_the_site_page_not_the_technical_one(cast):
    client = cast.client("pegawai")
    for url in ("/tidak-ada/", reverse("org:pegawai_detail", args=[10**9])):  # no pattern; a view's Http404
        html = _page(client.get(url), 404)
        assert "Halaman tidak ditemukan" in html
        assert "URLconf" not in html and "Page not found at" not in html


@override_settings(DEBUG=True, TECHNICAL_404=True)
def test_developers_can_ask_for_the_technical_404_page(cast):
    response = cast.client("pegawai").get("/tidak-ada/")
    assert response.status_code == 404
    assert "URLconf" in response.content.decode()


def test_a_refusal_says_why_where_the_code_knows_it(cast):
    """Editing an RHK after submission: the 403 page in the frame, with the reason and the way out."""
    pegawai = cast.pegawai
    skp = planning_services.skp_start(actor=pegawai, pegawai=pegawai.pegawai, tahun=YEAR)
    skp.status = "diajukan"
    skp.save(update_fields=["status"])
    html = _page(cast.client("pegawai").get(reverse("planning:rhk_create", args=[skp.pk])), 403)
    assert "SKP ini sudah diajukan; tarik pengajuan untuk mengubahnya." in html
    assert "Anda tidak dapat melakukan ini" in html
    assert "Jika menurut Anda ini keliru" in html and "Akun Anda tidak memberi hak" not in html
    assert MENU in html and HOME in html


def test_a_refusal_without_a_reason_gives_the_general_explanation(cast):
    html = _page(cast.client("pegawai").get(reverse("accounts:role_list")), 403)
    assert 'data-testid="error-reason"' not in html
    assert "Akun Anda tidak memberi hak" in html


def test_a_405_is_the_site_page_and_keeps_the_allow_header(cast):
    response = cast.client("pegawai").get(reverse("planning:start"))
    html = _page(response, 405)
    assert response["Allow"] == "POST"
    assert "Halaman ini tidak dapat dibuka dengan cara ini" in html and MENU in html


def test_a_form_sent_without_its_csrf_token_gets_the_site_page_saying_what_to_do(cast):
    client = cast.client("admin_bkpsdm")
    client.handler.enforce_csrf_checks = True
    html = _page(client.post(reverse("org:unit_create"), {"kode": "X"}), 403)
    assert "Formulir dikirim dari halaman yang sudah tidak berlaku" in html and MENU in html


def test_the_back_link_only_leads_back_into_the_site(cast):
    client = cast.client("pegawai")
    inside = client.get("/tidak-ada/", headers={"referer": "http://testserver/skp/"}).content.decode()
    outside = client.get("/tidak-ada/", headers={"referer": "https://evil.example/"}).content.decode()
    assert 'href="http://testserver/skp/"' in inside
    assert "evil.example" not in outside and "Kembali ke halaman sebelumnya" not in outside


def test_the_api_keeps_answering_json(cast):
    response = cast.client("pegawai").get("/api/v1/tidak-ada")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    request = RequestFactory().get("/api/v1/pegawai/")
    answer = error_pages.server_error(request)
    assert answer.status_code == 500 and answer["Content-Type"].startswith("application/json")


def test_the_500_page_renders_without_the_database(db, django_assert_num_queries):
    request = RequestFactory().get("/skp/")
    with django_assert_num_queries(0):
        response = error_pages.server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert "Terjadi kesalahan pada sistem kami" in html
    assert "kinerja.css" in html and MENU not in html  # the site's look, without the menu that needs the user


def test_a_page_whose_frame_fails_falls_back_to_the_plain_page(cast):
    request = RequestFactory().get("/skp/")
    request.user = cast.pegawai
    with mock.patch("kinerja.core.error_pages.render", side_effect=RuntimeError("database gone")):
        response = error_pages.permission_denied(request, PermissionDenied("Alasannya."))
    html = response.content.decode()
    assert response.status_code == 403 and "Alasannya." in html and MENU not in html


def test_a_view_that_fails_answers_the_500_page(cast, settings):
    client = cast.client("pegawai")
    client.raise_request_exception = False
    with mock.patch("kinerja.core.views.notifications_of", side_effect=RuntimeError("boom")):
        response = client.get(reverse("core:notifications"))
    assert response.status_code == 500
    assert "Terjadi kesalahan pada sistem kami" in response.content.decode()


def _record(exc: BaseException, status: int) -> logging.LogRecord:
    try:
        raise exc
    except type(exc):
        info = sys.exc_info()
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Forbidden: %s", ("/skp/",), info
    )
    record.status_code = status
    return record


def test_a_refusal_is_logged_as_one_line_with_its_reason():
    record = _record(PermissionDenied("SKP ini sudah diajukan."), 403)
    assert OneLineRefusals().filter(record)
    line = logging.Formatter().format(record)
    assert line == "Forbidden: /skp/ (SKP ini sudah diajukan.)"


def test_a_server_error_keeps_its_traceback_in_the_log():
    record = _record(RuntimeError("boom"), 500)
    OneLineRefusals().filter(record)
    assert "Traceback" in logging.Formatter().format(record)
