"""The apps build on osce_kb's base floor and never import its top floor, which imports the apps (DESIGN.md,
"Layering"): a cycle would make every app load every other."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOP_FLOOR = {f"osce_kb.{name}" for name in ("views", "urls", "api", "feeds", "sitemaps", "exporting", "wikidata")}
APPS = ("organs", "people", "timeline")


def top_floor_imports(source):
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {module for module in found if any(module == top or module.startswith(top + ".") for top in TOP_FLOOR)}


@pytest.mark.parametrize(
    "path",
    [path for app in APPS for path in sorted((ROOT / app).rglob("*.py"))],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_an_app_never_imports_the_top_floor_of_osce_kb(path):
    assert top_floor_imports(path.read_text(encoding="utf-8")) == set()


@pytest.mark.parametrize(
    "source",
    ["from osce_kb.views import FilteredListView", "from osce_kb import feeds", "import osce_kb.api.router"],
)
def test_the_check_sees_every_way_of_importing_the_top_floor(source):
    assert top_floor_imports(source)


def test_the_base_floor_is_allowed():
    assert top_floor_imports("from osce_kb.generic import FilteredListView\nfrom osce_kb import rest") == set()
