"""Product modules stay readable: none grows past 600 lines (issue 9); a larger one is split by concern."""

from pathlib import Path

import kinerja

LIMIT = 600
ROOT = Path(kinerja.__file__).resolve().parent


def product_modules():
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts or parts[0] in ("tests_browser", "testkit"):
            continue
        yield path


def test_the_scan_sees_the_product_modules():
    names = {p.relative_to(ROOT).as_posix() for p in product_modules()}
    assert "core/documents.py" in names
    assert "planning/services/skp.py" in names
    assert not any("/tests/" in n or n.startswith("tests_browser/") for n in names)


def test_no_product_module_is_longer_than_600_lines():
    long = {
        p.relative_to(ROOT).as_posix(): n
        for p in product_modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > LIMIT
    }
    assert long == {}, f"split these by concern (docs/architecture.md): {long}"
