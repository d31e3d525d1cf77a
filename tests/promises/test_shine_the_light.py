"""Shine the Light (Cal. Civ. Code § 1798.83): the third parties that received a customer's personal information
for their own direct marketing in the preceding calendar year, with their addresses and the categories, once per
calendar year, answered within 30 days under the CCPA regime."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacy_center import register
from privacy_center.recipients import Recipient, Role
from privacy_center.requests.models import PrivacyRequest, RequestType, Status
from privacy_center.sources import Category, ModelSource, Retention
from shop_demo.models import Order

pytestmark = pytest.mark.django_db
STL = RequestType.SHINE_THE_LIGHT


@pytest.fixture
def catalogue_partner():
    @register
    class CataloguePartner(Recipient):
        name = "catalogue_partner"
        label = _("Maker Catalogue Co.")
        role = Role.THIRD_PARTY
        purposes = [_("Their own direct marketing of maker supplies")]
        data_categories = [_("Name and postal address"), _("Products bought")]
        direct_marketing = True
        address = "100 Congress Ave, Austin, TX 78701, USA"
        marketing_examples = _("printed catalogues of maker supplies")

    @register
    class MarketingOrders(ModelSource):
        class Meta:
            model = Order
            name = "test.marketing_orders"
            user_path = "user"
            email_path = "email"
            fields = {"number": None, "full_name": None}
            category = Category.COMMERCIAL
            retention = Retention(days=730, date_field="created_at")  # dated rows: what was held last year
            recipients = ["catalogue_partner", "postnord"]  # postnord: a processor, never named here

    return CataloguePartner


def _last_year() -> dt.datetime:
    now = timezone.localtime()
    return now.replace(year=now.year - 1, month=6, day=15)


def test_names_addresses_and_categories_of_last_year(catalogue_partner, customer, make_order, make_request):
    make_order(user=customer, created_at=_last_year())
    req = make_request(STL, user=customer)
    assert req.status == Status.COMPLETED
    year = timezone.localdate().year - 1
    assert f"for their own direct marketing in {year}" in req.outcome
    assert "Maker Catalogue Co., 100 Congress Ave, Austin, TX 78701, USA" in req.outcome
    assert "Name and postal address; Products bought" in req.outcome
    assert "They market: printed catalogues of maker supplies" in req.outcome
    assert "PostNord" not in req.outcome and "Klarna" not in req.outcome  # not direct marketing
    # Honest about its basis: declarations, not a log of disclosures.
    assert "based on what our records declare" in req.outcome
    done = [m for m in mail.outbox if req.reference in m.subject and "Maker Catalogue Co." in m.body]
    assert done, "the answer is sent in writing"


def test_data_held_only_this_year_was_not_disclosed_last_year(catalogue_partner, customer, make_order,
                                                               make_request):
    make_order(user=customer)  # this year
    req = make_request(STL, user=customer)
    assert "did not disclose your personal information to third parties" in req.outcome
    assert "Maker Catalogue" not in req.outcome


def test_once_per_calendar_year(client, catalogue_partner, customer, make_order, make_request):
    make_order(user=customer, created_at=_last_year())
    first = make_request(STL, user=customer)
    assert first.status == Status.COMPLETED
    # A logged-in customer is told before filing.
    client.force_login(customer)
    page = client.post("/privacy/requests/new/", {"type": STL}).content.decode()
    assert "We already answered your Shine the Light request" in page and first.reference in page
    assert PrivacyRequest.objects.filter(type=STL).count() == 1
    # Any other way in (a guest's form, the API, an agent) files it and it is declined with the reason.
    second = make_request(STL, user=customer, verification="session")
    second.refresh_from_db()
    assert second.status == Status.REJECTED
    assert "the law asks us to answer it once a year" in second.outcome
    assert any("declined" in m.subject and second.reference in m.subject for m in mail.outbox)
    # A request filed last year does not count against this year.
    PrivacyRequest.objects.filter(pk=first.pk).update(received_at=_last_year())
    third = make_request(STL, user=customer)
    assert third.status == Status.COMPLETED


def test_another_customer_is_not_limited_by_someone_elses_answer(catalogue_partner, customer, other_customer,
                                                                 make_request):
    make_request(STL, user=customer)
    assert make_request(STL, user=other_customer).status == Status.COMPLETED


def test_thirty_day_clock_under_the_ccpa(settings, customer, make_request):
    from privacy_center.requests.services.core import submit_request

    req = submit_request(STL, user=customer, country="US-CA", verification="session").request
    assert "ccpa" in req.regimes
    thirty = timezone.localdate(req.received_at) + dt.timedelta(days=30)
    # 30 days, moved off a California holiday (Saturdays included) as the CCPA regime counts.
    assert thirty <= req.legal_due_at <= thirty + dt.timedelta(days=4)
    from privacy_center import regimes

    ccpa_access = regimes.compute_deadline(["ccpa"], req.received_at, "access")
    assert regimes.compute_deadline(["ccpa"], req.received_at, STL).due < ccpa_access.due  # not the CCPA's 45


def test_a_direct_marketing_recipient_needs_an_address():
    from privacy_center.checks import check_recipients

    @register
    class Nameless(Recipient):
        name = "nameless_marketer"
        direct_marketing = True

    assert "privacy_center.E043" in [m.id for m in check_recipients(None)]
