"""Recipients told for real: signed webhooks to a local receiver, retries, dead letters, staff retry, receipts."""

from __future__ import annotations

import time
import uuid

import pytest
from django.utils import timezone

from privacy_center.erasure.services.core import erase_now
from privacy_center.models import OutboxMessage, PrivacyEvent, RecipientNotification
from privacy_center.services import outbox
from privacy_center.subjects import Subject

pytestmark = pytest.mark.django_db
State = RecipientNotification.Status
CHANGELIST = "/admin/privacy_center/recipientnotification/"


def _time_passes():
    OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).update(next_attempt_at=timezone.now())


def test_erasing_a_demo_customer_sends_one_signed_webhook_per_recipient(receiver, shop_customer, mailoutbox):
    outcome = erase_now(Subject.for_user(shop_customer), method="command")
    assert outcome.status == "completed"

    by_recipient = {n.recipient: n for n in RecipientNotification.objects.all()}
    # Hosting is not told (it holds only our own database); the accountants are a staff task.
    assert set(by_recipient) == {"klarna", "postnord", "stripe", "mailgun", "accountants"}
    hooks = receiver.delivered
    assert len(hooks) == 4 and all(h["valid"] for h in hooks)
    ids = {h["headers"]["webhook-id"] for h in hooks}
    assert ids == {f"msg_{n.uuid.hex}" for n in by_recipient.values() if n.channel == "webhook"}
    for hook in hooks:
        assert hook["body"]["type"] == "privacy.erasure"
        assert hook["body"]["data"]["subject"] == {"email": "ada@example.com"}  # the least they need
        assert hook["headers"]["webhook-signature"].startswith("v1,")
    assert {h["body"]["data"]["event"] for h in hooks} == {"erasure"}
    order_hook = next(h for h in hooks if h["headers"]["webhook-id"] == f"msg_{by_recipient['postnord'].uuid.hex}")
    assert set(order_hook["body"]["data"]["sources"]) == {"shop_demo.address", "shop_demo.order"}

    assert {r: n.status for r, n in by_recipient.items()} == {
        "klarna": State.ACKNOWLEDGED, "postnord": State.ACKNOWLEDGED, "stripe": State.ACKNOWLEDGED,
        "mailgun": State.ACKNOWLEDGED, "accountants": State.WAITING_STAFF}
    # No recipient e-mail: they were told by webhook; the customer's receipt names each with its state.
    receipt_mail = [m for m in mailoutbox if m.to == ["ada@example.com"]]
    assert len(mailoutbox) == 1 and len(receipt_mail) == 1
    assert "PostNord Sverige AB (delivery): by a signed message to their system" in receipt_mail[0].body
    assert "Our accountants (bookkeeping): by our staff (waiting for staff to tell them)" in receipt_mail[0].body
    # The timeline says each delivery, as it happened.
    told = PrivacyEvent.objects.filter(kind=PrivacyEvent.Kind.RECIPIENT_TOLD, subject_key=outcome.erasure.subject_key)
    assert told.count() == 4 and all("confirmed receipt" in e.summary for e in told)


def test_failure_retry_dead_letter_staff_retry_delivered(receiver, shop_customer, settings, admin_client):
    settings.PRIVACY_CENTER_RECIPIENT_MAX_ATTEMPTS = 3
    receiver.fail_next = 3 * 4  # every attempt fails until the dead letter
    erase_now(Subject.for_user(shop_customer), method="command")
    postnord = RecipientNotification.objects.get(recipient="postnord")
    assert postnord.status == State.RETRYING
    message = postnord.message
    waits = [(message.next_attempt_at - timezone.now()).total_seconds()]
    for _ in range(2):
        _time_passes()
        outbox.sweep()
        message.refresh_from_db()
        waits.append((message.next_attempt_at - timezone.now()).total_seconds())
    postnord.refresh_from_db()
    assert postnord.status == State.FAILED and message.status == OutboxMessage.Status.FAILED
    assert message.attempts == 3 and "HTTP 503" in message.last_error
    assert 25 < waits[0] <= 30 and 55 < waits[1] <= 60  # 30 s, then doubling

    # Staff see the dead letter and retry it from the deliveries view; the same webhook-id arrives.
    page = admin_client.get(CHANGELIST + "?status=failed")
    assert "PostNord Sverige AB (delivery)" in page.content.decode()
    response = admin_client.post(CHANGELIST, {"action": "retry_now", "_selected_action": [postnord.pk]})
    assert response.status_code == 302
    postnord.refresh_from_db()
    assert postnord.status == State.ACKNOWLEDGED
    same = [h for h in receiver.received if h["headers"]["webhook-id"] == f"msg_{postnord.uuid.hex}"]
    assert len(same) == 4 and [h["failed"] for h in same] == [True, True, True, False]
    assert all(h["valid"] for h in same)
    # Every failed attempt carried the same body: one idempotency id, one notification.
    assert len({h["body"]["data"]["id"] for h in same}) == 1


def test_the_backoff_spans_more_than_a_day_by_default():
    row = OutboxMessage(kind=OutboxMessage.Kind.WEBHOOK)
    from privacy_center.app_settings import app_settings

    total = sum(outbox.backoff(n, row) for n in range(1, app_settings.RECIPIENT_MAX_ATTEMPTS))
    assert total >= 24 * 3600


def test_a_slow_receiver_cannot_hold_the_worker(receiver, shop_customer, settings):
    settings.PRIVACY_CENTER_RECIPIENT_WEBHOOK_TIMEOUT = 0.5
    receiver.delay = 3
    started = time.monotonic()
    erase_now(Subject.for_user(shop_customer), method="command")
    elapsed = time.monotonic() - started
    assert elapsed < 4 * 0.5 + 2  # four webhooks, each cut at the timeout
    hooks = RecipientNotification.objects.filter(channel="webhook")
    assert {n.status for n in hooks} == {State.RETRYING}
    assert all("No answer" in n.message.last_error or "timed out" in n.message.last_error for n in hooks)


def test_staff_record_the_manual_task_and_a_reason_is_required(receiver, shop_customer, admin_client):
    erase_now(Subject.for_user(shop_customer), method="command")
    task = RecipientNotification.objects.get(recipient="accountants")
    url = f"{CHANGELIST}{task.pk}/resolve/"
    assert "Record that we told them" in admin_client.get(f"{CHANGELIST}{task.pk}/change/").content.decode()
    response = admin_client.post(url, {"outcome": "told", "note": ""})
    assert response.status_code == 200
    task.refresh_from_db()
    assert task.status == State.WAITING_STAFF
    admin_client.post(url, {"outcome": "told", "note": "Phoned Ek & Partners, 2026-12-02; they confirmed."})
    task.refresh_from_db()
    assert task.status == State.DONE_BY_STAFF and task.resolved_by is not None
    assert PrivacyEvent.objects.filter(kind=PrivacyEvent.Kind.RECIPIENT_TOLD,
                                       summary__contains="Our staff told Our accountants").exists()


def test_running_the_same_erasure_cause_twice_tells_no_one_twice(receiver, shop_customer):
    from privacy_center.recipients import Event
    from privacy_center.registry import site
    from privacy_center.services import notifications

    subject = Subject.for_user(shop_customer)
    first = notifications.notify(subject, Event.ERASURE, about="erasure:test", sources=[site.get("shop_demo.order")])
    again = notifications.notify(subject, Event.ERASURE, about="erasure:test", sources=[site.get("shop_demo.order")])
    assert [n.pk for n in first] == [n.pk for n in again]
    assert len(receiver.delivered) == 2  # stripe and postnord (the accountants are a task)
    assert all(isinstance(n.uuid, uuid.UUID) for n in first)


def test_deliveries_view_masks_personal_values(receiver, shop_customer, admin_client):
    erase_now(Subject.for_user(shop_customer), method="command")
    n = RecipientNotification.objects.get(recipient="stripe")
    page = admin_client.get(f"{CHANGELIST}{n.pk}/change/").content.decode()
    assert "privacy.erasure" in page and "ada@example.com" not in page and "•" in page
    listing = admin_client.get(CHANGELIST + "?recipient=stripe&event=erasure").content.decode()
    assert "Stripe Payments Europe" in listing and "PostNord" not in listing
