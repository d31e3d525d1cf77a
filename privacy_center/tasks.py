"""privacy_center's core Celery tasks: ids in, a service does the work, status recorded.

Feature packages keep their own tasks in their own ``tasks.py``.
"""

from __future__ import annotations

import logging

from celery import shared_task

from .services import export as export_service
from .services import outbox as outbox_service
from .services.timeline import verify_chain

# A source that raises is tried this many more times, waiting 10 s, 20 s, 40 s ...
EXPORT_MAX_RETRIES = 3
EXPORT_RETRY_BACKOFF = 10


@shared_task(
    name="privacy_center.build_export", bind=True, acks_late=True, reject_on_worker_lost=True,
    max_retries=EXPORT_MAX_RETRIES,
)
def build_export(self, export_id: str) -> str | None:
    """Build one export; retried with backoff, then marked failed naming the source."""
    retries = self.request.retries
    while True:
        try:
            export = export_service.build_export(export_id)
        except Exception as exc:
            if retries >= self.max_retries:
                export_service.fail_export(export_id, exc)
                return None
            export_service.note_retry(export_id, exc)
            if self.request.is_eager:
                # Eager mode (demo, tests) re-raises Retry instead of re-running: retry in place.
                retries += 1
                continue
            raise self.retry(exc=exc, countdown=EXPORT_RETRY_BACKOFF * 2**retries) from None
        return str(export.pk) if export is not None else None


@shared_task(name="privacy_center.purge_expired_exports", acks_late=True)
def purge_expired_exports() -> int:
    """Periodic: delete expired export files and mark the exports expired."""
    return export_service.purge_expired_exports()


@shared_task(name="privacy_center.deliver_outbox", bind=True, acks_late=True, reject_on_worker_lost=True,
             max_retries=None)
def deliver_outbox(self, message_id: int) -> str:
    """Deliver one outgoing message; a failure is retried after the backoff the outbox scheduled.

    Eager mode (demo, tests) does not wait in place: the periodic sweep delivers it when due.
    """
    delivery = outbox_service.deliver(message_id)
    if delivery.retry_in is not None and not self.request.is_eager:
        raise self.retry(countdown=delivery.retry_in)
    return delivery.status


@shared_task(name="privacy_center.sweep_outbox", acks_late=True)
def sweep_outbox() -> dict[str, int]:
    """Periodic (every minute): deliver due messages, flag interrupted ones."""
    result = outbox_service.sweep()
    return {"scheduled": result.scheduled, "interrupted": result.interrupted}


@shared_task(name="privacy_center.verify_timeline", acks_late=True)
def verify_timeline() -> int:
    """Periodic: recompute every timeline chain in full and store the result the timeline page shows."""


    problems = verify_chain(checkpoint=True)
    for problem in problems:
        logging.getLogger("privacy_center.timeline").error(
            "timeline tampering: %s event %s: %s", problem.subject_key, problem.event_id, problem.reason)
    return len(problems)
