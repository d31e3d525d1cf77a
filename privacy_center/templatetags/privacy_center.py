"""Template helpers shared by privacy_center's pages."""

from __future__ import annotations

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

register = template.Library()

# (url name, label): an entry shows only when its feature's urls are installed.
NAV = [
    ("privacy_center:overview", _("Overview")),
    ("privacy_center:data", _("My data")),
    ("privacy_center:exports", _("Download my data")),
    ("privacy_center:requests", _("Requests")),
    ("privacy_center:cookies", _("Cookies")),
    ("privacy_center:preferences", _("Communication")),
    ("privacy_center:timeline", _("Timeline")),
    ("privacy_center:restriction", _("Restrict processing")),
    ("privacy_center:delete", _("Delete my account")),
]


@register.inclusion_tag("privacy_center/includes/nav.html", takes_context=True)
def privacy_center_nav(context) -> dict:
    request = context.get("request")
    items = []
    for name, label in NAV:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        current = request is not None and (
            request.path == url or (url != reverse("privacy_center:overview") and request.path.startswith(url))
        )
        items.append({"url": url, "label": label, "current": current})
    return {"items": items}
