"""Issue 10.2: contact data is what the declaration says, and every path that edits it asks for the password."""

from __future__ import annotations

import pytest

from privacy_center.registry import site

pytestmark = pytest.mark.django_db


def _form(address, **changes):
    data = {"full_name": address.full_name, "line1": address.line1, "line2": address.line2,
            "postcode": address.postcode, "city": address.city, "country": address.country,
            "phone": address.phone}
    return {**data, **changes}


def test_contact_category_makes_every_address_field_contact_data():
    source = site.get("shop_demo.address")
    assert {"line1", "postcode", "city", "phone", "full_name"} <= source.contact_fields()
    assert source.needs_reauth("line1")
    # In an identity source only what is declared `contact` (and e-mail fields) counts.
    profile = site.get("shop_demo.customerprofile")
    assert profile.needs_reauth("phone") and not profile.needs_reauth("birth_date")


def test_api_patch_of_a_street_needs_reauthentication(api, address, reauthenticate):
    url = f"/api/privacy/data/shop_demo.address/{address.pk}/"
    response = api.patch(url, {"line1": "Thief Street 9"}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"].startswith("This action needs a recent re-authentication")
    address.refresh_from_db()
    assert address.line1 == "Storgatan 1"
    reauthenticate(api)
    assert api.patch(url, {"line1": "Kungsgatan 2"}, format="json").status_code == 200
    address.refresh_from_db()
    assert address.line1 == "Kungsgatan 2"


def test_privacy_page_edit_of_a_street_needs_reauthentication(logged_in_client, address):
    url = f"/privacy/data/shop_demo.address/{address.pk}/"
    data = {f"row{address.pk}-{k}": v for k, v in _form(address, line1="Thief Street 9").items()}
    response = logged_in_client.post(url, data)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    address.refresh_from_db()
    assert address.line1 == "Storgatan 1"


def test_shop_address_edit_of_phone_needs_reauthentication_and_is_replayed(logged_in_client, address):
    url = f"/shop/account/addresses/{address.pk}/edit/"
    response = logged_in_client.post(url, _form(address, phone="+46 70 999 99 99", line1="Thief Street 9"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    address.refresh_from_db()
    assert (address.phone, address.line1) == ("+46 70 123 45 67", "Storgatan 1")

    from tests.conftest import PASSWORD

    replayed = logged_in_client.post(response["Location"], {"password": PASSWORD})
    assert replayed.status_code == 302
    address.refresh_from_db()
    assert (address.phone, address.line1) == ("+46 70 999 99 99", "Thief Street 9")


def test_shop_address_edit_without_contact_change_needs_nothing(logged_in_client, address):
    response = logged_in_client.post(f"/shop/account/addresses/{address.pk}/edit/",
                                     _form(address, is_default="on"))
    assert response.status_code == 302 and response["Location"] == "/shop/account/addresses/"
    address.refresh_from_db()
    assert address.is_default


def test_shop_address_edit_of_someone_elses_address_is_404(client, other_customer, address):
    client.force_login(other_customer)
    response = client.post(f"/shop/account/addresses/{address.pk}/edit/", _form(address, phone="1"))
    assert response.status_code == 404


def test_new_address_needs_no_reauthentication(logged_in_client, customer):
    from shop_demo.models import Address

    response = logged_in_client.post("/shop/account/addresses/new/", {
        "full_name": "Ada", "line1": "Storgatan 1", "postcode": "753 20", "city": "Uppsala", "country": "SE"})
    assert response.status_code == 302
    assert Address.objects.filter(user=customer).count() == 1
