"""The requests feature's own personal data, declared like any app's (found by the registry's autodiscover)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ..app_settings import app_settings
from ..declarations import Category, Erasure, LegalBasis, LegalHold, Retention
from ..registry import register
from ..sources import ModelSource
from .models import PrivacyRequest, ProofAttachment, RequestMessage
from .services.maintenance import purge_cutoff, purge_ids

RECORDS_KEPT = _("Records of privacy requests are kept 24 months after they close (CCPA regulations § 7101)")
RECORDS_LAW = "Cal. Code Regs. tit. 11, § 7101(a)"


class _RequestRecords:
    """Requests, their messages and proofs last ``PRIVACY_CENTER_REQUEST_RETENTION_MONTHS`` after they close
    (at least 24, the law's minimum): the purge's own clock, so the ceiling check reads what really happens."""

    def configured_retention_days(self) -> int | None:
        return -(-app_settings.REQUEST_RETENTION_MONTHS * 61 // 2)  # 24 months: 732 days, a leap year included


@register
class PrivacyRequestSource(_RequestRecords, ModelSource):
    class Meta:
        model = PrivacyRequest
        name = "privacy_requests.privacyrequest"
        label = _("Your privacy requests")
        description = _("Requests you filed with us, how we verified you and what we did.")
        user_path = "user"
        email_path = "email"
        fields = {
            "reference": None, "type": None, "status": None, "received_at": None, "due_at": None, "email": None,
            "name": None, "country": None, "details": None, "agent_name": None, "agent_email": None,
            "agent_relationship": None, "verification_method": None, "extension_reason": None, "outcome": None,
            "closed_at": None,
        }
        category = Category.ACCOUNT
        purposes = [_("Handle your privacy requests and show that we did")]
        legal_basis = LegalBasis.LEGAL_OBLIGATION
        retention = Retention(days=2 * 366, date_field="closed_at", action="delete", reason=RECORDS_KEPT,
                              law=RECORDS_LAW)
        origin = _("You, or an agent you authorized")
        erasure = Erasure.KEEP
        legal_hold = LegalHold(reason=RECORDS_KEPT, days=2 * 366, date_field="closed_at", law=RECORDS_LAW,
                               from_retention=True)
        order_by = "-received_at"
        order = 85

    def delete_rows(self, queryset) -> int:
        """Requests leave only through the purge (with their append-only events, messages and proofs), and
        only once closed before the retention cutoff; any other row of ``queryset`` stays."""
        ids = list(PrivacyRequest.objects.closed().filter(pk__in=queryset.values("pk"), closed_at__lt=purge_cutoff())
                   .values_list("pk", flat=True))
        return purge_ids(ids)


@register
class RequestMessageSource(_RequestRecords, ModelSource):
    class Meta:
        model = RequestMessage
        name = "privacy_requests.requestmessage"
        label = _("Messages about your privacy requests")
        user_path = "request__user"
        email_path = "request__email"
        fields = {"request__reference": _("Request"), "from_staff": None, "body": None, "created_at": None}
        category = Category.USER_CONTENT
        purposes = [_("Handle your privacy requests and show that we did")]
        legal_basis = LegalBasis.LEGAL_OBLIGATION
        retention = Retention(days=2 * 366, date_field="request__closed_at", action="delete", reason=RECORDS_KEPT,
                              law=RECORDS_LAW)
        origin = _("You and our staff")
        erasure = Erasure.KEEP
        legal_hold = LegalHold(reason=RECORDS_KEPT, days=2 * 366, date_field="request__closed_at", law=RECORDS_LAW,
                               from_retention=True)
        order_by = "-created_at"
        order = 86


@register
class ProofAttachmentSource(_RequestRecords, ModelSource):
    class Meta:
        model = ProofAttachment
        name = "privacy_requests.proofattachment"
        label = _("Proof files for your privacy requests")
        description = _("Files sent to prove who you are or that an agent may act for you; deleted when the "
                        "request closes.")
        user_path = "request__user"
        email_path = "request__email"
        fields = {"request__reference": _("Request"), "original_name": None, "content_type": None, "size": None,
                  "uploaded_at": None}
        category = Category.ACCOUNT
        purposes = [_("Verify who you are, or that an agent may act for you")]
        legal_basis = LegalBasis.LEGAL_OBLIGATION
        origin = _("You, or an agent you authorized")
        erasure = Erasure.KEEP
        legal_hold = LegalHold(reason=RECORDS_KEPT, days=2 * 366, date_field="request__closed_at", law=RECORDS_LAW,
                               from_retention=True)
        order_by = "-uploaded_at"
        order = 87
