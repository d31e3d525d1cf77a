"""In Chromium: a customer deletes their account (re-authenticating on the way) and another cancels from the
e-mailed link. Every page passes axe (WCAG 2.2 A/AA) and has one <h1>."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def check(page, axe_check, heading: str):
    page.wait_for_load_state()
    assert page.locator("h1").count() == 1, page.url
    assert re.search(heading, page.locator("h1").inner_text(), re.I), page.locator("h1").inner_text()
    axe_check(page)


def log_in(page, axe_check, email: str):
    page.goto("/accounts/login/")
    main = page.locator("main")
    main.get_by_label(re.compile(r"^\s*e-?mail", re.I)).fill(email)
    main.get_by_label(re.compile(r"^\s*password", re.I)).fill(PASSWORD)
    main.get_by_role("button", name=re.compile("log in|sign in", re.I)).click()
    page.wait_for_load_state()


def request_deletion(page, axe_check, email: str):
    page.goto("/privacy/delete/")
    check(page, axe_check, "delete my account")
    assert page.get_by_text(re.compile(r"Orders: \d+ items? will be anonymized")).is_visible()
    assert page.get_by_text(re.compile("then erased")).first.is_visible()
    page.get_by_label(re.compile("I understand")).check()
    page.get_by_label(re.compile("Type your e-mail address")).fill(email)
    page.locator("main form").get_by_role("button", name="Delete my account").click()
    page.wait_for_load_state()
    # allauth asks for the password again, then replays the confirmed form.
    check(page, axe_check, ".")
    page.locator("main").get_by_label(re.compile(r"^\s*password", re.I)).fill(PASSWORD)
    page.locator("main").get_by_role("button").first.click()
    page.wait_for_load_state()


def test_delete_then_cancel_in_the_browser(page, live_server, axe_check, make_user, make_order, settings):
    from django.contrib.auth import get_user_model

    from privacy_center.erasure.models import SubjectErasure

    settings.PRIVACY_CENTER_SITE_URL = live_server.url
    ada = make_user(email="ada@example.com")
    make_order(user=ada)
    page.set_default_timeout(10_000)

    log_in(page, axe_check, "ada@example.com")
    request_deletion(page, axe_check, "ada@example.com")
    check(page, axe_check, "account deletion")
    assert page.get_by_text(re.compile("will be deleted on")).is_visible()
    assert not get_user_model().objects.get(pk=ada.pk).is_active
    assert SubjectErasure.objects.get().status == "scheduled"

    # Signing in now says the deletion is pending, with its date and a Keep my account button.
    log_in(page, axe_check, "ada@example.com")
    check(page, axe_check, "your account is being deleted")
    assert page.get_by_role("button", name="Keep my account").is_visible()

    # The e-mailed link opens a page whose button cancels.
    [message] = [m for m in mail.outbox if "will be deleted" in m.subject]
    link = re.search(r"https?://\S+/privacy/delete/cancel/\S+/", message.body).group(0)
    page.goto(link)
    check(page, axe_check, "cancel account deletion")
    page.get_by_role("button", name="Keep my account").click()
    page.wait_for_load_state()
    check(page, axe_check, "cancel account deletion")
    assert page.get_by_text("The deletion is cancelled").is_visible()
    assert get_user_model().objects.get(pk=ada.pk).is_active
    assert SubjectErasure.objects.get().status == "cancelled"


def test_delete_at_once_in_the_browser(page, live_server, axe_check, make_user, make_order, settings):
    from django.contrib.auth import get_user_model

    from shop_demo.models import Order

    settings.PRIVACY_CENTER_ERASURE_COOLING_OFF_DAYS = 0
    bob = make_user(email="bob@example.com")
    order = make_order(user=bob)
    page.set_default_timeout(10_000)
    log_in(page, axe_check, "bob@example.com")
    request_deletion(page, axe_check, "bob@example.com")
    check(page, axe_check, "account deletion")
    assert page.get_by_text(re.compile("being deleted now")).is_visible()
    assert not get_user_model().objects.filter(pk=bob.pk).exists()
    order.refresh_from_db()
    assert order.email.endswith("@invalid") and Order.objects.filter(pk=order.pk).exists()
    assert any("receipt" in m.subject for m in mail.outbox)
