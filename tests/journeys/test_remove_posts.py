"""Issue 17, items 5 and 7 in the browser: a customer under 18 is told on My data they may remove their reviews,
removes them on the confirmation page (with and without JavaScript, 1280 and 390 px, axe clean); a request of a
type staff approve says so on its page."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from .conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NO_SIDEWAYS = "() => document.scrollingElement.scrollWidth <= innerWidth"


@pytest.fixture
def minor_with_reviews(make_user, product):
    from shop_demo.models import Review

    today = timezone.localdate()
    user = make_user(email="teen@example.com", birth_date=today.replace(year=today.year - 15))
    for title in ("Smooth PLA", "Tangled spool"):
        Review.objects.create(user=user, product=product, display_name="Teen", rating=4, title=title,
                              body="Printed fine.", created_at=timezone.now())
    return user


def _remove(page, visit):
    from shop_demo.models import Review

    page.goto("/privacy/data/")
    visit(page, "my data")
    assert page.get_by_text(re.compile("You are under 18: you have the right to remove")).is_visible()
    page.get_by_role("link", name="Remove what I posted").click()
    visit(page, "remove what you posted")
    assert page.evaluate(NO_SIDEWAYS)
    assert page.get_by_text("2 posts, deleted", exact=False).is_visible()
    page.get_by_label(re.compile("I understand")).check()
    page.get_by_role("button", name="Remove what I posted").click()
    page.wait_for_load_state()
    visit(page, "my data")
    assert page.get_by_role("listitem").filter(has_text="What you posted was removed: Reviews: 2 deleted.").is_visible()
    # ... and the timeline, shown on My data too, says it.
    assert page.get_by_role("cell", name="What you posted was removed: Reviews: 2 deleted.").count() == 1
    assert not Review.objects.filter(user__email="teen@example.com").exists()


def test_minor_removes_their_reviews(web, visit, minor_with_reviews):
    log_in(web, "teen@example.com")
    _remove(web, visit)


def test_minor_removes_their_reviews_without_javascript(nojs_page, visit, minor_with_reviews):
    log_in(nojs_page, "teen@example.com")
    _remove(nojs_page, visit)


def test_posts_page_on_a_phone(phone_page, axe_check, minor_with_reviews):
    log_in(phone_page, "teen@example.com")
    phone_page.goto("/privacy/posts/")
    phone_page.wait_for_load_state()
    axe_check(phone_page)
    assert phone_page.evaluate(NO_SIDEWAYS)


def test_request_waiting_for_staff_approval_says_so(web, visit, settings, customer):
    settings.PRIVACY_CENTER_REQUEST_TYPES = {"objection": {"staff_approval": True}}
    log_in(web, customer.email)
    web.goto("/privacy/requests/new/?type=objection")
    web.get_by_role("button", name=re.compile("send|file|submit", re.I)).first.click()
    web.wait_for_load_state()
    visit(web, "request")
    assert web.get_by_text(re.compile("Our staff review this request before anything is done")).is_visible()
    assert web.evaluate(NO_SIDEWAYS)
