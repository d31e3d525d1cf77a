"""Sources for data kept by Django and common apps, registered when they are installed."""

from __future__ import annotations


def register_builtin_sources(registry) -> None:
    """Register the built-in sources whose apps are installed (see ``contrib/sources.py``)."""
    from . import sources

    for source in sources.builtin_sources():
        if not registry.is_registered(source.name):
            registry.register(source)
