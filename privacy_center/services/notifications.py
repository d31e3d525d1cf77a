"""Telling recipients (Art. 19 GDPR; CCPA opt-outs passed on): one notification per recipient per event.

``notify`` is called inside the transaction of the change (erasure, correction, restriction and its
lifting, objection, opt-out of sale/sharing/targeted advertising, consent withdrawal). For each recipient
of the affected sources that wants the event it writes a ``RecipientNotification`` and, through the
outbox (the single delivery path), a signed webhook or a templated e-mail; a recipient told by staff gets
a task instead (status "waiting for staff"). The notification's id is derived from (recipient, event,
cause, subject), so running the same cause twice neither writes nor sends a second notification, and every
retry carries the same ``webhook-id`` / Message-ID.

Payloads hold the least a recipient needs to act: its reference to the person (by default the e-mail
address), the event, the sources concerned and, for a correction, the changed fields with their new values.

Delivery states come back from the outbox's signals (``sync``); staff resolve manual and failed ones with a
note (``resolve``). When every notification about a cause is settled, ``recipients_settled`` is sent:
requests complete then, and not before.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..adapter import get_adapter
from ..app_settings import app_settings
from ..models import OutboxMessage, PrivacyEvent, RecipientNotification
from ..recipients import Channel, Event, Recipient
from ..registry import site
from ..signals import (
    outbox_message_failed,
    outbox_message_retrying,
    outbox_message_sent,
    recipient_notification_changed,
    recipients_settled,
)
from . import outbox
from .timeline import record_event

State = RecipientNotification.Status
NAMESPACE = uuid.UUID("6f1d3c0e-58a4-4d8e-9a53-8a1f3b0d2c71")
EMAIL_TEMPLATE = "privacy_center/recipients/email/{event}"
OPEN = (State.SENDING, State.RETRYING, State.FAILED, State.WAITING_STAFF)


def idempotency_id(recipient: str, event: str, about: str, subject_key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{recipient}|{event}|{about}|{subject_key}")


@dataclass
class Target:
    recipient: Recipient
    sources: list[str] = field(default_factory=list)


def targets_for(event: str, sources: Iterable, *, consent_group: str = "") -> list[Target]:
    """The recipients to tell of ``event``, with the affected sources each of them received data from."""
    found: dict[str, Target] = {}
    if event == Event.CONSENT_WITHDRAWN:
        for recipient in site.declared_recipients():
            if recipient.wants(event, consent_group=consent_group):
                found[recipient.name] = Target(recipient)
        return list(found.values())
    for source in sources:
        for recipient in site.recipients_of(source):
            if recipient.wants(event):
                found.setdefault(recipient.name, Target(recipient)).sources.append(source.name)
    if event in (Event.OPT_OUT_SALE, Event.OBJECTION):
        # Recipients that get data through consented tags (ads), not through a source, are told too.
        for recipient in site.declared_recipients():
            if recipient.consent_groups and recipient.wants(event):
                found.setdefault(recipient.name, Target(recipient))
    return list(found.values())


def payload(notification: RecipientNotification, recipient: Recipient, subject, *,
            changes: dict[str, Any] | None = None, at=None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(notification.uuid),
        "recipient": recipient.name,  # one receiver URL may serve several recipients (the demo's does)
        "event": notification.event,
        "subject": recipient.reference(subject),
        "sources": notification.sources,
    }
    if changes is not None:
        data["changes"] = changes
    if notification.event == Event.CONSENT_WITHDRAWN:
        data["consent_group"] = notification.fields[0] if notification.fields else ""
    return {"type": f"privacy.{notification.event}", "timestamp": (at or timezone.now()).isoformat(), "data": data}


def notify(subject, event: str, *, about: str, sources: Sequence = (), changes: dict[str, Any] | None = None,
           consent_group: str = "") -> list[RecipientNotification]:
    """Tell every recipient of ``sources`` that wants ``event`` about ``subject``; in the caller's transaction.

    ``about`` names the cause ("erasure:12", "correction:<event id>"); ``changes`` (rectification) maps each
    changed field to its new value. Returns the notifications (existing ones when ``about`` was told before).
    """
    now = timezone.now()
    targets: dict[uuid.UUID, Target] = {}
    for target in targets_for(event, sources, consent_group=consent_group):
        targets.setdefault(idempotency_id(target.recipient.name, event, about, subject.key), target)
    if not targets:
        return []
    fields = sorted(changes) if changes else ([consent_group] if consent_group else [])
    with transaction.atomic():
        # One read for the recipients told before, one INSERT for the new notifications, one UPDATE linking
        # them to their messages: the same rows as one at a time, in three statements rather than four each.
        existing = RecipientNotification.objects.in_bulk(list(targets), field_name="uuid")
        created = _insert([RecipientNotification(
            uuid=key, recipient=target.recipient.name, recipient_label=str(target.recipient.label)[:200],
            channel=(channel := target.recipient.channel()), event=event, subject_key=subject.key,
            about=about[:100], sources=target.sources, fields=fields, created_at=now,
            status=State.WAITING_STAFF if channel == Channel.MANUAL else State.SENDING,
        ) for key, target in targets.items() if key not in existing])
        linked = [notification for notification in created
                  if _enqueue(notification, targets[notification.uuid].recipient, subject, changes, now)]
        RecipientNotification.objects.bulk_update(linked, ["message"])
    made = {notification.uuid: notification for notification in created}
    return [existing.get(key) or made[key] for key in targets]


def _insert(notifications: list[RecipientNotification]) -> list[RecipientNotification]:
    """Insert ``notifications`` with their primary keys set (their messages name them)."""
    if connections[RecipientNotification.objects.db].features.can_return_rows_from_bulk_insert:
        return RecipientNotification.objects.bulk_create(notifications)
    for notification in notifications:
        notification.save(force_insert=True)
    return notifications


def _enqueue(notification: RecipientNotification, recipient: Recipient, subject, changes: dict[str, Any] | None,
             now) -> bool:
    """Queue the webhook or e-mail that tells ``recipient`` (none for a manual recipient); whether one was."""
    body = payload(notification, recipient, subject, changes=changes, at=now)
    meta = {"notification": notification.pk, "recipient": recipient.name, "event": notification.event}
    if notification.channel == Channel.WEBHOOK:
        notification.message = outbox.enqueue_webhook(
            recipient.name, json.dumps(body, sort_keys=True, default=str), idempotency_id=notification.uuid,
            template=f"recipient/{notification.event}", meta=meta)
    elif notification.channel == Channel.EMAIL:
        notification.message = _enqueue_email(recipient, notification, body, meta)
    return notification.message_id is not None


def _enqueue_email(recipient: Recipient, notification: RecipientNotification, body: dict[str, Any],
                   meta: dict[str, Any]) -> OutboxMessage:
    context = {"recipient": recipient, "notification": notification, "data": body["data"],
               "event_label": Event(notification.event).label, "controller": _controller()}
    prefix = EMAIL_TEMPLATE.format(event=notification.event)
    message = get_adapter().render_mail(prefix, recipient.email, context, headers={
        "X-Privacy-Notification-Id": str(notification.uuid)})
    return outbox.enqueue_email(message, template=prefix, meta=meta, idempotency_id=notification.uuid)


def _controller() -> dict[str, str]:
    return app_settings.CONTROLLER


# -- states -----------------------------------------------------------------------------------------


def state_of_message(message: OutboxMessage, channel: str) -> str:
    if message.status == OutboxMessage.Status.SENT:
        return State.ACKNOWLEDGED if channel == Channel.WEBHOOK else State.SENT
    if message.status == OutboxMessage.Status.FAILED or message.status == OutboxMessage.Status.CANCELLED:
        return State.FAILED
    if message.status == OutboxMessage.Status.PENDING and message.attempts:
        return State.RETRYING
    return State.SENDING


def sync(message: OutboxMessage) -> RecipientNotification | None:
    """Follow the outbox: the notification of ``message`` takes the state its delivery is in."""
    pk = (message.meta or {}).get("notification")
    if not pk:
        return None
    with transaction.atomic():
        notification = RecipientNotification.objects.select_for_update().filter(pk=pk).first()
        if notification is None or notification.status in (State.DONE_BY_STAFF, State.NOT_TOLD):
            return notification
        new = state_of_message(message, notification.channel)
        if new == notification.status:
            return notification
        notification.status = new
        fields = ["status"]
        if new in (State.SENT, State.ACKNOWLEDGED):
            notification.delivered_at = message.sent_at or timezone.now()
            fields.append("delivered_at")
        notification.save(update_fields=fields)
        _record(notification)
    _changed(notification)
    return notification


def _record(notification: RecipientNotification) -> None:
    """The subject's timeline says what happened to each notification, in words they read."""
    labels: dict[str, str] = {
        State.ACKNOWLEDGED: _("%(recipient)s was told (%(event)s) and confirmed receipt."),
        State.SENT: _("%(recipient)s was told (%(event)s) by e-mail."),
        State.RETRYING: _("Telling %(recipient)s (%(event)s) failed for now; we keep trying."),
        State.FAILED: _("Telling %(recipient)s (%(event)s) failed; our staff were asked to see to it."),
        State.DONE_BY_STAFF: _("Our staff told %(recipient)s (%(event)s)."),
        State.NOT_TOLD: _("Our staff did not tell %(recipient)s (%(event)s) and recorded why."),
    }
    text = labels.get(notification.status)
    if text is None:
        return
    summary = text % {"recipient": notification.recipient_label, "event": Event(notification.event).label}
    record_event(notification.subject_key, PrivacyEvent.Kind.RECIPIENT_TOLD, summary[:300], method="recipients",
                 data={"notification": str(notification.uuid), "recipient": notification.recipient,
                       "event": notification.event, "status": notification.status})


def _changed(notification: RecipientNotification) -> None:
    recipient_notification_changed.send(sender=RecipientNotification, notification=notification)
    if notification.settled:
        # After the commit: the cause's other notifications are written by then (and this state is durable).
        key, cause = notification.subject_key, notification.about
        transaction.on_commit(lambda: _settled(key, cause), robust=True)


def _settled(subject_key: str, cause: str) -> None:
    if not RecipientNotification.objects.filter(subject_key=subject_key, about=cause, status__in=OPEN).exists():
        recipients_settled.send(sender=RecipientNotification, subject_key=subject_key, about=cause)


def _on_message(sender, message=None, **kwargs) -> None:
    if message is not None and (message.meta or {}).get("notification"):
        sync(message)


def connect_outbox() -> None:
    """Called from ``PrivacyCenterConfig.ready()``: follow every delivery attempt of a notification."""
    for signal in (outbox_message_sent, outbox_message_failed, outbox_message_retrying):
        signal.connect(_on_message, dispatch_uid=f"privacy_center.notifications.{id(signal)}")


def retry(pks: Iterable[int]) -> int:
    """Staff: send failed notifications again, with the same idempotency id."""
    rows = list(RecipientNotification.objects.filter(pk__in=list(pks), status=State.FAILED,
                                                     message__isnull=False))
    OutboxMessage.objects.filter(pk__in=[n.message_id for n in rows], status=OutboxMessage.Status.CANCELLED
                                 ).update(status=OutboxMessage.Status.FAILED)
    count = outbox.retry([n.message_id for n in rows if n.message_id is not None])
    RecipientNotification.objects.filter(pk__in=[n.pk for n in rows], status=State.FAILED).update(
        status=State.SENDING)
    return count


def resolve(notification: RecipientNotification, *, told: bool, note: str, actor=None) -> RecipientNotification:
    """Staff: record that they told the recipient themselves, or why it was not told. A note is required."""
    if not note.strip():
        raise ValueError("Staff must record what they did, or why the recipient was not told.")
    if notification.settled:
        raise ValueError("This notification is already settled.")
    with transaction.atomic():
        notification.status = State.DONE_BY_STAFF if told else State.NOT_TOLD
        notification.staff_note = note.strip()
        notification.resolved_by = actor if getattr(actor, "pk", None) else None
        notification.resolved_at = timezone.now()
        notification.save(update_fields=["status", "staff_note", "resolved_by", "resolved_at"])
        if notification.message_id:
            outbox.cancel([notification.message_id])
        _record(notification)
    _changed(notification)
    return notification


# -- reading ----------------------------------------------------------------------------------------


def about(subject_key: str, cause: str) -> list[RecipientNotification]:
    return list(RecipientNotification.objects.filter(subject_key=subject_key, about=cause).order_by("recipient_label"))


def open_for(subject_keys: Iterable[str], *, since=None) -> list[RecipientNotification]:
    qs = RecipientNotification.objects.filter(subject_key__in=list(subject_keys), status__in=OPEN)
    if since is not None:
        qs = qs.filter(created_at__gte=since)
    return list(qs.order_by("created_at"))


def receipt_rows(notifications: Iterable[RecipientNotification]) -> list[dict[str, Any]]:
    """For receipts: each recipient with the real state of its notification, as it is now."""
    return [{
        "name": n.recipient_label, "recipient": n.recipient, "event": n.event, "how": n.channel,
        "state": n.status, "state_label": str(n.get_status_display()),
        "delivered_at": n.delivered_at.isoformat() if n.delivered_at else None, "id": str(n.uuid),
    } for n in notifications]


def mask_payload(message: OutboxMessage | None) -> Any:
    """A message's content for staff with every personal value masked (only keys, events and ids readable)."""
    if message is None:
        return None
    if message.kind == OutboxMessage.Kind.WEBHOOK:
        try:
            body = json.loads(message.payload.get("body", "{}"))
        except ValueError:
            return {"body": "…"}
        data = body.get("data", {})
        masked = dict(body, data=dict(data, subject={k: _mask(v) for k, v in (data.get("subject") or {}).items()},
                                      **({"changes": {k: _mask(v) for k, v in data["changes"].items()}}
                                         if isinstance(data.get("changes"), dict) else {})))
        return masked
    return {"subject": message.payload.get("subject", ""), "to": [_mask(a) for a in message.payload.get("to", [])],
            "body": "…"}


def _mask(value: Any) -> str:
    """Nothing of the value shows; staff see that one was sent and how long it was."""
    text = "" if value is None else str(value)
    return "•" * min(len(text), 12) if text else ""
