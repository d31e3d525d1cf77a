"""Cart, checkout (signed-in and guest), bad input, and the all-or-nothing order transaction."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shop_demo import services
from shop_demo.models import Order, OrderLine, Payment, Product

from .conftest import VALID_CARD

pytestmark = pytest.mark.django_db


def test_cart_add_update_remove(client, catalogue, fill_cart):
    petg, nozzles = catalogue
    fill_cart(client, petg, 2)
    fill_cart(client, nozzles)
    html = client.get("/shop/cart/").content.decode()
    assert petg.name in html and nozzles.name in html
    assert "64.90" in html  # 2 × 27.50 + 9.90
    assert "Cart <span class=\"badge\">(3)</span>" in html
    client.post(f"/shop/cart/update/{petg.pk}/", {"quantity": 1})
    client.post(f"/shop/cart/remove/{nozzles.pk}/")
    html = client.get("/shop/cart/").content.decode()
    assert "27.50" in html and nozzles.name not in html


def test_cart_changes_need_post(client, catalogue):
    assert client.get(f"/shop/cart/add/{catalogue[0].pk}/").status_code == 405
    assert client.get(f"/shop/cart/remove/{catalogue[0].pk}/").status_code == 405


def test_cart_add_rejects_bad_quantity(client, catalogue):
    client.post(f"/shop/cart/add/{catalogue[0].pk}/", {"quantity": "-3"})
    assert "Your cart is empty" in client.get("/shop/cart/").content.decode()


def test_cart_needs_csrf(catalogue):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(f"/shop/cart/add/{catalogue[0].pk}/", {"quantity": 1}).status_code == 403


def test_guest_checkout(client, catalogue, fill_cart, delivery):
    petg = catalogue[0]
    fill_cart(client, petg, 2)
    response = client.post("/shop/checkout/", delivery, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
    order = Order.objects.get()
    assert response["Location"] == f"/shop/orders/{order.number}/confirmation/"
    assert order.user is None and order.email == "guest@example.com"
    assert order.ip_address == "203.0.113.9"
    assert order.total == Decimal("55.00")
    assert order.billing_postcode == "111 35"
    line = OrderLine.objects.get(order=order)
    assert (line.quantity, line.unit_price, line.product_name) == (2, Decimal("27.50"), petg.name)
    payment = Payment.objects.get(order=order)
    assert (payment.method, payment.last4, payment.amount) == ("card", "4242", Decimal("55.00"))
    petg.refresh_from_db()
    assert petg.stock == 3
    # The guest sees the confirmation; the cart is empty.
    html = client.get(response["Location"]).content.decode()
    assert order.number in html and "ending in 4242" in html
    assert "Cart <span class=\"badge\">(0)</span>" in html


def test_full_card_number_is_never_stored_or_echoed(client, catalogue, fill_cart, delivery):
    fill_cart(client, catalogue[0])
    response = client.post("/shop/checkout/", {**delivery, "full_name": ""})
    assert response.status_code == 400
    assert "4242424242424242" not in response.content.decode()
    assert "4242 4242 4242 4242" not in response.content.decode()
    client.post("/shop/checkout/", delivery)
    from django.db import connection

    with connection.cursor() as cursor:
        for table in ("shop_demo_order", "shop_demo_payment"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608
            assert not any("424242424242" in str(v) for row in cursor.fetchall() for v in row)


def test_logged_in_checkout_prefills_and_links_order(logged_in_client, customer, catalogue, fill_cart, delivery):
    fill_cart(logged_in_client, catalogue[1])
    html = logged_in_client.get("/shop/checkout/").content.decode()
    assert 'value="ada@example.com"' in html
    data = {**delivery, "email": customer.email, "payment_method": "invoice", "card_number": ""}
    response = logged_in_client.post("/shop/checkout/", data)
    assert response.status_code == 302
    order = Order.objects.get()
    assert order.user == customer
    assert order.payments.get().last4 == ""
    assert order.status == Order.Status.PLACED
    assert order.number in logged_in_client.get("/shop/orders/").content.decode()


@pytest.mark.parametrize("changes, message", [
    ({"email": ""}, "This field is required"),
    ({"email": "nope"}, "Enter a valid email address"),
    ({"line1": ""}, "This field is required"),
    ({"card_number": ""}, "Enter your card number to pay by card"),
    ({"card_number": "4242 4242 4242 4241"}, "This card number is not valid"),
    ({"card_number": "abcd"}, "This card number is not valid"),
    ({"payment_method": "bitcoin"}, "Select a valid choice"),
    ({"phone": "ring ring"}, "Enter a phone number"),
])
def test_checkout_invalid_input(client, catalogue, fill_cart, delivery, changes, message):
    fill_cart(client, catalogue[0])
    response = client.post("/shop/checkout/", {**delivery, **changes})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'role="alert"' in html
    assert Order.objects.count() == 0
    catalogue[0].refresh_from_db()
    assert catalogue[0].stock == 5


def test_checkout_out_of_stock(client, catalogue, fill_cart, delivery):
    fill_cart(client, catalogue[0], 6)
    response = client.post("/shop/checkout/", delivery)
    assert response.status_code == 400
    assert "Only 5 of" in response.content.decode()
    assert Order.objects.count() == 0


def test_empty_cart_checkout_redirects(client, db):
    response = client.get("/shop/checkout/")
    assert response.status_code == 302 and response["Location"] == "/shop/cart/"


def test_failure_rolls_back_everything(catalogue, monkeypatch):
    petg, nozzles = catalogue

    def broken(*args, **kwargs):
        raise RuntimeError("payment provider down")

    monkeypatch.setattr(Payment.objects, "create", broken)
    with pytest.raises(RuntimeError):
        services.place_order(
            quantities={petg.pk: 1, nozzles.pk: 2},
            delivery=services.Delivery(email="a@example.com", full_name="A", line1="L", postcode="1", city="C"),
            payment_method="card", last4="4242",
        )
    assert Order.objects.count() == 0
    assert OrderLine.objects.count() == 0
    assert Product.objects.get(pk=petg.pk).stock == 5
    assert Product.objects.get(pk=nozzles.pk).stock == 50


def test_place_order_refuses_more_than_last4(catalogue):
    with pytest.raises(services.CheckoutError):
        services.place_order(
            quantities={catalogue[0].pk: 1},
            delivery=services.Delivery(email="a@example.com", full_name="A", line1="L", postcode="1", city="C"),
            payment_method="card", last4=VALID_CARD.replace(" ", ""),
        )
    assert Order.objects.count() == 0


def test_confirmation_is_private(client, catalogue, fill_cart, delivery):
    fill_cart(client, catalogue[0])
    url = client.post("/shop/checkout/", delivery)["Location"]
    from django.test import Client

    assert Client().get(url).status_code == 404
