"""Fixtures shared by every feature's tests.

Factories (``make_user``, ``make_order`` ...) make data; ``reauthenticate``
performs allauth's real re-authentication; the registry and caches are reset
around every test.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from decimal import Decimal

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct-horse-battery-staple"
IN_CI = os.environ.get("CI") == "true"


@pytest.fixture(autouse=True)
def _reset_registry_and_caches():
    from django.core.cache import caches

    from privacy_center.registry import site

    saved = dict(site._registry)
    yield
    site._registry.clear()
    site._registry.update(saved)
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _private_storage(tmp_path, settings):
    """Each test writes exports and proofs to its own private folder."""
    settings.STORAGES = {
        **settings.STORAGES,
        "privacy_center": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
    settings.SHOP_DEMO_VISIT_LOG = False
    from django.core.files.storage import storages

    storages._storages.pop("privacy_center", None)
    yield
    storages._storages.pop("privacy_center", None)


_counter = itertools.count(1)


@pytest.fixture
def make_user(db):
    """``make_user(email=None, password=PASSWORD, verified=True, phone=..., **profile)``."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    from shop_demo.models import CustomerProfile

    def factory(email: str | None = None, password: str = PASSWORD, verified: bool = True, **profile):
        n = next(_counter)
        email = email or f"customer{n}@example.com"
        user = get_user_model().objects.create_user(
            username=f"user{n}", email=email, password=password, first_name="Test", last_name=f"Customer{n}"
        )
        EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
        profile.setdefault("phone", f"+46 70 {n:03d} 12 34")
        profile.setdefault("birth_date", dt.date(1990, 5, 17))
        profile.setdefault("national_id", f"19900517-{n:04d}")
        CustomerProfile.objects.create(user=user, **profile)
        return user

    return factory


@pytest.fixture
def customer(make_user):
    return make_user(email="ada@example.com")


@pytest.fixture
def other_customer(make_user):
    return make_user(email="bob@example.com")


@pytest.fixture
def product(db):
    from shop_demo.models import Product

    return Product.objects.create(name="PLA filament 1.75 mm, black", slug=f"pla-black-{next(_counter)}",
                                  material="pla", price=Decimal("24.90"))


@pytest.fixture
def make_order(db, product):
    """``make_order(user=None, email=None, lines=1, **fields)``: a paid order with lines and a payment."""
    from django.utils import timezone

    from shop_demo.models import Order, OrderLine, Payment

    def factory(user=None, email: str | None = None, lines: int = 1, **fields):
        n = next(_counter)
        fields.setdefault("created_at", timezone.now())
        order = Order.objects.create(
            number=f"FF-{100000 + n}", user=user, email=email or (user.email if user else f"guest{n}@example.com"),
            full_name=fields.pop("full_name", "Ada Lovelace"), phone="+46 70 123 45 67", line1="Storgatan 1",
            city="Uppsala", postcode="753 20", billing_postcode="753 20", ip_address="192.0.2.10",
            total=Decimal("24.90") * lines, status="paid", **fields,
        )
        OrderLine.objects.bulk_create(
            OrderLine(order=order, product=product, product_name=product.name, quantity=1, unit_price=product.price)
            for _ in range(lines)
        )
        Payment.objects.create(order=order, method="card", last4="4242", amount=order.total,
                               created_at=order.created_at)
        return order

    return factory


@pytest.fixture
def reauthenticate():
    """``reauthenticate(client, password=PASSWORD)``: allauth's real re-authentication step."""

    def do(client, password: str = PASSWORD):
        response = client.post("/accounts/reauthenticate/", {"password": password})
        assert response.status_code in (200, 302), response.status_code
        return response

    return do


@pytest.fixture
def logged_in_client(client, customer):
    client.force_login(customer)
    return client
