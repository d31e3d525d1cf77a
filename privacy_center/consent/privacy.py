"""The consent feature's own personal data, declared like any shop app's (discovered at start-up)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ..app_settings import DEFAULT_RETENTION_DAYS
from ..registry import register
from ..sources import Category, Erasure, LegalBasis, ModelSource, Retention
from .models import ConsentRecord, PolicyAcknowledgement, Subscription


@register
class SubscriptionSource(ModelSource):
    class Meta:
        model = Subscription
        name = "privacy_consent.subscription"
        label = _("Newsletter and marketing subscriptions")
        user_path = "user"
        email_path = "email"
        fields = {"email": None, "channel": None, "topics": None, "status": None, "opt_in": None, "source": None,
                  "created_at": None, "confirmed_at": None, "unsubscribed_at": None}
        category = Category.CONTACT
        purposes = [_("Send the newsletters and offers you asked for")]
        legal_basis = LegalBasis.CONSENT
        origin = _("You, when you subscribed")
        erasure = Erasure.DELETE
        order = 60


@register
class ConsentRecordSource(ModelSource):
    class Meta:
        model = ConsentRecord
        name = "privacy_consent.consentrecord"
        label = _("Cookie consent records")
        user_path = "user"
        fields = {"group": None, "granted": None, "method": None, "policy_version": None, "created_at": None}
        category = Category.INTERNET_ACTIVITY
        purposes = [_("Prove the cookie choices you made")]
        legal_basis = LegalBasis.LEGAL_OBLIGATION
        retention = Retention(days=DEFAULT_RETENTION_DAYS["privacy_consent.consentrecord"], date_field="created_at",
                              reason=_("Proof of consent"))
        origin = _("Your choices on our cookie banner and pages")
        erasure = Erasure.DELETE
        order = 61


@register
class PolicyAcknowledgementSource(ModelSource):
    class Meta:
        model = PolicyAcknowledgement
        name = "privacy_consent.policyacknowledgement"
        label = _("Privacy policy acknowledgements")
        user_path = "user"
        fields = {"policy__version": _("Policy version"), "acknowledged_at": None}
        category = Category.ACCOUNT
        purposes = [_("Record that you reviewed changes to our privacy policy")]
        legal_basis = LegalBasis.LEGAL_OBLIGATION
        origin = _("You, when you reviewed the policy")
        erasure = Erasure.DELETE
        order = 62
