"""Every new page and API route as the owner, as another customer (404) and as anonymous (login / 403)."""

from __future__ import annotations

import pytest

from privacy_center.requests.models import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_request(customer, make_request):
    return make_request("other", user=customer)


PAGE_ROUTES = [
    ("get", "/privacy/requests/{uuid}/"),
    ("post", "/privacy/requests/{uuid}/message/"),
    ("get", "/privacy/requests/{uuid}/cancel/"),
    ("post", "/privacy/requests/{uuid}/cancel/"),
    ("post", "/privacy/requests/{uuid}/order-proof/"),
    ("post", "/privacy/requests/{uuid}/documents/"),
]
API_ROUTES = [
    ("get", "/api/privacy/requests/{uuid}/"),
    ("get", "/api/privacy/requests/{uuid}/messages/"),
    ("post", "/api/privacy/requests/{uuid}/messages/"),
    ("post", "/api/privacy/requests/{uuid}/cancel/"),
    ("get", "/api/privacy/requests/{uuid}/documents/"),
    ("post", "/api/privacy/requests/{uuid}/documents/"),
]
DATA = {"body": "hello", "order_number": "FF-1", "postcode": "1"}


@pytest.mark.parametrize(("method", "route"), PAGE_ROUTES + API_ROUTES)
def test_other_customer_gets_404(method, route, client, other_customer, own_request):
    client.force_login(other_customer)
    response = getattr(client, method)(route.format(uuid=own_request.uuid), DATA)
    assert response.status_code == 404
    own_request.refresh_from_db()
    assert own_request.status == Status.VERIFIED
    assert not own_request.messages.exists()


@pytest.mark.parametrize(("method", "route"), PAGE_ROUTES)
def test_anonymous_pages_redirect_to_login(method, route, client, own_request):
    response = getattr(client, method)(route.format(uuid=own_request.uuid), DATA)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(("method", "route"), API_ROUTES + [("get", "/api/privacy/requests/"),
                                                            ("post", "/api/privacy/requests/")])
def test_anonymous_api_is_403(method, route, client, own_request):
    response = getattr(client, method)(route.format(uuid=own_request.uuid), DATA)
    assert response.status_code == 403


@pytest.mark.parametrize("route", ["/privacy/requests/", "/privacy/requests/new/"])
def test_anonymous_list_and_new_redirect_to_login(route, client):
    response = client.get(route)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_owner_pages(client, customer, own_request, other_customer, make_request):
    theirs = make_request("other", user=other_customer)
    client.force_login(customer)
    listing = client.get("/privacy/requests/").content.decode()
    assert own_request.reference in listing and theirs.reference not in listing
    detail = client.get(f"/privacy/requests/{own_request.uuid}/").content.decode()
    assert own_request.reference in detail and "Due by" in detail
    assert client.post(f"/privacy/requests/{own_request.uuid}/message/", {"body": "Any news?"}).status_code == 302
    assert own_request.messages.get().body == "Any news?"
    assert client.get(f"/privacy/requests/{own_request.uuid}/cancel/").status_code == 200
    own_request.refresh_from_db()
    assert own_request.status == Status.VERIFIED  # GET changes nothing
    assert client.post(f"/privacy/requests/{own_request.uuid}/cancel/").status_code == 302
    own_request.refresh_from_db()
    assert own_request.status == Status.CANCELLED
    again = client.post(f"/privacy/requests/{own_request.uuid}/cancel/", follow=True)
    assert "Cannot cancel a request that is cancelled" in again.content.decode()


def test_owner_api(client, customer, own_request, other_customer, make_request):
    theirs = make_request("other", user=other_customer)
    client.force_login(customer)
    listing = client.get("/api/privacy/requests/").json()
    assert [r["reference"] for r in listing["results"]] == [own_request.reference]
    assert theirs.reference not in str(listing)
    detail = client.get(f"/api/privacy/requests/{own_request.uuid}/").json()
    assert detail["due_at"] and detail["events"][0]["kind"] == "submitted"
    sent = client.post(f"/api/privacy/requests/{own_request.uuid}/messages/", {"body": "Hi"},
                       content_type="application/json")
    assert sent.status_code == 201
    assert client.get(f"/api/privacy/requests/{own_request.uuid}/messages/").json()[0]["body"] == "Hi"
    assert client.post(f"/api/privacy/requests/{own_request.uuid}/cancel/").json()["status"] == "cancelled"
    conflict = client.post(f"/api/privacy/requests/{own_request.uuid}/cancel/")
    assert conflict.status_code == 409 and "Cannot cancel" in conflict.json()["detail"]


def test_api_filing_sensitive_types_needs_reauthentication(client, customer, reauthenticate):
    client.force_login(customer)
    refused = client.post("/api/privacy/requests/", {"type": "erasure"}, content_type="application/json")
    assert refused.status_code == 403 and "re-authentication" in refused.json()["detail"]
    ok = client.post("/api/privacy/requests/", {"type": "objection"}, content_type="application/json")
    assert ok.status_code == 201 and ok.json()["status"] == "completed"
    reauthenticate(client)
    created = client.post("/api/privacy/requests/", {"type": "know_categories"}, content_type="application/json")
    assert created.status_code == 201
    merged = client.post("/api/privacy/requests/", {"type": "objection"}, content_type="application/json")
    assert merged.status_code == 201  # the first objection is closed (completed): a new one opens


def test_api_reauthentication_refusal_names_the_configured_window(client, customer, settings):
    """The 403 tells an API client how long a re-authentication counts: allauth's timeout, not a fixed 5 minutes."""
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 600
    client.force_login(customer)
    filing = client.post("/api/privacy/requests/", {"type": "access"}, content_type="application/json")
    erasure = client.post("/api/privacy/erasure/", {"confirm": True}, content_type="application/json")
    for refused in (filing, erasure):
        assert refused.status_code == 403
        assert "within 10 minutes" in refused.json()["detail"]
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 60
    one = client.post("/api/privacy/requests/", {"type": "access"}, content_type="application/json")
    assert "within 1 minute." in one.json()["detail"]
    assert not customer.privacy_requests.exists()


def test_page_refuses_a_correction_the_registry_refuses_and_keeps_the_text(client, customer, reauthenticate,
                                                                           monkeypatch):
    """A correction the registry refuses at filing (it stopped being editable) is a form error, not a 500."""
    from django.core.exceptions import ValidationError

    from privacy_center.requests.flows import filing

    def refuse(subject, changes):
        raise ValidationError("This field cannot be corrected here: describe the correction instead.")

    client.force_login(customer)
    reauthenticate(client)
    monkeypatch.setattr(filing, "validate_changes", refuse)
    response = client.post("/privacy/requests/new/", {
        "type": "rectification", "correction": f"auth.user|{customer.pk}|last_name", "new_value": "Byron",
        "details": "Married last May"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "This field cannot be corrected here" in page and "Married last May" in page
    assert not customer.privacy_requests.exists()


def test_page_filing_sensitive_types_needs_reauthentication(client, customer, reauthenticate):
    client.force_login(customer)
    response = client.post("/privacy/requests/new/", {"type": "rectification", "details": "My name is wrong"})
    assert response.status_code == 302 and "/accounts/reauthenticate/" in response["Location"]
    assert not customer.privacy_requests.exists()
    reauthenticate(client)
    response = client.post("/privacy/requests/new/", {"type": "rectification", "details": "My name is wrong"})
    req = customer.privacy_requests.get()
    assert response.status_code == 302 and str(req.uuid) in response["Location"]
    assert req.verification_method == "reauthentication"
    assert req.status == Status.VERIFIED  # waits for staff to approve a correction


@pytest.mark.parametrize("route", ["/api/privacy/staff/requests/"])
def test_staff_api_refuses_customers_and_anonymous(route, client, customer):
    assert client.get(route).status_code == 403
    client.force_login(customer)
    assert client.get(route).status_code == 403


def test_staff_transition_api_refuses_customers(client, customer, own_request):
    client.force_login(customer)
    url = f"/api/privacy/staff/requests/{own_request.uuid}/transition/"
    assert client.post(url, {"action": "complete"}, content_type="application/json").status_code == 403
    own_request.refresh_from_db()
    assert own_request.status == Status.VERIFIED


def test_admin_console_refuses_customers(client, customer, own_request):
    client.force_login(customer)
    admin = "/admin/privacy_requests/privacyrequest/"
    for url in (admin, f"{admin}{own_request.pk}/change/", f"{admin}dashboard/"):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    response = client.post(f"/admin/privacy_requests/privacyrequest/{own_request.pk}/act/", {"action": "complete"})
    assert response.status_code == 302
    own_request.refresh_from_db()
    assert own_request.status == Status.VERIFIED
