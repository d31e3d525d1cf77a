"""The outbox with a real Celery worker on Redis: the task retries with backoff until the server is back."""

from __future__ import annotations

import time

import pytest

from privacy_center.models import OutboxMessage

pytestmark = [pytest.mark.worker, pytest.mark.smtp, pytest.mark.django_db(transaction=True)]


def _wait(predicate, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.1)


def test_worker_retries_after_an_smtp_outage_and_sends_once(smtp_server, settings, customer):
    from django.db import transaction

    from privacy_center.requests.services.core import submit_request

    settings.PRIVACY_CENTER_OUTBOX_RETRY_BACKOFF = 1
    smtp_server.stop()
    with transaction.atomic():
        req = submit_request("other", user=customer, details="Who receives my address?").request
    _wait(lambda: OutboxMessage.objects.filter(attempts__gte=1, status="pending").exists())
    smtp_server.start()
    (mail,) = smtp_server.wait_for(1, timeout=20)
    assert req.reference in mail["Subject"]
    _wait(lambda: OutboxMessage.objects.filter(status="sent").exists())
    time.sleep(2.5)  # any further retry would have come by now
    assert len(smtp_server.messages) == 1
    message = OutboxMessage.objects.get()
    assert message.status == "sent" and message.attempts >= 2
