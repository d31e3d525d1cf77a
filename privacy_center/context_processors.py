"""Template context for privacy_center pages and the shop's layout."""

from __future__ import annotations

from .app_settings import app_settings
from .layout import layout_shell
from .links import remember_origin


def privacy_center(request) -> dict:
    match = getattr(request, "resolver_match", None)
    if match is not None and "privacy_center" in match.namespaces:
        remember_origin(request)  # for links in later e-mails, when PRIVACY_CENTER_SITE_URL is not set
    # ``privacy_center_layout`` is a callable so the shell is built only when a privacy page extends it.
    return {"privacy_center_base_template": app_settings.BASE_TEMPLATE, "privacy_center_layout": layout_shell}
