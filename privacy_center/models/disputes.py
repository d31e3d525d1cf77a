"""A customer contests the accuracy of some of their data (GDPR Art. 18(1)(a)).

While an ``AccuracyDispute`` is open, the data it names (a source, one row of it, or one field) is used
for nothing but storing it and handling the dispute; ``SubjectFlags.accuracy_contested`` says that the
subject has at least one open dispute, so queries (``exclude_restricted``) need not read this table.
``privacy_center.services.accuracy`` opens and closes them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccuracyDispute(models.Model):
    class Origin(models.TextChoices):
        MY_DATA = "my_data", _("Marked as wrong on My data")
        REQUEST = "request", _("Rectification request")
        STAFF = "staff", _("Recorded by staff")

    class Outcome(models.TextChoices):
        OPEN = "", _("Being checked")
        CORRECTED = "corrected", _("Corrected")
        REJECTED = "rejected", _("Checked: the data was correct")
        WITHDRAWN = "withdrawn", _("Withdrawn by the customer")

    subject_key = models.CharField(_("subject"), max_length=80, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name=_("customer"))
    # Empty source: all of the subject's data (a request that names nothing in particular).
    source = models.CharField(_("data"), max_length=100, blank=True)
    row = models.CharField(_("record"), max_length=64, blank=True)
    field = models.CharField(_("field"), max_length=100, blank=True)
    origin = models.CharField(_("how"), max_length=16, choices=Origin.choices)
    reference = models.CharField(_("request"), max_length=40, blank=True, db_index=True)
    note = models.TextField(_("what the customer says"), blank=True)
    opened_at = models.DateTimeField(_("contested at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("closed by"))

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("contested data")
        verbose_name_plural = _("contested data")
        indexes = [models.Index(fields=["subject_key", "closed_at"], name="pc_dispute_open")]

    def __str__(self) -> str:
        return f"{self.subject_key} {self.source or '*'} ({self.get_outcome_display()})"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None
