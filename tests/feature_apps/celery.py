"""The bare project's Celery app, as README's integration steps write it (eager: tasks run in-process)."""

from celery import Celery

app = Celery("feature_apps")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
