"""The privacy pages look like the shop at 1280 and 390 px: no sideways scrolling (long values wrap, tables
stack or scroll in their own box), every main action as tall as the shop's buttons, a compact menu on
phones that works without JavaScript, the shop's own theme values applied. Every page passes axe."""

from __future__ import annotations

import os
import re

import pytest

from .conftest import PHONE, WIDE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CUSTOMER_PAGES = [
    "/privacy/", "/privacy/?all=1", "/privacy/data/", "/privacy/data/shop_demo.visitlog/",
    "/privacy/data/shop_demo.order/", "/privacy/data/shop_demo.address/",
    "/privacy/exports/", "/privacy/requests/", "/privacy/requests/new/", "/privacy/cookies/", "/privacy/preferences/",
    "/privacy/timeline/", "/privacy/restriction/", "/privacy/delete/", "/privacy/newsletter/", "/privacy/notice/",
]
GUEST_PAGES = ["/privacy/requests/guest/", "/privacy/newsletter/", "/privacy/notice/", "/privacy/cookies/"]
SHOTS = os.environ.get("PC_UI_SHOTS")  # a folder: also save a full-page screenshot of each page there


def _shoot(page, name: str):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS, re.sub(r"[^a-z0-9]+", "-", name.lower()) + ".png"), full_page=True)


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1280", "390"])
def test_customer_pages_fit_and_use_shop_sized_buttons(page, demo_customer, sign_in, check_layout, viewport):
    page.set_viewport_size(viewport)
    sign_in(page, demo_customer)
    for path in CUSTOMER_PAGES:
        response = page.goto(path)
        assert response.status == 200, (path, response.status)
        check_layout(page)
        _shoot(page, f"{viewport['width']}{path}")


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1280", "390"])
def test_guest_pages_fit_and_use_shop_sized_buttons(page, transactional_db, check_layout, viewport):
    page.set_viewport_size(viewport)
    for path in GUEST_PAGES:
        response = page.goto(path)
        assert response.status == 200, (path, response.status)
        check_layout(page)
        _shoot(page, f"guest-{viewport['width']}{path}")



def _menu_links_visible(page) -> int:
    return sum(1 for link in page.locator(".pc-nav a").all() if link.is_visible())


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_phone_menu_is_one_line_until_opened(browser, live_server, demo_customer, sign_in, check_layout, javascript):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript, base_url=live_server.url)
    page = context.new_page()
    sign_in(page, demo_customer)
    page.goto("/privacy/data/")
    menu = page.locator(".pc-nav")
    assert menu.bounding_box()["height"] <= 60, menu.bounding_box()
    assert _menu_links_visible(page) == 0
    assert page.locator("h1").bounding_box()["y"] < PHONE["height"] / 2  # the heading is high on the first screen
    summary = page.locator(".pc-menu > summary")
    assert re.search(r"Privacy menu\s+My data", summary.inner_text())
    summary.click()
    assert _menu_links_visible(page) >= 8
    page.get_by_role("link", name="Timeline").click()
    page.wait_for_url("**/privacy/timeline/")
    if javascript:  # axe runs as a script: without JavaScript its promise never settles
        check_layout(page)
    else:
        assert page.evaluate("() => document.scrollingElement.scrollWidth <= innerWidth")
    context.close()


def test_wide_menu_is_an_open_column(page, demo_customer, sign_in):
    page.set_viewport_size(WIDE)
    sign_in(page, demo_customer)
    page.goto("/privacy/")
    assert not page.locator(".pc-menu > summary").is_visible()
    assert _menu_links_visible(page) >= 8
    current = page.locator(".pc-nav a[aria-current=page]")
    assert current.inner_text() == "Overview"


def test_shop_sets_the_theme_once(page, demo_customer, sign_in):
    """The demo's shop.css sets the --pc-* values; a shop's single :root rule restyles every privacy button."""
    page.set_viewport_size(WIDE)
    sign_in(page, demo_customer)
    page.goto("/privacy/exports/")
    root = page.evaluate("() => getComputedStyle(document.documentElement).getPropertyValue('--pc-control-height')")
    assert root.strip() == "46px"
    button = page.locator("main form button").first
    assert round(button.bounding_box()["height"]) == 46
    page.add_style_tag(content=":root { --pc-accent: rgb(122, 31, 95); --pc-radius: 0px; --pc-font: monospace; }")
    style = button.evaluate("b => { const s = getComputedStyle(b); "
                            "return [s.backgroundColor, s.borderTopLeftRadius, s.fontFamily]; }")
    assert style == ["rgb(122, 31, 95)", "0px", "monospace"]
    # The footer's newsletter button on a shop page takes the same look.
    page.goto("/shop/products/")
    footer_button = page.locator(".pcc-footer-form button")
    assert round(footer_button.bounding_box()["height"]) == 46
