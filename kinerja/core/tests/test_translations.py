"""The Indonesian catalogue is complete and safe, and pages render in Indonesian unless the user picks English."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings as django_settings
from django.urls import reverse

LOCALE_DIR = Path(django_settings.BASE_DIR) / "kinerja" / "locale"
PO_PATH = LOCALE_DIR / "id" / "LC_MESSAGES" / "django.po"

# %(name)s / %(n)d from Python and {% blocktranslate %}; {{ name }} if a template variable ever leaks into a msgid.
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|\{\{\s*[\w.|:\"']+\s*\}\}")


def placeholders(text: str) -> Counter:
    return Counter(PLACEHOLDER.findall(text))


@pytest.fixture(scope="module")
def catalogue() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


def active_entries(catalogue: polib.POFile) -> list[polib.POEntry]:
    return [e for e in catalogue if not e.obsolete]


def translations_of(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def test_catalogue_header_declares_indonesian_with_one_plural_form(catalogue):
    assert catalogue.metadata["Language"] == "id"
    assert "charset=UTF-8" in catalogue.metadata["Content-Type"]
    assert catalogue.metadata["Plural-Forms"].replace(" ", "") == "nplurals=1;plural=0;"
    assert not catalogue.metadata_is_fuzzy


def test_catalogue_has_no_untranslated_entries(catalogue):
    untranslated = [e.msgid for e in active_entries(catalogue) if not all(translations_of(e))]
    assert untranslated == []


def test_catalogue_has_no_fuzzy_entries(catalogue):
    assert [e.msgid for e in active_entries(catalogue) if "fuzzy" in e.flags] == []


def test_plural_entries_have_exactly_one_indonesian_form(catalogue):
    wrong = [e.msgid for e in active_entries(catalogue) if e.msgid_plural and sorted(e.msgstr_plural) != [0]]
    assert wrong == []


def test_every_placeholder_of_a_msgid_appears_in_its_translation(catalogue):
    problems = []
    for entry in active_entries(catalogue):
        # The single Indonesian form is used for every count, so it follows the plural msgid.
        expected = placeholders(entry.msgid_plural or entry.msgid)
        for msgstr in translations_of(entry):
            found = placeholders(msgstr)
            if set(found) != set(expected):
                problems.append((entry.msgid, sorted(expected), sorted(found)))
    assert problems == []


def test_python_format_translations_interpolate_without_error(catalogue):
    for entry in active_entries(catalogue):
        if "python-format" not in entry.flags:
            continue
        names = {m.group(1) for m in re.finditer(r"%\((\w+)\)", entry.msgid_plural or entry.msgid)}
        for msgstr in translations_of(entry):
            msgstr % dict.fromkeys(names, 1)  # a stray "%" or a bad conversion raises here


@pytest.fixture
def compiled_catalogue(tmp_path_factory, settings):
    """Compile the .po as it is now (the same polib call as `compile_translations`) into a private locale dir.

    This tests the catalogue in the working tree, not a possibly stale .mo, and writes nothing into the repository.
    """
    locale_dir = tmp_path_factory.mktemp("locale")
    for po_path in LOCALE_DIR.glob("*/LC_MESSAGES/*.po"):
        target = locale_dir / po_path.relative_to(LOCALE_DIR)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(po_path, target)
        polib.pofile(str(target)).save_as_mofile(str(target.with_suffix(".mo")))
    settings.LOCALE_PATHS = [locale_dir]  # the setting_changed signal resets Django's translation caches
    yield locale_dir


def login_page(client) -> str:
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.usefixtures("compiled_catalogue")
def test_login_page_is_indonesian_by_default(client, db):
    html = login_page(client)
    assert '<html lang="id">' in html
    assert "Masuk" in html
    assert "Lupa kata sandi?" in html
    assert "Log in" not in html
    assert "Forgot your password?" not in html


@pytest.mark.usefixtures("compiled_catalogue")
def test_login_page_switches_to_english_through_the_language_form(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("accounts:login")})
    assert response.status_code == 302
    html = login_page(client)
    assert '<html lang="en">' in html
    assert "Log in" in html
    assert "Forgot your password?" in html
    assert "Masuk" not in html


@pytest.mark.usefixtures("compiled_catalogue")
def test_an_english_browser_still_gets_indonesian_until_the_user_chooses(client, db):
    response = client.get(reverse("accounts:login"), headers={"accept-language": "en-US,en;q=0.9"})
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert "Lupa kata sandi?" in html


@pytest.mark.usefixtures("compiled_catalogue")
@pytest.mark.parametrize(
    ("url_name", "indonesian", "english"),
    [
        ("portal:home", "Jabatan saya", "My position"),
        ("org:pegawai_list", "Cari berdasarkan NIP atau nama", "Search by NIP or name"),
        ("org:unit_tree", "Struktur per tanggal", "Structure at date"),
        ("org:dinilai", "Melalui jabatan saya", "Through my position"),
    ],
)
def test_signed_in_pages_render_in_indonesian(cast, url_name, indonesian, english):
    response = cast.client("atasan").get(reverse(url_name))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="id">' in html
    for text in ("Beranda", "Pegawai yang saya nilai", "Keluar", indonesian):
        assert text in html
    for text in ("Log out", "People I assess", english):
        assert text not in html


MAKEMESSAGES_IGNORE = [
    ".venv",
    "staticfiles",
    "test-artifacts",
    "kinerja/locale",  # so makemessages writes only to the copy in LOCALE_PATHS, never the real catalogue
    "kinerja/*/tests/*",
    "kinerja/tests_browser/*",
]


def test_catalogue_holds_every_message_the_code_uses(tmp_path, settings):
    """Re-extracts the messages into a copy of the catalogue: a msgid in code or templates that the catalogue lacks
    would show in English to Indonesian users."""
    import os

    from django.core.management import call_command

    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail("GNU gettext (xgettext) is required in CI to check the catalogue")
        pytest.skip("GNU gettext (xgettext) is not installed")
    original = PO_PATH.read_bytes()
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, copy)
    settings.LOCALE_PATHS = [copy]
    cwd = os.getcwd()
    os.chdir(django_settings.BASE_DIR)
    try:
        call_command(
            "makemessages", locale=["id"], no_location=True, ignore_patterns=MAKEMESSAGES_IGNORE, verbosity=0
        )
    finally:
        os.chdir(cwd)
    assert PO_PATH.read_bytes() == original, "makemessages touched the real catalogue"
    extracted = polib.pofile(str(copy / "id" / "LC_MESSAGES" / "django.po"))
    missing = [
        e.msgid for e in active_entries(extracted) if not all(translations_of(e)) or "fuzzy" in e.flags
    ]
    assert missing == []
