"""Every new route as anonymous, as the owner and as another customer."""

from __future__ import annotations

import pytest

from privacy_center.consent.models import Subscription
from privacy_center.consent.services import preferences as service
from privacy_center.models import PrivacyEvent
from privacy_center.services.timeline import record_event
from privacy_center.subjects import Subject

pytestmark = pytest.mark.django_db

PRIVATE_PAGES = ["/privacy/preferences/", "/privacy/timeline/"]
PUBLIC_PAGES = ["/privacy/cookies/", "/privacy/newsletter/", "/privacy/notice/", "/.well-known/gpc.json",
                "/cookies/"]
PRIVATE_API = ["/api/privacy/consents/", "/api/privacy/preferences/", "/api/privacy/timeline/"]


@pytest.mark.parametrize("url", PRIVATE_PAGES)
def test_private_pages_redirect_anonymous_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(url, {"channels": ["sms"]}).status_code == 302
    assert not Subscription.objects.exists()


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_open_to_anyone(client, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", PRIVATE_API + ["/api/privacy/policy/acknowledge/"])
def test_private_api_refuses_anonymous(client, url):
    assert client.get(url).status_code in (401, 403)
    assert client.put(url, {}, content_type="application/json").status_code in (401, 403)
    assert client.post(url, {}, content_type="application/json").status_code in (401, 403)


def test_policy_api_is_public(client):
    assert client.get("/api/privacy/policy/").status_code == 200


def test_another_customer_sees_none_of_my_timeline_preferences_or_consents(client, customer, other_customer):
    record_event(Subject(user=customer), PrivacyEvent.Kind.CONSENT_GIVEN, "ada's secret choice", method="test")
    service.subscribe(customer.email, "sms", user=customer, method="test", source="test")
    client.force_login(customer)
    client.put("/api/privacy/consents/", {"choices": {"analytics": True}}, content_type="application/json")
    client.logout()
    client.force_login(other_customer)
    assert "ada's secret choice" not in client.get("/privacy/timeline/").content.decode()
    assert "ada's secret choice" not in client.get("/api/privacy/timeline/").content.decode()
    assert client.get("/api/privacy/preferences/").json()["subscriptions"] == []
    assert client.get("/api/privacy/consents/").json()["history"] == []
    assert "sms" not in client.get("/privacy/preferences/").content.decode().split("Your subscriptions")[1]
    # Saving my (empty) preferences never touches Ada's subscription.
    client.post("/privacy/preferences/", {"channels": []})
    assert Subscription.objects.get(user=customer).status == "active"


def test_unsubscribe_token_of_one_subscription_cannot_touch_another(client):
    a = Subscription.objects.create(email="a@example.com", channel="newsletter", status="active")
    b = Subscription.objects.create(email="b@example.com", channel="newsletter", status="active")
    client.post(f"/privacy/u/{service.unsubscribe_token(a)}/")
    assert Subscription.objects.get(pk=a.pk).status == "unsubscribed"
    assert Subscription.objects.get(pk=b.pk).status == "active"
    # A confirm token is not an unsubscribe token (different salt), and vice versa.
    assert client.post(f"/privacy/u/{service.confirm_token(b)}/").status_code == 404
    assert client.post(f"/privacy/newsletter/confirm/{service.unsubscribe_token(b)}/").status_code == 400


def test_state_changes_need_csrf_except_one_click_unsubscribe(customer):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    assert browser.post("/privacy/cookies/", {"action": "accept_all"}).status_code == 403
    assert browser.post("/privacy/newsletter/", {"email": "x@example.com"}).status_code == 403
    browser.force_login(customer)
    assert browser.post("/privacy/preferences/", {"channels": ["sms"]}).status_code == 403
    assert browser.post("/privacy/notice/acknowledge/", {"policy": "x"}).status_code == 403
