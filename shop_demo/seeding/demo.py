"""The two demo logins printed by ``seed_demo``: a customer with some history and a staff superuser.

Created idempotently: running again finds them, resets their passwords to the
documented ones if changed, and adds nothing twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ..models import Address, CustomerProfile, Order, OrderLine, Payment, Product, Review, VisitLog, WishlistItem

CUSTOMER_EMAIL = "customer@example.com"
CUSTOMER_PASSWORD = "demo-customer-2026"
STAFF_EMAIL = "staff@example.com"
STAFF_PASSWORD = "demo-staff-2026"


@dataclass(frozen=True)
class Login:
    role: str
    email: str
    password: str


def _user(email: str, password: str, **fields):
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if created:
        user = User(username=email.split("@")[0] + "-demo", email=email, **fields)
        user.set_password(password)
        user.save()
    elif not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user, created


def ensure_demo_accounts(products: list[Product], now: dt.datetime | None = None) -> list[Login]:
    now = now or timezone.now()
    with transaction.atomic():
        customer, created = _user(CUSTOMER_EMAIL, CUSTOMER_PASSWORD, first_name="Ada", last_name="Lindqvist")
        if created:
            _customer_history(customer, products, now)
        _user(STAFF_EMAIL, STAFF_PASSWORD, first_name="Sam", last_name="Staff", is_staff=True, is_superuser=True)
    return [Login("customer", CUSTOMER_EMAIL, CUSTOMER_PASSWORD), Login("staff", STAFF_EMAIL, STAFF_PASSWORD)]


DEMO_POLICY_VERSION = "2026-01"


def ensure_privacy_policy() -> str:
    """The demo publishes a privacy policy version, so the notice, consent records and receipts name it."""
    from privacy_center.consent.models import PrivacyPolicy

    PrivacyPolicy.objects.get_or_create(version=DEMO_POLICY_VERSION, defaults={
        "effective_at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        "summary": "First published version for the demo shop.",
        "content": ("Filament & Form AB sells 3D-printing supplies. We use your data to deliver your orders, keep "
                    "our books, and, only if you agree, send newsletters and measure our site. The privacy pages "
                    "list every kind of data we hold, why, for how long and who receives it."),
    })
    return DEMO_POLICY_VERSION


def _customer_history(user, products: list[Product], now: dt.datetime) -> None:
    CustomerProfile.objects.update_or_create(user=user, defaults={
        "phone": "+46 70 555 01 23", "birth_date": dt.date(1988, 4, 12), "national_id": "19880412-3456",
        "country": "SE"})
    home = Address.objects.create(user=user, full_name="Ada Lindqvist", line1="Sveavägen 12", city="Stockholm",
                                  postcode="111 57", country="SE", phone="+46 70 555 01 23", is_default=True)
    Address.objects.create(user=user, full_name="Ada Lindqvist", line1="Kungsgatan 3", line2="c/o Makerspace",
                           city="Uppsala", postcode="753 21", country="SE")
    if not products:
        return
    for i in range(5):
        picks = [products[(i * 3 + k) % len(products)] for k in range(1 + i % 3)]
        created_at = now - dt.timedelta(days=30 * i + 2)
        total = sum((p.price for p in picks), Decimal("0.00"))
        order = Order.objects.create(
            number=f"FF-DEMO-{i + 1:04d}", user=user, email=user.email, full_name=home.full_name, phone=home.phone,
            line1=home.line1, city=home.city, postcode=home.postcode, billing_postcode=home.postcode,
            country="SE", ip_address="198.51.100.23", status=Order.Status.DELIVERED if i else Order.Status.PAID,
            total=total, created_at=created_at)
        OrderLine.objects.bulk_create(OrderLine(order=order, product=p, product_name=p.name, quantity=1,
                                                unit_price=p.price) for p in picks)
        Payment.objects.create(order=order, method="card", last4="4242", amount=total, created_at=created_at)
    for i, product in enumerate(products[:2]):
        Review.objects.create(user=user, product=product, display_name="Ada L.", rating=5 - i,
                              title="Reliable and clean prints",
                              body="Printed a whole set of gears without a single failed layer.",
                              created_at=now - dt.timedelta(days=20 + i))
    for product in products[2:4]:
        WishlistItem.objects.get_or_create(user=user, product=product)
    VisitLog.objects.bulk_create(
        VisitLog(user=user, ip_address="198.51.100.23", path=path, created_at=now - dt.timedelta(days=d),
                 user_agent="Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0")
        for d, path in enumerate(["/", "/shop/products/", "/shop/cart/", "/shop/orders/"]))
