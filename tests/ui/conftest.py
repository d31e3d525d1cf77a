"""Shared helpers for the look-and-feel browser tests: a demo customer with history, a signed-in browser,
and the layout checks every privacy page must pass at 1280 and 390 px."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings as django_settings

WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# 270 characters: long enough to overflow a phone, within VisitLog.path (300 on PostgreSQL).
LONG_PATH = "/shop/products/?" + "&".join(f"utm_campaign_parameter_{i}=winter-sale-2026-filament" for i in range(5))

# The buttons and fields a page shows in <main> that are shorter than the shop's own (46 px) buttons.
SHORT_CONTROLS_JS = """(minHeight) => {
  const main = document.querySelector('main') || document.body;
  const bad = [];
  for (const el of main.querySelectorAll('button, input[type=submit], .pc-button')) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || getComputedStyle(el).visibility === 'hidden') continue;
    if (el.closest('.pc-nav') || el.classList.contains('link')) continue;
    if (box.height < minHeight) bad.push(`${(el.innerText || el.value).trim()}: ${Math.round(box.height)} px`);
  }
  return bad;
}"""

OVERFLOW_JS = """() => {
  const root = document.scrollingElement;
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.right > window.innerWidth + 1 && !el.closest('.pc-table-wrap')) {
      wide.push(`${el.tagName.toLowerCase()}${el.className ? '.' + el.className : ''} right=${Math.round(box.right)}`);
    }
  }
  return {scrollWidth: root.scrollWidth, innerWidth: window.innerWidth, wide: wide.slice(0, 5)};
}"""


@pytest.fixture
def demo_customer(transactional_db):
    """The seeded demo customer (orders, addresses, reviews, visits), plus a visit with a very long URL."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from shop_demo.models import VisitLog
    from shop_demo.seeding import ensure_products
    from shop_demo.seeding.demo import CUSTOMER_EMAIL, ensure_demo_accounts

    ensure_demo_accounts(ensure_products())
    user = get_user_model().objects.get(email=CUSTOMER_EMAIL)
    VisitLog.objects.create(user=user, ip_address="198.51.100.23", path=LONG_PATH,
                            created_at=timezone.now() - dt.timedelta(hours=3),
                            user_agent="Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 Chrome/131.0")
    return user


@pytest.fixture
def sign_in(live_server):
    """``sign_in(page, user)``: give the browser a logged-in session cookie (no login form round trip)."""
    from django.test import Client

    def do(page, user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
        page.context.add_cookies([{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie.value,
                                   "url": live_server.url}])

    return do


@pytest.fixture
def check_layout(axe_check):
    """``check_layout(page)``: one <h1>, no sideways scrolling, main buttons as tall as the shop's, axe clean."""

    def check(page, min_button_height: int = 44):
        page.wait_for_load_state()
        assert page.locator("h1").count() == 1, f"{page.url}: {page.locator('h1').count()} <h1>"
        overflow = page.evaluate(OVERFLOW_JS)
        assert overflow["scrollWidth"] <= overflow["innerWidth"], (
            f"{page.url} scrolls sideways at {overflow['innerWidth']} px: {overflow}")
        short = page.evaluate(SHORT_CONTROLS_JS, min_button_height)
        assert not short, f"{page.url}: buttons smaller than the shop's: {short}"
        axe_check(page)

    return check
