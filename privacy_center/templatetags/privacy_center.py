"""Template helpers shared by privacy_center's pages."""

from __future__ import annotations

import unicodedata
from typing import Any

from django import template
from django.apps import apps
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from ..services.language import translate_stored

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

# What works for a visitor who is not logged in: nothing here sends them to the login page.
GUEST_NAV = [
    ("privacy_center:choices", _("Your privacy choices")),
    ("privacy_center:request_guest", _("Ask about my data")),
    ("privacy_center:requests", _("My requests")),  # only with a guest session (a verified e-mail link)
    ("privacy_center:cookies", _("Cookies")),
    ("privacy_center:newsletter", _("Newsletter")),
    ("privacy_center:notice", _("Privacy notice")),
]


def _has_guest_session(request) -> bool:
    if request is None or not apps.is_installed("privacy_center.requests"):
        return False
    # the requests feature app may be left out of INSTALLED_APPS (the core never imports a feature at load)
    from ..requests.services.guest import guest_email

    return bool(guest_email(request))


@register.filter
def privacy_translated(text):
    """``{{ event.summary|privacy_translated }}``: a text recorded earlier (in English, by a worker) in the
    reader's language, with the values in it (``services.language.translate_stored``)."""
    return translate_stored(text)


@register.inclusion_tag("privacy_center/includes/nav.html", takes_context=True)
def privacy_center_nav(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    guest = user is None or not user.is_authenticated
    items: list[dict[str, Any]] = []
    for name, label in GUEST_NAV if guest else NAV:
        if guest and name == "privacy_center:requests" and not _has_guest_session(request):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "current": False})
    # The entry whose address is the longest start of this page's (``/requests/guest/`` over ``/requests/``).
    if request is not None:
        overview = reverse("privacy_center:overview")
        matching = [item for item in items if request.path == item["url"]
                    or (item["url"] != overview and request.path.startswith(item["url"]))]
        if matching:
            max(matching, key=lambda item: len(item["url"]))["current"] = True
    return {"items": items}


# How a timeline entry came about, in words (the codes the services record).
METHOD_LABELS = {
    "web": _("On this website"),
    "privacy_page": _("On the privacy pages"),
    "api": _("Through the shop's app (API)"),
    "email_link": _("With the link in an e-mail"),
    "guest_link": _("With the single-use download link"),
    "request": _("Through a privacy request"),
    "admin": _("By the shop's staff"),
    "command": _("By the shop's staff (maintenance script)"),
    "task": _("Automatically, by our systems"),
    "retention": _("Automatically, when the retention period ended"),
    "reapply": _("Automatically, re-applying an earlier erasure"),
    "banner": _("With the cookie banner"),
    "cookie_page": _("On the cookie page"),
    "gpc": _("Your browser's Global Privacy Control signal"),
    "choices": _("On the \"Your privacy choices\" page"),
    "signup": _("When you signed up"),
}


@register.filter
def privacy_method(code: str) -> str:
    """``{{ event.method|privacy_method }}``: "With the link in an e-mail" instead of ``email_link``."""
    if not code:
        return "–"
    label = METHOD_LABELS.get(code)
    return str(label) if label is not None else code.replace("_", " ").capitalize()


@register.inclusion_tag("privacy_center/includes/language_switcher.html", takes_context=True)
def privacy_language_switcher(context) -> dict:
    """A plain POST form to Django's ``set_language`` (no JavaScript): the shop's languages, each in its own
    name, returning to this page. Rendered once per page: the shop's layout may place it (the demo's header
    does); otherwise privacy pages show it above their content."""


    request = context.get("request")
    if request is None or getattr(request, "_privacy_language_switcher", False) or len(settings.LANGUAGES) < 2:
        return {"show": False}
    request._privacy_language_switcher = True
    current = get_language()
    languages = []
    for code, name in settings.LANGUAGES:
        try:
            local = unicodedata.normalize("NFC", get_language_info(code)["name_local"])  # Django's vi is NFD
        except KeyError:
            local = str(name)
        languages.append({"code": code, "name": local[:1].upper() + local[1:], "current": code == current})
    return {"show": True, "request": request, "csrf_token": context.get("csrf_token"),
            "action": reverse("privacy_center:set_language"), "next": request.get_full_path(),
            "languages": languages}
