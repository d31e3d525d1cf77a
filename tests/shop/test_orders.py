"""Order history: the owner sees their orders, another customer gets 404, anonymous is sent to log in."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_owner_sees_history_and_detail(logged_in_client, customer, make_order):
    order = make_order(user=customer, lines=2)
    html = logged_in_client.get("/shop/orders/").content.decode()
    assert order.number in html
    response = logged_in_client.get(f"/shop/orders/{order.number}/")
    assert response.status_code == 200
    assert "ending in 4242" in response.content.decode()


def test_other_customers_order_is_404(client, customer, other_customer, make_order):
    theirs = make_order(user=other_customer)
    guest = make_order(email="someone@example.com")
    client.force_login(customer)
    assert client.get(f"/shop/orders/{theirs.number}/").status_code == 404
    assert client.get(f"/shop/orders/{theirs.number}/confirmation/").status_code == 404
    assert client.get(f"/shop/orders/{guest.number}/").status_code == 404
    assert theirs.number not in client.get("/shop/orders/").content.decode()


def test_anonymous_is_redirected_to_login(client, customer, make_order):
    order = make_order(user=customer)
    for url in ["/shop/orders/", f"/shop/orders/{order.number}/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert client.get(f"/shop/orders/{order.number}/confirmation/").status_code == 404
