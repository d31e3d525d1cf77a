"""The consent feature in Debian's Chromium: banner, gated analytics, Consent Mode, GPC, newsletter by real
SMTP with one-click unsubscribe, consent following the account at login. axe on every page of the feature."""

from __future__ import annotations

import re
import urllib.request

import pytest

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CONSENT_CALLS = """() => (window.dataLayer || []).map(a => Array.from(a))
    .filter(a => a[0] === 'consent').map(a => [a[1], a[2]])"""


def _consent_calls(page):
    return page.evaluate(CONSENT_CALLS)


def _one_h1_and_axe(page, axe_check):
    page.wait_for_load_state()
    assert page.locator("h1").count() == 1, page.url
    axe_check(page)


def _login(page, user):
    page.goto("/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form").get_by_role("button", name=re.compile("sign in|log in", re.I)).click()
    page.wait_for_load_state()


def test_first_visit_banner_decline_keeps_analytics_out_then_accept_loads_it(page, axe_check):
    page.goto("/")
    banner = page.locator("[data-privacy-banner]")
    assert banner.is_visible()
    axe_check(page)
    # Consent Mode: everything denied before any choice, set before any tag.
    calls = _consent_calls(page)
    assert calls[0][0] == "default" and len(calls) == 1
    assert {k: calls[0][1][k] for k in ("ad_storage", "analytics_storage", "ad_user_data", "ad_personalization")} \
        == dict.fromkeys(("ad_storage", "analytics_storage", "ad_user_data", "ad_personalization"), "denied")

    banner.get_by_role("button", name="Decline all").click()
    page.wait_for_function("() => !document.querySelector('[data-privacy-banner]')")
    assert page.evaluate("() => window.shopDemoAnalytics") is None
    page.reload()
    assert page.locator("[data-privacy-banner]").count() == 0
    assert page.evaluate("() => window.shopDemoAnalytics") is None
    assert page.locator('script[src*="analytics.js"]').count() == 0

    # Change of mind on the cookie page (plain form POST).
    page.goto("/privacy/cookies/")
    _one_h1_and_axe(page, axe_check)
    page.locator("main").get_by_role("button", name="Accept all").click()
    page.wait_for_load_state()
    page.goto("/")
    page.wait_for_function("() => window.shopDemoAnalytics && window.shopDemoAnalytics.loaded")
    calls = _consent_calls(page)
    assert calls[-1][0] == "update" and calls[-1][1]["analytics_storage"] == "granted"


def test_accept_in_the_banner_updates_consent_mode_and_loads_analytics_without_reload(page, axe_check):
    page.goto("/shop/products/")
    assert page.evaluate("() => window.shopDemoAnalytics") is None
    page.locator("[data-privacy-banner]").get_by_role("button", name="Accept all").click()
    page.wait_for_function("() => window.shopDemoAnalytics && window.shopDemoAnalytics.loaded")
    calls = _consent_calls(page)
    assert [c[0] for c in calls] == ["default", "update"]
    assert calls[0][1]["ad_storage"] == "denied"
    assert {k: calls[1][1][k] for k in ("ad_storage", "analytics_storage", "ad_user_data", "ad_personalization")} \
        == dict.fromkeys(("ad_storage", "analytics_storage", "ad_user_data", "ad_personalization"), "granted")
    axe_check(page)


def test_banner_works_without_javascript(browser, live_server):
    from privacy_center.consent.models import ConsentRecord

    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto("/")
    page.locator("[data-privacy-banner]").get_by_role("button", name="Decline all").click()
    page.wait_for_load_state()
    assert page.locator("[data-privacy-banner]").count() == 0
    assert set(ConsentRecord.objects.values_list("group", "granted", "method")) == {
        ("analytics", False, "banner"), ("marketing", False, "banner")}
    context.close()


def test_gpc_visitor_gets_marketing_declined_and_the_opt_out_recorded_once(page, axe_check):
    from privacy_center.consent.models import ConsentRecord, PrivacySignal

    page.set_extra_http_headers({"Sec-GPC": "1"})
    page.goto("/")
    assert page.get_by_text("Opt-out request honored").is_visible()
    axe_check(page)
    page.goto("/privacy/cookies/")
    _one_h1_and_axe(page, axe_check)
    assert page.get_by_text("Opt-out request honored").is_visible()
    page.goto("/")
    assert PrivacySignal.objects.filter(kind="gpc").count() == 1
    assert list(ConsentRecord.objects.values_list("group", "granted", "method")) == [("marketing", False, "gpc")]
    # Marketing declined, analytics not chosen yet: everything stays denied (no update to granted).
    calls = _consent_calls(page)
    assert all(state == "denied" for call in calls for key, state in call[1].items() if key != "wait_for_update")
    # The banner still asks about analytics; accepting all cannot switch marketing on under GPC.
    page.locator("[data-privacy-banner]").get_by_role("button", name="Accept all").click()
    page.wait_for_function("() => window.shopDemoAnalytics && window.shopDemoAnalytics.loaded")
    update = _consent_calls(page)[-1]
    assert update[0] == "update" and update[1]["analytics_storage"] == "granted"
    assert update[1]["ad_storage"] == update[1]["ad_user_data"] == "denied"


def test_newsletter_double_opt_in_by_real_smtp_and_one_click_unsubscribe(page, axe_check, smtp_server):
    from privacy_center.consent.models import Subscription

    page.goto("/privacy/newsletter/")
    _one_h1_and_axe(page, axe_check)
    page.locator("main").get_by_label("Your e-mail address").fill("maker@example.com")
    page.locator("main").get_by_role("button", name="Subscribe").click()
    page.wait_for_load_state()
    _one_h1_and_axe(page, axe_check)
    assert "Check your inbox" in page.locator("h1").inner_text()

    [confirm_mail] = smtp_server.wait_for(1)
    link = next(u for u in smtp_server.links(confirm_mail) if "/newsletter/confirm/" in u)
    page.goto(link)
    _one_h1_and_axe(page, axe_check)
    assert Subscription.objects.get().status == "pending"  # opening the link alone changes nothing
    page.get_by_role("button", name="Confirm subscription").click()
    page.wait_for_load_state()
    _one_h1_and_axe(page, axe_check)
    assert Subscription.objects.get().status == "active"

    welcome = smtp_server.wait_for(2)[1]
    assert welcome["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = re.search(r"<(https?://[^>]+)>", welcome["List-Unsubscribe"]).group(1)
    assert "mailto:" in welcome["List-Unsubscribe"]
    page.goto(url)  # what a person sees: a page with a button; GET changes nothing
    _one_h1_and_axe(page, axe_check)
    assert Subscription.objects.get().status == "active"
    # What a mail provider does (RFC 8058): a POST with no cookie and no CSRF token.
    request = urllib.request.Request(url, data=b"List-Unsubscribe=One-Click", method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
    assert Subscription.objects.get().status == "unsubscribed"
    page.reload()
    _one_h1_and_axe(page, axe_check)
    assert "You are unsubscribed" in page.locator("h1").inner_text()


def test_suppressed_address_is_not_subscribed_from_the_footer(page, smtp_server):
    from privacy_center.consent.models import Subscription
    from privacy_center.services.suppression import suppress

    suppress("gone@example.com", reason="erased")
    page.goto("/")
    footer = page.locator("footer")
    footer.get_by_label("Your e-mail address").fill("gone@example.com")
    footer.get_by_role("button", name="Subscribe").click()
    page.wait_for_load_state()
    assert "Check your inbox" in page.locator("h1").inner_text()
    assert not Subscription.objects.exists() and smtp_server.messages == []


def test_consent_follows_the_account_at_login_and_pages_pass_axe(page, axe_check, customer, make_policy):
    from django.utils import timezone

    from privacy_center.consent.models import ConsentRecord

    type(customer).objects.filter(pk=customer.pk).update(date_joined=timezone.now() - timezone.timedelta(days=90))
    make_policy("2026.9", material=True, summary="We changed our payment processor.")
    page.goto("/privacy/cookies/")
    page.locator("main").get_by_label("Allow").first.check()  # analytics
    page.locator("main").get_by_label("Don't allow").last.check()  # marketing
    page.locator("main").get_by_role("button", name="Save my choices").click()
    page.wait_for_load_state()
    _login(page, customer)
    assert {(r.group, r.granted) for r in ConsentRecord.objects.filter(user=customer)} == {
        ("analytics", True), ("marketing", False)}

    page.goto("/privacy/timeline/")
    _one_h1_and_axe(page, axe_check)
    assert page.locator("[data-chain=verified]").is_visible()
    assert page.get_by_text("Cookies 'analytics' accepted").is_visible()
    page.goto("/privacy/preferences/")
    _one_h1_and_axe(page, axe_check)
    page.locator("main").get_by_label("Offers by e-mail").check()
    page.locator("main").get_by_label("Printing tips").check()
    page.locator("main").get_by_role("button", name="Save preferences").click()
    page.wait_for_load_state()
    _one_h1_and_axe(page, axe_check)
    # The material policy change is announced on every page until acknowledged.
    assert page.get_by_text("Our privacy policy changed (version 2026.9)").is_visible()
    page.goto("/privacy/notice/")
    _one_h1_and_axe(page, axe_check)
    page.locator(".pcc-policy").get_by_role("button", name="I have reviewed it").click()
    page.wait_for_load_state()
    assert page.get_by_text("Our privacy policy changed").count() == 0
    page.goto("/cookies/")
    _one_h1_and_axe(page, axe_check)
