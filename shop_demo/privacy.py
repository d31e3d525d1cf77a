"""The demo shop's personal data, declared for privacy_center (found at start-up like ``admin.py``).

Every shop model that holds personal data has a source here: what it holds,
why, on which legal basis, who receives it, how long it is kept and what
erasure does. ``Product`` holds none.

Anonymizer names (``redact``, ``placeholder_email``, ``blank``, ``null``) are
those of ``privacy_center.anonymizers``.
"""

from django.utils.translation import gettext_lazy as _

from privacy_center import register
from privacy_center.recipients import Event, Recipient, Role, Safeguard
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


# -- recipients ------------------------------------------------------------------------------------
# With SHOP_DEMO_RECIPIENT_WEBHOOK_URL (and _SECRET, "whsec_<base64>") set, every recipient is told by a
# signed webhook to that one URL, so anyone can run a receiver and watch; without them, by e-mail.


class DemoRecipient(Recipient):
    webhook_url_setting = "SHOP_DEMO_RECIPIENT_WEBHOOK_URL"
    webhook_secret_setting = "SHOP_DEMO_RECIPIENT_WEBHOOK_SECRET"


@register
class Klarna(DemoRecipient):
    name = "klarna"
    label = _("Klarna Bank AB (credit checks for invoices)")
    role = Role.CONTROLLER
    purposes = [_("Credit checks before paying by invoice"), _("Invoice payments")]
    data_categories = [_("Name, national ID number and birth date"), _("Billing address and e-mail address")]
    country = "SE"
    safeguard = Safeguard.EEA
    contract = _("Klarna merchant agreement, privacy annex (2025-01)")
    contact = "dpo@klarna.example"
    email = "privacy-requests@klarna.example"
    events = [Event.ERASURE, Event.RECTIFICATION, Event.RESTRICTION, Event.RESTRICTION_LIFTED]


@register
class PostNord(DemoRecipient):
    name = "postnord"
    label = _("PostNord Sverige AB (delivery)")
    role = Role.PROCESSOR
    purposes = [_("Deliver your orders")]
    data_categories = [_("Name and delivery address"), _("Phone number")]
    country = "SE"
    safeguard = Safeguard.EEA
    contract = _("Data processing agreement PN-DPA-2024-117")
    contact = "dataskydd@postnord.example"
    email = "dataskydd@postnord.example"
    events = [Event.ERASURE, Event.RECTIFICATION, Event.RESTRICTION, Event.RESTRICTION_LIFTED]


@register
class Stripe(DemoRecipient):
    name = "stripe"
    label = _("Stripe Payments Europe Ltd. (payment provider)")
    role = Role.PROCESSOR
    purposes = [_("Take payment"), _("Refunds")]
    data_categories = [_("E-mail address and billing postcode"), _("Payment card (handled by Stripe only)")]
    country = "US"
    safeguard = Safeguard.SCC
    safeguard_note = _("Stripe Payments Europe (Ireland) passes data to Stripe, Inc. (USA): EU-US Data Privacy "
                       "Framework certification and standard contractual clauses.")
    contract = _("Stripe Data Processing Agreement (stripe.com/legal/dpa)")
    contact = "dpo@stripe.example"
    email = "privacy@stripe.example"
    events = [Event.ERASURE, Event.RECTIFICATION, Event.RESTRICTION, Event.RESTRICTION_LIFTED]


@register
class Mailgun(DemoRecipient):
    name = "mailgun"
    label = _("Mailgun Technologies Inc. (e-mail delivery)")
    role = Role.PROCESSOR
    purposes = [_("Send our e-mails")]
    data_categories = [_("E-mail address"), _("The e-mails we send you")]
    country = "US"
    safeguard = Safeguard.SCC
    safeguard_note = _("Standard contractual clauses (module 2) and EU-US Data Privacy Framework certification.")
    contract = _("Mailgun Data Processing Addendum (2024)")
    contact = "privacy@mailgun.example"
    email = "privacy@mailgun.example"
    # It sends what we tell it to: an objection or opt-out changes what we send, not what it does.
    events = [Event.ERASURE, Event.RECTIFICATION, Event.RESTRICTION, Event.RESTRICTION_LIFTED]


@register
class Hetzner(DemoRecipient):
    name = "hetzner"
    label = _("Hetzner Online GmbH (hosting)")
    role = Role.PROCESSOR
    purposes = [_("Host the shop's servers and database")]
    data_categories = [_("Everything the shop stores (encrypted disks)")]
    country = "DE"
    safeguard = Safeguard.EEA
    contract = _("Hetzner order processing agreement (Art. 28 GDPR), signed 2023-09-12")
    contact = "data-protection@hetzner.example"
    # It holds our database, which the erasure itself changes: nothing to tell it.
    events = []


@register
class Accountants(DemoRecipient):
    name = "accountants"
    label = _("Our accountants (bookkeeping)")
    role = Role.PROCESSOR
    purposes = [_("Bookkeeping")]
    data_categories = [_("Order numbers, names and amounts on invoices")]
    country = "SE"
    safeguard = Safeguard.EEA
    contract = _("Engagement letter with Ek & Partners Redovisning AB, privacy annex")
    contact = "Ek & Partners Redovisning AB, +46 8 123 45 67"
    # They take the books on paper exports: our staff tell them by hand (a task in the admin).
    webhook_url_setting = ""
    email = ""
    events = [Event.ERASURE, Event.RECTIFICATION]


@register
class GoogleAds(DemoRecipient):
    name = "google_ads"
    label = _("Google Ireland Ltd. (Google Ads)")
    role = Role.CONTROLLER
    purposes = [_("Measure which ads led to a purchase")]
    data_categories = [_("Cookie id and pages visited, with your consent")]
    country = "IE"
    safeguard = Safeguard.EEA
    safeguard_note = _("Google LLC (USA) receives data under the EU-US Data Privacy Framework.")
    contract = _("Google Ads Controller-Controller Data Protection Terms")
    contact = "https://support.google.com/policies/contact/general_privacy_form"
    email = "ads-privacy@google.example"
    events = [Event.CONSENT_WITHDRAWN, Event.OPT_OUT_SALE, Event.OBJECTION]
    consent_groups = ["marketing"]


@register
class MetaAds(DemoRecipient):
    name = "meta"
    label = _("Meta Platforms Ireland Ltd. (Facebook and Instagram ads)")
    role = Role.CONTROLLER
    purposes = [_("Show you our offers on Facebook and Instagram")]
    data_categories = [_("Cookie id and pages visited, with your consent")]
    country = "IE"
    safeguard = Safeguard.EEA
    safeguard_note = _("Meta Platforms, Inc. (USA) receives data under the EU-US Data Privacy Framework.")
    contract = _("Meta Business Tools Terms and Controller Addendum")
    contact = "https://www.facebook.com/help/contact/540977946302970"
    email = "ads-privacy@meta.example"
    events = [Event.CONSENT_WITHDRAWN, Event.OPT_OUT_SALE, Event.OBJECTION]
    consent_groups = ["marketing"]


PAYMENT_PROVIDER = "stripe"
CARRIER = "postnord"
EMAIL_PROVIDER = "mailgun"
HOSTING = "hetzner"
ACCOUNTANTS = "accountants"


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
        recipients = ["klarna", HOSTING]
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
        recipients = [PAYMENT_PROVIDER, CARRIER, ACCOUNTANTS]
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
        recipients = [ACCOUNTANTS]
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
        recipients = [PAYMENT_PROVIDER, ACCOUNTANTS]
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
        # A customer removes their reviews from My data without deleting the account (§ 22581); a review
        # cannot exist without its author here (Review.user is required), so removal deletes it.
        user_content = True
        remove = "delete"
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
