"""One-time form tokens: a form saved once is not saved again when the browser sends it a second time (Back and
submit again, a double click, a reload that re-posts). docs/decisions/0013-error-pages-once-confirm.md.

`issue` gives the page a token bound to the user and a purpose (the form's address); `consume` marks it used in
the caller's transaction, so the mark and the write commit or roll back together: a refused or invalid save
leaves the token usable, a saved one refuses every later use with `AlreadySaved`, which knows where the saved
data is shown. `views_util.submitted` does all of this for every form it handles.

The token guards against a browser repeating itself, not against an adversary (CSRF does that): a POST without
a token (a script, a test) is not checked.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core.errors import ApplicationError
from kinerja.core.models import UsedPreviewToken

FIELD = "sekali"  # the hidden field that carries the token
SALT = "kinerja.once"


def max_age() -> int:
    """Seconds a form stays valid: as long as a session (an older form was opened in an expired session)."""
    return settings.SESSION_COOKIE_AGE


class AlreadySaved(ApplicationError):
    """The form was saved before: nothing was written again; `url` shows what was saved."""

    def __init__(self, url: str = ""):
        super().__init__(_("This data was already saved earlier; it was not saved a second time."))
        self.url = url


class FormExpired(ApplicationError):
    """The token is too old, or not this user's or this form's: the user checks the form and saves again."""

    def __init__(self):
        super().__init__(_("This form was open too long. Check what you entered and save again."))


def _purpose(purpose: str) -> str:
    return f"{SALT}:{purpose}"


def issue(user_id: int | None, purpose: str) -> str:
    """A fresh token for one form of one user."""
    return signing.dumps({"u": user_id, "n": secrets.token_urlsafe(12)}, salt=_purpose(purpose))


def _data(user_id: int | None, purpose: str, token: str) -> dict:
    try:
        data = signing.loads(token, salt=_purpose(purpose), max_age=max_age())
    except signing.BadSignature as exc:  # expired, altered, or issued for another form
        raise FormExpired from exc
    if not isinstance(data, dict) or data.get("u") != user_id:
        raise FormExpired
    return data


def valid(user_id: int | None, purpose: str, token: str) -> bool:
    """Whether the token was issued for this user and form and has not expired (used or not)."""
    try:
        _data(user_id, purpose, token)
    except FormExpired:
        return False
    return True


def digest(purpose: str, token: str) -> str:
    return hashlib.sha256(f"{purpose}\x1f{token}".encode()).hexdigest()


def mark_used(key: str, *, keep_seconds: int, url: str = "") -> UsedPreviewToken:
    """Record a used token digest, or raise IntegrityError when it was used before. Rows past their time are
    forgotten (their tokens' signatures have expired)."""
    now = timezone.now()
    UsedPreviewToken.objects.filter(
        Q(expires_at__lt=now) | Q(expires_at__isnull=True, used_at__lt=now - datetime.timedelta(days=1))
    ).delete()
    with transaction.atomic():
        return UsedPreviewToken.objects.create(
            digest=key, url=url, expires_at=now + datetime.timedelta(seconds=keep_seconds + 60)
        )


def was_used(purpose: str, token: str) -> bool:
    return UsedPreviewToken.objects.filter(digest=digest(purpose, token)).exists()


def check_unused(purpose: str, token: str) -> None:
    """Raise AlreadySaved when the token was used (before the form is even validated: a resubmitted form may
    fail its own checks, e.g. "this code exists", only because it was saved the first time)."""
    used = UsedPreviewToken.objects.filter(digest=digest(purpose, token)).first()
    if used is not None:
        raise AlreadySaved(used.url)


def consume(user_id: int | None, purpose: str, token: str) -> UsedPreviewToken:
    """Check the token and mark it used inside the caller's transaction (call it in the same `atomic` block as
    the write). Raises AlreadySaved or FormExpired; returns the row, whose `url` the caller fills in."""
    _data(user_id, purpose, token)
    key = digest(purpose, token)
    try:
        return mark_used(key, keep_seconds=max_age())
    except IntegrityError:
        used = UsedPreviewToken.objects.filter(digest=key).first()
        raise AlreadySaved(used.url if used else "") from None
