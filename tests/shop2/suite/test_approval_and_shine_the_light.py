"""Staff approval and Shine the Light on the second shop (an e-mail-only user model, orders through a profile)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacy_center import register
from privacy_center.models import Export
from privacy_center.recipients import Recipient, Role
from privacy_center.requests.models import RequestEvent, Status
from privacy_center.requests.services import core, staff
from privacy_center.sources import Category, ModelSource, Retention
from tests.shop2.store.models import Order, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(db):
    user = User.objects.create_user("officer@northwind.example", "x" * 12, is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="process_privacyrequest"))
    return User.objects.get(pk=user.pk)


def test_a_copy_waits_for_staff_approval_then_is_made(settings, ada, officer):
    settings.PRIVACY_CENTER_REQUEST_TYPES = {"access": {"staff_approval": True}}
    req = core.submit_request("access", user=ada, verification="session").request
    assert req.status == Status.VERIFIED and not Export.objects.filter(user=ada).exists()
    staff.perform(req, "approve", actor=officer)
    assert req.events.filter(kind=RequestEvent.Kind.APPROVED).exists()
    assert Export.objects.filter(user=ada).exists()


def test_shine_the_light_names_the_marketing_partner(ada, verified):
    verified(ada)  # her guest order is reached through her verified address
    @register
    class Catalogue(Recipient):
        name = "northwind_catalogue"
        label = _("Northwind Catalogue Partners")
        role = Role.THIRD_PARTY
        data_categories = [_("Name and postal address")]
        direct_marketing = True
        address = "Box 12, 411 01 Göteborg, Sweden"

    @register
    class SharedOrders(ModelSource):
        class Meta:
            model = Order
            name = "store.shared_orders"
            user_path = "customer__user"
            email_path = "email"
            fields = ["reference", "shipping_name"]
            category = Category.COMMERCIAL
            retention = Retention(days=730, date_field="placed_at")
            recipients = ["northwind_catalogue"]

    req = core.submit_request("shine_the_light", user=ada, verification="session").request
    req.refresh_from_db()
    year = timezone.localdate().year - 1
    assert req.status == Status.COMPLETED
    # Ada's guest order of 400 days ago was held last year; it reached the partner.
    assert f"in {year}" in req.outcome and "Northwind Catalogue Partners, Box 12, 411 01 Göteborg" in req.outcome
