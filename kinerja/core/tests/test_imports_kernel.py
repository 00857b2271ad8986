"""The import pipeline's kernel (core.imports): content kept by hash, and preview tokens bound to a purpose, a
target object and a user, that expire."""

import hashlib
import os
import time
from pathlib import Path
from unittest import mock

import pytest
from django.utils.translation import gettext as _

from kinerja.core import imports as pipeline
from kinerja.core.errors import ApplicationError
from kinerja.core.tabular import FIELD

PURPOSE = "kinerja.tests.import"
CONTENT = b"nip,nama\n198501012010011001,Rudi Hartono\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def refusal_of(raised: pytest.ExceptionInfo) -> str:
    return raised.value.message_dict[FIELD][0]


# The token --------------------------------------------------------------------------------------------------


def test_a_token_gives_its_data_back_to_its_user_for_its_target():
    token = pipeline.sign(PURPOSE, {"nips": ["1", "2"]}, target_id=7, user_id=3)

    assert pipeline.unsign(PURPOSE, token, target_id=7, user_id=3) == {"nips": ["1", "2"]}


@pytest.mark.parametrize(("target_id", "user_id"), [(7, 4), (8, 3), (7, None)])
def test_a_token_of_another_user_or_another_target_is_refused_as_not_yours(target_id, user_id):
    token = pipeline.sign(PURPOSE, {"nips": []}, target_id=7, user_id=3)

    with pytest.raises(pipeline.PreviewNotYours) as raised:
        pipeline.unsign(PURPOSE, token, target_id=target_id, user_id=user_id)

    assert refusal_of(raised) == _(
        "This preview was made for another user or another object; upload the file again."
    )


def test_a_token_signed_without_a_user_is_bound_to_its_target_only():
    token = pipeline.sign(PURPOSE, {}, target_id=7, user_id=None)

    assert pipeline.unsign(PURPOSE, token, target_id=7, user_id=3) == {}
    with pytest.raises(pipeline.PreviewNotYours):
        pipeline.unsign(PURPOSE, token, target_id=8, user_id=3)


def test_an_expired_token_is_refused_as_expired():
    with mock.patch("django.core.signing.time.time", return_value=time.time() - pipeline.MAX_AGE - 1):
        token = pipeline.sign(PURPOSE, {}, target_id=7, user_id=3)

    with pytest.raises(pipeline.PreviewExpired) as raised:
        pipeline.unsign(PURPOSE, token, target_id=7, user_id=3)

    assert refusal_of(raised) == _("The preview has expired; upload the file again.")
    assert pipeline.unsign(PURPOSE, token, target_id=7, user_id=3, max_age=2 * pipeline.MAX_AGE) == {}


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + "xx",
        lambda token: "x" + token,
        lambda token: "",
        lambda token: pipeline.sign("kinerja.tests.other", {}, target_id=7, user_id=3),
    ],
    ids=["signature", "payload", "empty", "other purpose"],
)
def test_a_tampered_token_or_one_for_another_purpose_is_refused_as_not_valid(tamper):
    token = tamper(pipeline.sign(PURPOSE, {}, target_id=7, user_id=3))

    with pytest.raises(pipeline.PreviewTampered) as raised:
        pipeline.unsign(PURPOSE, token, target_id=7, user_id=3)

    assert refusal_of(raised) == _("The import request is not valid; upload the file again.")


def test_every_refusal_is_an_application_error_on_the_upload_field():
    for refusal in (pipeline.PreviewExpired(), pipeline.PreviewTampered(), pipeline.PreviewNotYours()):
        assert isinstance(refusal, ApplicationError) and list(refusal.message_dict) == [FIELD]


# The stored content -----------------------------------------------------------------------------------------


def test_content_is_kept_under_its_hash_and_taken_back_once():
    stored = pipeline.keep(CONTENT, name="Pegawai.CSV")

    assert stored == pipeline.Stored(hashlib.sha256(CONTENT).hexdigest(), "csv", "Pegawai.CSV")
    assert pipeline.stored_path(stored.sha256, "csv").read_bytes() == CONTENT
    assert pipeline.take(stored) == CONTENT
    assert not pipeline.stored_path(stored.sha256, "csv").exists()
    with pytest.raises(pipeline.PreviewRefused) as raised:
        pipeline.take(stored)
    assert refusal_of(raised) == _("The uploaded file is no longer available; upload it again.")


def test_the_same_content_kept_twice_is_one_file(media):
    first, second = pipeline.keep(CONTENT, name="a.csv"), pipeline.keep(CONTENT, name="b.csv")

    assert first.sha256 == second.sha256
    assert len(list((media / pipeline.FOLDER).iterdir())) == 1


def test_stored_content_that_was_altered_is_refused_and_forgotten():
    stored = pipeline.keep(CONTENT, name="pegawai.csv")
    pipeline.stored_path(stored.sha256, "csv").write_bytes(CONTENT + b"199001012015031002,Lain\n")

    with pytest.raises(pipeline.PreviewRefused) as raised:
        pipeline.take(stored)

    assert refusal_of(raised) == _("The stored file was altered; upload it again.")
    assert not pipeline.stored_path(stored.sha256, "csv").exists()


@pytest.mark.parametrize(
    "stored",
    [
        pipeline.Stored("../../settings", "csv", "x.csv"),
        pipeline.Stored("a" * 64, "py", "x.py"),
        pipeline.Stored("a" * 64, "bin", "x.exe"),
    ],
    ids=["path in the hash", "unknown kind", "not kept"],
)
def test_a_token_cannot_name_a_file_outside_the_kept_ones(stored):
    with pytest.raises(pipeline.PreviewRefused):
        pipeline.take(stored)


def test_a_stored_token_names_the_content_for_its_user_and_target():
    stored = pipeline.keep(CONTENT, name="pegawai.csv")
    token = pipeline.sign_stored(PURPOSE, stored, target_id=7, user_id=3)

    assert pipeline.unsign_stored(PURPOSE, token, target_id=7, user_id=3) == stored
    with pytest.raises(pipeline.PreviewNotYours):
        pipeline.unsign_stored(PURPOSE, token, target_id=7, user_id=4)


def test_a_token_that_names_no_content_is_refused_as_not_valid():
    token = pipeline.sign(PURPOSE, {"nips": []}, target_id=7, user_id=3)

    with pytest.raises(pipeline.PreviewTampered):
        pipeline.unsign_stored(PURPOSE, token, target_id=7, user_id=3)


def test_keeping_content_forgets_what_expired_previews_left_behind(media):
    old = pipeline.keep(b"old", name="old.csv")
    hour_ago = time.time() - pipeline.MAX_AGE - 120
    os.utime(pipeline.stored_path(old.sha256, "csv"), (hour_ago, hour_ago))

    new = pipeline.keep(CONTENT, name="new.csv")

    assert sorted(p.name for p in (media / pipeline.FOLDER).iterdir()) == [f"{new.sha256}.csv"]


def test_of_two_takes_of_one_file_at_the_same_moment_only_one_gets_it(monkeypatch):
    """Reading, then deleting, let two applies that started together both read the file (and both apply)."""
    stored = pipeline.keep(CONTENT, name="pegawai.csv")
    real_read = Path.read_bytes
    other: list = []

    def read_while_another_request_takes(self):
        content = real_read(self)
        if not other:  # the other request takes the file after this one read it, before it deleted it
            other.append("started")
            try:
                other.append(pipeline.take(stored))
            except pipeline.PreviewRefused:
                other.append("refused")
        return content

    monkeypatch.setattr(Path, "read_bytes", read_while_another_request_takes)

    assert pipeline.take(stored) == CONTENT
    assert other == ["started", "refused"]
    assert list(pipeline.stored_path(stored.sha256, "csv").parent.iterdir()) == []


@pytest.mark.django_db
def test_a_token_is_consumed_once():
    pipeline.consume(PURPOSE, "token-a")
    pipeline.consume(PURPOSE, "token-b")
    pipeline.consume("another.purpose", "token-a")

    with pytest.raises(pipeline.PreviewUsed) as raised:
        pipeline.consume(PURPOSE, "token-a")
    assert refusal_of(raised) == _("This preview was already applied; upload the file again.")
