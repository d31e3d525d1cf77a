"""Sources for data kept by Django and common apps, registered when they are installed."""

from __future__ import annotations

from ..app_settings import app_settings
from . import sources


def register_builtin_sources(registry) -> None:
    """Register the built-in sources whose apps are installed (see ``contrib/sources.py``)."""
    skipped = set(app_settings.SKIP_BUILTIN_SOURCES)
    for source in sources.builtin_sources():
        instance = source()
        if instance.name not in skipped and not registry.is_registered(instance.name):
            registry.register(instance)
    for entry, reason in sources.BUILTIN_IGNORES.items():
        registry.ignore(entry, reason)
