"""The architecture's gates: layers run one way, and views and APIs read only through selectors and permissions."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.fixture(scope="module")
def tree_copy(tmp_path_factory) -> Path:
    """A copy of the project's package and its import-linter contract, to break on purpose."""
    copy = tmp_path_factory.mktemp("layers")
    shutil.copy(ROOT / "pyproject.toml", copy)
    shutil.copytree(ROOT / "kinerja", copy / "kinerja", ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    return copy


def test_the_layers_contract_holds_for_the_code_as_it_is(tree_copy):
    result = lint_imports(tree_copy)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    ("module", "line"),
    [
        ("kinerja/core/clock.py", "from kinerja.org import selectors"),
        ("kinerja/accounts/permissions.py", "from kinerja.org.models import Pegawai"),
        ("kinerja/org/services/units.py", "from kinerja.planning import services as planning_services"),
        ("kinerja/planning/rules.py", "import kinerja.portal.views"),
        # The test kit is above every layer, and for tests only.
        ("kinerja/portal/views.py", "from kinerja.testkit import cast"),
    ],
)
def test_an_import_from_a_higher_layer_breaks_the_contract(tree_copy, module, line):
    path = tree_copy / module
    original = path.read_text()
    try:
        path.write_text(f"{line}  # noqa\n{original}")
        result = lint_imports(tree_copy)
    finally:
        path.write_text(original)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout and module.removesuffix(".py").replace("/", ".") in result.stdout


# Views and APIs fetch through selectors and get_*_for_user_or_404, never from a model's manager directly.
FORBIDDEN = re.compile(r"\.objects\.|get_object_or_404\(\s*[A-Z]")


def _view_and_api_modules() -> list[Path]:
    found = []
    for path in sorted((ROOT / "kinerja").rglob("*.py")):
        parts = path.relative_to(ROOT / "kinerja").parts
        if "tests" in parts or "migrations" in parts:
            continue
        if any(p.startswith(("views", "api")) for p in parts[1:]):
            found.append(path)
    return found


def test_views_and_apis_read_only_through_selectors_and_permissions():
    modules = _view_and_api_modules()
    assert any(p.name == "views.py" for p in modules) and any(p.name == "api.py" for p in modules)
    offending = [
        f"{path.relative_to(ROOT)}:{number}: {text.strip()}"
        for path in modules
        for number, text in enumerate(path.read_text().splitlines(), start=1)
        if FORBIDDEN.search(text)
    ]
    assert not offending, "queries in views or APIs (use a selector or permission):\n" + "\n".join(offending)


def test_the_check_catches_a_query_in_a_view():
    assert FORBIDDEN.search("    pegawai = Pegawai.objects.get(pk=pk)")
    assert FORBIDDEN.search("    item = get_object_or_404(RHK, pk=rhk)")
    assert not FORBIDDEN.search("    skp = permissions.get_skp_for_user_or_404(request.user, pk)")
