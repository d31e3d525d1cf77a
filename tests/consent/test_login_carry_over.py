"""Consent given while anonymous follows the account at login; the most recent choice wins."""

from __future__ import annotations

import datetime as dt

import pytest
from cookie_consent.util import parse_cookie_str

from privacy_center.consent.models import ConsentRecord, Method
from privacy_center.models import PrivacyEvent

from .conftest import cookie_value, real_login

pytestmark = pytest.mark.django_db


def test_anonymous_choice_is_copied_to_the_account(client, customer):
    client.post("/privacy/cookies/", {"action": "save", "group_analytics": "yes", "group_marketing": "no"})
    real_login(client, customer)
    recs = {r.group: r for r in ConsentRecord.objects.filter(subject_key=f"user:{customer.pk}")}
    assert (recs["analytics"].granted, recs["marketing"].granted) == (True, False)
    assert recs["analytics"].method == Method.LOGIN
    assert PrivacyEvent.objects.filter(subject_key=f"user:{customer.pk}",
                                       kind=PrivacyEvent.Kind.CONSENT_GIVEN).count() == 1


def test_older_anonymous_choice_loses_to_the_account_and_the_browser_follows_the_account(client, customer):
    # The account accepted everything yesterday (on another device) ...
    client.post("/privacy/cookies/", {"action": "decline_all"})  # ... today, anonymous here: declined
    visitor = client.cookies["privacy_visitor"].value
    for group in ("analytics", "marketing"):
        from cookie_consent.cache import get_cookie_group

        ConsentRecord.objects.create(subject_key=f"user:{customer.pk}", user=customer, group=group, granted=True,
                                     method=Method.SETTINGS, group_version=get_cookie_group(group).get_version())
    ConsentRecord.objects.filter(subject_key=f"user:{customer.pk}").update(
        created_at=ConsentRecord.objects.filter(subject_key=f"visitor:{visitor}").first().created_at
        - dt.timedelta(days=1))
    response = real_login(client, customer)
    # Today's anonymous choice is newer: it wins and is copied to the account.
    latest = ConsentRecord.objects.filter(subject_key=f"user:{customer.pk}").order_by("-created_at", "-id")
    assert {r.group: r.granted for r in latest[:2]} == {"analytics": False, "marketing": False}
    assert "cookie_consent" not in response.cookies


def test_account_choice_is_applied_to_a_new_browser(client, customer, settings):
    from django.test import Client

    other_device = Client()
    other_device.force_login(customer)
    other_device.post("/privacy/cookies/", {"action": "save", "group_analytics": "yes", "group_marketing": "no"})
    # A fresh browser, never asked: logging in brings the account's choice.
    response = real_login(client, customer)
    values = parse_cookie_str(cookie_value(response))
    assert values["marketing"] == "-1" and values["analytics"] not in ("", "-1")
    assert "data-privacy-banner" not in client.get("/").content.decode()
