"""Help inside the app: the guides of docs/ as pages with the same text, rendered safely, and a short help on each
main page that links to an existing section of the right guide."""

import html
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import NoReverseMatch, reverse
from django.utils.html import strip_tags

from kinerja.portal import help
from kinerja.portal.management.commands.demo import MIN_PEGAWAI


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def markdown_words(source: str) -> list[str]:
    """The words a reader sees in the Markdown source: without list numbers and link targets."""
    source = re.sub(r"^\s*\d+\.\s", "", source, flags=re.M)  # "1. " of an ordered list
    source = re.sub(r"\]\([^)]*\)", "]", source)
    return words(source)


def main_text(response) -> list[str]:
    page = response.content.decode()
    article = re.search(r'<article[^>]*data-testid="guide"[^>]*>(.*?)</article>', page, re.S).group(1)
    return words(html.unescape(strip_tags(article)))


@pytest.mark.parametrize("slug", list(help.GUIDES))
def test_each_guide_page_shows_the_same_text_as_its_file_in_docs(cast, slug):
    guide = help.GUIDES[slug]
    source = (help.DOCS / guide.file).read_text(encoding="utf-8")

    response = cast.client("pegawai").get(reverse("portal:help_guide", args=[slug]))

    assert response.status_code == 200
    assert main_text(response) == markdown_words(source)


def test_each_guide_section_has_an_anchor_and_a_line_in_the_contents(cast):
    response = cast.client("pegawai").get(reverse("portal:help_guide", args=["pengguna"]))
    page = response.content.decode()

    assert '<h2 id="skp-sasaran-kinerja-pegawai">SKP (sasaran kinerja pegawai)</h2>' in page
    assert '<a href="#skp-sasaran-kinerja-pegawai">SKP (sasaran kinerja pegawai)</a>' in page


def test_raw_html_and_unsafe_links_in_a_guide_stay_text():
    rendered = help.render_markdown(
        "# Judul\n\n<script>alert(1)</script> <img src=x onerror=alert(1)>\n\n"
        "[klik](javascript:alert(1)) [data](data:text/html,x) [baik](https://example.org/)\n\n"
        "## Judul\n\n## Judul\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )

    assert "<script" not in rendered.html and "<img" not in rendered.html
    assert "&lt;script&gt;" in rendered.html
    assert 'href="javascript:' not in rendered.html and 'href="data:' not in rendered.html
    assert '<a href="https://example.org/">baik</a>' in rendered.html
    assert rendered.title == "Judul"
    assert [anchor for anchor, _ in rendered.sections] == ["judul-2", "judul-3"]  # unique ids
    assert '<div class="table-responsive"><table class="table table-sm">' in rendered.html


def test_an_unknown_guide_is_not_found(cast):
    assert cast.client("pegawai").get(reverse("portal:help_guide", args=["rahasia"])).status_code == 404


@pytest.mark.parametrize("view_name", sorted(help.TOPICS))
def test_each_topic_belongs_to_a_page_and_links_to_an_existing_section(view_name):
    topic = help.TOPICS[view_name]
    try:
        reverse(view_name)
    except NoReverseMatch as exc:
        assert "with no arguments not found" in str(exc) or "arguments '()'" in str(exc), exc
    anchors = {anchor for anchor, _ in help.guide_page(topic.guide).sections}
    anchors |= set(re.findall(r'id="([^"]+)"', help.guide_page(topic.guide).html))
    assert topic.anchor in anchors
    assert 1 <= len(re.findall(r"[.!?](\s|$)", str(topic.text))) <= 3  # one to three sentences


def test_a_main_page_shows_its_help_with_a_link_to_the_guide_and_the_menu_links_the_guides(cast):
    response = cast.client("admin_bkpsdm").get(reverse("planning:years"))
    page = response.content.decode()

    help_box = re.search(
        r'<details class="help-context small" data-testid="help">(.*?)</details>', page, re.S
    )
    assert help_box, "the years page has no help"
    assert "Tenggat tahun kinerjalah yang berlaku." in help_box.group(1)
    assert f'href="{reverse("portal:help_guide", args=["admin"])}#tahun-kinerja-dan-skp"' in help_box.group(1)
    assert f'href="{reverse("portal:help")}" data-testid="help-menu"' in page


def test_a_page_without_a_topic_shows_no_help_box(cast):
    page = cast.client("pegawai").get(reverse("portal:help")).content.decode()
    assert 'data-testid="help"' not in page
    assert reverse("portal:help_guide", args=["pengguna"]) in page


def test_the_demo_command_names_its_minimum_before_anything_else(db):
    """The test database already holds the demo: the size is refused first, in both languages."""
    with pytest.raises(CommandError) as refused:
        call_command("demo", pegawai=MIN_PEGAWAI - 1)
    message = str(refused.value)
    assert f"--pegawai {MIN_PEGAWAI - 1} terlalu kecil" in message
    assert f"minimal {MIN_PEGAWAI} pegawai" in message
    assert f"at least {MIN_PEGAWAI} employees" in message
