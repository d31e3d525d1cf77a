"""End to end through a real SMTP server: a guest's link is read from the delivered e-mail and followed."""

from __future__ import annotations

import pytest

from privacy_center.requests.models import PrivacyRequest, Status

pytestmark = [pytest.mark.smtp, pytest.mark.django_db]


def test_guest_verification_mail_over_smtp_and_its_link(client, smtp_server, make_order):
    order = make_order(email="carol@example.com")
    response = client.post("/privacy/requests/guest/", {"email": "Carol@Example.com", "type": "portability"})
    assert response.status_code == 200
    (mail,) = smtp_server.wait_for(1)
    assert mail.envelope_to == ["carol@example.com"]
    req = PrivacyRequest.objects.get(email="carol@example.com")
    assert req.reference in mail["Subject"]
    assert req.reference in smtp_server.text(mail) and req.reference in smtp_server.html(mail)
    links = [link for link in smtp_server.links(mail) if "/privacy/requests/guest/verify/" in link]
    assert links and len(set(links)) == 1
    path = links[0].split("http://testserver", 1)[1]

    page = client.get(path)
    assert page.status_code == 200 and b"Yes, this is my request" in page.content
    req.refresh_from_db()
    assert req.status == Status.AWAITING_VERIFICATION  # the link alone changes nothing
    assert client.post(path).status_code == 302
    req.refresh_from_db()
    assert req.status == Status.VERIFIED and req.verification_method == "email_link"

    proof = client.post(f"/privacy/requests/{req.uuid}/order-proof/",
                        {"order_number": order.number, "postcode": order.billing_postcode})
    assert proof.status_code == 302
    req.refresh_from_db()
    assert req.order_proof_at is not None and req.export_id
