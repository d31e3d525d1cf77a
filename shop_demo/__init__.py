"""The demo 3D-printing supplies shop (a Django project and app) using privacy_center."""

from .celery import app as celery_app

__all__ = ["celery_app"]
