"""Erasures, the legal holds they leave, tombstones and inactive-account warnings.

``SubjectErasure`` is one "delete my data" for one subject: scheduled (cooling-off),
cancelled, failed (with the reason; retried) or completed (with the receipt).
``LegalHoldRecord`` rows remember what an erasure kept because a law requires it, and
until when; the retention sweep releases them. ``ErasureTombstone`` holds only
keyed hashes, so an erasure can be re-applied after a backup is restored.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _


class SubjectErasure(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")
        FAILED = "failed", _("Failed, will be retried")
        COMPLETED = "completed", _("Completed")

    OPEN = (Status.SCHEDULED, Status.FAILED)

    # "user:<id>" or "email:<keyed hash>": no personal data, kept after completion.
    subject_key = models.CharField(_("subject"), max_length=80, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("user"),
    )
    # Guests only (no account); emptied when the erasure completes.
    email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SCHEDULED)
    method = models.CharField(_("requested through"), max_length=32)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"))
    due_at = models.DateTimeField(_("due at"), db_index=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("failed attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # Restored on cancellation: the cooling-off deactivates the account.
    user_was_active = models.BooleanField(_("account was active"), default=True)
    notify_on_release = models.BooleanField(_("tell when kept data is erased"), default=False)
    receipt = models.JSONField(_("receipt"), default=dict, blank=True)

    class Meta:
        app_label = "privacy_erasure"
        ordering = ["-requested_at", "-id"]
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")
        constraints = [
            models.UniqueConstraint(
                fields=["subject_key"], condition=Q(status__in=["scheduled", "failed"]),
                name="privacy_erasure_one_open_per_subject",
            ),
        ]
        # A guest's erasures by address (the source's ``email__iexact``).
        indexes = [models.Index(Upper("email"), name="privacy_erasure_email_upper")]

    def __str__(self) -> str:
        return f"{self.subject_key} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class LegalHoldRecord(models.Model):
    """Rows an erasure kept because a law requires it, until ``until`` or while a condition holds
    (``conditional``); then the retention sweep erases them."""

    erasure = models.ForeignKey(SubjectErasure, on_delete=models.CASCADE, related_name="holds",
                                verbose_name=_("erasure"))
    source = models.CharField(_("source"), max_length=100)
    model = models.CharField(_("model"), max_length=100)  # "app_label.ModelName"
    label = models.CharField(_("what"), max_length=200)
    reason = models.TextField(_("legal reason"))
    # None: kept while a condition holds (``conditional``); the sweep re-checks it every day.
    until = models.DateField(_("kept until"), db_index=True, null=True, blank=True)
    conditional = models.BooleanField(_("kept while a condition holds"), default=False)
    object_ids = models.JSONField(_("rows"), default=list)
    count = models.PositiveIntegerField(_("rows"))
    # First and last identifying value (order numbers) for "orders FF-1–FF-9".
    first_ref = models.CharField(_("first"), max_length=100, blank=True)
    last_ref = models.CharField(_("last"), max_length=100, blank=True)
    # Only when the customer asked to be told; emptied on release.
    notify_email = models.EmailField(_("tell"), blank=True)
    # The customer's language when they erased their account (their own record of it is erased): the e-mail.
    language = models.CharField(_("language"), max_length=16, blank=True)
    released_at = models.DateTimeField(_("erased at"), null=True, blank=True)

    class Meta:
        app_label = "privacy_erasure"
        ordering = ["until", "id"]
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        indexes = [models.Index(Upper("notify_email"), name="privacy_hold_notify_upper")]

    def __str__(self) -> str:
        return f"{self.label} while held" if self.until is None else f"{self.label} until {self.until}"


class ErasureTombstone(models.Model):
    """That a subject was erased, as keyed hashes only: ``privacy_reapply_erasures`` matches them."""

    subject_hash = models.CharField(_("subject hash"), max_length=64, db_index=True)
    email_hashes = models.JSONField(_("e-mail hashes"), default=list)
    user_action = models.CharField(_("user row"), max_length=16, blank=True)
    erased_at = models.DateTimeField(_("erased at"))

    class Meta:
        app_label = "privacy_erasure"
        ordering = ["-erased_at"]
        verbose_name = _("erasure tombstone")
        verbose_name_plural = _("erasure tombstones")

    def __str__(self) -> str:
        return f"{self.subject_hash[:12]}… {self.erased_at:%Y-%m-%d}"


class InactivityWarning(models.Model):
    """An owner of an unused account was warned; logging in cancels the erasure due at ``due_at``."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("user"))
    warned_at = models.DateTimeField(_("warned at"))
    due_at = models.DateTimeField(_("erased from"), db_index=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        app_label = "privacy_erasure"
        ordering = ["-warned_at"]
        verbose_name = _("inactive-account warning")
        verbose_name_plural = _("inactive-account warnings")

    def __str__(self) -> str:
        return f"{self.user_id} warned {self.warned_at:%Y-%m-%d}"
