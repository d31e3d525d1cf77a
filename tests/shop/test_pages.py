"""Storefront pages and the customer's own pages: reviews, wishlist, contact, profile, addresses, masking."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from shop_demo.models import Address, CustomerProfile, Review, SupportMessage, WishlistItem

pytestmark = pytest.mark.django_db


def test_home_and_products(client, catalogue):
    assert catalogue[0].name in client.get("/").content.decode()
    html = client.get("/shop/products/?material=petg").content.decode()
    assert catalogue[0].name in html and catalogue[1].name not in html
    html = client.get(f"/shop/products/{catalogue[0].slug}/").content.decode()
    assert html.count("<h1") == 1 and 'for="id_quantity"' in html
    assert "Log in to write a review" in html
    assert client.get("/shop/products/no-such-thing/").status_code == 404


# --- reviews --------------------------------------------------------------------------


def test_write_review(logged_in_client, customer, catalogue):
    url = f"/shop/products/{catalogue[0].slug}/review/"
    response = logged_in_client.post(url, {"rating": "4", "title": "Nice", "body": "Prints well at 240 °C.",
                                           "display_name": "Ada L."})
    assert response.status_code == 302
    review = Review.objects.get()
    assert (review.user, review.rating, review.product) == (customer, 4, catalogue[0])
    assert "Prints well" in logged_in_client.get(f"/shop/products/{catalogue[0].slug}/").content.decode()


@pytest.mark.parametrize("changes, message", [
    ({"rating": "9"}, "Select a valid choice"),
    ({"title": ""}, "This field is required"),
    ({"body": "meh"}, "at least 10 characters"),
])
def test_review_invalid_input(logged_in_client, catalogue, changes, message):
    data = {"rating": "5", "title": "Nice", "body": "Prints well at 240 °C.", "display_name": "Ada L.", **changes}
    response = logged_in_client.post(f"/shop/products/{catalogue[0].slug}/review/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Review.objects.count() == 0


def test_review_needs_login_and_post(logged_in_client, catalogue):
    url = f"/shop/products/{catalogue[0].slug}/review/"
    response = Client().post(url, {"rating": "5", "title": "x", "body": "long enough body"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert logged_in_client.get(url).status_code == 405
    assert Review.objects.count() == 0


# --- wishlist -------------------------------------------------------------------------


def test_wishlist_add_remove(logged_in_client, customer, other_customer, catalogue):
    product = catalogue[1]
    assert logged_in_client.post(f"/shop/wishlist/add/{product.pk}/").status_code == 302
    assert logged_in_client.post(f"/shop/wishlist/add/{product.pk}/").status_code == 302  # twice is fine
    assert WishlistItem.objects.filter(user=customer).count() == 1
    assert product.name in logged_in_client.get("/shop/wishlist/").content.decode()
    other = Client()
    other.force_login(other_customer)
    assert product.name not in other.get("/shop/wishlist/").content.decode()
    other.post(f"/shop/wishlist/remove/{product.pk}/")
    assert WishlistItem.objects.filter(user=customer).count() == 1  # only one's own list changes
    logged_in_client.post(f"/shop/wishlist/remove/{product.pk}/")
    assert not WishlistItem.objects.exists()
    assert logged_in_client.get(f"/shop/wishlist/add/{product.pk}/").status_code == 405


def test_wishlist_anonymous(client, catalogue):
    assert client.get("/shop/wishlist/").status_code == 302
    assert client.post(f"/shop/wishlist/add/{catalogue[0].pk}/").status_code == 302
    assert not WishlistItem.objects.exists()


# --- contact ---------------------------------------------------------------------------


def test_contact_as_guest(client, db):
    response = client.post("/shop/contact/", {"name": "Grace", "email": "grace@example.com",
                                              "subject": "Where is my order?", "body": "It has not arrived yet."})
    assert response.status_code == 302
    message = SupportMessage.objects.get()
    assert message.user is None and message.email == "grace@example.com"
    assert "Thank you" in client.get("/shop/contact/").content.decode()


def test_contact_logged_in_links_user(logged_in_client, customer):
    html = logged_in_client.get("/shop/contact/").content.decode()
    assert 'value="ada@example.com"' in html
    logged_in_client.post("/shop/contact/", {"name": "Ada", "email": customer.email, "subject": "Invoice",
                                             "body": "Please send an invoice copy."})
    assert SupportMessage.objects.get().user == customer


@pytest.mark.parametrize("changes, message", [
    ({"email": "nope"}, "Enter a valid email address"),
    ({"subject": ""}, "This field is required"),
    ({"body": "hi"}, "at least 10 characters"),
])
def test_contact_invalid_input(client, db, changes, message):
    data = {"name": "Grace", "email": "grace@example.com", "subject": "Hello", "body": "A long enough message.",
            **changes}
    response = client.post("/shop/contact/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SupportMessage.objects.exists()


# --- profile ---------------------------------------------------------------------------


def test_profile_edit_needs_reauthentication(logged_in_client, reauthenticate):
    response = logged_in_client.get("/shop/account/edit/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/reauthenticate/")
    reauthenticate(logged_in_client)
    assert logged_in_client.get("/shop/account/edit/").status_code == 200


def test_profile_edit(logged_in_client, customer, reauthenticate):
    reauthenticate(logged_in_client)
    response = logged_in_client.post("/shop/account/edit/", {"phone": "+46 70 999 88 77",
                                                              "birth_date": "1991-01-02"})
    assert response.status_code == 302
    profile = CustomerProfile.objects.get(user=customer)
    assert profile.phone == "+46 70 999 88 77" and profile.birth_date == dt.date(1991, 1, 2)
    assert "+46 70 999 88 77" in logged_in_client.get("/shop/account/").content.decode()


@pytest.mark.parametrize("changes, message", [
    ({"phone": "call me"}, "Enter a phone number"),
    ({"birth_date": "3000-01-01"}, "cannot be in the future"),
    ({"birth_date": "not a date"}, "Enter a valid date"),
])
def test_profile_invalid_input(logged_in_client, customer, reauthenticate, changes, message):
    reauthenticate(logged_in_client)
    response = logged_in_client.post("/shop/account/edit/", {"phone": "+46 70 1", "birth_date": "", **changes})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert CustomerProfile.objects.get(user=customer).birth_date == dt.date(1990, 5, 17)


def test_national_id_is_masked_everywhere(client, customer, make_order, reauthenticate):
    full = customer.profile.national_id
    assert len(full) > 8
    client.force_login(customer)
    order = make_order(user=customer)
    reauthenticate(client)
    pages = ["/", "/shop/products/", "/shop/account/", "/shop/account/edit/", "/shop/account/addresses/",
             "/shop/orders/", f"/shop/orders/{order.number}/", "/shop/wishlist/", "/shop/contact/",
             "/shop/cart/", "/accounts/email/", "/accounts/sessions/", "/accounts/password/change/"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert full not in html, url
        assert full.replace("-", "") not in html, url
    html = client.get("/shop/account/").content.decode()
    assert customer.profile.national_id_masked in html
    assert full[-4:] in html


def test_national_id_masked_in_admin(client, customer, django_user_model):
    staff = django_user_model.objects.create_superuser("boss", "boss@example.com", "x-very-secret-1")
    client.force_login(staff)
    full = customer.profile.national_id
    for url in ["/admin/shop_demo/customerprofile/", f"/admin/shop_demo/customerprofile/{customer.profile.pk}/change/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert full not in response.content.decode(), url
        assert customer.profile.national_id_masked in response.content.decode(), url


def test_admin_changelists_render(client, customer, make_order, django_user_model):
    make_order(user=customer)
    staff = django_user_model.objects.create_superuser("boss", "boss@example.com", "x-very-secret-1")
    client.force_login(staff)
    for model in ["product", "address", "order", "payment", "review", "wishlistitem", "supportmessage",
                  "newslettersignup", "visitlog"]:
        assert client.get(f"/admin/shop_demo/{model}/?q=ada").status_code == 200, model


# --- addresses ---------------------------------------------------------------------------

ADDRESS = {"full_name": "Ada Lindqvist", "line1": "Storgatan 1", "line2": "", "postcode": "753 20",
           "city": "Uppsala", "country": "SE", "phone": ""}


def test_address_book(logged_in_client, customer, reauthenticate):
    assert logged_in_client.post("/shop/account/addresses/new/", ADDRESS).status_code == 302
    first = Address.objects.get()
    assert first.is_default  # the first address becomes the default
    logged_in_client.post("/shop/account/addresses/new/", {**ADDRESS, "line1": "Kungsgatan 2", "is_default": "on"})
    second = Address.objects.get(line1="Kungsgatan 2")
    first.refresh_from_db()
    assert second.is_default and not first.is_default
    # Changing contact data asks for the password first (issue 10.2), then the kept POST goes through.
    response = logged_in_client.post(f"/shop/account/addresses/{first.pk}/edit/", {**ADDRESS, "city": "Lund"})
    assert response["Location"].startswith("/accounts/reauthenticate/")
    first.refresh_from_db()
    assert first.city != "Lund"
    reauthenticate(logged_in_client)
    logged_in_client.post(f"/shop/account/addresses/{first.pk}/edit/", {**ADDRESS, "city": "Lund"})
    first.refresh_from_db()
    assert first.city == "Lund"
    assert logged_in_client.get(f"/shop/account/addresses/{first.pk}/delete/").status_code == 200
    assert Address.objects.filter(pk=first.pk).exists()  # GET only asks
    logged_in_client.post(f"/shop/account/addresses/{first.pk}/delete/")
    assert not Address.objects.filter(pk=first.pk).exists()
    assert "Kungsgatan 2" in logged_in_client.get("/shop/account/addresses/").content.decode()


@pytest.mark.parametrize("changes, message", [
    ({"line1": ""}, "This field is required"),
    ({"country": "XX"}, "Select a valid choice"),
    ({"phone": "abc"}, "Enter a phone number"),
])
def test_address_invalid_input(logged_in_client, changes, message):
    response = logged_in_client.post("/shop/account/addresses/new/", {**ADDRESS, **changes})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Address.objects.exists()


def test_addresses_of_others_are_404(client, customer, other_customer):
    theirs = Address.objects.create(user=other_customer, **{**ADDRESS, "country": "SE"})
    client.force_login(customer)
    assert client.get(f"/shop/account/addresses/{theirs.pk}/edit/").status_code == 404
    assert client.post(f"/shop/account/addresses/{theirs.pk}/edit/", ADDRESS).status_code == 404
    assert client.post(f"/shop/account/addresses/{theirs.pk}/delete/").status_code == 404
    assert Address.objects.filter(pk=theirs.pk, line1="Storgatan 1").exists()
    assert "Storgatan 1" not in client.get("/shop/account/addresses/").content.decode()


def test_account_pages_need_login(client, db):
    for url in ["/shop/account/", "/shop/account/edit/", "/shop/account/addresses/",
                "/shop/account/addresses/new/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url
