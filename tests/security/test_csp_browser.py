"""Issue 10.5 in Chromium: under the shop's Content-Security-Policy nothing is blocked, the cookie banner
works and Google Consent Mode is updated; an injected inline script does not run."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COLLECT_VIOLATIONS = """() => { window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation',
    e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI)); }"""


def _violations(page) -> list[str]:
    return page.evaluate("() => window.__cspViolations || []")


def test_banner_and_consent_mode_work_under_the_policy(page, axe_check, demo_cookie_groups):
    page.add_init_script(f"({COLLECT_VIOLATIONS})()")
    response = page.goto("/shop/products/")
    assert "script-src 'self' 'nonce-" in response.headers["content-security-policy"]
    calls = page.evaluate("() => (window.dataLayer || []).filter(a => a[0] === 'consent').map(a => a[1])")
    assert calls == ["default"]  # the nonce'd inline script ran first in <head>
    banner = page.locator("[data-privacy-banner]")
    banner.get_by_role("button", name="Accept all").click()
    page.wait_for_function("() => window.shopDemoAnalytics && window.shopDemoAnalytics.loaded")
    calls = page.evaluate("() => (window.dataLayer || []).filter(a => a[0] === 'consent').map(a => a[1])")
    assert calls == ["default", "update"]
    assert page.locator("[data-privacy-banner]").count() == 0
    axe_check(page)
    for path in ("/privacy/notice/", "/privacy/cookies/", "/privacy/requests/guest/", "/accounts/login/"):
        page.goto(path)
        axe_check(page)
    assert _violations(page) == []


def test_an_injected_inline_script_is_blocked(page):
    page.add_init_script(f"({COLLECT_VIOLATIONS})()")
    page.goto("/privacy/notice/")
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__injected = true'; document.body.appendChild(s); }""")
    page.wait_for_function("() => window.__cspViolations.length > 0")
    assert page.evaluate("() => window.__injected") is None
    assert any(v.startswith("script-src") for v in _violations(page))
