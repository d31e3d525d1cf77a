"""Celery tasks of erasure and retention: ids in, a service does the work.

Reliability: ``acks_late`` with ``reject_on_worker_lost`` so a worker killed in
the middle of an erasure has its message redelivered; the erasure's single
transaction means the killed attempt left nothing behind. Failures are retried
with a back-off; the due dates live in the database and the beat task scans
them (``privacy_center.run_due_erasures``), never long countdowns in the broker.
"""

from __future__ import annotations

from celery import shared_task

from ..app_settings import app_settings
from .services.core import execute_erasure, run_due_erasures
from .services.retention import run_retention


@shared_task(name="privacy_center.run_due_erasures", acks_late=True, reject_on_worker_lost=True)
def run_due_erasures_task() -> list[int]:
    return run_due_erasures()


@shared_task(bind=True, name="privacy_center.erase_subject", acks_late=True, reject_on_worker_lost=True,
             max_retries=None)
def erase_subject_task(self, erasure_id: int) -> str:
    try:
        return execute_erasure(erasure_id).status
    except Exception as exc:
        if self.request.is_eager or self.request.retries >= app_settings.ERASURE_MAX_RETRIES:
            raise
        raise self.retry(exc=exc, countdown=min(60 * 2 ** self.request.retries, 3600)) from exc


@shared_task(name="privacy_center.run_retention", acks_late=True, reject_on_worker_lost=True)
def run_retention_task() -> list[dict]:
    return [line.to_dict() for line in run_retention().lines]
