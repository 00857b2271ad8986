"""README.md and docs/ hold on a fresh clone: every relative link, and every repository path they quote, exists.

A link `[text](target)` is resolved from the Markdown file's folder (with `#anchor`, the heading must exist in the
target Markdown file); a quoted path such as `docs/admin-guide.md` or `kinerja/static/kinerja.js` from the
repository's root or the file's folder. Files the software writes at run time are listed in WRITTEN.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.text import slugify

ROOT = Path(settings.BASE_DIR)
DOCUMENTS = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
QUOTED_PATH = re.compile(r"`((?:\.\./)*(?:[\w.-]+/)+[\w.-]+\.\w+)`")  # not /api/...: a URL
FENCE = re.compile(r"^```.*?^```", re.S | re.M)
# Written by Kinerja or its tools at run time, absent from a fresh clone by design.
WRITTEN = {"bench/results/latest.json", "var/audit-checkpoints.log", "./db.sqlite3"}


def anchors(markdown: Path) -> set[str]:
    """GitHub's heading anchors (close enough: lower case, punctuation dropped, spaces to hyphens)."""
    headings = re.findall(r"^#+\s+(.+?)\s*$", markdown.read_text(encoding="utf-8"), re.M)
    return {slugify(h) for h in headings}


def inside(root: Path, *candidates: Path) -> bool:
    """One of the candidates exists within the repository (a clone has nothing beside it, e.g. ../shared/)."""
    return any(c.resolve().is_relative_to(root.resolve()) and c.exists() for c in candidates)


def broken_links(document: Path, root: Path = ROOT) -> list[str]:
    text = FENCE.sub("", document.read_text(encoding="utf-8"))
    broken = []
    for target in LINK.findall(text):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto: ... (not checked offline)
            continue
        path, _hash, anchor = target.partition("#")
        file = (document.parent / path).resolve() if path else document
        if not inside(root, file):
            broken.append(f"{target} (no such file)")
        elif anchor and file.suffix == ".md" and anchor not in anchors(file):
            broken.append(f"{target} (no heading #{anchor})")
    for quoted in QUOTED_PATH.findall(text):
        if quoted in WRITTEN:
            continue
        # From the root, the file's folder, kinerja/ ("planning/rules.py") or an app ("tests/routes.py").
        places = [root / quoted, document.parent / quoted, root / "kinerja" / quoted]
        if not inside(root, *places, *root.glob(f"kinerja/*/{quoted}")):
            broken.append(f"`{quoted}` (no such file)")
    return broken


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_and_quoted_path_resolves(document):
    assert broken_links(document) == []


def test_a_broken_link_a_missing_anchor_and_a_missing_quoted_path_are_reported(tmp_path):
    (tmp_path / "other.md").write_text("# Judul\n\n## Bagian satu\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "user-guide.md").write_text("# Panduan\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text(
        "[ada](other.md#bagian-satu) [hilang](missing.md) [jangkar](other.md#tidak-ada) "
        "[web](https://example.org/x) lihat `../shared/ARCHITECTURE.md` dan `docs/user-guide.md`\n",
        encoding="utf-8",
    )
    assert broken_links(page, root=tmp_path) == [
        "missing.md (no such file)",
        "other.md#tidak-ada (no heading #tidak-ada)",
        "`../shared/ARCHITECTURE.md` (no such file)",
    ]
