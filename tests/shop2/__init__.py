"""A second test shop that looks nothing like the demo (see ``settings.py``); its suite runs in its own process."""

from .celery import app as celery_app

__all__ = ["celery_app"]
