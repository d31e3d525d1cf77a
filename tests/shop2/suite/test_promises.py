"""The second shop (its own user model, full_name only) keeps the settings promises too: a retention ceiling
checked over its sources and the app's, and "you may correct your data, except your name"."""

from __future__ import annotations

import pytest
from django.core import checks
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def _ids(code):
    return {m.obj for m in checks.run_checks() if m.id == code}


def test_ceiling_lists_the_shops_and_the_apps_sources(settings):
    settings.PRIVACY_CENTER_MAX_RETENTION_DAYS = 730
    warned = _ids("privacy_center.W050")
    assert "store.invoice" in warned  # bookkeeping 7 years, no law cited in this shop's declaration
    assert "privacy_center.privacyevent" in warned
    settings.PRIVACY_CENTER_RETENTION_DAYS = {"privacy_center.privacyevent": 730}
    assert "privacy_center.privacyevent" not in _ids("privacy_center.W050")


def test_no_name_corrections(settings, ada):
    settings.PRIVACY_CENTER_EDITABLE_FIELDS = {"auth.user": []}
    client = APIClient()
    client.force_login(ada)
    assert client.get(f"/privacy/data/auth.user/{ada.pk}/").status_code == 404
    response = client.patch(f"/api/privacy/data/auth.user/{ada.pk}/", {"full_name": "Ada King"}, format="json")
    assert response.status_code in (400, 404)
    ada.refresh_from_db()
    assert ada.full_name == "Ada Lovelace"
    # The customer's own phone stays correctable: the setting names only the account.
    from tests.shop2.store.models import Customer

    profile = Customer.objects.get(user=ada)
    assert client.get(f"/privacy/data/store.customer/{profile.pk}/").status_code == 200


def test_a_contested_phone_number_is_not_used_until_checked(client, ada, bob):
    """Item 1 on a custom user model: "this is wrong" on My data, then staff find it correct."""
    from privacy_center.services import accuracy
    from privacy_center.services.restriction import exclude_restricted, may_process
    from privacy_center.subjects import Subject
    from tests.shop2.store.models import Customer, Order

    client.force_login(ada)
    profile = Customer.objects.get(user=ada)
    response = client.post("/privacy/data/store.customer/contest/", {
        "contest-row": str(profile.pk), "contest-field": "phone", "contest-note": "Not my number"})
    assert response.status_code == 302
    subject = Subject.for_user(ada)
    assert not may_process(subject, "marketing", source="store.customer")
    assert may_process(subject, "marketing", source="store.order") and may_process(subject, "storage")
    assert may_process(Subject.for_user(bob), "marketing")
    # The orders reached through four hops stay usable; the customers' phone list drops Ada.
    phones = exclude_restricted(Customer.objects.all(), "marketing", user_field="user", source="store.customer")
    assert list(phones) == [Customer.objects.get(user=bob)]
    assert Order.objects.filter(customer__user=ada).exists()
    assert "you contest" in client.get("/privacy/data/store.customer/").content.decode()

    accuracy.resolve(accuracy.open_disputes(subject).get(), "rejected")
    assert may_process(subject, "marketing")
    assert "found it correct" in client.get("/privacy/timeline/").content.decode()


def test_a_rectification_request_restricts_until_completed(ada):
    from privacy_center.requests.services import core
    from privacy_center.services.restriction import may_process
    from privacy_center.subjects import Subject
    from tests.shop2.store.models import Customer

    profile = Customer.objects.get(user=ada)
    req = core.submit_request("rectification", user=ada, verification="reauthentication", proposed_changes=[
        {"source": "store.customer", "pk": profile.pk, "field": "phone", "value": "+46 31 999 99 99"}]).request
    subject = Subject.for_user(ada)
    assert not may_process(subject, "marketing", source="store.customer")
    core.reject(req, reason="The number on file is the one you gave at checkout.")
    assert may_process(subject, "marketing", source="store.customer")


def test_shipments_kept_while_on_their_way(ada, mailoutbox, django_capture_on_commit_callbacks):
    """Item 2 with a callable condition, on a source four hops from the user."""
    import datetime as dt

    from django.utils import timezone
    from django.utils.translation import gettext_lazy as _

    from privacy_center.erasure.models import LegalHoldRecord
    from privacy_center.erasure.services.core import erase_now, schedule_erasure
    from privacy_center.erasure.services.retention import run_retention
    from privacy_center.registry import site
    from privacy_center.sources import LegalHold
    from privacy_center.subjects import Subject
    from tests.shop2.store.models import Shipment
    from tests.shop2.store.privacy import ShipmentSource

    def on_its_way(shipment):
        return shipment.shipped_at > timezone.now() - dt.timedelta(days=14)

    class InTransitKept(ShipmentSource):
        class Meta:
            legal_hold = LegalHold(reason=_("Shipment %(tracking_code)s is kept while it is on its way"),
                                   condition=on_its_way)

    site.register(InTransitKept, replace=True)
    Shipment.objects.filter(order__email="ada@northwind.example").update(
        shipped_at=timezone.now() - dt.timedelta(days=30))
    recent = Shipment.objects.filter(order__email="ada@northwind.example").order_by("pk").last()
    Shipment.objects.filter(pk=recent.pk).update(shipped_at=timezone.now())

    subject = Subject.for_user(ada)
    schedule_erasure(subject, method="test", cooling_off_days=0, notify_on_release=True)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = erase_now(subject, method="test")
    row = next(r for r in outcome.receipt["sources"] if r["name"] == "store.shipment")
    assert row["outcome"]["keep"] == 1 and row["outcome"]["anonymize"] >= 1
    assert f"Shipment {recent.tracking_code} is kept while it is on its way" in row["sentence"]
    assert Shipment.objects.get(pk=recent.pk).recipient_name == "Ada Lovelace"

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        run_retention(now=timezone.now() + dt.timedelta(days=15))
    # The condition is asked now, not at the sweep's date: still on its way today.
    assert Shipment.objects.get(pk=recent.pk).recipient_name == "Ada Lovelace"
    Shipment.objects.filter(pk=recent.pk).update(shipped_at=timezone.now() - dt.timedelta(days=20))
    with django_capture_on_commit_callbacks(execute=True):
        run_retention()
    assert Shipment.objects.get(pk=recent.pk).recipient_name != "Ada Lovelace"
    hold = LegalHoldRecord.objects.get(source="store.shipment")
    assert hold.released_at is not None
    assert [m.to for m in mailoutbox if recent.tracking_code in m.body] == [["ada@northwind.example"]]
