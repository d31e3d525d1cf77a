"""The requests feature's settings (defaults and overrides, read late) and the adapter's proof of order."""

from __future__ import annotations

import pytest

from privacy_center.adapter import DefaultPrivacyAdapter, get_adapter
from privacy_center.app_settings import app_settings


def test_defaults(settings):
    for name in ("REGIMES", "CALENDARS", "SHOP_COUNTRY", "CLOCK_TIME_ZONE", "DEFAULT_REGIMES", "COUNTRY_REGIMES",
                 "REQUEST_PROMISES",
                 "REQUEST_REAUTH_TYPES", "REQUEST_MANUAL_TYPES", "REQUEST_REMINDER_DAYS", "REQUEST_STAFF_EMAILS",
                 "REQUEST_RETENTION_MONTHS", "REQUEST_REFERENCE_PREFIX", "GUEST_LINK_MAX_AGE", "GUEST_SESSION_MAX_AGE",
                 "REQUEST_RATE_LIMITS", "FREE_COPIES_PER_YEAR", "EXTRA_COPY_NOTE", "PROOF_MAX_BYTES",
                 "PROOF_CONTENT_TYPES", "ORDER_PROOF"):
        if hasattr(settings, "PRIVACY_CENTER_" + name):
            delattr(settings, "PRIVACY_CENTER_" + name)
    assert set(app_settings.REGIMES) == {"gdpr", "uk_gdpr", "ccpa", "lgpd", "pipa", "pipeda", "vn_pdpl",
                                         "vn_decree13", "pipl", "tdpsa", "vcdpa", "cpa_co", "ctdpa", "ocpa",
                                         "mcdpa", "dpdpa"}
    assert all(spec["citation"] for spec in app_settings.REGIMES.values())
    assert app_settings.REGIMES["ccpa"]["period"] == {"days": 45}
    assert app_settings.CALENDARS["default"] == {"weekend": [5, 6], "holidays": []}
    assert app_settings.CALENDARS["uk"] == {"country": "GB", "subdiv": "ENG"}
    assert app_settings.SHOP_COUNTRY == ""
    assert app_settings.CLOCK_TIME_ZONE == settings.TIME_ZONE
    assert app_settings.DEFAULT_REGIMES == ["gdpr"]
    assert app_settings.COUNTRY_REGIMES["SE"] == ["gdpr"] and app_settings.COUNTRY_REGIMES["US-CA"] == ["ccpa"]
    assert app_settings.REQUEST_PROMISES == {}
    assert app_settings.REQUEST_REAUTH_TYPES == ["access", "portability", "rectification", "erasure"]
    assert app_settings.REQUEST_MANUAL_TYPES == []
    assert app_settings.REQUEST_REMINDER_DAYS == 5
    assert app_settings.REQUEST_STAFF_EMAILS == [settings.PRIVACY_CENTER_CONTROLLER["email"]]
    assert app_settings.REQUEST_RETENTION_MONTHS == 24
    assert app_settings.REQUEST_REFERENCE_PREFIX == "PR"
    assert app_settings.GUEST_LINK_MAX_AGE == 86400 and app_settings.GUEST_SESSION_MAX_AGE == 3600
    assert app_settings.REQUEST_RATE_LIMITS["email"] == (3, 3600)
    assert app_settings.FREE_COPIES_PER_YEAR == 1
    assert "free copy" in app_settings.EXTRA_COPY_NOTE
    assert app_settings.PROOF_MAX_BYTES == 5 * 1024 * 1024
    assert set(app_settings.PROOF_CONTENT_TYPES) == {"application/pdf", "image/png", "image/jpeg"}
    assert app_settings.ORDER_PROOF is None


def test_overrides_are_read_late(settings):
    settings.PRIVACY_CENTER_REGIMES = {"gdpr": None, "shop": {"label": "Shop", "period": {"days": 7}}}
    assert "gdpr" not in app_settings.REGIMES and "shop" in app_settings.REGIMES
    settings.PRIVACY_CENTER_REQUEST_RETENTION_MONTHS = 12
    assert app_settings.REQUEST_RETENTION_MONTHS == 24  # never below CCPA's 24 months
    settings.PRIVACY_CENTER_REQUEST_RETENTION_MONTHS = 36
    assert app_settings.REQUEST_RETENTION_MONTHS == 36
    settings.PRIVACY_CENTER_REQUEST_RATE_LIMITS = {"ip": [1, 60]}
    assert app_settings.REQUEST_RATE_LIMITS["ip"] == (1, 60) and app_settings.REQUEST_RATE_LIMITS["email"] == (3, 3600)
    settings.PRIVACY_CENTER_REQUEST_REFERENCE_PREFIX = "DSR"
    assert app_settings.REQUEST_REFERENCE_PREFIX == "DSR"
    settings.PRIVACY_CENTER_CALENDARS = {"eu": {"holidays": ["12-24"]}, "mine": {"country": "NO"}}
    assert app_settings.CALENDARS["eu"] == {"country": "shop", "holidays": ["12-24"]}  # extended, not replaced
    assert app_settings.CALENDARS["mine"] == {"country": "NO"} and "uk" in app_settings.CALENDARS
    settings.PRIVACY_CENTER_SHOP_COUNTRY = "NO"
    assert app_settings.SHOP_COUNTRY == "NO"
    settings.PRIVACY_CENTER_CLOCK_TIME_ZONE = "America/Chicago"
    assert app_settings.CLOCK_TIME_ZONE == "America/Chicago"


@pytest.mark.django_db
def test_reference_prefix_is_used(settings, customer):
    from privacy_center.requests.services.core import submit_request

    settings.PRIVACY_CENTER_REQUEST_REFERENCE_PREFIX = "DSR"
    assert submit_request("other", user=customer, verification="session").request.reference.startswith("DSR-")


@pytest.mark.django_db
def test_default_adapter_checks_orders_through_the_setting(settings, make_order):
    order = make_order(email="Buyer@Example.com")
    adapter = DefaultPrivacyAdapter()
    assert adapter.verify_order_proof("buyer@example.com", order.number, order.billing_postcode) is False
    settings.PRIVACY_CENTER_ORDER_PROOF = {"model": "shop_demo.Order", "email": "email", "number": "number",
                                           "postcode": "billing_postcode"}
    assert adapter.verify_order_proof("buyer@example.com", order.number, " 75320 ") is True
    assert adapter.verify_order_proof("buyer@example.com", order.number, "11111") is False
    assert adapter.verify_order_proof("someone@example.com", order.number, order.billing_postcode) is False
    assert adapter.verify_order_proof("buyer@example.com", "", "") is False
    assert adapter.get_subject_country(None) is None


@pytest.mark.django_db
def test_demo_adapter(make_user, make_order):
    assert type(get_adapter()).__name__ == "ShopPrivacyAdapter"
    order = make_order(email="guest@example.com")
    adapter = get_adapter()
    assert adapter.verify_order_proof("GUEST@example.com", order.number, order.billing_postcode.lower())
    assert not adapter.verify_order_proof("guest@example.com", order.number, "000 00")
    assert adapter.get_subject_country(make_user(email="se@example.com", country="SE")) == "SE"


def test_misconfiguration_fails_the_system_checks(settings):
    from privacy_center.requests.checks import check_regimes

    assert check_regimes() == []
    settings.PRIVACY_CENTER_REGIMES = {"broken": {"label": "Broken", "period": {"weeks": 2}}}
    settings.PRIVACY_CENTER_DEFAULT_REGIMES = ["gdpr", "nowhere"]
    settings.PRIVACY_CENTER_REQUEST_PROMISES = {"erasure": {"text": "soon"}}
    settings.PRIVACY_CENTER_REQUEST_MANUAL_TYPES = ["teleport"]
    assert sorted(e.id for e in check_regimes()) == [
        "privacy_center.E101", "privacy_center.E102", "privacy_center.E103", "privacy_center.E104"]
