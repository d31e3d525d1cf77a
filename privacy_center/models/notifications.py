"""Notifications to recipients (Art. 19 GDPR) and the stored versions of the record of processing (Art. 30).

A ``RecipientNotification`` is one recipient told of one event about one subject. It is written in the
transaction of the change (an erasure, a correction, a restriction ...) together with its
``OutboxMessage`` (webhook or e-mail); a recipient told by staff has no message and waits as a staff task.
Its ``status`` follows the delivery (``services.notifications`` updates it from the outbox) and is what
receipts, timelines and requests show. Only ``services.notifications`` changes these rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .outbox import OutboxMessage


class RecipientNotification(models.Model):
    class Status(models.TextChoices):
        SENDING = "sending", _("Being sent")
        RETRYING = "retrying", _("Failed, retrying")
        SENT = "sent", _("Sent")
        ACKNOWLEDGED = "acknowledged", _("Sent and acknowledged")
        FAILED = "failed", _("Failed, waiting for staff")
        WAITING_STAFF = "waiting_staff", _("Waiting for staff to tell them")
        DONE_BY_STAFF = "done_by_staff", _("Told by staff")
        NOT_TOLD = "not_told", _("Not told (staff recorded why)")

    # The webhook's ``webhook-id`` and the e-mail's Message-ID: the same for every attempt and retry.
    uuid = models.UUIDField(_("idempotency id"), unique=True, editable=False)
    recipient = models.CharField(_("recipient"), max_length=100, db_index=True)
    recipient_label = models.CharField(_("recipient name"), max_length=200)
    channel = models.CharField(_("how"), max_length=20)
    event = models.CharField(_("event"), max_length=32, db_index=True)
    subject_key = models.CharField(_("subject"), max_length=80, db_index=True)
    # What caused it: "erasure:12", "correction:<timeline event id>", "flags:<timeline event id>" ...
    about = models.CharField(_("about"), max_length=100, db_index=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    fields = models.JSONField(_("fields"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, db_index=True)
    message = models.ForeignKey(OutboxMessage, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="notifications", verbose_name=_("outgoing message"))
    staff_note = models.TextField(_("staff note"), blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("resolved by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    SETTLED = frozenset({Status.SENT, Status.ACKNOWLEDGED, Status.DONE_BY_STAFF, Status.NOT_TOLD})

    class Meta:
        verbose_name = _("recipient notification")
        verbose_name_plural = _("recipient notifications")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.recipient_label}: {self.event} ({self.get_status_display()})"

    @property
    def settled(self) -> bool:
        return self.status in self.SETTLED


class ProcessingRecordVersion(models.Model):
    """One stored version of the record of processing activities, kept when the declarations change."""

    number = models.PositiveIntegerField(_("version"), unique=True)
    digest = models.CharField(_("digest"), max_length=64, unique=True)
    record = models.JSONField(_("record"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    reason = models.CharField(_("why stored"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("record of processing version")
        verbose_name_plural = _("record of processing versions")
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"v{self.number} ({self.created_at:%Y-%m-%d})"
