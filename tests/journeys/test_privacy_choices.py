"""Issue 11, journey 9: a visitor without an account follows the footer's "Do Not Sell or Share My Personal
Information" (or "Your Privacy Choices") link and opts out in one click, with and without JavaScript, at
1280 and 390 px; the privacy menu offers guests only what works for them."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NO_SIDEWAYS = "() => document.scrollingElement.scrollWidth <= innerWidth"


@pytest.fixture(autouse=True)
def _groups(demo_cookie_groups):
    return demo_cookie_groups


def _opt_out(page, visit, link_name, heading):
    from privacy_center.consent.models import ConsentRecord, PrivacySignal

    page.goto("/")
    page.locator("footer").get_by_role("link", name=link_name).click()
    visit(page, heading)
    assert page.evaluate(NO_SIDEWAYS)
    # The guest menu: what works without an account, nothing that sends them to the login page.
    menu = page.locator(".pc-nav")
    labels = menu.locator("a").evaluate_all("links => links.map(a => a.textContent.trim())")
    assert labels[0] == "Your privacy choices"
    assert "Delete my account" not in labels and "My data" not in labels and "Timeline" not in labels
    for href in menu.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        assert href in {"/privacy/choices/", "/privacy/requests/guest/", "/privacy/cookies/", "/privacy/newsletter/",
                        "/privacy/notice/"}, href
    page.get_by_role("button", name="Opt me out of sale, sharing and targeted advertising").click()
    page.wait_for_load_state()
    visit(page, heading)
    assert page.get_by_text("You have opted out.").is_visible()
    assert page.get_by_text(re.compile("we stopped targeted advertising", re.I)).is_visible()
    assert page.get_by_role("button", name=re.compile("Opt me out")).count() == 0
    assert page.evaluate(NO_SIDEWAYS)
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert cookies["privacy_opt_out"] == "1" and "marketing=-1" in cookies["cookie_consent"]
    visitor = cookies["privacy_visitor"]
    assert PrivacySignal.objects.filter(subject_key=f"visitor:{visitor}", kind="optout").exists()
    assert ConsentRecord.objects.filter(subject_key=f"visitor:{visitor}", group="marketing", granted=False).exists()
    # Honoured like GPC on the cookie page: marketing stays off whatever is chosen.
    page.goto("/privacy/cookies/")
    visit(page)


def test_guest_opts_out_from_the_do_not_sell_link(web, visit):
    _opt_out(web, visit, "Do Not Sell or Share My Personal Information", "do not sell or share")


def test_guest_opts_out_from_your_privacy_choices(web, visit):
    _opt_out(web, visit, "Your Privacy Choices", "your privacy choices")


def test_guest_opts_out_without_javascript(nojs_page, visit):
    _opt_out(nojs_page, visit, "Do Not Sell or Share My Personal Information", "do not sell or share")


def test_logged_in_customer_opts_out_for_the_account(web, visit, make_user):
    from privacy_center import may_process
    from privacy_center.subjects import Subject

    from .conftest import log_in

    ada = make_user(email="ada@example.com")
    log_in(web, "ada@example.com")
    web.goto("/privacy/choices/")
    visit(web, "your privacy choices")
    web.get_by_role("button", name="Opt me out of sale, sharing and targeted advertising").click()
    web.wait_for_load_state()
    visit(web, "your privacy choices")
    assert web.get_by_text("Your account records this opt-out too").is_visible()
    assert not may_process(Subject(user=ada), "sale")
