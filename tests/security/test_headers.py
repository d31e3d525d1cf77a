"""Issue 10.5: personal pages and API answers are never cached; every page carries a Content-Security-Policy."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def _private(response) -> bool:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


@pytest.fixture
def personal_urls(customer, make_order):
    from privacy_center.requests.services.core import submit_request

    order = make_order(user=customer)
    req = submit_request("objection", user=customer).request
    return [
        "/privacy/", "/privacy/data/", "/privacy/data/shop_demo.order/", f"/privacy/requests/{req.uuid}/",
        "/privacy/timeline/", "/privacy/requests/", "/privacy/exports/", "/privacy/preferences/",
        f"/shop/orders/{order.number}/", "/shop/orders/", "/shop/account/", "/shop/account/addresses/",
        "/accounts/email/",
    ]


API_GETS = ["/api/privacy/me/", "/api/privacy/data/", "/api/privacy/data/shop_demo.order/", "/api/privacy/exports/",
            "/api/privacy/requests/", "/api/privacy/consents/", "/api/privacy/preferences/", "/api/privacy/policy/",
            "/api/privacy/timeline/", "/api/privacy/erasure/", "/api/privacy/erasure/plan/"]


def test_every_personal_page_is_private_no_store(logged_in_client, personal_urls):
    for url in personal_urls:
        response = logged_in_client.get(url)
        assert response.status_code == 200, url
        assert _private(response), (url, response.get("Cache-Control"))


def test_every_api_get_is_private_no_store(customer):
    api = APIClient()
    api.force_login(customer)
    for url in API_GETS:
        response = api.get(url)
        assert response.status_code in (200, 403), url  # erasure/ needs a recent re-authentication
        assert _private(response), (url, response.get("Cache-Control"))


def test_api_errors_and_anonymous_privacy_pages_are_private_too(client):
    assert _private(APIClient().get("/api/privacy/me/"))
    assert _private(client.get("/privacy/requests/guest/"))
    assert _private(client.get("/privacy/newsletter/"))


def test_guest_order_confirmation_is_private(client, make_order):
    order = make_order()
    session = client.session
    session["shop_demo_recent_orders"] = [order.number]
    session.save()
    response = client.get(f"/shop/orders/{order.number}/confirmation/")
    assert response.status_code == 200
    assert _private(response)


def test_anonymous_catalogue_is_not_marked_private(client, product):
    response = Client().get(f"/shop/products/{product.slug}/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def _csp(response) -> dict[str, list[str]]:
    header = response.get("Content-Security-Policy", "")
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("url", ["/", "/shop/products/", "/privacy/notice/", "/privacy/cookies/", "/accounts/login/",
                                 "/privacy/requests/guest/", "/admin/login/", "/api/docs/", "/api/privacy/me/"])
def test_every_page_has_a_content_security_policy(client, url):
    response = client.get(url)
    policy = _csp(response)
    assert policy, url
    assert "'unsafe-inline'" not in policy.get("script-src", []), url
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]


def test_inline_consent_mode_script_carries_the_headers_nonce(client):
    response = client.get("/")
    nonce = re.search(r"<script nonce=\"([^\"]+)\" data-privacy-consent-mode>", response.content.decode())
    assert nonce
    assert f"'nonce-{nonce.group(1)}'" in _csp(response)["script-src"]
    other = client.get("/")
    assert re.search(r"<script nonce=\"([^\"]+)\"", other.content.decode()).group(1) != nonce.group(1)


def test_no_page_has_an_inline_script_without_nonce(logged_in_client, personal_urls):
    for url in [*personal_urls, "/", "/privacy/notice/", "/api/docs/"]:
        html = logged_in_client.get(url).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or "nonce=" in tag or 'type="text/plain"' in tag, (url, tag)


def test_api_docs_load_swagger_from_its_cdn_only(client):
    policy = _csp(client.get("/api/docs/"))
    assert "https://cdn.jsdelivr.net" in policy["script-src"]
    assert _csp(client.get("/"))["script-src"][0] == "'self'"
    assert "https://cdn.jsdelivr.net" not in _csp(client.get("/"))["script-src"]


def test_w022_warns_without_a_csp_middleware(settings):
    from privacy_center.checks import check_content_security_policy

    assert check_content_security_policy(None) == []
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "csp" not in m.lower()]
    assert [m.id for m in check_content_security_policy(None)] == ["privacy_center.W022"]
