"""How privacy pages sit in the shop's own layout, whatever its main block is called.

``PRIVACY_CENTER_BASE_TEMPLATE`` names the shop's layout and ``PRIVACY_CENTER_BASE_BLOCK``
the block its pages fill (``content`` by default). Django block names cannot come from
a variable, so a two-line "shell" template is compiled once per block name: it extends
the shop's layout and fills that block with ``privacy_center_main``, the block that
``privacy_center/base.html`` fills. The context processor hands the shell to
``{% extends %}``, which accepts a template object.

``template_blocks`` lists the blocks a layout (and the templates it extends) defines, so
``manage.py check`` can say when the named block is missing instead of rendering every
privacy page empty.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import cast

from django.template import Engine, Template, TemplateDoesNotExist
from django.template.loader_tags import BlockNode, ExtendsNode

from .app_settings import app_settings

BLOCK_NAME = re.compile(r"^\w+$")


@lru_cache(maxsize=8)
def _shell(engine: Engine, block: str) -> Template:
    source = (
        "{% extends privacy_center_base_template %}"
        f"{{% block {block} %}}{{% block privacy_center_main %}}{{% endblock %}}{{% endblock %}}"
    )
    return Template(source, engine=engine, name=f"privacy_center:layout[{block}]")


def layout_shell() -> Template:
    """The template ``privacy_center/base.html`` extends: the shop's layout with its main block filled."""
    block = app_settings.BASE_BLOCK
    if not BLOCK_NAME.match(block):
        raise ValueError(f"PRIVACY_CENTER_BASE_BLOCK must be a block name, not {block!r}")
    return _shell(Engine.get_default(), block)


def template_blocks(name: str, engine: Engine | None = None) -> set[str]:
    """Names of the blocks ``name`` and every template it extends define; ``TemplateDoesNotExist`` if missing."""
    engine = engine or Engine.get_default()
    blocks: set[str] = set()
    seen: set[str] = set()
    pending = [name]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        template = engine.get_template(current)
        blocks.update(cast(BlockNode, node).name for node in template.nodelist.get_nodes_by_type(BlockNode))
        for node in template.nodelist.get_nodes_by_type(ExtendsNode):
            parent = getattr(cast(ExtendsNode, node).parent_name, "var", None)
            if isinstance(parent, str):  # a literal name; a variable parent cannot be followed statically
                pending.append(parent)
    return blocks


__all__ = ["layout_shell", "template_blocks", "TemplateDoesNotExist"]
