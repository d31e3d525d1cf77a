"""The import graph of ``privacy_center``, built from the source with ``ast`` (nothing is imported).

Module-level imports must form no cycle, and the core never imports a feature app at module level
(a feature left out of INSTALLED_APPS must not be imported: its models would land under the core's label).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "privacy_center"
FEATURES = ("erasure", "consent", "requests")


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def module_level_imports() -> dict[str, set[str]]:
    """module -> the privacy_center modules it imports when it is itself imported."""
    known = modules()
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.parse(path.read_text()).body:  # module level only, not inside functions
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                    base = f"{base}.{node.module}" if node.module else base
                else:
                    base = node.module or ""
                targets |= {base} | {f"{base}.{alias.name}" for alias in node.names}
            elif isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names}
        graph[name] = {t for t in targets if t in known and t != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_graph_sees_known_edges():
    graph = module_level_imports()
    assert "privacy_center.sources" in graph["privacy_center.contrib.sources"]
    assert "privacy_center.erasure.models" in graph["privacy_center.erasure.services.executor"]


def test_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle_at_module_level():
    assert find_cycle(module_level_imports()) is None


def test_core_never_imports_a_feature_app_at_module_level():
    feature_prefixes = tuple(f"privacy_center.{f}" for f in FEATURES)
    offenders = {
        module: sorted(t for t in targets if t.startswith(feature_prefixes))
        for module, targets in module_level_imports().items()
        if not module.startswith(feature_prefixes)
    }
    assert {m: t for m, t in offenders.items() if t} == {}
