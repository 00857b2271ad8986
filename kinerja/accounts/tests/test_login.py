"""Logging in, throttling, logging out, temporary passwords and password reset, as a user does it."""

import datetime
import logging
import re

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinerja.accounts import throttle
from kinerja.accounts.forms import LoginForm
from kinerja.accounts.models import LoginThrottle, User
from kinerja.accounts.throttle import _wait_message
from kinerja.core.models import AuditEvent
from kinerja.core.testing.harness import CONFIRM
from kinerja.org import demo

PASSWORD = demo.DEMO_PASSWORD
NEW_PASSWORD = "Sukamaju-Berkinerja-2027!"
LOGIN_URL = reverse("accounts:login")


def login(client: Client, username: str, password: str = PASSWORD, **extra):
    return client.post(LOGIN_URL, {"username": username, "password": password}, **extra)


def logged_in_user_id(client: Client) -> str | None:
    return client.session.get("_auth_user_id")


def form_errors(response) -> list:
    """The non-field errors of the login form shown on the page, as ValidationError instances."""
    assert response.status_code == 200
    return response.context["form"].errors.as_data().get("__all__", [])


def age_failures(seconds: int = 60) -> None:
    """Pretend the failures happened a while ago: past the doubling wait but inside the window."""
    LoginThrottle.objects.update(last_failure_at=timezone.now() - datetime.timedelta(seconds=seconds))


@pytest.fixture
def throttle_settings(settings):
    settings.LOGIN_THROTTLE_SOFT = 2
    settings.LOGIN_THROTTLE_HARD = 4
    settings.LOGIN_THROTTLE_WINDOW_SECONDS = 15 * 60
    settings.LOGIN_THROTTLE_LOCK_SECONDS = 15 * 60
    return settings


# Logging in --------------------------------------------------------------------------------------------------


def test_pegawai_logs_in_with_their_nip(cast):
    client = Client()
    response = login(client, demo.NIP_PELAKSANA_IMUNISASI)
    assert response.status_code == 302
    assert response.url == reverse("portal:home")
    assert logged_in_user_id(client) == str(cast.pegawai.pk)


def test_pegawai_logs_in_with_the_nip_typed_with_spaces(cast):
    client = Client()
    response = login(client, "19920618 201903 2 004")
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(cast.pegawai.pk)


def test_staff_logs_in_with_a_username(cast):
    client = Client()
    response = login(client, "  admin.bkpsdm ")
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(cast.admin_bkpsdm.pk)


def test_wrong_password_is_refused_with_a_clear_message(cast):
    client = Client()
    response = login(client, demo.NIP_PELAKSANA_IMUNISASI, "kinerja#2026")
    errors = form_errors(response)
    assert [e.code for e in errors] == ["invalid_login"]
    assert str(LoginForm.error_messages["invalid_login"]) in response.content.decode()
    assert logged_in_user_id(client) is None


def test_inactive_user_cannot_log_in(cast):
    User.objects.filter(pk=cast.pegawai.pk).update(is_active=False)
    client = Client()
    response = login(client, demo.NIP_PELAKSANA_IMUNISASI)
    assert response.status_code == 200
    assert form_errors(response)
    assert logged_in_user_id(client) is None


def test_session_cookie_is_http_only(cast):
    response = login(Client(), "admin.bkpsdm")
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.value
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_logout_only_accepts_post(cast):
    client = cast.client("pegawai")
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert logged_in_user_id(client) == str(cast.pegawai.pk)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert logged_in_user_id(client) is None


# Throttling --------------------------------------------------------------------------------------------------


def test_after_soft_limit_the_next_attempt_must_wait_even_with_the_right_password(cast, throttle_settings):
    client = Client()
    for _ in range(throttle_settings.LOGIN_THROTTLE_SOFT):
        login(client, demo.NIP_PELAKSANA_IMUNISASI, "wrong-password")
    # The wait after the soft limit is one second: keep the last failure "just now" so it cannot pass.
    LoginThrottle.objects.update(last_failure_at=timezone.now())

    response = login(client, demo.NIP_PELAKSANA_IMUNISASI)

    errors = form_errors(response)
    assert [e.code for e in errors] == ["throttled"]
    assert errors[0].message == _wait_message(1, locked=False)
    assert logged_in_user_id(client) is None


def test_failures_with_and_without_spaces_count_against_the_same_account(cast, throttle_settings):
    client = Client()
    login(client, "19920618 201903 2 004", "wrong-password")
    login(client, demo.NIP_PELAKSANA_IMUNISASI, "wrong-password")
    row = LoginThrottle.objects.get(key=f"user:{demo.NIP_PELAKSANA_IMUNISASI}")
    assert row.failures == 2


def test_waiting_out_the_delay_lets_the_right_password_in(cast, throttle_settings):
    client = Client()
    for _ in range(throttle_settings.LOGIN_THROTTLE_SOFT):
        login(client, demo.NIP_PELAKSANA_IMUNISASI, "wrong-password")
    age_failures()
    response = login(client, demo.NIP_PELAKSANA_IMUNISASI)
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(cast.pegawai.pk)


def test_after_hard_limit_the_account_is_locked_and_the_lock_is_audited(cast, throttle_settings):
    client = Client()
    for _ in range(throttle_settings.LOGIN_THROTTLE_HARD):
        response = login(client, demo.NIP_PELAKSANA_IMUNISASI, "wrong-password")
        assert [e.code for e in form_errors(response)] == ["invalid_login"]
        age_failures()

    key = f"user:{demo.NIP_PELAKSANA_IMUNISASI}"
    row = LoginThrottle.objects.get(key=key)
    assert row.locked_until > timezone.now()
    assert AuditEvent.objects.filter(action="accounts.login.locked", object_id=key).exists()

    # Even the right password, from another address, is refused while the account is locked.
    response = login(Client(), demo.NIP_PELAKSANA_IMUNISASI, REMOTE_ADDR="10.9.8.7")
    errors = form_errors(response)
    assert [e.code for e in errors] == ["throttled"]
    assert errors[0].message == _wait_message(throttle_settings.LOGIN_THROTTLE_LOCK_SECONDS, locked=True)


def test_lock_expires_after_the_lock_time(cast, throttle_settings):
    key = f"user:{demo.NIP_PELAKSANA_IMUNISASI}"
    LoginThrottle.objects.create(key=key, locked_until=timezone.now() - datetime.timedelta(seconds=1))
    client = Client()
    assert login(client, demo.NIP_PELAKSANA_IMUNISASI).status_code == 302


@pytest.fixture
def pauses(monkeypatch) -> list[float]:
    """The delays an address was held back by, recorded instead of slept through."""
    seen: list[float] = []
    monkeypatch.setattr(throttle, "pause", seen.append, raising=False)
    return seen


def test_failures_for_a_missing_name_never_lock_other_accounts_out_of_the_address(cast, pauses):
    # With the default limits: this used to lock the address (an office's NAT) for 15 minutes.
    client = Client()
    for _ in range(settings.LOGIN_THROTTLE_HARD + 2):
        login(client, "tidak.ada", "wrong-password")
    LoginThrottle.objects.update(last_failure_at=timezone.now())

    colleague = Client()
    response = login(colleague, demo.NIP_KASI_IMUNISASI)

    assert response.status_code == 302
    assert logged_in_user_id(colleague) == str(cast.atasan.pk)
    assert not LoginThrottle.objects.filter(key__startswith="ip:", locked_until__isnull=False).exists()


def test_an_address_with_many_failures_slows_each_attempt_but_still_judges_it(
    cast, throttle_settings, pauses
):
    throttle_settings.LOGIN_THROTTLE_ADDRESS_SOFT = 2
    throttle_settings.LOGIN_THROTTLE_ADDRESS_MAX_DELAY = 3
    client = Client()
    for name in ("admin.bkpsdm", "auditor", "tidak.ada", "juga.tidak.ada", "lagi.tidak.ada"):
        response = login(client, name, "wrong-password")
        assert [e.code for e in form_errors(response)] == ["invalid_login"]
    # Held back from the third failure on, doubling up to the cap.
    assert pauses == [1, 2, 3]

    # Another account's right password from the same address is held back too, then let in.
    response = login(Client(), demo.NIP_KASI_IMUNISASI)
    assert response.status_code == 302
    assert pauses[-1] == 3

    # An address without failures is not slowed at all.
    assert login(Client(), demo.NIP_KASI_IMUNISASI, REMOTE_ADDR="10.1.2.3").status_code == 302
    assert len(pauses) == 4


def test_successful_login_clears_the_account_counter(cast):
    client = Client()
    login(client, demo.NIP_PELAKSANA_IMUNISASI, "wrong-password")
    key = f"user:{demo.NIP_PELAKSANA_IMUNISASI}"
    assert LoginThrottle.objects.filter(key=key).exists()
    assert login(client, "19920618 201903 2 004").status_code == 302
    assert not LoginThrottle.objects.filter(key=key).exists()


# Temporary and changed passwords -----------------------------------------------------------------------------


def test_user_who_must_change_password_is_sent_to_the_change_page_until_done(cast):
    user = cast.pegawai
    User.objects.filter(pk=user.pk).update(must_change_password=True)
    client = cast.client("pegawai")
    change_url = reverse("accounts:password_change")
    for url in (reverse("portal:home"), reverse("org:pegawai_list"), reverse("portal:audit_list")):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url == change_url
    assert client.get(change_url).status_code == 200

    response = client.post(
        change_url,
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.must_change_password
    assert user.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(
        action="accounts.user.password_change", actor=user, object_id=str(user.pk)
    ).exists()
    # Still logged in (the session survived the password change) and free to go anywhere.
    assert client.get(reverse("portal:home")).status_code == 200
    assert client.get(reverse("org:pegawai_list")).status_code == 200


def test_session_with_a_temporary_password_is_refused_by_the_api_until_it_is_changed(cast):
    User.objects.filter(pk=cast.pegawai.pk).update(must_change_password=True)
    client = cast.client("pegawai")

    response = client.get("/api/v1/pegawai")

    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Ganti kata sandi sementara Anda sebelum menggunakan API."}

    client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert client.get("/api/v1/pegawai").status_code == 200


TEMPORARY_PASSWORD = re.compile(r"\b[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}\b")


def _temporary_password(response) -> str:
    found = TEMPORARY_PASSWORD.findall(response.content.decode())
    assert len(found) == 1, found
    return found[0]


def test_admin_bkpsdm_sets_a_temporary_password_that_must_be_changed(cast):
    pegawai = cast.pegawai.pegawai
    response = cast.client("admin_bkpsdm").post(
        reverse("org:pegawai_reset_password", args=[pegawai.pk]), CONFIRM
    )
    assert response.status_code == 200
    password = _temporary_password(response)

    user = User.objects.get(pk=cast.pegawai.pk)
    assert user.must_change_password
    assert not user.check_password(PASSWORD)
    assert AuditEvent.objects.filter(
        action="accounts.user.temporary_password", actor=cast.admin_bkpsdm, object_id=str(user.pk)
    ).exists()

    client = Client()
    assert login(client, demo.NIP_PELAKSANA_IMUNISASI, password).status_code == 302
    response = client.get(reverse("portal:home"))
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_change")


def test_temporary_password_is_shown_once_in_the_page_and_never_in_a_cookie_or_a_cache(cast, caplog):
    pegawai = cast.pegawai.pegawai
    admin = cast.client("admin_bkpsdm")
    with caplog.at_level(logging.DEBUG):
        response = admin.post(reverse("org:pegawai_reset_password", args=[pegawai.pk]), CONFIRM)

    assert response.status_code == 200  # rendered by the POST itself: no redirect, no flash message
    password = _temporary_password(response)
    assert "no-store" in response["Cache-Control"]
    assert list(get_messages(response.wsgi_request)) == []
    assert all(password not in morsel.value for morsel in response.cookies.values())
    assert all(password not in morsel.value for morsel in admin.cookies.values())
    assert password not in caplog.text
    # The next page the admin opens does not show it again.
    later = admin.get(reverse("org:pegawai_detail", args=[pegawai.pk]))
    assert password not in later.content.decode()


def test_temporary_password_asks_first_and_changes_nothing_until_confirmed(cast):
    pegawai = cast.pegawai.pegawai
    before = User.objects.get(pk=cast.pegawai.pk).password
    response = cast.client("admin_bkpsdm").post(reverse("org:pegawai_reset_password", args=[pegawai.pk]))
    assert response.status_code == 200
    assert "langsung tidak berlaku" in response.content.decode()
    assert not TEMPORARY_PASSWORD.findall(response.content.decode())
    assert User.objects.get(pk=cast.pegawai.pk).password == before


def test_temporary_password_only_by_post(cast):
    pegawai = cast.pegawai.pegawai
    response = cast.client("admin_bkpsdm").get(reverse("org:pegawai_reset_password", args=[pegawai.pk]))
    assert response.status_code == 405


@pytest.mark.parametrize(
    "role", ["pegawai", "atasan", "kepala_dinas", "admin_pd", "tim_penilai", "auditor", "outsider", None]
)
def test_temporary_password_is_refused_for_other_roles(cast, role):
    pegawai = cast.pegawai.pegawai
    before = User.objects.get(pk=cast.pegawai.pk).password
    response = cast.client(role).post(reverse("org:pegawai_reset_password", args=[pegawai.pk]), CONFIRM)
    if role is None:
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
    else:
        assert response.status_code in (403, 404)
    user = User.objects.get(pk=cast.pegawai.pk)
    assert user.password == before
    assert not user.must_change_password
    assert not AuditEvent.objects.filter(action="accounts.user.temporary_password").exists()


# Password reset by email -------------------------------------------------------------------------------------


def _reset_link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/akun/atur-ulang/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_password_reset_by_nip_sends_an_email(cast):
    User.objects.filter(pk=cast.pegawai.pk).update(email="siti@example.org")
    response = Client().post(reverse("accounts:password_reset"), {"login": "19920618 201903 2 004"})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["siti@example.org"]
    _reset_link(mail.outbox[0])


def test_password_reset_by_email_address_sends_an_email(cast):
    User.objects.filter(pk=cast.admin_bkpsdm.pk).update(email="admin@bkpsdm.example.org")
    Client().post(reverse("accounts:password_reset"), {"login": "ADMIN@bkpsdm.example.org"})
    assert [m.to for m in mail.outbox] == [["admin@bkpsdm.example.org"]]


def test_password_reset_without_registered_email_sends_nothing_and_reveals_nothing(cast):
    response = Client().post(reverse("accounts:password_reset"), {"login": demo.NIP_PELAKSANA_IMUNISASI})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_password_reset_for_an_inactive_account_sends_nothing(cast):
    User.objects.filter(pk=cast.pegawai.pk).update(email="siti@example.org", is_active=False)
    Client().post(reverse("accounts:password_reset"), {"login": demo.NIP_PELAKSANA_IMUNISASI})
    assert mail.outbox == []


def test_reset_link_lets_the_user_set_a_password(cast):
    User.objects.filter(pk=cast.pegawai.pk).update(email="siti@example.org")
    Client().post(reverse("accounts:password_reset"), {"login": demo.NIP_PELAKSANA_IMUNISASI})
    link = _reset_link(mail.outbox[0])

    client = Client()
    response = client.get(link)
    assert response.status_code == 302  # Django hides the token behind a session-bound "set-password" URL
    form_url = response.url
    response = client.get(form_url)
    assert response.status_code == 200
    assert response.context["validlink"]

    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_complete")
    event = AuditEvent.objects.filter(action="accounts.user.password_reset").latest("seq")
    assert event.actor_id == cast.pegawai.pk and event.pegawai_id == cast.pegawai.pegawai_id
    assert login(Client(), demo.NIP_PELAKSANA_IMUNISASI, NEW_PASSWORD).status_code == 302
    assert login(Client(), demo.NIP_PELAKSANA_IMUNISASI, PASSWORD).status_code == 200

    # The link works once only.
    assert Client().get(link, follow=True).context["validlink"] is False


def test_account_with_unusable_password_can_set_its_first_password_by_reset(cast):
    user = User.objects.get(pk=cast.pegawai.pk)
    user.set_unusable_password()
    user.email = "siti@example.org"
    user.save()

    Client().post(reverse("accounts:password_reset"), {"login": demo.NIP_PELAKSANA_IMUNISASI})
    assert len(mail.outbox) == 1

    client = Client()
    form_url = client.get(_reset_link(mail.outbox[0])).url
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.has_usable_password()
    assert login(Client(), "19920618 201903 2 004", NEW_PASSWORD).status_code == 302


def test_password_reset_mails_for_one_account_are_limited_and_the_page_reads_the_same(cast):
    User.objects.filter(pk=cast.pegawai.pk).update(email="siti@example.org")
    url = reverse("accounts:password_reset")
    # Twelve requests in a second, from twelve addresses: only the account's limit of mails goes out.
    for i in range(12):
        response = Client().post(url, {"login": demo.NIP_PELAKSANA_IMUNISASI}, REMOTE_ADDR=f"10.0.0.{i}")
        assert response.status_code == 302
        assert response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT_PER_ACCOUNT

    # Over the limit the answer is the one a name without an account gets.
    unknown = Client().post(url, {"login": "tidak.ada"}, REMOTE_ADDR="10.0.1.1")
    assert (unknown.status_code, unknown.url) == (response.status_code, response.url)


def test_password_reset_requests_from_one_address_are_limited(cast, settings):
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 3
    User.objects.filter(pk=cast.pegawai.pk).update(email="siti@example.org")
    url = reverse("accounts:password_reset")
    client = Client()
    for name in ("tidak.ada", "juga.tidak.ada", "lagi.tidak.ada"):
        assert client.post(url, {"login": name}).status_code == 302

    refused = client.post(url, {"login": demo.NIP_PELAKSANA_IMUNISASI})
    assert [e.code for e in form_errors(refused)] == ["throttled"]
    assert mail.outbox == []
    # The refusal names the address, not the account: a missing name reads the same.
    missing = client.post(url, {"login": "tidak.ada"})
    assert form_errors(missing)[0].message == form_errors(refused)[0].message

    # Another address is not affected.
    Client().post(url, {"login": demo.NIP_PELAKSANA_IMUNISASI}, REMOTE_ADDR="10.9.9.9")
    assert len(mail.outbox) == 1


def test_kata_sandi_is_the_one_wording_of_password_in_the_catalogue_and_on_djangos_forms(cast):
    import polib

    from kinerja.core.tests.test_translations import PO_PATH

    bare = [
        e.msgid
        for e in polib.pofile(str(PO_PATH))
        if not e.obsolete and re.search(r"(?<![Kk]ata )\b[Ss]andi", e.msgstr)
    ]
    assert bare == []
    client = cast.client("pegawai")
    page = client.post(
        reverse("accounts:password_change"),
        {"old_password": "salah", "new_password1": "12345678", "new_password2": "1234"},
    ).content.decode()
    assert "Kata sandi lama" in page and "Kata sandi baru" in page and "Kata sandi lama Anda salah" in page
    assert not re.search(r"(?<![Kk]ata )\bSandi\b", page)


def test_the_home_greets_by_name_without_titles(cast):
    page = cast.client("kepala_dinas").get(reverse("portal:home")).content.decode()
    assert "Selamat datang, Hendra Tarigan" in page
    assert "Selamat datang, dr." not in page
