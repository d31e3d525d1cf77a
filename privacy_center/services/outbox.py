"""The transactional outbox: write a message with the change that causes it, deliver it after the commit.

``enqueue_email`` stores a rendered e-mail in the caller's transaction, so a rolled-back
change sends nothing and a committed one always has its message. Delivery
(``deliver``) claims the row with one conditional ``UPDATE`` (pending -> sending), hands
the message to the mail server, then marks it sent; a failure schedules the next attempt
with exponential backoff, and after ``PRIVACY_CENTER_OUTBOX_MAX_ATTEMPTS`` the message is
a dead letter (``failed``) that staff retry from the admin. A row still "sending" after
``OUTBOX_SENDING_TIMEOUT`` means a worker died mid-send: it may have gone out, so it is
never re-sent automatically (nothing twice) but shown to staff as failed. The message's
idempotency id is its ``Message-ID``, so a resend by staff is recognisably the same mail.

``sweep`` (a periodic task) delivers what is due, so a worker killed between commit and
delivery, or a broker that was down at commit, delays a message but never loses it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..app_settings import app_settings
from ..celery import enqueue
from ..models import OutboxMessage
from ..registry import site
from ..signals import outbox_message_failed, outbox_message_retrying, outbox_message_sent
from . import webhooks

logger = logging.getLogger(__name__)

Status = OutboxMessage.Status
ERROR_CHARS = 2000


@dataclass(frozen=True)
class Delivery:
    status: str
    retry_in: int | None = None  # seconds until the next attempt, when one is scheduled


def _schedule(pk: int) -> None:
    enqueue("privacy_center.deliver_outbox", pk)


def schedule_after_commit(pk: int) -> None:
    """Start delivery once the row is committed; a broker that is down only delays it until the sweep."""
    transaction.on_commit(lambda: _schedule(pk), robust=True)


def enqueue_email(message: EmailMessage, *, template: str = "", meta: dict | None = None,
                  idempotency_id=None) -> OutboxMessage:
    """Store ``message`` (already rendered) for delivery after the current transaction commits."""
    if message.attachments:
        raise ValueError("Outgoing e-mails with attachments are not supported by the outbox.")
    html = next((content for content, mimetype in getattr(message, "alternatives", [])
                 if mimetype == "text/html"), None)
    recipients = [str(a) for a in (*message.to, *message.cc, *message.bcc)]
    payload = {
        "subject": str(message.subject), "body": str(message.body), "html": html,
        "subtype": message.content_subtype,
        "from_email": message.from_email, "to": [str(a) for a in message.to], "cc": [str(a) for a in message.cc],
        "bcc": [str(a) for a in message.bcc], "reply_to": [str(a) for a in message.reply_to],
        "headers": {str(k): str(v) for k, v in (message.extra_headers or {}).items() if k.lower() != "message-id"},
    }
    extra = {"uuid": idempotency_id} if idempotency_id else {}
    row = OutboxMessage.objects.create(
        kind=OutboxMessage.Kind.EMAIL, recipient=", ".join(recipients)[:500], template=template[:200],
        payload=payload, meta=meta or {}, **extra,
    )
    schedule_after_commit(row.pk)
    return row


def enqueue_webhook(recipient_name: str, body: str, *, idempotency_id, template: str = "",
                    meta: dict | None = None) -> OutboxMessage:
    """Store a webhook to a declared recipient; its URL and secret are read from the settings when sent."""
    row = OutboxMessage.objects.create(
        kind=OutboxMessage.Kind.WEBHOOK, uuid=idempotency_id, recipient=recipient_name[:500],
        template=template[:200], payload={"body": body}, meta={**(meta or {}), "recipient": recipient_name},
    )
    schedule_after_commit(row.pk)
    return row


def webhook_id(row: OutboxMessage) -> str:
    return f"msg_{row.uuid.hex}"


def send_webhook(row: OutboxMessage) -> int:
    recipient = site.get_recipient(row.meta.get("recipient") or row.recipient)
    url, secret = recipient.webhook_url(), recipient.webhook_secret()
    if not url or not secret:
        raise webhooks.WebhookError(f"The webhook URL or secret of {recipient.name!r} is not configured.")
    return webhooks.post(url, secret, webhook_id(row), row.payload["body"].encode())


def message_id(row: OutboxMessage) -> str:
    domain = urlsplit(app_settings.SITE_URL).hostname or "privacy-center.invalid"
    return f"<{row.uuid}@{domain}>"


def build_email(row: OutboxMessage) -> EmailMultiAlternatives:
    p = row.payload
    message = EmailMultiAlternatives(
        p.get("subject", ""), p.get("body", ""), p.get("from_email") or None, to=p.get("to") or [],
        cc=p.get("cc") or [], bcc=p.get("bcc") or [], reply_to=p.get("reply_to") or [],
        headers={**(p.get("headers") or {}), "Message-ID": message_id(row)},
    )
    message.content_subtype = p.get("subtype") or "plain"
    if p.get("html"):
        message.attach_alternative(p["html"], "text/html")
    return message


def _send(row: OutboxMessage) -> None:
    if row.kind == OutboxMessage.Kind.WEBHOOK:
        send_webhook(row)
        return
    if row.kind != OutboxMessage.Kind.EMAIL:
        raise ValueError(f"No delivery for outgoing messages of kind {row.kind!r}")
    build_email(row).send()


def is_notification(row: OutboxMessage) -> bool:
    return row.kind == OutboxMessage.Kind.WEBHOOK or "notification" in (row.meta or {})


def max_attempts(row: OutboxMessage) -> int:
    """Notifications to recipients retry for at least a day (``RECIPIENT_*``); other e-mails ``OUTBOX_*``."""
    return app_settings.RECIPIENT_MAX_ATTEMPTS if is_notification(row) else app_settings.OUTBOX_MAX_ATTEMPTS


def backoff(attempts: int, row: OutboxMessage | None = None) -> int:
    """Seconds to wait after the ``attempts``-th failed attempt: base, 2 x base, 4 x base ..."""
    base = (app_settings.RECIPIENT_RETRY_BACKOFF if row is not None and is_notification(row)
            else app_settings.OUTBOX_RETRY_BACKOFF)
    return base * 2 ** max(0, attempts - 1)


def deliver(pk: int, *, now: dt.datetime | None = None) -> Delivery:
    """One delivery attempt of a due message; any other state is left alone (sent, being sent, not due)."""
    now = now or timezone.now()
    claimed = OutboxMessage.objects.filter(pk=pk, status=Status.PENDING, next_attempt_at__lte=now).update(
        status=Status.SENDING, sending_since=now, attempts=F("attempts") + 1)
    if not claimed:
        status = OutboxMessage.objects.filter(pk=pk).values_list("status", flat=True).first()
        return Delivery(status or "missing")
    row = OutboxMessage.objects.get(pk=pk)
    try:
        _send(row)
    except Exception as exc:  # any failure of the mail server or the network: try again later
        error = f"{type(exc).__name__}: {exc}"[:ERROR_CHARS]
        if row.attempts >= max_attempts(row):
            _fail(row, error)
            return Delivery(Status.FAILED)
        wait = backoff(row.attempts, row)
        next_at = timezone.now() + dt.timedelta(seconds=wait)
        with transaction.atomic():
            OutboxMessage.objects.filter(pk=pk, status=Status.SENDING).update(
                status=Status.PENDING, sending_since=None, last_error=error, next_attempt_at=next_at)
            row.status, row.sending_since, row.last_error, row.next_attempt_at = Status.PENDING, None, error, next_at
            outbox_message_retrying.send(sender=OutboxMessage, message=row, error=error, retry_in=wait)
        logger.warning("outbox: message %s not delivered (attempt %s), retry in %ss: %s",
                       row.uuid, row.attempts, wait, error)
        return Delivery(Status.PENDING, wait)
    sent_at = timezone.now()
    with transaction.atomic():  # the message's state and what receivers record of it (a notification) together
        OutboxMessage.objects.filter(pk=pk, status=Status.SENDING).update(
            status=Status.SENT, sent_at=sent_at, sending_since=None, last_error="")
        row.status, row.sent_at, row.sending_since, row.last_error = Status.SENT, sent_at, None, ""
        outbox_message_sent.send(sender=OutboxMessage, message=row)
    return Delivery(Status.SENT)


def _fail(row: OutboxMessage, error: str) -> None:
    OutboxMessage.objects.filter(pk=row.pk, status=Status.SENDING).update(
        status=Status.FAILED, sending_since=None, last_error=error)
    row.status, row.last_error = Status.FAILED, error
    logger.error("outbox: message %s is a dead letter after %s attempt(s): %s", row.uuid, row.attempts, error)
    outbox_message_failed.send(sender=OutboxMessage, message=row)


@dataclass
class SweepResult:
    scheduled: int = 0
    interrupted: int = 0


def sweep(*, now: dt.datetime | None = None, limit: int = 500) -> SweepResult:
    """Periodic: mark interrupted sends failed and start delivery of what is due.

    Old messages (they hold the address and the text) go with the retention sweep (30 days, as declared).
    """
    now = now or timezone.now()
    result = SweepResult()
    stale = now - dt.timedelta(seconds=app_settings.OUTBOX_SENDING_TIMEOUT)
    for row in OutboxMessage.objects.filter(status=Status.SENDING, sending_since__lt=stale):
        claimed = OutboxMessage.objects.filter(pk=row.pk, status=Status.SENDING, sending_since__lt=stale).update(
            status=Status.FAILED, sending_since=None,
            last_error="Delivery was interrupted (the worker stopped while sending): it may or may not have "
                       "arrived, so it is not sent again automatically.")
        if claimed:
            result.interrupted += 1
            row.refresh_from_db()
            outbox_message_failed.send(sender=OutboxMessage, message=row)
    due = (OutboxMessage.objects.filter(status=Status.PENDING, next_attempt_at__lte=now)
           .order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit])
    for pk in list(due):
        _schedule(pk)
        result.scheduled += 1
    return result


def retry(pks: Iterable[int]) -> int:
    """Staff: send failed (dead-letter) messages again now, with the same Message-ID."""
    pks = list(OutboxMessage.objects.filter(pk__in=list(pks), status=Status.FAILED).values_list("pk", flat=True))
    count = OutboxMessage.objects.filter(pk__in=pks, status=Status.FAILED).update(
        status=Status.PENDING, next_attempt_at=timezone.now(), attempts=0)
    for pk in pks:
        schedule_after_commit(pk)
    return count


def cancel(pks: Iterable[int]) -> int:
    """Staff: never send these waiting or failed messages."""
    return OutboxMessage.objects.filter(pk__in=list(pks), status__in=[Status.PENDING, Status.FAILED]).update(
        status=Status.CANCELLED)
