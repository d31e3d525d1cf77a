"""A copy of a subject's data: built by a task, stored privately, expiring."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..app_settings import app_settings


class Export(models.Model):
    """One ZIP of a subject's data. Only ``services.export`` changes it.

    The id is a random UUID (it appears in URLs); the file's name in storage is
    a separate random token, never shown. ``download_nonce`` makes a guest's
    signed link single-use: using it replaces the nonce.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to start")
        RUNNING = "running", _("Being prepared")
        READY = "ready", _("Ready to download")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired")

    ACTIVE = (Status.PENDING, Status.RUNNING)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
        related_name="privacy_exports", verbose_name=_("user"),
    )
    # A guest's verified address (a subject without an account).
    email = models.EmailField(_("e-mail"), blank=True)
    subject_key = models.CharField(_("subject"), max_length=80, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    current_source = models.CharField(_("current section"), max_length=100, blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    size = models.PositiveBigIntegerField(_("size"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    downloads = models.PositiveIntegerField(_("downloads"), default=0)
    download_nonce = models.CharField(max_length=64, blank=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        constraints = [
            # At most one export in progress per subject: a second request gets the first.
            models.UniqueConstraint(
                fields=["subject_key"], condition=models.Q(status__in=["pending", "running"]),
                name="privacy_center_one_active_export",
            ),
        ]
        indexes = [models.Index(fields=["status", "expires_at"])]

    def __str__(self) -> str:
        return str(self.id)

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def is_downloadable(self) -> bool:
        return (
            self.status == self.Status.READY
            and bool(self.file_name)
            and (self.expires_at is None or self.expires_at > timezone.now())
            and self.downloads < app_settings.EXPORT_MAX_DOWNLOADS
        )
