"""The Swedish shop keeps an order's invoice while it is unpaid (a conditional legal hold), beside the
demo's 7-year bookkeeping hold."""

from django.utils.translation import gettext_lazy as _

from privacy_center import register
from privacy_center.sources import Category, Erasure, LegalBasis, LegalHold, ModelSource
from shop_demo.models import Order


@register
class UnpaidInvoiceSource(ModelSource):
    class Meta:
        model = Order
        name = "sweden.invoices"
        label = _("Invoices")
        user_path = "user"
        email_path = "email"
        fields = {"number": None, "total": None, "status": None}
        category = Category.FINANCIAL
        purposes = [_("Collect payment of invoices")]
        legal_basis = LegalBasis.CONTRACT
        erasure = Erasure.ANONYMIZE
        anonymize = {"full_name": "redact"}
        legal_hold = LegalHold(reason=_("Invoice %(number)s is kept while it is unpaid"),
                               condition={"status": "placed"})
