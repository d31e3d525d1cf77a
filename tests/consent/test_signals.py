"""Global Privacy Control and Do-Not-Track: honoured once, shown on the page, and free on a warm cache."""

from __future__ import annotations

import pytest
from cookie_consent.util import parse_cookie_str

from privacy_center.consent.models import ConsentRecord, PrivacySignal
from privacy_center.models import PrivacyEvent
from privacy_center.services.restriction import get_flags, may_process
from privacy_center.subjects import Subject

from .conftest import cookie_value, real_login

pytestmark = pytest.mark.django_db
GPC = {"HTTP_SEC_GPC": "1"}


def test_gpc_declines_marketing_records_once_and_shows_the_notice(client):
    first = client.get("/", **GPC)
    assert "Opt-out request honored" in first.content.decode()
    assert parse_cookie_str(cookie_value(first))["marketing"] == "-1"
    visitor = first.cookies["privacy_visitor"].value
    for _ in range(3):
        assert "Opt-out request honored" in client.get("/", **GPC).content.decode()
    assert PrivacySignal.objects.filter(subject_key=f"visitor:{visitor}", kind="gpc").count() == 1
    recs = ConsentRecord.objects.filter(subject_key=f"visitor:{visitor}")
    assert [(r.group, r.granted, r.method) for r in recs] == [("marketing", False, "gpc")]


def test_gpc_overrides_an_earlier_marketing_acceptance_during_the_same_request(client):
    client.post("/privacy/cookies/", {"action": "accept_all"})
    html = client.get("/", **GPC).content.decode()
    assert '"ad_storage": "denied"' in html.split("gtag('consent','update'")[1]
    assert '"analytics_storage": "granted"' in html.split("gtag('consent','update'")[1]


def test_gpc_for_a_logged_in_customer_sets_the_sale_opt_out_flag_and_timeline(client, customer):
    client.force_login(customer)
    client.get("/", **GPC)
    client.get("/privacy/", **GPC)
    subject = Subject(user=customer)
    assert get_flags(subject)["opted_out_of_sale"] is True
    assert not may_process(subject, "sale")
    events = PrivacyEvent.objects.filter(subject_key=f"user:{customer.pk}", kind=PrivacyEvent.Kind.SIGNAL_HONORED)
    assert events.count() == 1 and events.get().method == "gpc"
    assert PrivacySignal.objects.filter(subject_key=f"user:{customer.pk}").count() == 1


def test_warm_cache_gpc_request_makes_no_query(client, django_assert_num_queries):
    from django.test import RequestFactory

    from privacy_center.consent.middleware import PrivacySignalsMiddleware

    client.get("/", **GPC)  # records, sets the visitor and consent cookies, warms the cache
    request = RequestFactory().get("/", **GPC)
    request.COOKIES.update({k: v.value for k, v in client.cookies.items()})
    middleware = PrivacySignalsMiddleware(lambda r: __import__("django.http").http.HttpResponse("ok"))
    middleware(request)  # django-cookie-consent's group cache warmed too
    with django_assert_num_queries(0):
        middleware(request)


def test_request_without_signals_makes_no_query(rf, django_assert_num_queries):
    from django.http import HttpResponse

    from privacy_center.consent.middleware import PrivacySignalsMiddleware

    middleware = PrivacySignalsMiddleware(lambda r: HttpResponse("ok"))
    with django_assert_num_queries(0):
        response = middleware(rf.get("/"))
    assert not response.cookies


def test_gpc_can_be_switched_off(client, settings):
    settings.PRIVACY_CENTER_HONOR_GPC = False
    response = client.get("/", **GPC)
    assert "Opt-out request honored" not in response.content.decode()
    assert not PrivacySignal.objects.exists()


def test_dnt_ignored_by_default_and_honoured_when_set(client, settings):
    client.get("/", HTTP_DNT="1")
    assert not PrivacySignal.objects.exists()
    settings.PRIVACY_CENTER_HONOR_DNT = True
    response = client.get("/", HTTP_DNT="1")
    values = parse_cookie_str(cookie_value(response))
    assert values == {"analytics": "-1", "marketing": "-1"}
    assert "Do Not Track honored" in response.content.decode()
    assert set(ConsentRecord.objects.values_list("group", "method")) == {("analytics", "dnt"), ("marketing", "dnt")}


def test_marketing_cannot_be_granted_while_gpc_is_sent(client):
    response = client.post("/privacy/cookies/", {"action": "accept_all"}, **GPC)
    values = parse_cookie_str(cookie_value(response))
    assert values["marketing"] == "-1" and values["analytics"] != "-1"


def test_gpc_json_is_served_at_the_well_known_address(client):
    response = client.get("/.well-known/gpc.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert response.json() == {"gpc": True, "lastUpdate": "2026-11-23"}


def test_anonymous_gpc_opt_out_follows_the_account_at_login(client, customer):
    client.get("/", **GPC)
    real_login(client, customer)
    assert get_flags(Subject(user=customer))["opted_out_of_sale"] is True
