"""The house's walls, read from the source: who may import a search engine, who may touch its privates."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

SEARCH = ROOT / "tracker" / "search"
PRIVATE = SEARCH / "_whoosh_private.py"
ENGINE_LIBRARIES = ("whoosh", "numpy")


def modules(*folders: str) -> list[Path]:
    return sorted(path for folder in folders for path in (ROOT / folder).rglob("*.py"))


def imported(tree: ast.AST) -> set[str]:
    """Every module name a file imports (absolute; relative imports named from their package)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def parsed(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


@pytest.mark.parametrize("path", modules("tracker", "ingest"), ids=lambda p: str(p.relative_to(ROOT)))
def test_only_the_search_package_imports_a_search_engine_or_numpy(path: Path) -> None:
    if SEARCH in path.parents:
        return
    found = {name for name in imported(parsed(path)) if name.split(".")[0] in ENGINE_LIBRARIES}
    assert found == set(), f"{path.relative_to(ROOT)} imports {sorted(found)}: go through tracker.search"


@pytest.mark.parametrize("path", modules("tracker"), ids=lambda p: str(p.relative_to(ROOT)))
def test_tracker_never_imports_ingest(path: Path) -> None:
    found = {name for name in imported(parsed(path)) if name.split(".")[0] == "ingest"}
    assert found == set(), f"{path.relative_to(ROOT)} imports {sorted(found)}"


def private_attributes(tree: ast.AST) -> list[str]:
    """Each ``x._name`` (not a dunder) read on anything but ``self`` or ``cls``, and each getattr of one."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            if not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                found.append(f"line {node.lineno}: .{node.attr}")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("getattr", "setattr")
              and len(node.args) > 1 and isinstance(node.args[1], ast.Constant)
              and str(node.args[1].value).startswith("_") and not str(node.args[1].value).startswith("__")):
            found.append(f"line {node.lineno}: getattr {node.args[1].value}")
    return found


@pytest.mark.parametrize("path", [p for p in modules("tracker/search") if p != PRIVATE],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_only_one_module_touches_whooshs_private_attributes(path: Path) -> None:
    # Our own objects' underscore attributes are read through self; anything else is
    # someone else's private part, and belongs in _whoosh_private.py behind the probe.
    assert private_attributes(parsed(path)) == [], f"{path.relative_to(ROOT)}: move these to _whoosh_private.py"


def test_the_private_module_is_where_the_private_reads_are() -> None:
    # The check above must be able to fail: the fast paths do read Whoosh's privates.
    assert len(private_attributes(parsed(PRIVATE))) > 10


def test_whoosh_subclasses_that_override_private_hooks_live_in_the_private_module() -> None:
    for path in modules("tracker/search"):
        if path == PRIVATE:
            continue
        for node in ast.walk(parsed(path)):
            if isinstance(node, ast.ClassDef):
                overridden = [f.name for f in node.body if isinstance(f, ast.FunctionDef)
                              and f.name.startswith("_") and not f.name.startswith("__")]
                bases = {ast.unparse(b) for b in node.bases}
                if overridden and bases - {"object", "Protocol", "Generic[T]", "PublicWhoosh"}:
                    # A Whoosh class with an underscore method: ours (a helper) or a hook of theirs.
                    assert all(name in _OWN_HELPERS for name in overridden), (path.name, node.name, overridden)


# Underscore methods this package defines for itself on Whoosh subclasses (not Whoosh hooks).
_OWN_HELPERS = {"_encode"}
