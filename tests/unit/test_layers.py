"""The core outlives the framework: philosophy/ imports nothing from MkDocs, Material or mkdocs-macros,
nor from the adapter packages that do — checked on the import graph (every import statement of every
core module, function-level ones included, followed through first-party modules) and at run time."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

pytestmark = pytest.mark.fast

FRAMEWORK = {"mkdocs", "material", "mkdocs_macros"}
ADAPTERS = {"macros", "publish"}  # first-party packages that import the framework


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Absolute names of every module a file imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            out.add(name)
            out |= {f"{name}.{alias.name}" for alias in node.names}
    return out


def _graph() -> dict[str, set[str]]:
    modules = {}
    for package in ("philosophy", "macros", "publish", "staff"):
        for path in (ROOT / package).rglob("*.py"):
            modules[_module_name(path)] = _imports(path)
    return modules


def _reach(graph: dict[str, set[str]], start: str) -> set[str]:
    """Every module reachable from `start` through first-party modules."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        name = todo.pop()
        for target in graph.get(name, set()):
            if target in seen:
                continue
            seen.add(target)
            if target in graph:
                todo.append(target)
    return seen


def test_the_core_imports_nothing_from_the_framework_on_the_import_graph() -> None:
    graph = _graph()
    core = [m for m in graph if m == "philosophy" or m.startswith("philosophy.")]
    assert len(core) > 25
    offenders = {}
    for module in core:
        reached = _reach(graph, module)
        bad = {r for r in reached if r.split(".")[0] in FRAMEWORK | ADAPTERS}
        if bad:
            offenders[module] = sorted(bad)
    assert offenders == {}


def test_the_graph_sees_the_adapters_framework_imports() -> None:
    """The test can fail: the adapter does import the framework, and the graph finds it."""
    reached = _reach(_graph(), "macros.site")
    assert any(r.split(".")[0] == "mkdocs" for r in reached)


def test_importing_every_core_module_loads_no_framework_module() -> None:
    code = (
        "import pkgutil, importlib, sys, philosophy\n"
        "for m in pkgutil.walk_packages(philosophy.__path__, 'philosophy.'):\n"
        "    m.name.endswith('__main__') or importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in {'mkdocs','material','mkdocs_macros','macros','publish'})\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
