"""The "Your privacy choices" page: one POST opts a visitor out of sale, sharing and targeted advertising,
recorded against the visitor (and the account), and honoured afterwards exactly like GPC."""

from __future__ import annotations

import pytest
from django.test import Client

from privacy_center import may_process
from privacy_center.consent.models import ConsentRecord, PrivacySignal
from privacy_center.subjects import Subject

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _groups(demo_cookie_groups):
    return demo_cookie_groups


def _consent_cookie(client) -> str:
    return client.cookies["cookie_consent"].value


def test_a_guest_opts_out_in_one_post_and_is_honoured_like_gpc(client):
    page = client.get("/privacy/do-not-sell-or-share/")
    assert page.status_code == 200
    assert "Do not sell or share my personal information" in page.content.decode()
    response = client.post("/privacy/do-not-sell-or-share/")
    assert response.status_code == 302 and response["Location"] == "/privacy/do-not-sell-or-share/"
    visitor = client.cookies["privacy_visitor"].value
    assert client.cookies["privacy_opt_out"].value == "1"
    assert PrivacySignal.objects.filter(subject_key=f"visitor:{visitor}", kind="optout").count() == 1
    declined = ConsentRecord.objects.get(subject_key=f"visitor:{visitor}", group="marketing")
    assert declined.granted is False and declined.method == "choices"
    assert "marketing=-1" in _consent_cookie(client)
    # The next page says so, and the marketing group stays declined even if the cookie is lost.
    followed = client.get("/privacy/choices/")
    assert "You have opted out." in followed.content.decode()
    assert "Opt me out" not in followed.content.decode()
    client.cookies.pop("cookie_consent")
    client.get("/")
    assert "marketing=-1" in _consent_cookie(client)
    # Accepting everything in the cookie settings cannot switch marketing back on (as with GPC).
    client.post("/privacy/cookies/", {"action": "accept_all", "next": "/"})
    assert "marketing=-1" in _consent_cookie(client)
    # Posting again records nothing twice.
    client.post("/privacy/choices/")
    assert PrivacySignal.objects.filter(kind="optout").count() == 1


def test_the_request_sees_the_opt_out_like_gpc(client, rf):
    from privacy_center.consent.services.browser_signals import opted_out

    client.post("/privacy/choices/")
    response = client.get("/privacy/choices/")
    assert response.wsgi_request.privacy_opted_out is True
    assert opted_out(response.wsgi_request)
    assert response.wsgi_request.privacy_gpc is False  # no header was sent: it is not called GPC
    fresh = Client().get("/privacy/choices/")
    assert not opted_out(fresh.wsgi_request)


def test_a_logged_in_customer_is_recorded_against_the_account_too(logged_in_client, customer):
    subject = Subject(user=customer)
    assert may_process(subject, "sale") and may_process(subject, "advertising")
    logged_in_client.post("/privacy/choices/")
    assert not may_process(subject, "sale")
    assert not may_process(subject, "sharing")
    assert not may_process(subject, "advertising")
    assert PrivacySignal.objects.filter(subject_key=f"user:{customer.pk}", kind="optout").exists()
    visitor = logged_in_client.cookies["privacy_visitor"].value
    assert PrivacySignal.objects.filter(subject_key=f"visitor:{visitor}", kind="optout").exists()
    assert ConsentRecord.objects.filter(subject_key=f"user:{customer.pk}", group="marketing", granted=False).exists()
    timeline = logged_in_client.get("/privacy/timeline/").content.decode()
    assert "Opted out of sale, sharing and targeted advertising" in timeline
    page = logged_in_client.get("/privacy/choices/").content.decode()
    assert "Your account records this opt-out too" in page


def test_an_opt_out_made_before_logging_in_reaches_the_account(client, customer):
    from tests.conftest import PASSWORD

    client.post("/privacy/choices/")
    client.post("/accounts/login/", {"login": customer.email, "password": PASSWORD})
    assert not may_process(Subject(user=customer), "sale")


def test_the_post_needs_the_csrf_token():
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/privacy/choices/").status_code == 403
    assert not PrivacySignal.objects.exists()


def test_guests_see_only_the_privacy_links_that_work_for_them(client):
    html = client.get("/privacy/choices/").content.decode()
    nav = html[html.index('class="pc-nav"'):html.index("</nav>", html.index('class="pc-nav"'))]
    for href in ("/privacy/choices/", "/privacy/requests/guest/", "/privacy/cookies/", "/privacy/notice/"):
        assert f'href="{href}"' in nav
    for href in ('href="/privacy/"', "/privacy/data/", "/privacy/exports/", "/privacy/timeline/",
                 "/privacy/restriction/", "/privacy/delete/", 'href="/privacy/requests/"'):
        assert href not in nav
    # Every link of the guest menu answers without sending the visitor to the login page.
    import re

    for href in re.findall(r'href="([^"]+)"', nav):
        response = client.get(href)
        assert response.status_code == 200, href


def test_the_footer_links_of_the_demo_and_the_template_tag(client):
    from django.template import Context, Template, TemplateSyntaxError

    home = client.get("/").content.decode()
    footer = home[home.index("<footer"):]
    assert 'href="/privacy/do-not-sell-or-share/"' in footer
    assert "Do Not Sell or Share My Personal Information" in footer
    assert 'href="/privacy/choices/"' in footer and "Your Privacy Choices" in footer
    assert "pcc-opt-out-icon" in footer
    rendered = Template('{% load privacy_center_consent %}{% privacy_choices_link "choices" %}').render(Context())
    assert 'href="/privacy/choices/"' in rendered and 'aria-hidden="true"' in rendered
    with pytest.raises(TemplateSyntaxError):
        Template('{% load privacy_center_consent %}{% privacy_choices_link "nope" %}').render(Context())
