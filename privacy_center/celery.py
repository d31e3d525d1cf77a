"""What privacy_center needs from the project's Celery: a schedule to import, and safe enqueueing.

The app's tasks are ``@shared_task``: they run on whichever Celery app the project
made (``proj/celery.py``, imported from the project package's ``__init__``). The
periodic scans are part of the product (due erasures, retention, reminders), so the
schedule ships here and the project imports it into its own::

    from privacy_center.celery import beat_schedule
    CELERY_BEAT_SCHEDULE = {**beat_schedule(INSTALLED_APPS), ...}   # before the project's own entries

``manage.py check`` reports a missing Celery app (``privacy_center.E020``) and missing
periodic tasks (``privacy_center.W026``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from celery import current_app
from django.apps import apps
from django.db import transaction

logger = logging.getLogger("privacy_center.tasks")

# (entry name, task name, seconds between runs, the feature app that owns it; None: the core app)
PERIODIC_TASKS: list[tuple[str, str, float, str | None]] = [
    # Outgoing e-mails not delivered yet (mail server down, worker died) are picked up every minute.
    ("privacy-outbox", "privacy_center.sweep_outbox", 60.0, None),
    ("privacy-export-purge", "privacy_center.purge_expired_exports", 3600.0, None),
    # The timeline page verifies only new events; the whole chain is recomputed daily (tampering shows).
    ("privacy-timeline-verify", "privacy_center.verify_timeline", 24 * 3600.0, None),
    # Due erasures are found in the database every 10 minutes (no long countdowns in the broker).
    ("privacy-due-erasures", "privacy_center.run_due_erasures", 600.0, "privacy_center.erasure"),
    ("privacy-retention", "privacy_center.run_retention", 24 * 3600.0, "privacy_center.erasure"),
    ("privacy-expired-signups", "privacy_center.purge_expired_signups", 24 * 3600.0, "privacy_center.consent"),
    ("privacy-request-reminders", "privacy_center.send_request_reminders", 3600.0, "privacy_center.requests"),
    ("privacy-request-purge", "privacy_center.purge_closed_requests", 24 * 3600.0, "privacy_center.requests"),
]


def _installed(installed_apps: Iterable[str] | None) -> set[str]:
    if installed_apps is not None:
        # Entries may name an AppConfig ("privacy_center.erasure.apps.ErasureConfig"): keep the package part.
        return {entry.split(".apps.")[0] for entry in installed_apps}

    return {config.name for config in apps.get_app_configs()}


def beat_schedule(installed_apps: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """Celery beat entries for the privacy tasks of the installed feature apps.

    Pass ``INSTALLED_APPS`` when calling it from settings (the app registry is not ready
    there); without it, the registry is asked.
    """
    installed = _installed(installed_apps)
    return {
        entry: {"task": task, "schedule": seconds}
        for entry, task, seconds, app in PERIODIC_TASKS
        if app is None or app in installed
    }


def scheduled_task_names(schedule: dict[str, Any] | None) -> set[str]:
    return {str(spec.get("task")) for spec in (schedule or {}).values() if isinstance(spec, dict)}


def celery_app_problem() -> str | None:
    """Why tasks cannot be enqueued after commit, or ``None``.

    Without a project Celery app configured from Django's settings, ``@shared_task``
    binds to Celery's fallback app, which has no ``delay_on_commit`` and sends to a
    broker nobody configured.
    """
    app = current_app._get_current_object()
    if app.main == "default" and not app.conf.broker_url and not app.conf.task_always_eager:
        return "no Celery app is configured for this project"
    if not callable(getattr(app.Task, "delay_on_commit", None)):
        return f"the Celery app {app.main!r} does not give tasks delay_on_commit (it is not set up for Django)"
    return None


def task_named(name: str) -> Any:
    """The registered task called ``name`` (its ``@shared_task(name=...)``), looked up when it is sent.

    Services name the tasks they start instead of importing ``tasks.py``: tasks import services, so
    importing them back would make a loop. Each app's ``ready()`` imports its ``tasks`` module, which
    registers them; an unknown name raises ``KeyError`` (``celery.exceptions.NotRegistered``).
    """
    return current_app.tasks[name]


def enqueue(task: str, *args: Any) -> None:
    """Send the task called ``task`` now (the caller is already past the commit, e.g. an outbox sweep)."""
    task_named(task).delay(*args)


def enqueue_on_commit(task: str, *args: Any, on_failure: Callable[[Exception], None] | None = None) -> None:
    """Send the task called ``task`` (``"privacy_center.build_export"``) with ``args`` once the transaction
    commits; a failure to send calls ``on_failure``.

    A page that starts background work must never answer 500 because the broker is down
    or missing, nor leave a row waiting for a task that was never sent: the caller says
    what to record instead (for example, the export is marked failed).
    """
    def send() -> None:
        try:
            enqueue(task, *args)
        except Exception as exc:
            logger.exception("Could not enqueue %s%r", task, args)
            if on_failure is not None:
                on_failure(exc)

    transaction.on_commit(send)
