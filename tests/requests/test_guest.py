"""The guest portal: no enumeration, rate limits, single-use links behind a POST, proof of order, guest session."""

from __future__ import annotations

import re

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext

from privacy_center.requests.models import PrivacyRequest, Status
from privacy_center.requests.services import guest

pytestmark = pytest.mark.django_db

URL = "/privacy/requests/guest/"


def _link(mail) -> str:
    return re.search(r"http://testserver(/privacy/requests/guest/verify/[^/\s]+/)", mail.body).group(1)


def _normalize(html: bytes) -> str:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html.decode())
    return re.sub(r' nonce="[^"]+"', "", html)  # the CSP nonce differs per response


def _file(client, email, request_type="access"):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(URL, {"email": email, "type": request_type, "details": ""})
    return response, len(queries)


def test_same_page_status_mail_and_work_for_known_and_unknown(client, customer, make_order, mailoutbox):
    make_order(email="guest-buyer@example.com")
    _file(client, "warm-up@example.com")  # first request warms caches (content types, sessions)
    sent_before = len(mailoutbox)
    known, known_queries = _file(client, "guest-buyer@example.com")
    unknown, unknown_queries = _file(client, "nobody-here@example.com")
    account, account_queries = _file(client, customer.email)
    assert known.status_code == unknown.status_code == account.status_code == 200
    assert _normalize(known.content) == _normalize(unknown.content) == _normalize(account.content)
    assert len(mailoutbox) - sent_before == 3
    assert known_queries == unknown_queries == account_queries
    assert [m.to for m in mailoutbox[-3:]] == [["guest-buyer@example.com"], ["nobody-here@example.com"],
                                                [customer.email]]
    assert mailoutbox[-1].subject.split()[:3] == mailoutbox[-2].subject.split()[:3]


def test_rate_limit_per_case_folded_email(client, settings, mailoutbox):
    settings.PRIVACY_CENTER_REQUEST_RATE_LIMITS = {"email": (2, 3600), "ip": (100, 3600)}
    assert client.post(URL, {"email": "Limit@Example.com", "type": "other"}).status_code == 200
    assert client.post(URL, {"email": "limit@example.COM ", "type": "objection"}).status_code == 200
    response = client.post(URL, {"email": "LIMIT@example.com", "type": "restriction"})
    assert response.status_code == 429
    assert len(mailoutbox) == 2
    assert client.post(URL, {"email": "other@example.com", "type": "other"}).status_code == 200


def test_rate_limit_per_ip(client, settings):
    settings.PRIVACY_CENTER_REQUEST_RATE_LIMITS = {"email": (100, 3600), "ip": (3, 3600)}
    codes = [client.post(URL, {"email": f"p{i}@example.com", "type": "other"}).status_code for i in range(4)]
    assert codes == [200, 200, 200, 429]
    other_ip = client.post(URL, {"email": "p9@example.com", "type": "other"}, REMOTE_ADDR="203.0.113.9")
    assert other_ip.status_code == 200


def test_link_page_is_a_get_that_changes_nothing_then_post_verifies_once(client, mailoutbox):
    client.post(URL, {"email": "Guest@Example.com", "type": "objection"})
    req = PrivacyRequest.objects.get(email="guest@example.com")
    assert req.status == Status.AWAITING_VERIFICATION
    link = _link(mailoutbox[-1])
    page = client.get(link)
    assert page.status_code == 200 and b"<form method=\"post\"" in page.content
    req.refresh_from_db()
    assert req.status == Status.AWAITING_VERIFICATION
    response = client.post(link)
    assert response.status_code == 302
    req.refresh_from_db()
    # Objection: flags applied at once, request completed and confirmed.
    assert req.status == Status.COMPLETED
    assert req.verification_method == "email_link"
    assert client.post(link).status_code == 400  # single use
    assert client.get(link).status_code == 400
    # The guest session shows the request.
    assert client.get(f"/privacy/requests/{req.uuid}/").status_code == 200
    assert req.reference.encode() in client.get("/privacy/requests/").content


def test_expired_forged_and_replaced_links(client, mailoutbox, settings):
    client.post(URL, {"email": "e@example.com", "type": "other"})
    first = _link(mailoutbox[-1])
    client.post(URL, {"email": "e@example.com", "type": "other"})  # merged, new link replaces the old one
    second = _link(mailoutbox[-1])
    assert PrivacyRequest.objects.filter(email="e@example.com").count() == 1
    assert client.post(first).status_code == 400
    assert client.post(second[:-3] + "xx/").status_code == 400
    settings.PRIVACY_CENTER_GUEST_LINK_MAX_AGE = -1
    assert client.post(second).status_code == 400
    settings.PRIVACY_CENTER_GUEST_LINK_MAX_AGE = 3600
    assert client.post(second).status_code == 302


def test_copy_needs_proof_of_order_never_the_email_alone(client, make_order, mailoutbox,
                                                         django_capture_on_commit_callbacks):
    order = make_order(email="buyer@example.com")
    client.post(URL, {"email": "buyer@example.com", "type": "access"})
    req = PrivacyRequest.objects.get(email="buyer@example.com")
    client.post(_link(mailoutbox[-1]))
    req.refresh_from_db()
    assert req.status == Status.VERIFIED
    assert not req.export_id
    page = client.get(f"/privacy/requests/{req.uuid}/")
    assert b"Proof of an order" in page.content
    proof_url = f"/privacy/requests/{req.uuid}/order-proof/"
    wrong = client.post(proof_url, {"order_number": order.number, "postcode": "111 11"})
    assert wrong.status_code == 400
    req.refresh_from_db()
    assert req.order_proof_at is None and not req.export_id
    with django_capture_on_commit_callbacks(execute=True):
        ok = client.post(proof_url, {"order_number": order.number, "postcode": order.billing_postcode.replace(" ", "")})
    assert ok.status_code == 302
    req.refresh_from_db()
    assert req.verification_method == "email_link_order"
    assert req.export_id
    assert req.status == Status.COMPLETED  # the export was built (eager) and completed the request


def test_order_proof_is_rate_limited(client, make_order, mailoutbox, settings):
    settings.PRIVACY_CENTER_REQUEST_RATE_LIMITS = {"order_proof": (2, 3600)}
    make_order(email="b2@example.com")
    client.post(URL, {"email": "b2@example.com", "type": "portability"})
    client.post(_link(mailoutbox[-1]))
    req = PrivacyRequest.objects.get(email="b2@example.com")
    url = f"/privacy/requests/{req.uuid}/order-proof/"
    codes = [client.post(url, {"order_number": "FF-0", "postcode": "0"}).status_code for _ in range(3)]
    assert codes == [400, 400, 429]


def test_guest_session_is_signed_and_expires(client, mailoutbox, settings):
    client.post(URL, {"email": "s@example.com", "type": "other"})
    client.post(_link(mailoutbox[-1]))
    session = client.session
    assert guest.guest_email(type("R", (), {"session": session})()) == "s@example.com"
    session[guest.SESSION_KEY] = signing.dumps({"e": "victim@example.com"}, salt="wrong-salt")
    session.save()
    assert client.get("/privacy/requests/").status_code == 302
    settings.PRIVACY_CENTER_GUEST_SESSION_MAX_AGE = -1
    session[guest.SESSION_KEY] = signing.dumps({"e": "s@example.com"}, salt=guest.SESSION_SALT)
    session.save()
    assert client.get("/privacy/requests/").status_code == 302


def test_guest_sees_only_their_address(client, mailoutbox, make_request):
    other = make_request("other", email="someone-else@example.com")
    client.post(URL, {"email": "me@example.com", "type": "other"})
    client.post(_link(mailoutbox[-1]))
    assert client.get(f"/privacy/requests/{other.uuid}/").status_code == 404
    assert client.post(f"/privacy/requests/{other.uuid}/cancel/").status_code == 404
    assert client.post(f"/privacy/requests/{other.uuid}/message/", {"body": "hi"}).status_code == 404
    assert other.reference.encode() not in client.get("/privacy/requests/").content
