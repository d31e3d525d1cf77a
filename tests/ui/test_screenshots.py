"""README's screenshots, retaken in Chromium: ``PC_SCREENSHOTS=docs/screenshots pytest tests/ui/test_screenshots.py``.

Skipped unless ``PC_SCREENSHOTS`` names the folder. The pages are the seeded demo customer's; the cookie
banner is answered first so it does not cover them."""

from __future__ import annotations

import os

import pytest

from .conftest import PHONE, WIDE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
FOLDER = os.environ.get("PC_SCREENSHOTS")
THEME = ":root { --pc-accent: #7a1f5f; --pc-radius: 0px; --pc-font: Georgia, serif; --pc-soft: #f7eef4; }"


@pytest.mark.skipif(not FOLDER, reason="set PC_SCREENSHOTS to the folder to write README's screenshots to")
def test_readme_screenshots(browser, live_server, demo_customer, sign_in):
    from privacy_center.requests.services import core

    core.submit_request("access", user=demo_customer, verification="session")
    os.makedirs(FOLDER, exist_ok=True)

    def shoot(viewport, path, name, full_page=False, css=None):
        context = browser.new_context(viewport=viewport, base_url=live_server.url)
        page = context.new_page()
        sign_in(page, demo_customer)
        page.goto("/privacy/cookies/")
        page.locator("main").get_by_role("button", name="Decline all").first.click()
        page.wait_for_load_state()
        page.goto(path)
        if css:
            page.add_style_tag(content=css)
        page.screenshot(path=os.path.join(FOLDER, name), full_page=full_page)
        context.close()

    shoot(WIDE, "/privacy/", "privacy-center.png")
    shoot(WIDE, "/privacy/data/", "my-data.png")
    shoot(WIDE, "/privacy/delete/", "delete.png")
    shoot(WIDE, "/privacy/requests/", "requests.png")
    shoot(PHONE, "/privacy/", "phone-home.png")
    shoot(WIDE, "/privacy/", "themed.png", css=THEME)
    for name in ("privacy-center.png", "my-data.png", "delete.png", "requests.png", "phone-home.png", "themed.png"):
        assert os.path.getsize(os.path.join(FOLDER, name)) > 10_000, name
