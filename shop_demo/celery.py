"""The demo project's Celery app; privacy_center's tasks are @shared_task and use it."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop_demo.settings")

app = Celery("shop_demo")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
