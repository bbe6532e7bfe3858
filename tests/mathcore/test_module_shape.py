"""Shape of mathcore and content (issue 13): no import cycle (module-level or inside functions),
the package directions held, no module over 400 lines, no function over 60 lines in the parser,
grading and content-loading modules."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("mathcore", "content")
FORBIDDEN = {"mathcore": ("content", "tui", "progress", "textual", "tinydb"), "content": ("tui", "progress", "textual")}
# Rooms of issue 10/13's parser and grading work (other modules belong to other rooms).
SHAPED = ["mathcore/functions.py", "mathcore/lexer.py", "mathcore/syntax.py", "mathcore/fold.py",
          "mathcore/scalars.py", "mathcore/arrays.py", "mathcore/numeric.py", "mathcore/parse.py",
          "mathcore/budget.py", "mathcore/equivalence.py", "mathcore/bounded.py", "content/grading.py",
          "content/check.py", "content/loader.py", "content/frontmatter.py", "content/questions.py",
          "content/question_fields.py", "content/errors.py"]


def _modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            rel = path.relative_to(ROOT).with_suffix("")
            parts = list(rel.parts)
            if parts[-1] == "__init__":
                parts.pop()
            yield ".".join(parts), path


def _imports(path: Path, module: str) -> set[str]:
    found = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = module if path.name == "__init__.py" else module.rpartition(".")[0]
                base = ".".join(package.split(".")[:len(package.split(".")) - (node.level - 1)])
                name = f"{base}.{node.module}" if node.module else base
            else:
                name = node.module or ""
            found.add(name)
            found.update(f"{name}.{alias.name}" for alias in node.names)
    return found


def _graph():
    modules = dict(_modules())
    graph = {}
    for module, path in modules.items():
        targets = set()
        for name in _imports(path, module):
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != module and name.split(".")[0] in PACKAGES:
                targets.add(name)
        graph[module] = targets
    return graph


def _is_package_parent(a: str, b: str) -> bool:
    return b.startswith(a + ".") or a.startswith(b + ".")


def test_no_import_cycles():
    graph = _graph()
    cycles = []
    state: dict[str, int] = {}

    def visit(node, stack):
        state[node] = 1
        for nxt in sorted(graph[node]):
            if _is_package_parent(node, nxt):
                continue  # a package importing its own submodules (content.__init__ → content.loader)
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_package_directions():
    for module, path in _modules():
        package = module.split(".")[0]
        for name in _imports(path, module):
            assert name.split(".")[0] not in FORBIDDEN[package], (module, name)


@pytest.mark.parametrize("rel", SHAPED)
def test_module_and_function_sizes(rel):
    path = ROOT / rel
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= 400, rel
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            assert node.end_lineno - node.lineno + 1 <= 60, (rel, node.name)
