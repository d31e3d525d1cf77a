"""Fixtures for the shop's tests: a small catalogue and a cart helper."""

from __future__ import annotations

from decimal import Decimal

import pytest

VALID_CARD = "4242 4242 4242 4242"


@pytest.fixture
def catalogue(db):
    from shop_demo.models import Product

    return [
        Product.objects.create(name="PETG filament 1.75 mm, orange", slug="petg-orange", material="petg",
                               price=Decimal("27.50"), stock=5),
        Product.objects.create(name="Brass nozzle set", slug="brass-nozzles", material="part",
                               price=Decimal("9.90"), stock=50),
    ]


@pytest.fixture
def fill_cart():
    def do(client, product, quantity: int = 1):
        response = client.post(f"/shop/cart/add/{product.pk}/", {"quantity": quantity})
        assert response.status_code == 302
        return response

    return do


@pytest.fixture
def delivery():
    return {
        "email": "guest@example.com", "full_name": "Grace Hopper", "phone": "+46 70 111 22 33",
        "line1": "Kungsgatan 12", "line2": "", "postcode": "111 35", "city": "Stockholm", "country": "SE",
        "billing_postcode": "", "payment_method": "card", "card_number": VALID_CARD,
    }
