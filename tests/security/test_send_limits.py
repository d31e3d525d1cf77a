"""Issue 10.3 and 10.4: mail-sending forms are limited per mailbox and per client IP, and cannot be bypassed.

Each test floods one form one past its limit and checks what the victim's mailbox (``mailoutbox``)
received, then tries the bypasses the audit used: plus-tags, case, a full-width look-alike
domain, and a new ``X-Forwarded-For`` per request.
"""

from __future__ import annotations

import pytest
from django.test import TestCase

from privacy_center.limits import canonical_address

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("spelling", [
    "victim@example.org", "Victim@Example.ORG", "victim+1@example.org", "victim+news@EXAMPLE.org",
    "victim@exａmple.org", "ｖｉｃｔｉｍ@ｅｘａｍｐｌｅ.ｏｒｇ", " victim@example.org. ", "victim@example.org.",
])
def test_canonical_address_is_the_mailbox(spelling):
    assert canonical_address(spelling) == "victim@example.org"


def test_canonical_address_keeps_distinct_mailboxes_apart():
    assert canonical_address("a@example.org") != canonical_address("b@example.org")
    assert canonical_address("a@example.org") != canonical_address("a@example.com")
    assert canonical_address("jörg@bücher.de") == "jörg@xn--bcher-kva.de"


def _newsletter(client, email, **headers):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post("/privacy/newsletter/", {"email": email, "source": "newsletter_page"}, **headers)


def _mails_to(mailoutbox, mailbox):
    return [m for m in mailoutbox if any(canonical_address(t) == mailbox for t in m.to)]


def test_newsletter_flood_stops_at_the_limit(client, settings, mailoutbox):
    settings.PRIVACY_CENTER_SEND_LIMITS = {"newsletter_email": (3, 3600)}
    codes = [_newsletter(client, "victim@example.org").status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    assert len(_mails_to(mailoutbox, "victim@example.org")) <= 3
    limited = _newsletter(client, "victim@example.org")
    assert "Too many attempts" in limited.content.decode()
    assert int(limited["Retry-After"]) > 0


@pytest.mark.parametrize("bypass", ["VICTIM@example.org", "victim+2@example.org", "victim@exａmple.org"])
def test_newsletter_limit_cannot_be_bypassed_by_spelling(client, settings, mailoutbox, bypass):
    settings.PRIVACY_CENTER_SEND_LIMITS = {"newsletter_email": (2, 3600)}
    assert _newsletter(client, "victim@example.org").status_code == 200
    assert _newsletter(client, "victim+1@example.org").status_code == 200
    assert _newsletter(client, bypass).status_code == 429


def test_newsletter_per_ip_limit_ignores_a_spoofed_forwarded_for(client, settings):
    settings.PRIVACY_CENTER_SEND_LIMITS = {"newsletter_ip": (3, 3600)}
    codes = [_newsletter(client, f"person{i}@example.org", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}").status_code
             for i in range(5)]
    assert codes == [200, 200, 200, 429, 429]


def test_newsletter_limit_answers_the_same_for_known_and_unknown_addresses(client, settings, customer):
    settings.PRIVACY_CENTER_SEND_LIMITS = {"newsletter_email": (1, 3600)}
    known = [_newsletter(client, customer.email).status_code for _ in range(2)]
    unknown = [_newsletter(client, "nobody@example.net").status_code for _ in range(2)]
    assert known == unknown == [200, 429]


def _contact(client, email, **headers):
    return client.post("/shop/contact/", {"name": "Grace", "email": email, "subject": "Where is my order?",
                                          "body": "It has not arrived yet."}, **headers)


def test_contact_form_is_limited_per_address_and_ip(client, settings):
    from shop_demo.models import SupportMessage

    settings.PRIVACY_CENTER_SEND_LIMITS = {"contact_email": (2, 3600), "contact_ip": (5, 3600)}
    assert [_contact(client, f"v+{i}@example.org").status_code for i in range(3)] == [302, 302, 429]
    # The refused attempt counted for the IP too: 3 so far, so two more addresses pass and the third is refused.
    assert [_contact(client, f"p{i}@example.org").status_code for i in range(3)] == [302, 302, 429]
    assert SupportMessage.objects.count() == 4


def test_request_messages_are_limited_on_page_and_api_alike(logged_in_client, api, customer, settings):
    from privacy_center.requests.services.core import submit_request

    settings.PRIVACY_CENTER_SEND_LIMITS = {"request_message_user": (3, 3600)}
    req = submit_request("objection", user=customer).request
    page = [logged_in_client.post(f"/privacy/requests/{req.uuid}/message/", {"body": "Hello"}).status_code
            for _ in range(2)]
    api_codes = [api.post(f"/api/privacy/requests/{req.uuid}/messages/", {"body": "Hi"}, format="json").status_code
                 for _ in range(2)]
    assert page == [302, 302]
    assert api_codes == [201, 429]
    assert req.messages.count() == 3


def test_api_message_length_equals_the_page(api, logged_in_client, customer):
    from privacy_center.requests.services.core import submit_request

    req = submit_request("objection", user=customer).request
    long = "x" * 4001
    response = api.post(f"/api/privacy/requests/{req.uuid}/messages/", {"body": long}, format="json")
    assert response.status_code == 400
    assert "4000" in str(response.json()["body"])
    assert logged_in_client.post(f"/privacy/requests/{req.uuid}/message/", {"body": long}).status_code == 400
    ok = api.post(f"/api/privacy/requests/{req.uuid}/messages/", {"body": "x" * 4000}, format="json")
    assert ok.status_code == 201
    assert req.messages.count() == 1


def test_starting_exports_from_the_page_is_limited(logged_in_client, settings, mailoutbox):
    from privacy_center.models import Export

    settings.PRIVACY_CENTER_SEND_LIMITS = {"export_user": (2, 3600)}
    codes = []
    for _ in range(4):
        with TestCase.captureOnCommitCallbacks(execute=True):
            codes.append(logged_in_client.post("/privacy/exports/").status_code)
    assert codes == [302, 302, 429, 429]
    assert Export.objects.count() == 2


def test_export_limit_is_shared_between_page_and_api(logged_in_client, api, settings):
    settings.PRIVACY_CENTER_SEND_LIMITS = {"export_user": (1, 3600)}
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert logged_in_client.post("/privacy/exports/").status_code == 302
    assert api.post("/api/privacy/exports/").status_code == 429


def _guest(client, email, **headers):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post("/privacy/requests/guest/", {"email": email, "type": "access", "details": ""}, **headers)


@pytest.mark.parametrize("bypass", ["victim+x@example.org", "VICTIM@EXAMPLE.ORG", "victim@exａmple.org"])
def test_guest_portal_address_limit_holds_for_plus_case_and_unicode(client, settings, mailoutbox, bypass):
    settings.PRIVACY_CENTER_REQUEST_RATE_LIMITS = {"email": (2, 3600), "ip": (100, 3600)}
    assert _guest(client, "victim@example.org").status_code == 200
    assert _guest(client, "victim+1@example.org").status_code == 200
    assert _guest(client, bypass).status_code == 429
    assert len(_mails_to(mailoutbox, "victim@example.org")) == 2


def test_guest_portal_ip_limit_ignores_forwarded_for(client, settings):
    settings.PRIVACY_CENTER_REQUEST_RATE_LIMITS = {"email": (100, 3600), "ip": (2, 3600)}
    codes = [_guest(client, f"g{i}@example.org", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}").status_code
             for i in range(3)]
    assert codes == [200, 200, 429]


def test_limits_reset_in_the_next_window(client, settings, monkeypatch):
    import time

    settings.PRIVACY_CENTER_SEND_LIMITS = {"newsletter_email": (1, 60)}
    now = 1_800_000_000.0
    monkeypatch.setattr(time, "time", lambda: now)
    assert _newsletter(client, "v@example.org").status_code == 200
    assert _newsletter(client, "v@example.org").status_code == 429
    monkeypatch.setattr(time, "time", lambda: now + 60)
    assert _newsletter(client, "v@example.org").status_code == 200
