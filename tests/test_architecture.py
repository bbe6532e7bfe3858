"""The shape of the whole product, read from its source with ``ast`` (nothing is imported).

- no import cycle between the product's modules, at module level or through a deferred import
  inside a function;
- every import direction of ARCHITECTURE.md held: tui → content → mathcore, tui → progress,
  nothing back; mathcore and progress import none of the others; the terminal libraries only in
  tui (and none in tui.panels, whose specs are plain data), the storage libraries only in progress;
- no product module over 400 lines, no function over 60 lines (except the dispatchers listed in
  ``DISPATCHERS``, each with the reason it is long).

An import ``from package import name`` counts as an import of ``package.name`` when that is a
module, else of ``package``; imports under ``if TYPE_CHECKING:`` do not run and do not count.
"""

from __future__ import annotations

import ast
import sys
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("tui", "mathcore", "content", "progress")

#: Which product packages each package may import (ARCHITECTURE.md, "Dependency direction").
MAY_IMPORT = {
    "tui": {"tui", "mathcore", "content", "progress"},
    "content": {"content", "mathcore"},
    "mathcore": {"mathcore"},
    "progress": {"progress"},
}
#: Outside libraries that belong to some rooms only ("tui" covers tui.*): the terminal ones in tui,
#: the storage ones in progress (platformdirs also finds tui's lesson cache folder).
TERMINAL_LIBRARIES = ("textual", "rich", "textual_plotext", "plotext", "textual_serve", "markdown_it",
                      "pygments")
LIBRARY_ROOMS = {
    **{library: ("tui",) for library in TERMINAL_LIBRARIES},
    "tinydb": ("progress",), "filelock": ("progress",), "fsrs": ("progress",),
    "platformdirs": ("progress", "tui.body_cache"),
}
#: tui.panels stays free of the terminal: "specs are plain data + a pure function".
NOT_IN = {"tui.panels": ("textual", "rich", "textual_plotext", "plotext")}

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
#: "module:function" → why it may be longer than MAX_FUNCTION_LINES. Only table-driven
#: dispatchers belong here (one short branch per case, nothing to factor out); empty today.
DISPATCHERS: dict[str, str] = {}


# ----------------------------------------------------------------------------- reading the source

@lru_cache(maxsize=1)
def product_modules() -> dict[str, Path]:
    """Dotted module name → file, for every .py file of the four packages."""
    modules = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


@lru_cache(maxsize=None)
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _is_type_checking(node: ast.AST) -> bool:
    test = node.test if isinstance(node, ast.If) else None
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _import_nodes(tree: ast.Module, deferred: bool):
    """Import statements that run: at module level (also inside if/try and class bodies), and with
    ``deferred`` also those inside functions."""
    stack = list(tree.body)
    while stack:
        node = stack.pop()
        if _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) and not deferred:
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def _absolute(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    parts = package.split(".")
    base = ".".join(parts[:len(parts) - (node.level - 1)])
    return f"{base}.{node.module}" if node.module else base


def imported_names(module: str, deferred: bool = True) -> set[str]:
    """Every dotted name ``module`` imports (outside libraries included)."""
    path = product_modules()[module]
    names = set()
    for node in _import_nodes(_tree(path), deferred):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
            continue
        source = _absolute(module, path, node)
        for alias in node.names:
            child = f"{source}.{alias.name}"
            names.add(child if child in product_modules() else source)
    return names


def _owner(name: str) -> str | None:
    """The product module a dotted name lives in (``mathcore.parse.parse_expression`` → mathcore.parse)."""
    modules = product_modules()
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def import_graph(deferred: bool) -> dict[str, set[str]]:
    graph = {}
    for module in product_modules():
        targets = {_owner(name) for name in imported_names(module, deferred)}
        graph[module] = {t for t in targets if t and t != module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def shortest_cycle(component: list[str], graph: dict[str, set[str]]) -> list[str]:
    """One shortest loop through the component's first module (breadth-first), to name in a failure."""
    start, inside = component[0], set(component)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for nxt in sorted(graph[node] & inside):
                if nxt == start:
                    return paths[node] + [start]
                if nxt not in paths:
                    paths[nxt] = paths[node] + [nxt]
                    following.append(nxt)
        frontier = following
    return component


# ----------------------------------------------------------------------------- the tests

def test_the_product_is_read_whole():
    modules = product_modules()
    assert {name.split(".")[0] for name in modules} == set(PACKAGES)
    assert len(modules) > 100 and all(name in modules for name in ("tui.app", "content.loader", "mathcore.parse",
                                                                   "progress.store"))
    # The reader sees deferred imports and relative ones.
    assert "tui.screens.main" in {_owner(n) for n in imported_names("tui.app")}
    assert "progress._layout" in {_owner(n) for n in imported_names("progress.store", deferred=False)}


@pytest.mark.parametrize("deferred", [False, True], ids=["module level", "deferred imports too"])
def test_no_import_cycles(deferred):
    graph = import_graph(deferred)
    found = cycles(graph)
    assert found == [], "import cycles:\n" + "\n".join(
        f"  {len(c)} modules, e.g. {' → '.join(shortest_cycle(c, graph))}" for c in found)


def test_the_cycle_finder_finds_a_planted_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(graph) == [["a", "b", "c"]]
    assert shortest_cycle(["a", "b", "c"], graph) == ["a", "b", "c", "a"]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_import_directions_of_the_architecture():
    wrong = []
    for module in product_modules():
        package = module.split(".")[0]
        for name in imported_names(module):
            target = name.split(".")[0]
            if target in PACKAGES and target not in MAY_IMPORT[package]:
                wrong.append(f"{module} imports {name}")
    assert wrong == []


def test_outside_libraries_stay_in_their_rooms():
    wrong = []
    for module in product_modules():
        for name in imported_names(module):
            library = name.split(".")[0]
            rooms = LIBRARY_ROOMS.get(library)
            if rooms is not None and not any(module == r or module.startswith(r + ".") for r in rooms):
                wrong.append(f"{module} imports {name}")
            for room, banned in NOT_IN.items():
                if (module == room or module.startswith(room + ".")) and library in banned:
                    wrong.append(f"{module} imports {name}")
    assert wrong == []


def test_no_module_over_400_lines():
    long = {str(path.relative_to(ROOT)): n for path in product_modules().values()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert long == {}


def _function_lengths() -> dict[str, int]:
    lengths = {}
    for module, path in product_modules().items():
        for node in ast.walk(_tree(path)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lengths[f"{module}:{node.name}@{node.lineno}"] = node.end_lineno - node.lineno + 1
    return lengths


def test_no_function_over_60_lines_but_the_listed_dispatchers():
    long = {name: n for name, n in _function_lengths().items()
            if n > MAX_FUNCTION_LINES and name.split("@")[0] not in DISPATCHERS}
    assert long == {}


def test_every_listed_dispatcher_is_still_long_and_says_why():
    lengths: dict[str, int] = {}
    for name, n in _function_lengths().items():
        key = name.split("@")[0]
        lengths[key] = max(lengths.get(key, 0), n)
    for name, reason in DISPATCHERS.items():
        assert lengths.get(name, 0) > MAX_FUNCTION_LINES, f"{name} is short now: drop it from DISPATCHERS"
        assert len(reason) > 20, name


if __name__ == "__main__":  # a quick look: python tests/test_architecture.py
    graph = import_graph(deferred=True)
    print(f"{len(product_modules())} modules, {sum(map(len, graph.values()))} imports between them, "
          f"{len(cycles(graph))} cycles")
    sys.exit(0)
