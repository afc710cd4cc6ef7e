"""store/search is one package with one public entry point and no import circle inside it."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import storyline.store as store_pkg

PACKAGE = Path(store_pkg.__file__).parent / "search"


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) of every `from X import names` of a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(n.module or "", [a.name for a in n.names]) for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]


def test_no_search_modules_beside_the_package():
    assert PACKAGE.is_dir()
    assert not list(PACKAGE.parent.glob("search*.py"))


def test_inner_modules_never_import_the_entry_point():
    # a module importing the package's __init__ is what made the old circle (search <-> search_query)
    submodules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    for path in PACKAGE.glob("*.py"):
        if path.stem == "__init__":
            continue
        for module, names in _imports(path):
            if module == "storyline.store.search":
                assert set(names) <= submodules, (path.name, names)


def test_inner_imports_form_no_cycle():
    graph = {}
    for path in PACKAGE.glob("*.py"):
        deps = {m.rsplit(".", 1)[1] for m, _ in _imports(path) if m.startswith("storyline.store.search.")}
        deps |= {n for m, names in _imports(path) if m == "storyline.store.search" for n in names}
        graph[path.stem] = deps - {path.stem}
    state: dict[str, int] = {}

    def visit(node: str, trail: tuple) -> None:
        assert state.get(node) != 1, f"import cycle: {' -> '.join(trail + (node,))}"
        if state.get(node) == 2:
            return
        state[node] = 1
        for dep in graph.get(node, ()):
            visit(dep, trail + (node,))
        state[node] = 2

    for node in sorted(graph):
        visit(node, ())


def test_entry_point_exports_the_public_names():
    search = importlib.import_module("storyline.store.search")
    for name in search.__all__:
        assert hasattr(search, name), name
    assert callable(search.search) and callable(search.index_doc) and callable(search.reindex)
