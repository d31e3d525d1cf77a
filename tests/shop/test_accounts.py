"""Sign-up with profile fields, the personal-details password validator, log in/out, allauth's flows."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client

from shop_demo.models import CustomerProfile
from shop_demo.validators import PersonalDetailsPasswordValidator
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "grace@example.com", "first_name": "Grace", "last_name": "Hopper",
    "phone": "+46 70 123 45 67", "birth_date": "1986-12-09",
    "password1": PASSWORD, "password2": PASSWORD,
}


def _page_shape(html: str) -> None:
    """Our layout: a language, a title, one <main>, one <h1>."""
    assert re.search(r'<html lang="[a-z-]+"', html)
    assert re.search(r"<title>\s*\S[^<]*·\s*Filament &amp; Form</title>", html)
    assert html.count("<main") == 1
    assert html.count("<h1") == 1


def test_signup_creates_user_and_profile(client, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/signup/", SIGNUP)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="grace@example.com")
    assert (user.first_name, user.last_name) == ("Grace", "Hopper")
    profile = CustomerProfile.objects.get(user=user)
    assert profile.phone == "+46 70 123 45 67"
    assert profile.birth_date == dt.date(1986, 12, 9)
    # Verification is mandatory (so sign-up cannot reveal a taken address): the e-mailed link signs in.
    assert client.get("/shop/orders/").status_code == 302
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+", mailoutbox[-1].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    client.post("/" + path)
    assert client.get("/shop/orders/").status_code == 200


def test_signup_without_optional_fields(client):
    data = {**SIGNUP, "phone": "", "birth_date": ""}
    assert client.post("/accounts/signup/", data).status_code == 302
    profile = CustomerProfile.objects.get(user__email="grace@example.com")
    assert profile.phone == "" and profile.birth_date is None


@pytest.mark.parametrize("password, message", [
    ("my-phone-0701234567", "must not contain your phone number"),
    ("born-09121986-yay", "must not contain your birth date"),
    ("born-19861209-yay", "must not contain your birth date"),
])
def test_signup_rejects_password_with_phone_or_birth_date(client, password, message):
    response = client.post("/accounts/signup/", {**SIGNUP, "password1": password, "password2": password})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not get_user_model().objects.filter(email="grace@example.com").exists()


@pytest.mark.parametrize("field, value, message", [
    ("first_name", "", "This field is required"),
    ("phone", "call me maybe", "Enter a phone number"),
    ("birth_date", "2999-01-01", "cannot be in the future"),
    ("email", "not-an-email", "Enter a valid email address"),
    ("password2", "something-else-entirely", "same password"),
])
def test_signup_invalid_input_says_what_is_wrong(client, field, value, message):
    response = client.post("/accounts/signup/", {**SIGNUP, field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert get_user_model().objects.count() == 0


def test_signup_page_uses_site_layout_and_labels(client):
    html = client.get("/accounts/signup/").content.decode()
    _page_shape(html)
    for field_id in ["id_email", "id_first_name", "id_last_name", "id_phone", "id_birth_date", "id_password1",
                     "id_password2"]:
        assert f'for="{field_id}"' in html, field_id
    assert 'id="nav-login"' in html


def test_validator_uses_existing_profile(make_user):
    user = make_user(phone="+46 70 765 43 21", birth_date=dt.date(1975, 2, 3))
    validator = PersonalDetailsPasswordValidator()
    with pytest.raises(ValidationError) as err:
        validator.validate("x-0707654321-x", user)
    assert err.value.code == "password_has_phone"
    with pytest.raises(ValidationError) as err:
        validator.validate("03021975horse", user)
    assert err.value.code == "password_has_birth_date"
    validator.validate("correct-horse-battery-staple", user)
    validator.validate("0707654321", None)  # nothing known about the user: nothing to compare with


def test_password_change_rejects_birth_date(logged_in_client, customer):
    # The customer fixture's birth date is 1990-05-17.
    response = logged_in_client.post("/accounts/password/change/", {
        "oldpassword": PASSWORD, "password1": "printing-19900517", "password2": "printing-19900517"})
    assert response.status_code == 200
    assert "must not contain your birth date" in response.content.decode()
    customer.refresh_from_db()
    assert customer.check_password(PASSWORD)


def test_login_and_logout(client, customer):
    response = client.post("/accounts/login/", {"login": customer.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/shop/orders/").status_code == 200
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/shop/orders/").status_code == 302


def test_login_page_layout(client):
    html = client.get("/accounts/login/").content.decode()
    _page_shape(html)
    assert 'for="id_login"' in html and 'for="id_password"' in html


def test_login_rate_limit_blocks_after_failures(client, customer):
    for _ in range(5):
        response = client.post("/accounts/login/", {"login": customer.email, "password": "wrong-password-x"})
        assert response.status_code == 200
    response = client.post("/accounts/login/", {"login": customer.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert client.get("/shop/orders/").status_code == 302


def test_password_reset_sends_mail(client, customer, mailoutbox):
    response = client.post("/accounts/password/reset/", {"email": customer.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert customer.email in mailoutbox[0].to
    assert "/accounts/password/reset/key/" in mailoutbox[0].body


def test_change_email_sends_verification(logged_in_client, customer, mailoutbox, reauthenticate):
    html = logged_in_client.get("/accounts/email/").content.decode()
    _page_shape(html)
    reauthenticate(logged_in_client)
    response = logged_in_client.post("/accounts/email/", {"action_add": "", "email": "ada.new@example.com"})
    assert response.status_code == 302
    assert any("ada.new@example.com" in m.to for m in mailoutbox)
    # The old address stays until the new one is verified.
    customer.refresh_from_db()
    assert customer.email == "ada@example.com"


def test_reauthenticate_page(logged_in_client, reauthenticate):
    html = logged_in_client.get("/accounts/reauthenticate/").content.decode()
    _page_shape(html)
    assert 'for="id_password"' in html
    response = reauthenticate(logged_in_client)
    assert response.status_code == 302


def test_email_verification_mail_on_signup(client, mailoutbox):
    client.post("/accounts/signup/", SIGNUP)
    assert any("grace@example.com" in m.to for m in mailoutbox)


def test_user_sessions_list_and_end_others(customer):
    first, second = Client(), Client()
    for c in (first, second):
        assert c.post("/accounts/login/", {"login": customer.email, "password": PASSWORD}).status_code == 302
    response = first.get("/accounts/sessions/")
    assert response.status_code == 200
    html = response.content.decode()
    _page_shape(html)
    assert html.count("<tr>") >= 3  # header row + two sessions
    assert first.post("/accounts/sessions/").status_code == 302
    assert second.get("/shop/orders/").status_code == 302  # the other session is over
    assert first.get("/shop/orders/").status_code == 200
