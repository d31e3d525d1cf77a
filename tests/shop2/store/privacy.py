"""Northwind Goods' personal data. The profile source is declared first and sorts first on purpose: the
erasure must be correct whatever the order (deleting the profile sets ``Order.customer`` to NULL)."""

from django.utils.translation import gettext_lazy as _

from privacy_center import register, site
from privacy_center.recipients import Event, Recipient, Role, Safeguard
from privacy_center.sources import Category, Erasure, LegalBasis, LegalHold, ModelSource

from .models import Customer, Invoice, Note, Order, Question, Shipment

BOOKS = LegalHold(reason=_("Bookkeeping law: 7 years"), years=7, date_field="placed_at")


@register
class Freight(Recipient):
    """The carrier: a webhook when NORTHWIND_FREIGHT_WEBHOOK_URL/_SECRET are set, else e-mail."""

    name = "northwind_freight"
    label = _("Northwind Freight (delivery)")
    role = Role.PROCESSOR
    purposes = [_("Deliver your order")]
    data_categories = [_("Name and delivery notes")]
    country = "NO"
    safeguard = Safeguard.EEA
    contract = _("Freight DPA 2025-04")
    contact = "privacy@freight.northwind.example"
    email = "privacy@freight.northwind.example"
    webhook_url_setting = "NORTHWIND_FREIGHT_WEBHOOK_URL"
    webhook_secret_setting = "NORTHWIND_FREIGHT_WEBHOOK_SECRET"
    events = [Event.ERASURE, Event.RECTIFICATION, Event.RESTRICTION, Event.RESTRICTION_LIFTED]


@register
class CustomerSource(ModelSource):
    class Meta:
        model = Customer
        user_path = "user"
        fields = {"phone": None, "member_since": None}
        editable = ["phone"]
        category = Category.CONTACT
        purposes = [_("Run your customer account")]
        erasure = Erasure.DELETE
        order = 1


@register
class OrderSource(ModelSource):
    class Meta:
        model = Order
        user_path = "customer__user"
        email_path = "email"
        fields = {"reference": None, "placed_at": None, "total": None, "email": None, "shipping_name": None,
                  "shipping_street": None, "shipping_city": None, "ip_address": None}
        category = Category.COMMERCIAL
        purposes = [_("Deliver your order"), _("Bookkeeping")]
        legal_basis = LegalBasis.CONTRACT
        erasure = Erasure.ANONYMIZE
        anonymize = {"email": "placeholder_email", "shipping_name": "redact", "shipping_street": "redact",
                     "ip_address": "null"}
        legal_hold = BOOKS
        order = 2


@register
class ShipmentSource(ModelSource):
    class Meta:
        model = Shipment
        user_path = "order__customer__user"
        email_path = "order__email"
        fields = {"order__reference": _("Order"), "carrier": None, "tracking_code": None, "recipient_name": None,
                  "delivery_notes": None, "shipped_at": None}
        category = Category.COMMERCIAL
        purposes = [_("Deliver your order")]
        recipients = ["northwind_freight"]
        erasure = Erasure.ANONYMIZE
        anonymize = {"recipient_name": "redact", "delivery_notes": "blank"}
        order = 3


@register
class InvoiceSource(ModelSource):
    class Meta:
        model = Invoice
        user_path = "order__customer__user"
        email_path = "order__email"
        fields = {"number": None, "billing_name": None, "issued_at": None}
        category = Category.FINANCIAL
        purposes = [_("Bookkeeping")]
        legal_basis = LegalBasis.LEGAL_OBLIGATION
        erasure = Erasure.ANONYMIZE
        anonymize = {"billing_name": "redact"}
        legal_hold = LegalHold(reason=_("Bookkeeping law: 7 years"), years=7, date_field="issued_at")
        order = 4


@register
class NoteSource(ModelSource):
    class Meta:
        model = Note
        user_path = "shipment__order__customer__user"
        email_path = "shipment__order__email"
        fields = {"shipment__tracking_code": _("Shipment"), "text": None}
        category = Category.USER_CONTENT
        purposes = [_("Deliver your order")]
        erasure = Erasure.DELETE
        order = 5


@register
class QuestionSource(ModelSource):
    """Questions the customer asked on product pages: they may remove them (anonymized: the question stays for
    the answers under it, no longer tied to them)."""

    class Meta:
        model = Question
        user_path = "author"
        fields = {"product": None, "display_name": None, "text": None, "posted_at": None}
        editable = ["display_name", "text"]
        category = Category.USER_CONTENT
        purposes = [_("Show your question and its answers to other customers")]
        legal_basis = LegalBasis.CONSENT
        erasure = Erasure.ANONYMIZE
        anonymize = {"display_name": "redact"}
        user_content = True
        remove = "anonymize"
        order = 6


site.ignore("store.note.author_name", "the courier who wrote the note, a member of staff, not the customer")
