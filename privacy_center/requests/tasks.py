"""Periodic tasks of the requests feature (Celery beat): thin wrappers around the services."""

from __future__ import annotations

from celery import shared_task

from .services.maintenance import purge_closed, send_reminders


@shared_task(name="privacy_center.send_request_reminders", acks_late=True)
def send_request_reminders() -> int:
    """Scan open requests and e-mail staff about those due soon or overdue."""
    return send_reminders()


@shared_task(name="privacy_center.purge_closed_requests", acks_late=True)
def purge_closed_requests() -> int:
    """Delete requests closed longer ago than the retention period (at least 24 months)."""
    return purge_closed()
