"""The bare test project of ``test_feature_apps.py`` (run in its own process, with its own settings).

Its Celery app is created as README's integration steps write it (``proj/__init__.py`` imports it), but only
in that project's own process: created in the suite's process it would become Celery's current app, and
every shared task there would run on it instead of the demo's app.
"""

import os

if os.environ.get("DJANGO_SETTINGS_MODULE", "").startswith("tests.feature_apps."):
    from .celery import app as celery_app

    __all__ = ["celery_app"]
