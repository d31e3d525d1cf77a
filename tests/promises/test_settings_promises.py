"""Promises a shop makes through settings: a retention ceiling (PRIVACY_CENTER_MAX_RETENTION_DAYS, the app's
own retention in PRIVACY_CENTER_RETENTION_DAYS) and which built-in fields customers may correct
(PRIVACY_CENTER_EDITABLE_FIELDS): what ``manage.py check``, My data and the API show."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import checks
from django.utils import timezone
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

THREE_YEAR_SOURCES = {"privacy_center.privacyevent", "privacy_center.subjectflags",
                      "privacy_center.recipientnotification", "privacy_consent.consentrecord",
                      "privacy_center.accuracydispute"}


def _messages(code_prefix: str) -> list[checks.CheckMessage]:
    return [m for m in checks.run_checks() if m.id and m.id.startswith(code_prefix)]


def _flagged(level_code: str) -> set[str]:
    return {m.obj for m in _messages(level_code)}


# -- the retention ceiling -------------------------------------------------------------------------------


def test_no_ceiling_no_report():
    assert not _messages("privacy_center.W050") and not _messages("privacy_center.I050")


def test_a_two_year_ceiling_flags_the_apps_three_year_sources(settings):
    settings.PRIVACY_CENTER_MAX_RETENTION_DAYS = 730
    warned = _flagged("privacy_center.W050")
    assert THREE_YEAR_SOURCES <= warned
    # Copies of data (1 year) and e-mails (30 days) keep the promise.
    assert not warned & {"privacy_center.export", "privacy_center.outboxmessage"}
    message = next(m for m in _messages("privacy_center.W050") if m.obj == "privacy_center.privacyevent")
    assert "1095 days" in message.msg and "730 days" in message.msg
    assert "PRIVACY_CENTER_RETENTION_DAYS" in message.hint
    # Request records: 24 months after closing, which the CCPA regulations require: information, not a warning.
    info = {m.obj: m.msg for m in _messages("privacy_center.I050")}
    assert "privacy_requests.privacyrequest" in info and "§ 7101" in info["privacy_requests.privacyrequest"]
    assert "privacy_requests.privacyrequest" not in warned


def test_setting_the_apps_retention_to_the_ceiling_clears_the_warnings(settings):
    settings.PRIVACY_CENTER_MAX_RETENTION_DAYS = 730
    settings.PRIVACY_CENTER_RETENTION_DAYS = dict.fromkeys(THREE_YEAR_SOURCES, 730)
    assert not _flagged("privacy_center.W050") & THREE_YEAR_SOURCES


def test_the_apps_retention_comes_from_the_setting(settings, customer):
    """The sweep deletes timeline entries older than the configured retention, and an erasure keeps them
    (a legal hold) as long as the setting says."""
    from privacy_center.erasure.services.retention import run_retention
    from privacy_center.models import PrivacyEvent
    from privacy_center.registry import site
    from privacy_center.services.timeline import record_event
    from privacy_center.subjects import Subject

    subject = Subject.for_user(customer)
    event = record_event(subject, PrivacyEvent.Kind.DATA_CORRECTED, "Corrected in Orders: phone")
    later = timezone.now() + dt.timedelta(days=800)

    source = site.get("privacy_center.privacyevent")
    assert source.retention.days == 1095 and source.legal_hold.years == 3
    run_retention(now=later)
    assert PrivacyEvent.objects.filter(pk=event.pk).exists()  # 800 days < 3 years

    settings.PRIVACY_CENTER_RETENTION_DAYS = {"privacy_center.privacyevent": 730}
    assert source.retention.days == 730 and source.legal_hold.years == 2
    assert str(source.describe().retention) == "2 years"
    run_retention(now=later)
    assert not PrivacyEvent.objects.filter(pk=event.pk).exists()


def test_the_customer_reads_the_configured_retention(settings, logged_in_client):
    settings.PRIVACY_CENTER_RETENTION_DAYS = {"privacy_center.export": 90}
    html = logged_in_client.get("/privacy/?all=1").content.decode()
    assert "90 days" in html


def test_unknown_retention_names_fail_the_check(settings):
    settings.PRIVACY_CENTER_RETENTION_DAYS = {"privacy_center.privacyevnt": 730, "privacy_center.export": 0}
    messages = [m.msg for m in _messages("privacy_center.E050")]
    assert any("'privacy_center.privacyevnt'" in m for m in messages)
    assert any("'privacy_center.export' 0 days" in m for m in messages)


# -- editable fields of built-in sources --------------------------------------------------------------


@pytest.fixture
def no_name_corrections(settings):
    """The Chinese shop's promise: "you may correct your data, except your name"."""
    settings.PRIVACY_CENTER_EDITABLE_FIELDS = {"auth.user": ["last_name"]}


def test_my_data_offers_only_the_configured_fields(no_name_corrections, logged_in_client, customer):
    html = logged_in_client.get("/privacy/data/auth.user/").content.decode()
    assert f'name="row{customer.pk}-last_name"' in html
    assert f'name="row{customer.pk}-first_name"' not in html
    p = f"row{customer.pk}"
    response = logged_in_client.post(f"/privacy/data/auth.user/{customer.pk}/",
                                     {f"{p}-first_name": "Augusta", f"{p}-last_name": "King"})
    assert response.status_code == 302
    customer.refresh_from_db()
    assert (customer.first_name, customer.last_name) == ("Test", "King")


def test_nothing_editable_means_no_correction_page(settings, logged_in_client, customer):
    settings.PRIVACY_CENTER_EDITABLE_FIELDS = {"auth.user": []}
    assert logged_in_client.get(f"/privacy/data/auth.user/{customer.pk}/").status_code == 404
    html = logged_in_client.get("/privacy/data/auth.user/").content.decode()
    assert f'name="row{customer.pk}-first_name"' not in html


def test_the_api_follows_the_setting(no_name_corrections, customer):
    api = APIClient()
    api.force_login(customer)
    url = f"/api/privacy/data/auth.user/{customer.pk}/"
    response = api.patch(url, {"first_name": "Augusta"}, format="json")
    assert response.status_code == 400 and "first_name" in response.json()
    assert api.patch(url, {"last_name": "King"}, format="json").status_code == 200
    customer.refresh_from_db()
    assert (customer.first_name, customer.last_name) == ("Test", "King")
    account = next(s for s in api.get("/api/privacy/data/").json() if s["name"] == "auth.user")
    fields = {f["name"]: f["editable"] for f in account["fields"]}
    assert fields["last_name"] and not fields["first_name"]


def test_unknown_sources_or_fields_fail_the_check(settings):
    settings.PRIVACY_CENTER_EDITABLE_FIELDS = {"auth.user": ["nick"], "shop.nothing": ["x"]}
    messages = [m.msg for m in _messages("privacy_center.E005")]
    assert any("'nick' of 'auth.user'" in m for m in messages)
    assert any("'shop.nothing'" in m for m in messages)
    settings.PRIVACY_CENTER_EDITABLE_FIELDS = {"auth.user": ["last_name"], "shop_demo.customerprofile": ["phone"]}
    assert not _messages("privacy_center.E005") and not _messages("privacy_center.E002")
