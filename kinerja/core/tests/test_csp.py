"""The Content-Security-Policy forbids inline scripts, and no template needs one."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

# An executable inline script: a <script> element without src (JSON data blocks are not run), or an on*= handler.
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>|\son[a-z]+\s*=\s*[\"']", re.I
)


def _templates() -> list[Path]:
    roots = [Path(d) for t in settings.TEMPLATES for d in t["DIRS"]]
    roots += list(Path(settings.BASE_DIR, "kinerja").glob("*/templates"))
    return [p for root in roots for p in root.rglob("*.html")]


def _directives(policy: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in (part.strip() for part in policy.split(";")) if d}


@pytest.mark.django_db
def test_pages_forbid_inline_scripts_and_framing(cast):
    response = cast.client("pegawai").get(reverse("portal:home"))
    policy = _directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_the_login_page_carries_the_policy_too(client):
    assert "script-src 'self'" in client.get(reverse("accounts:login"))["Content-Security-Policy"]


def test_no_template_has_an_inline_script_or_event_handler():
    offenders = [
        f"{path.relative_to(settings.BASE_DIR)}: {match.group(0)}"
        for path in _templates()
        for match in INLINE_SCRIPT.finditer(path.read_text())
    ]
    assert offenders == []


@pytest.mark.django_db
def test_the_language_switch_submits_through_the_static_script(cast):
    page = cast.client("pegawai").get(reverse("portal:home")).content.decode()
    assert "data-submit-on-change" in page and "kinerja.js" in page
    assert Path(settings.BASE_DIR, "kinerja", "static", "kinerja.js").exists()
