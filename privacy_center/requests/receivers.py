"""Receivers that close requests when the work they started is done elsewhere.

An export built for a copy request, or an erasure run for an erasure request,
completes the request and tells the requester; an erasure the customer cancelled
cancels its request, and a failed attempt makes its request "Failed" (staff retry it).
A request's e-mail accepted by the mail server is recorded on its timeline.
"""

from __future__ import annotations

from django.dispatch import receiver

from ..signals import (
    erasure_cancelled,
    erasure_failed,
    outbox_message_sent,
    recipients_settled,
    subject_erased,
    subject_exported,
)
from .services.automation import erasure_cancelled as cancel_erasure_requests
from .services.automation import erasure_failed as mark_requests_failed
from .services.automation import export_ready
from .services.automation import recipients_settled as complete_told
from .services.automation import subject_erased as complete_erasures
from .services.emails import record_delivery


@receiver(subject_exported, dispatch_uid="privacy_requests.export_ready")
def _export_ready(sender, subject=None, export=None, **kwargs) -> None:
    if export is not None:
        export_ready(export, subject)


@receiver(subject_erased, dispatch_uid="privacy_requests.subject_erased")
def _subject_erased(sender, subject=None, **kwargs) -> None:
    if subject is not None:
        complete_erasures(subject)


@receiver(erasure_cancelled, dispatch_uid="privacy_requests.erasure_cancelled")
def _erasure_cancelled(sender, subject=None, **kwargs) -> None:
    if subject is not None:
        cancel_erasure_requests(subject)


@receiver(erasure_failed, dispatch_uid="privacy_requests.erasure_failed")
def _erasure_failed(sender, subject=None, error="", **kwargs) -> None:
    if subject is not None:
        mark_requests_failed(subject, error or "")


@receiver(outbox_message_sent, dispatch_uid="privacy_requests.email_delivered")
def _email_delivered(sender, message=None, **kwargs) -> None:
    if message is not None:
        record_delivery(sender, message)


@receiver(recipients_settled, dispatch_uid="privacy_requests.recipients_settled")
def _recipients_settled(sender, subject_key="", **kwargs) -> None:
    if subject_key:
        complete_told(subject_key)
