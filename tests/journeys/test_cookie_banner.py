"""Issue 11, journey 6: the cookie banner's buttons save the choice in the background (the script posted to
``/[object RadioNodeList]`` because the buttons are named ``action``, then reloaded the page and lost what the
visitor had typed), and the banner is reachable first with the keyboard."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("button,choice", [("Accept all", True), ("Decline all", False)])
def test_banner_saves_without_reload_and_keeps_typed_text(web, axe_check, demo_cookie_groups, button, choice):
    posts = []
    web.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    web.goto("/shop/contact/")
    banner = web.locator("[data-privacy-banner]")
    assert banner.is_visible()
    axe_check(web)
    # First Tab: the skip link to the banner.
    web.keyboard.press("Tab")
    assert web.evaluate("() => document.activeElement.getAttribute('href')") == "#pcc-banner"
    typed = "A question about my order, half written"
    web.locator("main textarea").first.fill(typed)
    web.evaluate("() => { window.__notReloaded = true; }")
    banner.get_by_role("button", name=button).click()
    web.wait_for_function("() => !document.querySelector('[data-privacy-banner]')")
    assert web.evaluate("() => window.__notReloaded") is True  # no page load
    assert web.locator("main textarea").first.input_value() == typed
    assert [url for url in posts if "/privacy/cookies/" in url], posts
    assert not [url for url in posts if "RadioNodeList" in url], posts
    assert web.locator("[data-privacy-saved]").is_visible()
    web.goto("/")
    assert web.locator("[data-privacy-banner]").count() == 0
    assert (web.evaluate("() => window.shopDemoAnalytics") is not None) is choice
