"""The transactional outbox: every message the app sends outward, written with the change that causes it.

A service writes an ``OutboxMessage`` in the same database transaction as the state
change (a request filed, an erasure scheduled, an export ready), so the message exists
exactly when the change does. A task delivers it after the commit; a periodic sweep
delivers whatever a dead worker or a broker outage left behind. Only
``services.outbox`` changes these rows.

``kind`` names the channel (e-mail now; webhooks to recipients use the same table),
``uuid`` is the stable idempotency id (the e-mail's ``Message-ID``, a webhook's id).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    class Kind(models.TextChoices):
        EMAIL = "email", _("E-mail")
        WEBHOOK = "webhook", _("Webhook")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        # Dead letter: retries used up, or a worker stopped mid-send (delivery unknown). Staff retry it.
        FAILED = "failed", _("Not sent (needs attention)")
        CANCELLED = "cancelled", _("Cancelled")

    uuid = models.UUIDField(_("idempotency id"), default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.EMAIL)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    # Who it goes to (an e-mail address; a webhook's URL) and what it is, for staff and for erasure.
    recipient = models.CharField(_("recipient"), max_length=500)
    template = models.CharField(_("message"), max_length=200, blank=True)
    # The rendered message: for e-mail subject, body, html, from_email, to, cc, bcc, reply_to, headers.
    payload = models.JSONField(_("content"), default=dict)
    # What the message is about, for whoever wants to know it went out (``outbox_message_sent``).
    meta = models.JSONField(_("about"), default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    sending_since = models.DateTimeField(_("sending since"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="privacy_outbox_due"),
            # The subject's messages by address (``recipient__iexact``): one read, not the whole outbox.
            models.Index(Upper("recipient"), name="privacy_outbox_recipient_upper"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.template or self.uuid} to {self.recipient}"
