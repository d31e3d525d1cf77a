"""The demo shop's personal data, declared for privacy_center (found at start-up like ``admin.py``).

Every shop model that holds personal data has a source here: what it holds,
why, on which legal basis, who receives it, how long it is kept and what
erasure does. ``Product`` holds none.

Anonymizer names (``redact``, ``placeholder_email``, ``blank``, ``null``) are
those of ``privacy_center.anonymizers``.
"""

from django.utils.translation import gettext_lazy as _

from privacy_center import register
from privacy_center.sources import Category, Erasure, LegalBasis, LegalHold, ModelSource, Retention

from .models import (
    Address,
    CustomerProfile,
    NewsletterSignup,
    Order,
    OrderLine,
    Payment,
    Review,
    SupportMessage,
    VisitLog,
    WishlistItem,
)

BOOKKEEPING_REASON = _(
    "Swedish Bookkeeping Act (Bokföringslagen 7 kap. 2 §): accounting records are kept for 7 years"
)
BOOKKEEPING = LegalHold(reason=BOOKKEEPING_REASON, years=7, date_field="created_at")
PAYMENT_PROVIDER = _("Stripe Payments Europe Ltd. (payment provider)")
CARRIER = _("PostNord Sverige AB (delivery)")
EMAIL_PROVIDER = _("Mailgun Technologies Inc. (e-mail delivery)")
HOSTING = _("Hetzner Online GmbH (hosting)")


@register
class ProfileSource(ModelSource):
    class Meta:
        model = CustomerProfile
        label = _("Customer profile")
        description = _("Your phone number, birth date and the national ID number used for invoice credit checks.")
        user_path = "user"
        fields = {"phone": None, "birth_date": None, "national_id": None, "country": None}
        masked = ["national_id"]
        editable = ["phone", "birth_date", "country"]
        contact = ["phone"]  # contact data in an identity source: changing it needs a re-authentication
        category = Category.IDENTIFIERS
        purposes = [_("Run your customer account"), _("Credit checks before paying by invoice")]
        legal_basis = LegalBasis.CONTRACT
        recipients = [_("Klarna Bank AB (credit checks for invoices)"), HOSTING]
        # No retention of its own: the profile lives as long as the account, and accounts unused
        # for 2 years are erased as a whole, after a warning (PRIVACY_CENTER_INACTIVE_ACCOUNT_*).
        origin = _("You, when you signed up or edited your profile")
        erasure = Erasure.DELETE
        order = 10


@register
class AddressSource(ModelSource):
    class Meta:
        model = Address
        label = _("Address book")
        description = _("Delivery addresses you saved.")
        user_path = "user"
        fields = {"full_name": None, "line1": None, "line2": None, "postcode": None, "city": None,
                  "country": None, "phone": None, "is_default": None}
        editable = ["full_name", "line1", "line2", "postcode", "city", "country", "phone"]
        category = Category.CONTACT
        purposes = [_("Deliver your orders")]
        legal_basis = LegalBasis.CONTRACT
        recipients = [CARRIER]
        origin = _("You, at checkout or in your account")
        erasure = Erasure.DELETE
        order = 11


@register
class OrderSource(ModelSource):
    class Meta:
        model = Order
        label = _("Orders")
        description = _("What you bought, where it went and how much you paid, including orders placed as a guest.")
        user_path = "user"
        email_path = "email"
        fields = {"number": None, "created_at": None, "status": None, "total": None, "email": None,
                  "full_name": None, "phone": None, "line1": None, "line2": None, "postcode": None,
                  "city": None, "country": None, "billing_postcode": None, "ip_address": None}
        category = Category.COMMERCIAL
        purposes = [_("Deliver your order and handle returns"), _("Bookkeeping"),
                    _("Fraud prevention (IP address)")]
        legal_basis = LegalBasis.CONTRACT
        recipients = [PAYMENT_PROVIDER, CARRIER, _("Our accountants (bookkeeping)")]
        retention = Retention(days=7 * 365, date_field="created_at", action="anonymize",
                              reason=_("Bookkeeping law: 7 years"))
        origin = _("You, at checkout")
        erasure = Erasure.ANONYMIZE
        anonymize = {"full_name": "redact", "email": "placeholder_email", "phone": "blank", "line1": "redact",
                     "line2": "blank", "ip_address": "null"}
        legal_hold = BOOKKEEPING
        order_by = "-created_at"
        order = 20


@register
class OrderLineSource(ModelSource):
    class Meta:
        model = OrderLine
        label = _("Order lines")
        description = _("The products on each of your orders.")
        user_path = "order__user"
        email_path = "order__email"
        fields = {"order__number": _("Order number"), "product_name": None, "quantity": None, "unit_price": None}
        category = Category.COMMERCIAL
        purposes = [_("Deliver your order and handle returns"), _("Bookkeeping")]
        legal_basis = LegalBasis.CONTRACT
        recipients = [_("Our accountants (bookkeeping)")]
        retention = Retention(days=7 * 365, date_field="order__created_at", action="anonymize",
                              reason=_("Bookkeeping law: 7 years"))
        origin = _("You, at checkout")
        erasure = Erasure.KEEP
        legal_hold = LegalHold(reason=BOOKKEEPING_REASON, years=7, date_field="order__created_at")
        order = 21


@register
class PaymentSource(ModelSource):
    class Meta:
        model = Payment
        label = _("Payments")
        description = _("How each order was paid. Only the last four digits of a card or account are stored.")
        user_path = "order__user"
        email_path = "order__email"
        fields = {"order__number": _("Order number"), "method": None, "last4": None, "amount": None,
                  "created_at": None}
        category = Category.FINANCIAL
        purposes = [_("Take payment"), _("Bookkeeping"), _("Refunds")]
        legal_basis = LegalBasis.LEGAL_OBLIGATION
        recipients = [PAYMENT_PROVIDER, _("Our accountants (bookkeeping)")]
        # The bookkeeping hold runs to the end of the 7th year, so deletion comes after it.
        retention = Retention(days=8 * 365, date_field="created_at", action="delete",
                              reason=_("Bookkeeping law: 7 years after the end of the year of payment"))
        origin = _("You and our payment provider")
        erasure = Erasure.KEEP
        legal_hold = BOOKKEEPING
        order = 22


@register
class ReviewSource(ModelSource):
    class Meta:
        model = Review
        label = _("Reviews")
        description = _("Product reviews you wrote; shown on the shop under your display name.")
        user_path = "user"
        fields = {"product__name": _("Product"), "created_at": None, "display_name": None, "rating": None,
                  "title": None, "body": None}
        editable = ["display_name", "title", "body"]
        category = Category.USER_CONTENT
        purposes = [_("Show your review to other customers")]
        legal_basis = LegalBasis.CONSENT
        recipients = [HOSTING]
        origin = _("You")
        erasure = Erasure.ANONYMIZE
        anonymize = {"display_name": "redact"}
        order_by = "-created_at"
        order = 30


@register
class WishlistSource(ModelSource):
    class Meta:
        model = WishlistItem
        label = _("Wishlist")
        description = _("Products you saved for later.")
        user_path = "user"
        fields = {"product__name": _("Product"), "added_at": None}
        category = Category.INFERENCES
        purposes = [_("Remember products you like")]
        legal_basis = LegalBasis.CONTRACT
        origin = _("You")
        erasure = Erasure.DELETE
        order = 31


@register
class SupportMessageSource(ModelSource):
    class Meta:
        model = SupportMessage
        label = _("Support messages")
        description = _("What you wrote to customer support and the notes staff made about the case.")
        user_path = "user"
        email_path = "email"
        fields = {"created_at": None, "name": None, "email": None, "subject": None, "body": None,
                  "staff_notes": None}
        category = Category.USER_CONTENT
        purposes = [_("Answer your questions and complaints")]
        legal_basis = LegalBasis.LEGITIMATE_INTERESTS
        recipients = [EMAIL_PROVIDER]
        retention = Retention(days=2 * 365, date_field="created_at", action="delete",
                              reason=_("Support cases are kept 2 years"))
        origin = _("You, and our support staff")
        erasure = Erasure.DELETE
        order_by = "-created_at"
        order = 40


@register
class NewsletterSource(ModelSource):
    class Meta:
        model = NewsletterSignup
        label = _("Newsletter sign-ups")
        user_path = "user"
        email_path = "email"
        fields = {"email": None, "created_at": None, "confirmed_at": None, "source": None}
        category = Category.CONTACT
        purposes = [_("Send you our newsletter")]
        legal_basis = LegalBasis.CONSENT
        recipients = [EMAIL_PROVIDER]
        origin = _("You, on our website")
        erasure = Erasure.DELETE
        order = 41


@register
class VisitLogSource(ModelSource):
    class Meta:
        model = VisitLog
        label = _("Visit log")
        description = _("Pages you opened in our shop, with your IP address and browser.")
        user_path = "user"
        fields = {"created_at": None, "path": None, "ip_address": None, "user_agent": None}
        category = Category.INTERNET_ACTIVITY
        purposes = [_("Fraud prevention"), _("Improve the shop")]
        legal_basis = LegalBasis.LEGITIMATE_INTERESTS
        recipients = [HOSTING]
        retention = Retention(days=90, date_field="created_at", action="delete",
                              reason=_("Visit logs are kept 90 days"))
        origin = _("Your browser")
        erasure = Erasure.DELETE
        order_by = "-created_at"
        order = 50
