"""The privacy timeline: one append-only, hash-chained list of what happened to a subject.

Every consent, opt-in/out, policy acknowledgement, privacy signal, correction,
export, erasure and request step is a ``PrivacyEvent``. Each event stores the
hash of the subject's previous event, so editing or deleting one breaks the
chain and ``manage.py privacy_verify_timeline`` shows where.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PrivacyEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("Privacy events are append-only.")

    def delete(self):
        raise TypeError("Privacy events are append-only.")


class PrivacyEvent(models.Model):
    class Kind(models.TextChoices):
        CONSENT_GIVEN = "consent_given", _("Consent given")
        CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent withdrawn")
        MARKETING_OPT_IN = "marketing_opt_in", _("Marketing opt-in")
        MARKETING_OPT_OUT = "marketing_opt_out", _("Marketing opt-out")
        POLICY_ACKNOWLEDGED = "policy_acknowledged", _("Policy acknowledged")
        SIGNAL_HONORED = "signal_honored", _("Browser privacy signal honoured")
        DATA_CORRECTED = "data_corrected", _("Data corrected")
        EXPORT_REQUESTED = "export_requested", _("Copy of data requested")
        EXPORT_READY = "export_ready", _("Copy of data ready")
        EXPORT_DOWNLOADED = "export_downloaded", _("Copy of data downloaded")
        EXPORT_FAILED = "export_failed", _("Copy of data failed")
        FLAG_CHANGED = "flag_changed", _("Processing restriction changed")
        ERASURE_SCHEDULED = "erasure_scheduled", _("Erasure scheduled")
        ERASURE_CANCELLED = "erasure_cancelled", _("Erasure cancelled")
        ERASURE_COMPLETED = "erasure_completed", _("Erasure completed")
        REQUEST_SUBMITTED = "request_submitted", _("Request submitted")
        REQUEST_UPDATED = "request_updated", _("Request updated")
        REQUEST_CLOSED = "request_closed", _("Request closed")
        RECIPIENT_TOLD = "recipient_told", _("Recipient of your data told")
        POSTS_REMOVED = "posts_removed", _("Your posts removed")
        ACCURACY_CONTESTED = "accuracy_contested", _("Data contested: use restricted while it is checked")
        ACCURACY_RESOLVED = "accuracy_resolved", _("Contested data checked: restriction lifted")
        HOLD_RELEASED = "hold_released", _("Kept data erased")

    # "user:<id>" or "email:<keyed hash>"; kept when the user row is erased.
    subject_key = models.CharField(_("subject"), max_length=80, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    summary = models.CharField(_("summary"), max_length=300)
    method = models.CharField(_("method"), max_length=32, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("done by"),
    )
    created_at = models.DateTimeField(_("time"))
    prev_hash = models.CharField(_("previous hash"), max_length=64, blank=True)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    objects = PrivacyEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("privacy event")
        verbose_name_plural = _("privacy timeline")
        # The chain's order per subject, and the timeline page's (newest first, read per key).
        indexes = [models.Index(fields=["subject_key", "-id"]),
                   models.Index(fields=["subject_key", "-created_at", "-id"], name="pc_event_subject_time")]

    def __str__(self) -> str:
        return self.summary

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("Privacy events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Privacy events are append-only.")


class TimelineCheckpoint(models.Model):
    """How far one subject's chain has been verified, so the timeline page checks only what is new.

    ``event_id``/``event_hash`` are the last event whose hash (and every link up to it) was
    verified; since each hash covers the one before, ``event_hash`` pins the whole prefix.
    ``full_checked_at`` and ``full_problems`` are the last *full* recomputation of this
    subject's chain (``privacy_verify_timeline`` or the daily ``privacy_center.verify_timeline``
    task); a problem found there stays shown on the page until a later full check is clean.
    """

    subject_key = models.CharField(_("subject"), max_length=80, unique=True)
    event_id = models.BigIntegerField(_("verified through event"))
    event_hash = models.CharField(_("hash of that event"), max_length=64)
    # Events on the chain up to ``event_id``: the page counts its pages without a COUNT over the chain.
    event_count = models.PositiveBigIntegerField(_("events verified"), default=0)
    full_checked_at = models.DateTimeField(_("last full check"))
    full_problems = models.PositiveIntegerField(_("problems found by the last full check"), default=0)

    class Meta:
        verbose_name = _("timeline checkpoint")
        verbose_name_plural = _("timeline checkpoints")

    def __str__(self) -> str:
        return f"{self.subject_key} verified through event {self.event_id}"
