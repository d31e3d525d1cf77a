"""Cookie choices: the banner and the cookie page set django-cookie-consent's cookie and write consent records."""

from __future__ import annotations

import pytest
from cookie_consent.util import parse_cookie_str

from privacy_center.consent.models import ConsentRecord, Method
from privacy_center.models import PrivacyEvent

from .conftest import cookie_value

pytestmark = pytest.mark.django_db


def test_groups_come_from_the_data_migration():
    from cookie_consent.models import CookieGroup

    groups = {g.varname: g for g in CookieGroup.objects.all()}
    assert set(groups) == {"necessary", "analytics", "marketing"}
    assert groups["necessary"].is_required and not groups["analytics"].is_required
    assert all(g.cookie_set.exists() for g in groups.values())


def test_first_visit_shows_the_banner_and_consent_mode_denied(client):
    html = client.get("/").content.decode()
    assert "data-privacy-banner" in html
    assert "Accept all" in html and "Decline all" in html
    assert "gtag('consent','default'" in html
    assert '"analytics_storage": "denied"' in html and "'update'" not in html
    # The analytics script is present only as an inert placeholder.
    assert 'type="text/plain" data-consent-group="analytics"' in html


def test_banner_accept_all_without_js_sets_cookie_records_and_redirects_back(client):
    response = client.post("/privacy/cookies/", {"action": "accept_all", "source": "banner", "next": "/shop/"})
    assert response.status_code == 302 and response["Location"] == "/shop/"
    values = parse_cookie_str(cookie_value(response))
    assert set(values) == {"analytics", "marketing"} and "-1" not in values.values()
    visitor = response.cookies["privacy_visitor"].value
    recs = ConsentRecord.objects.filter(subject_key=f"visitor:{visitor}")
    assert {(r.group, r.granted, r.method) for r in recs} == {("analytics", True, "banner"),
                                                              ("marketing", True, "banner")}
    html = client.get("/").content.decode()
    assert "data-privacy-banner" not in html
    assert '<script src="/static/shop_demo/analytics.js" defer data-consent-group="analytics">' in html
    assert "gtag('consent','update'" in html and '"ad_storage": "granted"' in html


def test_decline_all_keeps_analytics_out_and_records_withdrawal(client):
    client.post("/privacy/cookies/", {"action": "accept_all", "source": "banner"})
    client.post("/privacy/cookies/", {"action": "decline_all", "source": "settings"})
    html = client.get("/").content.decode()
    assert "analytics.js\" defer" not in html and 'data-src="/static/shop_demo/analytics.js"' in html
    last = ConsentRecord.objects.filter(group="analytics").order_by("-id").first()
    assert (last.granted, last.method) == (False, Method.SETTINGS)


def test_unchanged_choice_writes_no_new_record(client):
    client.post("/privacy/cookies/", {"action": "decline_all", "source": "banner"})
    client.post("/privacy/cookies/", {"action": "decline_all", "source": "banner"})
    assert ConsentRecord.objects.count() == 2


def test_choose_per_group_on_the_settings_page(client):
    response = client.post("/privacy/cookies/", {"action": "save", "group_analytics": "yes", "group_marketing": "no"})
    assert response.status_code == 302
    values = parse_cookie_str(cookie_value(response))
    assert values["marketing"] == "-1" and values["analytics"] != "-1"
    page = client.get("/privacy/cookies/").content.decode()
    assert 'value="yes" checked' in page.replace('checked=""', "checked") or "checked" in page


def test_json_answer_for_the_enhanced_banner(client):
    response = client.post("/privacy/cookies/", {"action": "accept_all", "source": "banner"},
                           HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    data = response.json()
    assert data["choices"] == {"analytics": True, "marketing": True}
    assert data["consent_mode"]["analytics_storage"] == "granted"
    assert data["consent_mode"]["ad_user_data"] == "granted"


def test_invalid_post_is_400_and_changes_nothing(client):
    response = client.post("/privacy/cookies/", {"action": "nonsense"})
    assert response.status_code == 400
    assert ConsentRecord.objects.count() == 0


def test_open_redirect_is_refused(client):
    response = client.post("/privacy/cookies/", {"action": "accept_all", "next": "https://evil.example/"})
    assert response["Location"] == "/privacy/cookies/"


def test_logged_in_choice_is_recorded_on_the_account_with_timeline_and_policy_version(client, customer, make_policy):
    make_policy("2026.1")
    client.force_login(customer)
    client.post("/privacy/cookies/", {"action": "save", "group_analytics": "yes", "group_marketing": "no",
                                      "source": "settings"})
    recs = ConsentRecord.objects.filter(subject_key=f"user:{customer.pk}")
    assert {(r.group, r.granted, r.policy_version) for r in recs} == {("analytics", True, "2026.1"),
                                                                      ("marketing", False, "2026.1")}
    kinds = set(PrivacyEvent.objects.filter(subject_key=f"user:{customer.pk}").values_list("kind", flat=True))
    assert kinds == {PrivacyEvent.Kind.CONSENT_GIVEN, PrivacyEvent.Kind.CONSENT_WITHDRAWN}


def test_cookie_consent_own_views_are_recorded_too(client):
    response = client.post("/cookies/accept/", {"cookie_groups": "analytics"})
    assert response.status_code == 302
    rec = ConsentRecord.objects.get()
    assert (rec.group, rec.granted, rec.method) == ("analytics", True, Method.SETTINGS)


def test_cookie_consent_list_page_is_overridden_with_the_shop_layout(client):
    html = client.get("/cookies/").content.decode()
    assert "<html lang=" in html and "<title>" in html and '<main id="main">' in html
    assert html.count("<h1") == 1
