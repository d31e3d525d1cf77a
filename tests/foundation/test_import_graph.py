"""The import graph of ``privacy_center``, built from the source with ``ast`` (nothing is imported).

No cycle, counting imports inside functions too (``if TYPE_CHECKING:`` blocks are not imports at run time),
except the edges listed in ``ALLOWED_CYCLE_EDGES`` with their reason; and the core never imports a
feature app at module level (a feature left out of INSTALLED_APPS must not be imported: its models would
land under the core's label).
"""

from __future__ import annotations

import ast
import re
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


def _targets(node: ast.AST, package: str, known: dict[str, Path]) -> set[str]:
    """The privacy_center modules one import statement loads (``from . import x``: the module ``x``)."""
    if isinstance(node, ast.ImportFrom):
        if node.level:
            base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
            base = f"{base}.{node.module}" if node.module else base
        else:
            base = node.module or ""
        return {f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names}
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names}
    return set()


def _graph(*, inside_functions: bool) -> dict[str, set[str]]:
    known = modules()
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text())
        typing_only = {id(inner) for node in ast.walk(tree)
                       if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
                       for stmt in node.body for inner in ast.walk(stmt)}
        nodes = ast.walk(tree) if inside_functions else iter(tree.body)
        targets: set[str] = set()
        for node in nodes:
            if inside_functions and id(node) in typing_only:
                continue
            targets |= _targets(node, package, known)
        graph[name] = {t for t in targets if t in known and t != name}
    return graph


def module_level_imports() -> dict[str, set[str]]:
    """module -> the privacy_center modules it imports when it is itself imported."""
    return _graph(inside_functions=False)


def all_imports() -> dict[str, set[str]]:
    """module -> every privacy_center module it imports, at module level or inside a function."""
    return _graph(inside_functions=True)


# Edges that close a cycle only through an import inside a function, each with why it is still there.
ALLOWED_CYCLE_EDGES: dict[tuple[str, str], str] = {}


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


def test_no_import_cycle_counting_imports_inside_functions():
    graph = {module: {t for t in targets if (module, t) not in ALLOWED_CYCLE_EDGES}
             for module, targets in all_imports().items()}
    assert find_cycle(graph) is None


def test_every_allowed_edge_still_exists_and_is_inside_a_function():
    """An allowed edge that is gone (or moved to module level, where the test above would fail) is dropped."""
    everything, top = all_imports(), module_level_imports()
    assert [edge for edge in ALLOWED_CYCLE_EDGES if edge[1] not in everything[edge[0]]] == []
    assert [edge for edge in ALLOWED_CYCLE_EDGES if edge[1] in top[edge[0]]] == []


def test_the_full_graph_sees_imports_inside_functions_but_not_typing_ones():
    graph = all_imports()
    # apps.ready() imports the tasks (Django app loading); erasing imports sources only for type hints.
    assert "privacy_center.tasks" in graph["privacy_center.apps"]
    assert "privacy_center.sources" not in graph["privacy_center.erasing"]


def test_core_never_imports_a_feature_app_at_module_level():
    feature_prefixes = tuple(f"privacy_center.{f}" for f in FEATURES)
    offenders = {
        module: sorted(t for t in targets if t.startswith(feature_prefixes))
        for module, targets in module_level_imports().items()
        if not module.startswith(feature_prefixes)
    }
    assert {m: t for m, t in offenders.items() if t} == {}


def _has_reason(lines: list[str], node: ast.stmt) -> bool:
    """A comment on the line above the import, or on its own line (a bare ``# noqa: F401`` is no reason)."""
    above = lines[node.lineno - 2].strip() if node.lineno > 1 else ""
    same = re.sub(r"noqa(:\s*[A-Z]+[0-9]+(,\s*[A-Z]+[0-9]+)*)?", "", lines[node.lineno - 1].partition("#")[2])
    return above.startswith("#") or bool(same.strip())


def imports_inside_functions_without_a_reason() -> list[str]:
    """Imports inside a function (not ``if TYPE_CHECKING:``) whose reason is not written next to them."""
    missing = []
    for path in sorted(modules().values()):
        source = path.read_text()
        lines = source.splitlines()
        tree = ast.parse(source)
        typing_only = {id(inner) for node in ast.walk(tree)
                       if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
                       for stmt in node.body for inner in ast.walk(stmt)}
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(function):
                if (isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in typing_only
                        and not _has_reason(lines, node)):
                    missing.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {ast.unparse(node)}")
    return sorted(set(missing))


def test_every_import_inside_a_function_says_why():
    """Imports belong at module level; one that must stay in a function (app loading, a feature app or an
    optional allauth app that may be left out, a cycle) has a one-line reason on the line above (issue 16)."""
    assert imports_inside_functions_without_a_reason() == []


def test_the_reason_check_sees_a_bare_import_and_a_bare_noqa():
    lines = ["def f():", "    import os", "    # reason", "    import sys", "    import json  # noqa: F401",
             "    import re  # noqa: F401  (registers the checks)"]
    function = ast.parse("\n".join(lines)).body[0]
    assert isinstance(function, ast.FunctionDef)
    assert [_has_reason(lines, node) for node in function.body] == [False, True, False, True]
