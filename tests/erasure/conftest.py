"""Fixtures for erasure tests: a customer with data in every shop source, and moving time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone


@pytest.fixture
def shop_customer(customer, make_order, product):
    """``customer`` with two orders (one as a guest with the same address), a review, a wishlist item,
    an address, a support message, a newsletter sign-up and visits."""
    from shop_demo.models import Address, NewsletterSignup, Review, SupportMessage, VisitLog, WishlistItem

    now = timezone.now()
    make_order(user=customer, created_at=now - dt.timedelta(days=400), lines=2)
    make_order(user=customer, created_at=now - dt.timedelta(days=10))
    make_order(user=None, email="ADA@example.com", created_at=now - dt.timedelta(days=20))
    Address.objects.create(user=customer, full_name="Ada Lovelace", line1="Storgatan 1", city="Uppsala",
                           postcode="753 20")
    Review.objects.create(user=customer, product=product, display_name="Ada L.", rating=5, title="Great",
                          body="Prints well", created_at=now)
    WishlistItem.objects.create(user=customer, product=product)
    SupportMessage.objects.create(user=customer, name="Ada", email=customer.email, subject="Where is my order?",
                                  body="Hello", created_at=now)
    NewsletterSignup.objects.create(user=customer, email=customer.email, created_at=now, confirmed_at=now)
    VisitLog.objects.bulk_create(
        VisitLog(user=customer, ip_address="203.0.113.7", user_agent="Firefox", path=f"/shop/{i}/",
                 created_at=now - dt.timedelta(days=i))
        for i in range(5)
    )
    return customer


@pytest.fixture
def bystander(other_customer, make_order):
    """Another customer with an order, a visit and a review: erasing ``customer`` must not touch them."""
    from shop_demo.models import VisitLog

    make_order(user=other_customer, full_name="Bob Builder")
    VisitLog.objects.create(user=other_customer, ip_address="198.51.100.1", path="/", created_at=timezone.now())
    return other_customer


class Clock:
    """Moves ``django.utils.timezone.now`` forward for the code under test."""

    def __init__(self, monkeypatch):
        self.monkeypatch = monkeypatch
        self.offset = dt.timedelta()
        real_now = timezone.now

        def now():
            return real_now() + self.offset

        monkeypatch.setattr(timezone, "now", now)

    def advance(self, **delta) -> None:
        self.offset += dt.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)
