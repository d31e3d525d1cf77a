"""System checks: configuration mistakes fail at ``manage.py check`` with coded messages."""

from __future__ import annotations

from django.conf import settings
from django.core import checks

from .app_settings import app_settings


@checks.register(checks.Tags.compatibility)
def check_storage(app_configs, **kwargs) -> list[checks.CheckMessage]:
    errors = []
    alias = app_settings.STORAGE_ALIAS
    storages = getattr(settings, "STORAGES", {})
    if alias not in storages:
        errors.append(
            checks.Error(
                f"STORAGES has no {alias!r} alias for private exports.",
                hint="Add a private storage (outside MEDIA_ROOT) under that alias, "
                "or name another with PRIVACY_CENTER_STORAGE_ALIAS.",
                id="privacy_center.E010",
            )
        )
    return errors
