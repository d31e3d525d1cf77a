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

