"""Browser journey in Chromium: log in, see and correct my data, start an export, download it, open
index.html. Every page passes axe (WCAG 2.2 A/AA) and has one <h1>."""

from __future__ import annotations

import re
import zipfile

import pytest

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def visit(axe_check):
    def check(page, heading: str | None = None):
        page.set_default_timeout(15_000)
        page.wait_for_load_state()
        assert page.locator("h1").count() == 1, page.url
        if heading:
            assert re.search(heading, page.locator("h1").inner_text(), re.I), page.locator("h1").inner_text()
        axe_check(page)
        return page

    return check


def test_customer_corrects_phone_and_downloads_export(page, live_server, customer, make_order, visit, tmp_path):
    from privacy_center.models import Export

    order = make_order(user=customer, lines=2)

    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("main").get_by_label(re.compile("e-?mail", re.I)).fill("ada@example.com")
    page.locator("main").get_by_label(re.compile("^password", re.I)).fill(PASSWORD)
    page.locator("main").get_by_role("button", name=re.compile("sign in|log in", re.I)).click()
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/privacy/")
    visit(page, "privacy center")
    assert "Commercial information" in page.content()

    page.get_by_role("link", name="My data", exact=True).first.click()
    visit(page, "my data")
    assert order.number in page.content()

    page.goto(f"{live_server.url}/privacy/data/shop_demo.customerprofile/")
    visit(page, "customer profile")
    page.locator("main").get_by_label(re.compile("^phone number", re.I)).fill("+46 70 555 66 77")
    page.get_by_role("button", name="Save corrections").click()
    visit(page)  # allauth's re-authentication page
    assert "/accounts/reauthenticate/" in page.url
    page.locator("main").get_by_label(re.compile("^password", re.I)).fill(PASSWORD)
    page.locator("main").get_by_role("button", name=re.compile("confirm", re.I)).click()
    visit(page, "customer profile")
    assert "+46 70 555 66 77" in page.content()
    customer.profile.refresh_from_db()
    assert customer.profile.phone == "+46 70 555 66 77"

    page.goto(f"{live_server.url}/privacy/exports/")
    visit(page, "download my data")
    page.get_by_role("button", name="Prepare a copy of my data").click()
    visit(page, "copy of your data")
    export = Export.objects.get(user=customer)
    if export.status != Export.Status.READY:  # with a real worker: watch the progress bar
        page.wait_for_selector("text=Ready to download", timeout=30_000)
        visit(page)
    assert page.locator("#pc-export").get_attribute("data-status") == "ready"

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the ZIP file").click()
    target = tmp_path / "export.zip"
    download_info.value.save_as(target)
    with zipfile.ZipFile(target) as archive:
        archive.extractall(tmp_path / "export")
        assert order.number.encode() in archive.read("data.json")

    page.goto((tmp_path / "export" / "index.html").as_uri())
    visit(page, "copy of your data")
    assert "Your rights" in page.content() and "Bookkeeping" in page.content()
    assert "Integritetsskyddsmyndigheten" in page.content()


def test_progress_page_updates_without_reload(page, live_server, customer, visit):
    from privacy_center.models import Export

    export = Export.objects.create(user=customer, subject_key=f"user:{customer.pk}", status="running",
                                   progress=10, current_source="Orders")
    page.context.add_cookies([_session_cookie(live_server, customer)])
    page.goto(f"{live_server.url}/privacy/exports/{export.pk}/")
    visit(page, "copy of your data")
    Export.objects.filter(pk=export.pk).update(progress=60)
    page.wait_for_function("() => document.getElementById('pc-export-progress').value == 60", timeout=10_000)
    assert page.locator("#pc-export-percent").inner_text() == "60% done"


def _session_cookie(live_server, user) -> dict:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "url": live_server.url}
