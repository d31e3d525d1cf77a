"""The erasure feature's own personal data, declared like any shop app's (discovered at start-up)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ..registry import register, site
from ..sources import Category, Erasure, LegalBasis, LegalHold, ModelSource
from .models import InactivityWarning, LegalHoldRecord, SubjectErasure

PROOF = LegalHold(reason=_("proof that we erased your data (GDPR Art. 5(2)); after the erasure it holds no "
                           "personal data"))


@register
class SubjectErasureSource(ModelSource):
    class Meta:
        model = SubjectErasure
        name = "privacy_erasure.subjecterasure"
        label = _("Account deletion requests")
        user_path = "user"
        email_path = "email"
        fields = {"status": None, "requested_at": None, "due_at": None, "completed_at": None, "email": None,
                  "last_error": _("Why the last attempt failed")}
        category = Category.ACCOUNT
        purposes = [_("Delete your account when you ask, and prove that we did")]
        legal_basis = LegalBasis.LEGAL_OBLIGATION
        origin = _("You")
        erasure = Erasure.KEEP
        legal_hold = PROOF
        order = 84


@register
class LegalHoldRecordSource(ModelSource):
    class Meta:
        model = LegalHoldRecord
        name = "privacy_erasure.legalholdrecord"
        label = _("Data kept after deleting an account")
        email_path = "notify_email"
        fields = {"label": None, "reason": None, "until": None, "count": None, "notify_email": None}
        category = Category.ACCOUNT
        purposes = [_("Erase kept data when the law no longer requires it, and tell you if you asked")]
        legal_basis = LegalBasis.LEGAL_OBLIGATION
        origin = _("Our privacy center")
        erasure = Erasure.KEEP
        legal_hold = LegalHold(reason=_("needed to erase the kept data on time"))
        order = 85


@register
class InactivityWarningSource(ModelSource):
    class Meta:
        model = InactivityWarning
        name = "privacy_erasure.inactivitywarning"
        label = _("Warnings about an unused account")
        user_path = "user"
        fields = {"warned_at": None, "due_at": None, "cancelled_at": None}
        category = Category.ACCOUNT
        purposes = [_("Delete accounts unused for a long time, after telling their owners")]
        legal_basis = LegalBasis.LEGAL_OBLIGATION
        origin = _("Our privacy center")
        erasure = Erasure.DELETE
        order = 86


site.ignore("privacy_erasure.ErasureTombstone.email_hashes",
            "keyed hashes (HMAC) of erased addresses, needed to re-apply erasures after a restore; not reversible")
