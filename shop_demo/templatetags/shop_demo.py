"""Template helpers for the shop's layout."""

from __future__ import annotations

from django import template

from ..cart import Cart

register = template.Library()


@register.simple_tag(takes_context=True)
def cart_count(context) -> int:
    """Number of items in the visitor's cart (read from the session, no query)."""
    request = context.get("request")
    if request is None or not hasattr(request, "session"):
        return 0
    return Cart(request.session).count
