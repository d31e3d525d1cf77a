"""privacy_center's core Celery tasks: ids in, a service does the work, status recorded.

Feature packages keep their own tasks in their own ``tasks.py``.
"""

from __future__ import annotations

from celery import shared_task

from .services import export as export_service

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
