"""The package's shape (issue 9): no module over 600 lines, imports one way, no cycles, no private imports."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "xbec"
MODULES = sorted(ROOT.rglob("*.py"))
#: allowed direction of imports between the package's folders: a folder may import those listed
ALLOWED = {
    "model": set(),
    "replication": {"model"},
    "beyond": {"model", "replication"},
    "figures": {"model", "replication", "beyond"},
    "rerun": {"model", "replication", "beyond", "figures"},
}


def _name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    """(absolute module, imported names) of every ``from``/``import`` statement in ``path``."""
    pkg = _name(path) if path.name == "__init__.py" else _name(path).rpartition(".")[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = pkg.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            out.append((mod, tuple(a.name for a in node.names)))
        elif isinstance(node, ast.Import):
            out += [(a.name, ()) for a in node.names]
    return out


MODULE_NAMES = {_name(p) for p in MODULES}


def test_no_module_over_600_lines():
    long = {str(p.relative_to(ROOT.parent)): n for p in MODULES if (n := len(p.read_text().splitlines())) > 600}
    assert not long, long


def test_no_import_of_another_modules_private_names():
    bad = []
    for path in MODULES:
        for mod, names in _imports(path):
            if mod.startswith("xbec"):
                bad += [
                    f"{_name(path)}: from {mod} import {n}"
                    for n in names
                    if n.startswith("_") and n != "__version__" and f"{mod}.{n}" not in MODULE_NAMES
                ]
    assert not bad, bad


def test_imports_run_one_way_between_folders():
    bad = []
    for path in MODULES:
        parts = _name(path).split(".")
        if len(parts) < 2 or parts[1] not in ALLOWED:
            continue
        folder = parts[1]
        for mod, names in _imports(path):
            target = mod.split(".")
            if target[0] != "xbec":
                continue
            targets = [target[1]] if len(target) > 1 else [n for n in names]
            for t in targets:
                if t in ALLOWED and t != folder and t not in ALLOWED[folder]:
                    bad.append(f"{_name(path)} imports xbec.{t}")
    assert not bad, bad


def test_no_import_cycle_between_modules():
    graph: dict[str, set[str]] = {}
    names = {_name(p) for p in MODULES}
    for path in MODULES:
        deps = set()
        for mod, imported in _imports(path):
            submodules = {f"{mod}.{n}" for n in imported if f"{mod}.{n}" in names}
            deps |= submodules
            if mod in names and len(submodules) < len(imported):  # a name defined in mod itself
                deps.add(mod)
        graph[_name(path)] = deps - {_name(path)}
    # a package's __init__ re-exporting its own modules is not a cycle of modules
    for node in graph:
        graph[node] = {d for d in graph[node] if not (d == node.rpartition(".")[0] and d in graph)}
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, stack: list[str]) -> bool:
        state[node] = 1
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                cycle.extend(stack[stack.index(dep) :] + [node, dep] if dep in stack else [node, dep])
                return True
            if state.get(dep) is None and visit(dep, stack + [dep]):
                return True
        state[node] = 2
        return False

    for node in sorted(graph):
        if state.get(node) is None and visit(node, [node]):
            break
    assert not cycle, " -> ".join(cycle)
