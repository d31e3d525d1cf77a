"""The Texas shop shares newsletter sign-ups with a catalogue partner that markets to them itself: a
Shine the Light recipient (Cal. Civ. Code § 1798.83). It keeps orders two years, as its policy promises, not
under the Swedish bookkeeping hold the demo declares: it re-declares those three sources without it."""

from django.utils.translation import gettext_lazy as _

from privacy_center import register, site
from privacy_center.recipients import Recipient, Role
from privacy_center.sources import Category, LegalBasis, ModelSource, Retention
from shop_demo.models import NewsletterSignup
from shop_demo.privacy import OrderLineSource, OrderSource, PaymentSource

TWO_YEARS = _("Two years, as our policy promises")

for _name in ("shop_demo.order", "shop_demo.orderline", "shop_demo.payment"):
    site.unregister(_name)


@register
class TexasOrderSource(OrderSource):
    class Meta:
        legal_hold = None
        retention = Retention(days=730, date_field="created_at", action="anonymize", reason=TWO_YEARS)


@register
class TexasOrderLineSource(OrderLineSource):
    class Meta:
        legal_hold = None
        retention = Retention(days=730, date_field="order__created_at", action="anonymize", reason=TWO_YEARS)


@register
class TexasPaymentSource(PaymentSource):
    class Meta:
        legal_hold = None
        retention = Retention(days=730, date_field="created_at", action="delete", reason=TWO_YEARS)


@register
class MakerMailCo(Recipient):
    name = "maker_mail_co"
    label = _("Maker Mail Co.")
    role = Role.THIRD_PARTY
    purposes = [_("Their own catalogues of maker supplies")]
    data_categories = [_("Name and e-mail address")]
    country = "US"
    direct_marketing = True
    address = "200 Congress Ave, Austin, TX 78701, USA"
    marketing_examples = _("catalogues of maker supplies")
    email = "privacy@makermail.example"


@register
class PartnerSharingSource(ModelSource):
    class Meta:
        model = NewsletterSignup
        name = "texas.partner_sharing"
        label = _("Newsletter sign-ups shared with partners")
        user_path = "user"
        email_path = "email"
        fields = {"email": None, "created_at": None}
        category = Category.CONTACT
        purposes = [_("Partners' own direct marketing (you can opt out)")]
        legal_basis = LegalBasis.CONSENT
        recipients = ["maker_mail_co"]
        retention = Retention(days=730, date_field="created_at", reason=_("Two years, as our policy promises"))
