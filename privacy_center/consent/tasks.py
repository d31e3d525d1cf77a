"""Periodic work of the consent feature: thin wrappers around services."""

from __future__ import annotations

from celery import shared_task

from .services.preferences import purge_expired_signups as purge


@shared_task(name="privacy_center.purge_expired_signups", acks_late=True)
def purge_expired_signups() -> int:
    """Drop newsletter sign-ups never confirmed in time (schedule it daily with celery beat)."""
    return purge()
