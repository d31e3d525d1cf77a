"""django-privacy-center: a self-service privacy portal and staff console for Django shops.

The public API is what ``__all__`` names; everything else may change.
"""

from __future__ import annotations

from typing import Any

from .subjects import Subject

__all__ = ["register", "site", "Subject", "ModelSource", "BaseSource", "may_process"]

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # Resolved lazily so that importing the package (e.g. from settings or
    # pyproject tooling) does not import Django models before apps are ready.
    if name in {"register", "site"}:
        # lazy: settings import this package (privacy_center.celery); the registry pulls in sources and django.db.models
        from . import registry

        return getattr(registry, name)
    if name in {"ModelSource", "BaseSource"}:
        # lazy: settings import this package (privacy_center.celery); sources pulls in django.db.models
        from . import sources

        return getattr(sources, name)
    if name == "may_process":
        # app loading: services.restriction imports models; settings import this package, before apps are ready
        from .services.restriction import may_process

        return may_process
    raise AttributeError(name)
