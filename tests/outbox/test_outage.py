"""A mail server that is down never fails or rolls back what a customer does; the mail arrives once later.

These tests are transactional: the outbox delivers after the real commit, to a real SMTP
server (the ``smtp_server`` fixture) that is stopped and started again.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from privacy_center.models import OutboxMessage
from privacy_center.requests.models import PrivacyRequest, RequestEvent
from privacy_center.services import outbox

pytestmark = [pytest.mark.smtp, pytest.mark.django_db(transaction=True)]

Status = OutboxMessage.Status


def _time_passes():
    """The backoff's wait is over (instead of sleeping 30 s)."""
    OutboxMessage.objects.filter(status=Status.PENDING).update(
        next_attempt_at=timezone.now() - dt.timedelta(seconds=1))


def test_guest_files_a_request_while_smtp_is_down_and_gets_each_mail_once_after_the_retry(client, smtp_server):
    smtp_server.stop()
    response = client.post("/privacy/requests/guest/", {"email": "Carol@Example.com", "type": "access"})
    assert response.status_code == 200  # the page answers as usual, no 500

    req = PrivacyRequest.objects.get(email="carol@example.com")  # the request was saved
    waiting = list(OutboxMessage.objects.order_by("pk"))
    assert waiting and all(m.status == Status.PENDING for m in waiting)
    assert all(m.recipient == "carol@example.com" and m.attempts == 1 for m in waiting)
    assert all("ConnectionRefusedError" in m.last_error for m in waiting)
    first_retry = min(m.next_attempt_at for m in waiting)
    assert first_retry > timezone.now() + dt.timedelta(seconds=20)  # backoff, not a hot loop
    # The timeline does not claim an e-mail that did not go out.
    assert not req.events.filter(kind=RequestEvent.Kind.EMAIL).exists()
    assert req.acknowledged_at is None

    assert outbox.sweep().scheduled == 0  # nothing is due yet
    smtp_server.start()
    _time_passes()
    assert outbox.sweep().scheduled == len(waiting)
    received = smtp_server.wait_for(len(waiting))
    assert all(m.envelope_to == ["carol@example.com"] for m in received)
    assert any(req.reference in m["Subject"] for m in received)
    assert sorted(m["Message-ID"] for m in received) == sorted(outbox.message_id(m) for m in waiting)

    # Sweeps and redelivered tasks afterwards send nothing again.
    _time_passes()
    outbox.sweep()
    for message in waiting:
        assert outbox.deliver(message.pk).status == Status.SENT
    assert len(smtp_server.messages) == len(waiting)
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {Status.SENT}
    assert req.events.filter(kind=RequestEvent.Kind.EMAIL).count() == len(waiting)


def test_acknowledgement_time_is_when_the_server_accepted_it(client, customer, smtp_server):
    from privacy_center.requests.services.core import submit_request

    smtp_server.stop()
    req = submit_request("other", user=customer, details="Which processors get my address?").request
    req.refresh_from_db()
    assert req.acknowledged_at is None
    assert not req.events.filter(kind=RequestEvent.Kind.ACKNOWLEDGED).exists()
    smtp_server.start()
    _time_passes()
    before = timezone.now()
    outbox.sweep()
    smtp_server.wait_for(1)
    req.refresh_from_db()
    assert req.acknowledged_at >= before
    assert req.events.filter(kind=RequestEvent.Kind.ACKNOWLEDGED).count() == 1


def test_customer_schedules_account_deletion_while_smtp_is_down(client, customer, smtp_server, reauthenticate):
    from privacy_center.erasure.models import SubjectErasure

    client.force_login(customer)
    reauthenticate(client)
    smtp_server.stop()
    response = client.post("/privacy/delete/", {"understood": "on", "confirmation": customer.email})
    assert response.status_code == 302
    assert SubjectErasure.objects.filter(user=customer, status=SubjectErasure.Status.SCHEDULED).exists()
    (message,) = OutboxMessage.objects.filter(template__endswith="scheduled")
    assert message.status == Status.PENDING and message.recipient == customer.email

    smtp_server.start()
    _time_passes()
    outbox.sweep()
    (mail,) = smtp_server.wait_for(1)
    # The cancel link in the mail is the one written with the erasure.
    assert any("/privacy/delete/cancel/" in link for link in smtp_server.links(mail))


def test_password_reset_from_allauth_goes_through_the_outbox(client, customer, smtp_server):
    smtp_server.stop()
    response = client.post("/accounts/password/reset/", {"email": customer.email})
    assert response.status_code == 302
    (message,) = OutboxMessage.objects.all()
    assert message.template == "account/email/password_reset_key" and message.status == Status.PENDING

    smtp_server.start()
    _time_passes()
    outbox.sweep()
    (mail,) = smtp_server.wait_for(1)
    assert mail.envelope_to == [customer.email]
    assert any("/accounts/password/reset/key/" in link for link in smtp_server.links(mail))


def test_a_change_that_rolls_back_sends_nothing(smtp_server, customer):
    from django.db import transaction

    from privacy_center.requests.services.core import submit_request

    with pytest.raises(RuntimeError), transaction.atomic():
        submit_request("other", user=customer, details="Please call me")
        raise RuntimeError("something later in the same transaction failed")
    assert not PrivacyRequest.objects.exists()
    assert not OutboxMessage.objects.exists()
    outbox.sweep()
    assert smtp_server.messages == []
