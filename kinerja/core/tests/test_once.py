"""One-time form tokens: used once, inside the caller's transaction, bound to the user, the form and a time."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from kinerja.core import once
from kinerja.core.models import UsedPreviewToken
from kinerja.core.testing.clock import at

FORM = "/org/unit/baru/"


def test_a_token_is_used_once_and_remembers_where_the_saved_data_is(db):
    token = once.issue(7, FORM)
    with transaction.atomic():
        used = once.consume(7, FORM, token)
        used.url = "/org/unit/5/"
        used.save()
    with pytest.raises(once.AlreadySaved) as caught:
        once.consume(7, FORM, token)
    assert caught.value.url == "/org/unit/5/"
    with pytest.raises(once.AlreadySaved):
        once.check_unused(FORM, token)


def test_a_rolled_back_write_leaves_the_token_usable(db):
    token = once.issue(7, FORM)
    with pytest.raises(RuntimeError), transaction.atomic():
        once.consume(7, FORM, token)
        raise RuntimeError("the service refused")
    once.check_unused(FORM, token)
    once.consume(7, FORM, token)


@pytest.mark.parametrize(
    ("user_id", "purpose"), [(8, FORM), (None, FORM), (7, "/org/jabatan/baru/")], ids=["user", "anon", "form"]
)
def test_a_token_works_only_for_its_user_and_form(db, user_id, purpose):
    token = once.issue(7, FORM)
    assert not once.valid(user_id, purpose, token)
    with pytest.raises(once.FormExpired):
        once.consume(user_id, purpose, token)
    assert not UsedPreviewToken.objects.exists()


def test_a_token_expires_with_the_session_and_its_row_is_forgotten_after(db, settings):
    start = timezone.now()
    with at(start):
        token = once.issue(7, FORM)
        once.consume(7, FORM, once.issue(7, FORM))
    later = start + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE + 120)
    with at(later):
        assert not once.valid(7, FORM, token)
        with pytest.raises(once.FormExpired):
            once.consume(7, FORM, token)
        once.mark_used("x" * 64, keep_seconds=60)  # any use forgets the rows of expired tokens
    assert list(UsedPreviewToken.objects.values_list("digest", flat=True)) == ["x" * 64]
