"""Delivery rules of the outbox: backoff, dead letters staff retry, at most once after a handover, idempotency id."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from privacy_center.app_settings import app_settings
from privacy_center.models import OutboxMessage
from privacy_center.services import outbox

pytestmark = [pytest.mark.smtp, pytest.mark.django_db]

Status = OutboxMessage.Status
CHANGELIST = "/admin/privacy_center/outboxmessage/"


def _mail(to="ada@example.com") -> EmailMultiAlternatives:
    message = EmailMultiAlternatives("Your request PR-1", "We received it.", to=[to],
                                     headers={"List-Unsubscribe": "<https://shop.example/u/>"})
    message.attach_alternative("<p>We received it.</p>", "text/html")
    return message


def _time_passes():
    OutboxMessage.objects.filter(status=Status.PENDING).update(next_attempt_at=timezone.now())


def test_retries_back_off_exponentially_then_staff_retry_the_dead_letter(smtp_server, settings, admin_client):
    from privacy_center.signals import outbox_message_failed

    settings.PRIVACY_CENTER_OUTBOX_MAX_ATTEMPTS = 3
    failed = []
    outbox_message_failed.connect(lambda sender, message, **kw: failed.append(message.pk), weak=False,
                                  dispatch_uid="test-failed")
    try:
        smtp_server.stop()
        row = outbox.enqueue_email(_mail(), template="test/ack")
        waits = []
        for _ in range(2):
            row.refresh_from_db()
            assert row.status == Status.PENDING
            waits.append((row.next_attempt_at - timezone.now()).total_seconds())
            _time_passes()
            outbox.deliver(row.pk)
        row.refresh_from_db()
        assert row.status == Status.FAILED and row.attempts == 3 and failed == [row.pk]
        assert 25 < waits[0] <= 30 and 55 < waits[1] <= 60  # 30 s, then twice as long
    finally:
        outbox_message_failed.disconnect(dispatch_uid="test-failed")

    # Staff see the dead letter and why, and send it again once the server is back.
    page = admin_client.get(CHANGELIST, {"status__exact": "failed"}).content.decode()
    assert "ada@example.com" in page and "test/ack" in page
    assert "ConnectionRefusedError" in admin_client.get(f"{CHANGELIST}{row.pk}/change/").content.decode()
    smtp_server.start()
    response = admin_client.post(CHANGELIST, {"action": "retry_now", "_selected_action": [row.pk]})
    assert response.status_code == 302
    (mail,) = smtp_server.wait_for(1)
    assert mail["Message-ID"] == outbox.message_id(row)
    assert mail["List-Unsubscribe"] == "<https://shop.example/u/>"
    assert smtp_server.html(mail).strip() == "<p>We received it.</p>"
    row.refresh_from_db()
    assert row.status == Status.SENT and row.sent_at is not None


def test_a_worker_killed_after_handing_over_the_mail_never_sends_it_twice(smtp_server, monkeypatch):
    real_send = outbox._send

    def send_then_die(row):
        real_send(row)
        raise SystemExit("worker killed between the SMTP handover and marking it sent")

    monkeypatch.setattr(outbox, "_send", send_then_die)
    with pytest.raises(SystemExit):
        outbox.enqueue_email(_mail(), template="test/ack")
    monkeypatch.setattr(outbox, "_send", real_send)
    row = OutboxMessage.objects.get()
    assert row.status == Status.SENDING and len(smtp_server.wait_for(1)) == 1

    # The broker redelivers the task (acks_late), the sweep runs: nothing is sent again.
    assert outbox.deliver(row.pk).status == Status.SENDING
    assert outbox.sweep().scheduled == 0
    assert outbox.sweep(now=timezone.now() + dt.timedelta(seconds=60)).interrupted == 0  # still within its lease
    later = timezone.now() + dt.timedelta(seconds=app_settings.OUTBOX_SENDING_TIMEOUT + 1)
    assert outbox.sweep(now=later).interrupted == 1
    row.refresh_from_db()
    assert row.status == Status.FAILED and "may or may not have arrived" in row.last_error
    outbox.sweep(now=later + dt.timedelta(hours=1))
    assert len(smtp_server.messages) == 1


def test_viewing_staff_cannot_retry_or_cancel(client, make_user, smtp_server):
    from django.contrib.auth.models import Permission

    smtp_server.stop()
    row = outbox.enqueue_email(_mail(), template="test/ack")
    viewer = make_user(email="viewer@shop.example")
    viewer.is_staff = True
    viewer.save()
    viewer.user_permissions.add(Permission.objects.get(codename="view_outboxmessage"))
    client.force_login(viewer)
    assert client.get(CHANGELIST).status_code == 200
    client.post(CHANGELIST, {"action": "cancel", "_selected_action": [row.pk]})
    row.refresh_from_db()
    assert row.status == Status.PENDING


def test_allauth_adapter_outside_the_outbox_is_warned(settings):
    from django.core import checks

    assert "privacy_center.W023" not in [m.id for m in checks.run_checks()]
    settings.ACCOUNT_ADAPTER = "allauth.account.adapter.DefaultAccountAdapter"
    assert "privacy_center.W023" in [m.id for m in checks.run_checks()]
