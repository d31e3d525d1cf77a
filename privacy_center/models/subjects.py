"""Per-subject processing flags and the suppression list."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubjectFlags(models.Model):
    """Restriction and objection flags of one subject (Art. 18, 21 GDPR; CCPA opt-out).

    ``may_process()`` reads these; requests, the privacy pages, GPC and erasure set them.
    """

    subject_key = models.CharField(_("subject"), max_length=80, unique=True)
    processing_restricted = models.BooleanField(_("processing restricted"), default=False)
    objected_to_marketing = models.BooleanField(_("objected to marketing"), default=False)
    opted_out_of_sale = models.BooleanField(_("opted out of sale/sharing"), default=False)
    erasure_pending = models.BooleanField(_("erasure pending"), default=False)
    # At least one open AccuracyDispute: processing restricted while its data is checked (Art. 18(1)(a)).
    accuracy_contested = models.BooleanField(_("accuracy contested"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("subject flags")
        verbose_name_plural = _("subject flags")

    def __str__(self) -> str:
        return self.subject_key


class SubjectLanguage(models.Model):
    """The language a subject reads (a code of ``settings.LANGUAGES``): every later e-mail is written in it.

    Set when a logged-in customer switches language and at login (the active language), and for a
    guest when they file a request; ``privacy_center.services.language`` reads and writes it.
    """

    subject_key = models.CharField(_("subject"), max_length=80, unique=True)
    language = models.CharField(_("language"), max_length=16)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("subject language")
        verbose_name_plural = _("subject languages")

    def __str__(self) -> str:
        return f"{self.subject_key}: {self.language}"


class SuppressedEmail(models.Model):
    """A keyed hash of an address that must never be re-added to marketing."""

    email_hash = models.CharField(_("e-mail hash"), max_length=64, unique=True)
    reason = models.CharField(_("reason"), max_length=32)
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppression list")

    def __str__(self) -> str:
        return f"{self.email_hash[:12]}… ({self.reason})"
