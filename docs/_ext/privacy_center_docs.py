"""Sphinx extension: reference pages generated from privacy_center's own code, so they cannot fall behind.

- ``.. privacy-center-settings::`` renders every ``PRIVACY_CENTER_*`` setting of
  ``privacy_center.app_settings.AppSettings``: its docstring, its type and its default, read from the
  ``self._setting("NAME", default)`` call in the property's source. A setting without a docstring, or
  whose default cannot be found, fails the build (``sphinx-build -W``).
- ``.. privacy-center-css-properties::`` lists the stylesheet's ``--pc-*`` custom properties with their
  defaults and comments (``privacy_center/static/privacy_center/privacy_center.css``).
- ``.. privacy-center-regimes::`` renders the built-in legal clocks (``privacy_center.regime_table``)
  with their citations and counting rules.
- The ``setting`` and ``command`` object types (``.. setting::`` / ``:setting:``), as in Django's own
  documentation.
- The export's JSON Schema (``privacy_center/schemas/*.json``) is copied to ``schemas/`` of the HTML build,
  where its ``$id`` points.

``collect_settings()`` is plain Python, so ``tests/foundation/test_docs.py`` checks it without Sphinx too.
"""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
from dataclasses import dataclass
from typing import Any

PREFIX = "PRIVACY_CENTER_"
GROUP_COMMENT = re.compile(r"^\s*#\s*--\s*(?P<title>.+?)\s*-*\s*$")


class SettingsReferenceError(Exception):
    """A setting the reference cannot document (no docstring, or no default found)."""


@dataclass
class SettingDoc:
    name: str  # without the prefix
    group: str
    type: str
    default: str  # Python source of the default
    value: str  # the evaluated default when it is a plain constant expression ("" otherwise)
    merged_over: str  # source of a ``defaults`` mapping the setting is merged over ("" if none)
    builtin: str  # the built-in table(s) of privacy_center.regime_table the setting is merged with ("" if none)
    doc: str

    @property
    def setting(self) -> str:
        return PREFIX + self.name


def _segment(source: str, node: ast.AST) -> str:
    """The source text of ``node``, dedented (its first line padded to its column, so the rest line up)."""
    return textwrap.dedent(ast.get_source_segment(source, node, padded=True) or "").strip()


def _constant_value(node: ast.AST) -> str:
    """``2 * 365`` -> ``730``: only for arithmetic on literals, never anything that calls code."""
    allowed = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Constant, ast.operator, ast.unaryop)
    if not isinstance(node, ast.BinOp) or not all(isinstance(n, allowed) for n in ast.walk(ast.Expression(node))):
        return ""
    return repr(eval(compile(ast.Expression(node), "<default>", "eval"), {"__builtins__": {}}))  # noqa: S307


def collect_settings(cls: type | None = None) -> list[SettingDoc]:
    """Every setting property of ``cls`` (default: ``AppSettings``) with its docstring and default.

    Raises ``SettingsReferenceError`` naming every property that has no docstring or whose default is
    not given as ``self._setting("NAME", default)``.
    """
    if cls is None:
        from privacy_center.app_settings import AppSettings as cls  # noqa: N813
    source = textwrap.dedent(inspect.getsource(cls))
    tree = ast.parse(source)
    class_node = next(n for n in tree.body if isinstance(n, ast.ClassDef))
    lines = source.splitlines()
    problems: list[str] = []
    found: dict[str, SettingDoc] = {}
    group = "General"
    previous_end = class_node.lineno
    for node in class_node.body:
        for line in lines[previous_end:node.lineno - 1]:
            match = GROUP_COMMENT.match(line)
            if match:
                group = match.group("title")
        previous_end = getattr(node, "end_lineno", node.lineno)
        if not isinstance(node, ast.FunctionDef):
            continue
        if not any(isinstance(d, ast.Name) and d.id == "property" for d in node.decorator_list):
            continue
        name = node.name
        doc = inspect.cleandoc(getattr(cls, name).__doc__ or "")
        if not doc:
            problems.append(f"{PREFIX}{name} has no docstring")
        call = next((c for c in ast.walk(node) if isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute)
                     and c.func.attr == "_setting" and c.args and isinstance(c.args[0], ast.Constant)
                     and c.args[0].value == name), None)
        if call is None or len(call.args) < 2:
            problems.append(f'{PREFIX}{name}: no self._setting("{name}", default) call to read its default from')
            continue
        merged = builtin = ""
        for stmt in ast.walk(node):
            if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
                    and stmt.targets[0].id == "defaults"):
                merged = _segment(source, stmt.value)
            if isinstance(stmt, ast.ImportFrom) and stmt.module == "regime_table":
                builtin = ", ".join(f"``privacy_center.regime_table.{a.name}``" for a in stmt.names)
        found[name] = SettingDoc(
            name=name, group=group,
            type=ast.get_source_segment(source, node.returns) if node.returns is not None else "",
            default=_segment(source, call.args[1]),
            value=_constant_value(call.args[1]),
            merged_over=merged,
            builtin=builtin,
            doc=doc,
        )
    if problems:
        raise SettingsReferenceError("; ".join(problems))
    return list(found.values())


def _code_lines(text: str, indent: str) -> list[str]:
    return [indent + ".. code-block:: python", ""] + [indent + "   " + line for line in textwrap.dedent(text)
                                                         .splitlines()] + [""]


def settings_rst(entries: list[SettingDoc]) -> list[str]:
    """reStructuredText for the settings reference, one section per group in source order."""
    out: list[str] = []
    groups: dict[str, list[SettingDoc]] = {}
    for entry in entries:
        groups.setdefault(entry.group, []).append(entry)
    out += [f"{len(entries)} settings, each read when used (``override_settings`` works).", ""]
    for title, members in groups.items():
        title = title[0].upper() + title[1:]
        out += [title, "-" * len(title), ""]
        for entry in members:
            out += [f".. setting:: {entry.setting}", ""]
            if entry.type:
                out += [f"   :Type: ``{entry.type}``"]
            if "\n" in entry.default:
                out += ["   :Default:", ""] + _code_lines(entry.default, "      ")
            else:
                shown = f"``{entry.default}``" + (f" (``{entry.value}``)" if entry.value else "")
                out += [f"   :Default: {shown}"]
            if entry.merged_over:
                out += ["   :Merged over:", ""] + _code_lines(entry.merged_over, "      ")
            if entry.builtin:
                out += [f"   :Merged with: {entry.builtin} (:doc:`regimes`)"]
            out += [""] + ["   " + line if line else "" for line in entry.doc.splitlines()] + [""]
    return out


def _period(value: Any) -> str:
    if not value:
        return "none"
    def unit_label(unit: str, amount: Any) -> str:
        label = unit.replace("_", " ")
        return label[:-1] if amount == 1 and label.endswith("s") else label

    return ", ".join(f"{amount} {unit_label(unit, amount)}" for unit, amount in value.items())


def regimes_rst() -> list[str]:
    from privacy_center.regime_table import COUNTRY_REGIMES, REGIMES

    by_regime: dict[str, list[str]] = {}
    for country, codes in COUNTRY_REGIMES.items():
        for code in codes:
            by_regime.setdefault(code, []).append(country)
    out: list[str] = []
    for code, spec in REGIMES.items():
        title = f"{spec['label']} (``{code}``)"
        out += [title, "~" * len(title), ""]
        rows = [
            ("Period", _period(spec.get("period")) if spec.get("period") else "none set by the law"),
            ("Extension (legal maximum)", _period(spec.get("extension"))),
        ]
        if spec.get("practice"):
            rows.append(("Practice used (no legal period)", _period(spec["practice"])))
        if spec.get("acknowledge"):
            rows.append(("Acknowledge within", _period(spec["acknowledge"])))
        for rtype, period in spec.get("types", {}).items():
            rows.append((f"Period for ``{rtype}`` requests", _period(period)))
        if spec.get("starts") == "identity":
            rows.append(("Starts", "when the identity information asked for arrives"))
        if spec.get("in_force"):
            start, end = spec["in_force"]
            rows.append(("In force", f"{start or '…'} to {end or 'today'}"))
        rows += [
            ("Calendar", f"``{spec.get('calendar', 'default')}``"),
            ("Countries", ", ".join(f"``{c}``" for c in sorted(by_regime.get(code, []))) or "none by default"),
            ("Legal source", spec.get("citation", "")),
            ("Counting rule", spec.get("counting", "")),
        ]
        out += [f":{label}: {value}" for label, value in rows] + [""]
    return out


CSS_PROPERTY = re.compile(r"^\s*(?P<name>--pc[\w-]*)\s*:\s*(?P<value>[^;]+?)\s*;\s*(?:/\*\s*(?P<doc>.*?)\s*\*/)?\s*$")


def css_properties(css: str) -> list[tuple[str, str, str]]:
    """``(name, default, comment)`` of each ``--pc-*`` custom property the stylesheet defines, in order."""
    found: dict[str, tuple[str, str, str]] = {}
    for line in css.splitlines():
        match = CSS_PROPERTY.match(line)
        if match and match.group("name") not in found:
            found[match.group("name")] = (match.group("name"), match.group("value"), match.group("doc") or "")
    return list(found.values())


def css_properties_rst() -> list[str]:
    from pathlib import Path

    import privacy_center

    path = Path(privacy_center.__file__).parent / "static" / "privacy_center" / "privacy_center.css"
    rows = css_properties(path.read_text())
    if not rows:
        return ["This version's stylesheet defines no custom properties: restyle its classes instead.", ""]
    out = [".. list-table::", "   :header-rows: 1", "   :widths: 25 25 50", "",
           "   * - Property", "     - Default", "     - What it sets"]
    for name, value, doc in rows:
        out += [f"   * - ``{name}``", f"     - ``{value}``", f"     - {doc}"]
    return out + [""]


def setup(app):
    from docutils.statemachine import StringList
    from sphinx.util import logging
    from sphinx.util.docutils import SphinxDirective
    from sphinx.util.nodes import nested_parse_with_titles

    logger = logging.getLogger(__name__)

    class _Generated(SphinxDirective):
        has_content = False

        def lines(self) -> list[str]:
            raise NotImplementedError

        def run(self):
            from docutils import nodes

            try:
                lines = self.lines()
            except SettingsReferenceError as exc:
                logger.warning("settings reference: %s", exc, location=self.get_location())
                return []
            node = nodes.container()
            nested_parse_with_titles(self.state, StringList(lines, source=self.get_source_info()[0]), node)
            return node.children

    class SettingsDirective(_Generated):
        def lines(self):
            return settings_rst(collect_settings())

    class RegimesDirective(_Generated):
        def lines(self):
            return regimes_rst()

    class CSSPropertiesDirective(_Generated):
        def lines(self):
            return css_properties_rst()

    def publish_schemas(app, exception) -> None:
        """Copy the export's JSON Schema to ``schemas/`` so that its ``$id`` resolves on the published site."""
        import shutil
        from pathlib import Path

        if exception is not None or app.builder.format != "html":
            return
        import privacy_center

        target = Path(app.outdir) / "schemas"
        target.mkdir(exist_ok=True)
        for schema in (Path(privacy_center.__file__).parent / "schemas").glob("*.json"):
            shutil.copy(schema, target / schema.name)

    app.connect("build-finished", publish_schemas)
    app.add_object_type("setting", "setting", indextemplate="pair: %s; setting")
    app.add_object_type("command", "command", indextemplate="pair: %s; management command")
    app.add_directive("privacy-center-settings", SettingsDirective)
    app.add_directive("privacy-center-regimes", RegimesDirective)
    app.add_directive("privacy-center-css-properties", CSSPropertiesDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}

