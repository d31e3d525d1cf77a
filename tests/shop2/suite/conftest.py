"""Fixtures of the second shop: customers with orders, shipments, invoices and notes, and a guest order."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.utils import timezone

PASSWORD = "correct-horse-battery-staple"
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _private_storage(tmp_path, settings):
    from django.core.files.storage import storages

    settings.STORAGES = {**settings.STORAGES, "privacy_center": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None}}}
    storages._storages.pop("privacy_center", None)
    yield
    storages._storages.pop("privacy_center", None)


def place_order(email, customer=None, name="", days_ago=0, shipments=1):
    from tests.shop2.store.models import Invoice, Note, Order, Shipment

    n = next(_numbers)
    order = Order.objects.create(
        customer=customer, email=email, reference=f"NW-{n:05d}", shipping_name=name,
        shipping_street=f"{n} Kungsgatan", shipping_city="Göteborg", total=Decimal("249.00"),
        ip_address=f"192.0.2.{n % 250 + 1}", placed_at=timezone.now() - dt.timedelta(days=days_ago),
    )
    for i in range(shipments):
        shipment = Shipment.objects.create(order=order, carrier="Northwind Freight", tracking_code=f"TR{n}-{i}",
                                           recipient_name=name, delivery_notes=f"Leave at {name}'s back door")
        Note.objects.create(shipment=shipment, author_name="Courier Carl", text=f"{name} was not home")
    Invoice.objects.create(order=order, number=f"INV-{n:05d}", billing_name=name)
    return order


@pytest.fixture
def make_shopper(db):
    """``make_shopper(email, name)``: a user with a profile and two orders (one shipped twice)."""
    from tests.shop2.store.models import Customer, User

    def factory(email, name, phone="+46 31 123 45 67"):
        user = User.objects.create_user(email, PASSWORD, full_name=name)
        customer = Customer.objects.create(user=user, phone=phone)
        place_order(email, customer, name, days_ago=30, shipments=2)
        place_order(email, customer, name, days_ago=3)
        return user

    return factory


@pytest.fixture
def ada(make_shopper):
    """Ada, who ordered once as a guest before she registered with the same address."""
    place_order("ada@northwind.example", None, "Ada Lovelace", days_ago=400)
    return make_shopper("ada@northwind.example", "Ada Lovelace")


@pytest.fixture
def bob(make_shopper):
    return make_shopper("bob@northwind.example", "Bob Builder", phone="+46 31 765 43 21")


@pytest.fixture
def verified(db):
    """``verified(user)``: what ``privacy_verify_existing_emails`` gives an existing customer."""
    from allauth.account.models import EmailAddress

    def do(user):
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        return user

    return do
