"""Template context for privacy_center pages and the shop's layout."""

from __future__ import annotations

from .app_settings import app_settings


def privacy_center(request) -> dict:
    return {"privacy_center_base_template": app_settings.BASE_TEMPLATE}
