"""The upload → preview → apply pipeline shared by every importer (docs/decisions/0008-import-pipeline.md).

Preview: the app reads and checks the upload (kinerja.core.tabular), `keep`s what the apply step needs (the file
itself, or the rows read from it) under MEDIA_ROOT/imports/<sha256>.<ext>, and gives the browser a token from
`sign_stored` that names it, bound to a purpose, the target object and the user, valid for `MAX_AGE` seconds.
Apply: `unsign_stored` reads the token back, `consume` marks it used (a token works once, even when two applies
of one preview run at the same moment) and `take` the content once; the app checks it again and writes through
its own service (with its import record, where it keeps one). Every refusal is an ApplicationError on
the upload field; the kernel knows no app, only purposes and ids.
"""

import hashlib
import re
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.db import IntegrityError
from django.utils.translation import gettext as _

from kinerja.core import once
from kinerja.core.errors import ApplicationError
from kinerja.core.tabular import FIELD

MAX_AGE = 3600  # seconds a preview stays valid
FOLDER = "imports"
EXTENSIONS = ("xlsx", "csv", "json")
SHA256 = re.compile(r"[0-9a-f]{64}")


class PreviewRefused(ApplicationError):
    """The preview cannot be applied; the user uploads the file again."""

    def __init__(self, message: str):
        super().__init__({FIELD: message})


class PreviewExpired(PreviewRefused):
    def __init__(self):
        super().__init__(_("The preview has expired; upload the file again."))


class PreviewTampered(PreviewRefused):
    def __init__(self):
        super().__init__(_("The import request is not valid; upload the file again."))


class PreviewNotYours(PreviewRefused):
    """Signed for another user or another object: an app may answer 404 instead of showing the message."""

    def __init__(self):
        super().__init__(
            _("This preview was made for another user or another object; upload the file again.")
        )


class PreviewUsed(PreviewRefused):
    def __init__(self):
        super().__init__(_("This preview was already applied; upload the file again."))


# The token ----------------------------------------------------------------------------------------------------


def sign(purpose: str, data: dict, *, target_id: int, user_id: int | None) -> str:
    """A token carrying `data` for `purpose` on one target object; `user_id` None lets any user who may act on
    the target apply it (the app's permission check still runs)."""
    return signing.dumps({**data, "o": target_id, "u": user_id}, salt=purpose, compress=True)


def unsign(purpose: str, token: str, *, target_id: int, user_id: int | None, max_age: int = MAX_AGE) -> dict:
    """The data of a token signed for this purpose, target and user within `max_age` seconds."""
    try:
        data = signing.loads(token, salt=purpose, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise PreviewExpired from exc
    except signing.BadSignature as exc:
        raise PreviewTampered from exc
    if not isinstance(data, dict):
        raise PreviewTampered
    if data.pop("o", None) != target_id or data.pop("u", None) not in (None, user_id):
        raise PreviewNotYours
    return data


# The stored content -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stored:
    """Content kept between preview and apply: its hash, its kind (extension) and the user's file name."""

    sha256: str
    ext: str
    name: str


def extension(file_name: str) -> str:
    """The file's extension when it is one the pipeline keeps, else "bin" (which `take` refuses)."""
    ext = Path(file_name).suffix.lower().lstrip(".")
    return ext if ext in EXTENSIONS else "bin"


def stored_path(sha256: str, ext: str) -> Path:
    return Path(settings.MEDIA_ROOT) / FOLDER / f"{sha256}.{ext}"


def keep(data: bytes, *, name: str, ext: str = "") -> Stored:
    """Store `data` under its SHA-256 (the same content twice is one file) and forget expired previews."""
    stored = Stored(hashlib.sha256(data).hexdigest(), ext or extension(name), name)
    path = stored_path(stored.sha256, stored.ext)
    path.parent.mkdir(parents=True, exist_ok=True)
    _forget_expired(path.parent)
    path.write_bytes(data)
    return stored


def take(stored: Stored) -> bytes:
    """The stored content, once: it is deleted as it is read, so a new attempt starts with a new upload."""
    path = None
    if SHA256.fullmatch(stored.sha256) and stored.ext in EXTENSIONS:
        path = stored_path(stored.sha256, stored.ext)
    if path is None or not path.is_file():
        raise PreviewRefused(_("The uploaded file is no longer available; upload it again."))
    # Claim the file by renaming it first: a rename is atomic, so of two simultaneous applies only one gets it
    # (reading and then deleting let both read it).
    claimed = path.with_name(f"{path.name}.{uuid.uuid4().hex}.taken")
    try:
        path.rename(claimed)
    except FileNotFoundError as exc:
        raise PreviewRefused(_("The uploaded file is no longer available; upload it again.")) from exc
    content = claimed.read_bytes()
    claimed.unlink(missing_ok=True)
    if hashlib.sha256(content).hexdigest() != stored.sha256:
        raise PreviewRefused(_("The stored file was altered; upload it again."))
    return content


def sign_stored(
    purpose: str, stored: Stored, *, target_id: int, user_id: int | None, extra: dict | None = None
) -> str:
    """A token naming `stored`; `extra` carries more of the app's data (read back by `unsign_stored_with`)."""
    data = {**(extra or {}), "sha": stored.sha256, "ext": stored.ext, "name": stored.name}
    return sign(purpose, data, target_id=target_id, user_id=user_id)


def unsign_stored_with(
    purpose: str, token: str, *, target_id: int, user_id: int | None, max_age: int = MAX_AGE
) -> tuple[Stored, dict]:
    """The stored content a token names, and the token's other data."""
    data = unsign(purpose, token, target_id=target_id, user_id=user_id, max_age=max_age)
    try:
        stored = Stored(str(data.pop("sha")), str(data.pop("ext")), str(data.pop("name")))
    except KeyError as exc:
        raise PreviewTampered from exc
    return stored, data


def unsign_stored(
    purpose: str, token: str, *, target_id: int, user_id: int | None, max_age: int = MAX_AGE
) -> Stored:
    return unsign_stored_with(purpose, token, target_id=target_id, user_id=user_id, max_age=max_age)[0]


def consume(purpose: str, token: str) -> None:
    """Mark a (verified) token used, or refuse it if it was used before: the unique row is the lock, so of two
    applies at the same moment the second fails here (on PostgreSQL it waits for the first to commit). Commits
    at once, so a token stays used even when the apply that follows is refused."""
    try:
        once.mark_used(once.digest(purpose, token), keep_seconds=MAX_AGE)
    except IntegrityError as exc:
        raise PreviewUsed from exc


def _forget_expired(folder: Path) -> None:
    """Delete content whose preview has expired (previews that were never applied)."""
    limit = time.time() - MAX_AGE - 60
    for old in folder.iterdir():
        try:
            if old.stat().st_mtime < limit:
                old.unlink()
        except OSError:
            pass  # another request removed it first
