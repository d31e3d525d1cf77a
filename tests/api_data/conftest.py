from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest


@pytest.fixture
def bulk_orders(db):
    """``bulk_orders(user, n)``: n orders with a line each, by bulk_create (fast even for 10,000)."""
    from django.utils import timezone

    from shop_demo.models import Order, OrderLine, Product

    def do(user, n: int):
        product = Product.objects.create(name="PETG 1 kg", slug=f"petg-{user.pk}-{n}", material="petg",
                                         price=Decimal("19.90"))
        now = timezone.now()
        orders = Order.objects.bulk_create(
            Order(number=f"B{user.pk}-{i}", user=user, email=user.email, full_name="Ada Lovelace",
                  line1="Storgatan 1", city="Uppsala", postcode="753 20", billing_postcode="753 20",
                  total=Decimal("19.90"), created_at=now - dt.timedelta(minutes=i))
            for i in range(n)
        )
        if not orders[0].pk:  # backends without RETURNING
            orders = list(Order.objects.filter(user=user).order_by("pk"))
        OrderLine.objects.bulk_create(
            OrderLine(order=o, product=product, product_name=product.name, quantity=1, unit_price=product.price)
            for o in orders
        )
        return orders

    return do
