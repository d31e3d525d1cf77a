"""The second shop: its footer carries the CCPA link, and a guest opts out on "Your privacy choices"."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_a_guest_opts_out_on_the_second_shop(client):
    from privacy_center.consent.models import PrivacySignal

    page = client.get("/privacy/choices/")
    html = page.content.decode()
    assert page.status_code == 200 and "Northwind Goods" in html
    footer = html[html.index("<footer"):]
    assert 'href="/privacy/do-not-sell-or-share/"' in footer
    assert "/privacy/delete/" not in html and "/privacy/data/" not in html  # the guest menu
    response = client.post("/privacy/do-not-sell-or-share/")
    assert response.status_code == 302
    visitor = client.cookies["privacy_visitor"].value
    assert PrivacySignal.objects.filter(subject_key=f"visitor:{visitor}", kind="optout").exists()
    assert client.get("/privacy/choices/").wsgi_request.privacy_opted_out is True
    assert "You have opted out." in client.get("/privacy/choices/").content.decode()
