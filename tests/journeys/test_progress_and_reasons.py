"""Issue 11, item 10 (the rest): the preferences page names the reason marketing is blocked, the export page's
progress names the section being collected and says so when it cannot check (with a Refresh link that works
without JavaScript), and the demo's notice shows its published policy version; at 1280 and 390 px, axe clean."""

from __future__ import annotations

import pytest

from .conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NO_SIDEWAYS = "() => document.scrollingElement.scrollWidth <= innerWidth"


def test_preferences_name_the_reason(web, visit, make_user):
    from privacy_center.services.restriction import set_flags
    from privacy_center.services.suppression import suppress
    from privacy_center.subjects import Subject

    ada = make_user(email="ada@example.com")
    set_flags(Subject(user=ada), method="privacy_page", objected_to_marketing=True)
    log_in(web, "ada@example.com")
    web.goto("/privacy/preferences/")
    visit(web, "communication preferences")
    blocked = web.locator("#pcc-marketing-blocked")
    assert blocked.get_by_text("you objected to marketing").is_visible()
    assert blocked.get_by_role("link", name="change this").get_attribute("href") == "/privacy/restriction/"
    assert "being deleted" not in blocked.inner_text() and "do-not-contact" not in blocked.inner_text()
    assert web.evaluate(NO_SIDEWAYS)
    set_flags(Subject(user=ada), method="privacy_page", objected_to_marketing=False)
    suppress("ada@example.com", "complaint")
    web.reload()
    visit(web, "communication preferences")
    assert blocked.get_by_text("your address is on our do-not-contact list").is_visible()
    assert "objected" not in blocked.inner_text()


@pytest.fixture
def running_export(make_user):
    from privacy_center.models import Export

    ada = make_user(email="ada@example.com")
    return Export.objects.create(user=ada, subject_key=f"user:{ada.pk}", status="running", progress=10,
                                 current_source="Orders")


def test_export_progress_names_the_section_and_reports_errors(web, visit, running_export):
    from privacy_center.models import Export

    log_in(web, "ada@example.com")
    web.goto(f"/privacy/exports/{running_export.pk}/")
    visit(web, "copy of your data")
    assert web.locator("#pc-export-section").inner_text() == "Now collecting: Orders"
    Export.objects.filter(pk=running_export.pk).update(progress=55, current_source="Addresses")
    web.wait_for_function("() => document.getElementById('pc-export-section').textContent"
                          " === 'Now collecting: Addresses'")
    assert web.locator("#pc-export-percent").inner_text() == "55% done"
    # The status API starts failing: after a few tries the page says so and points at Refresh.
    web.route("**/api/privacy/exports/**", lambda route: route.fulfill(status=503, body="down"))
    alert = web.locator("#pc-export-poll-error")
    alert.wait_for(state="visible", timeout=15_000)
    assert "We could not check the progress (error 503)." in alert.inner_text()
    assert "Refresh" in alert.inner_text()
    visit(web)  # the message passes axe too
    assert web.evaluate(NO_SIDEWAYS)
    web.unroute("**/api/privacy/exports/**")
    web.get_by_role("link", name="Refresh").click()
    visit(web, "copy of your data")
    assert web.locator("#pc-export-section").inner_text() == "Now collecting: Addresses"
    assert not web.locator("#pc-export-poll-error").is_visible()


def test_export_progress_stops_at_once_when_logged_out(web, visit, running_export):
    log_in(web, "ada@example.com")
    web.route("**/api/privacy/exports/**", lambda route: route.fulfill(status=403, body="{}"))
    web.goto(f"/privacy/exports/{running_export.pk}/")
    alert = web.locator("#pc-export-poll-error")
    alert.wait_for(state="visible", timeout=5_000)
    assert "are you still logged in?" in alert.inner_text()
    visit(web, "copy of your data")


def test_export_progress_without_javascript(nojs_page, visit, running_export):
    from privacy_center.models import Export

    log_in(nojs_page, "ada@example.com")
    nojs_page.goto(f"/privacy/exports/{running_export.pk}/")
    visit(nojs_page, "copy of your data")
    assert nojs_page.locator("#pc-export-section").inner_text() == "Now collecting: Orders"
    Export.objects.filter(pk=running_export.pk).update(progress=70, current_source="Reviews")
    nojs_page.get_by_role("link", name="Refresh").click()
    visit(nojs_page, "copy of your data")
    assert nojs_page.locator("#pc-export-section").inner_text() == "Now collecting: Reviews"
    assert "70% done" in nojs_page.locator("#pc-export-percent").inner_text()


def test_the_demo_notice_shows_its_policy_version(web, visit):
    from shop_demo.seeding.demo import ensure_privacy_policy

    version = ensure_privacy_policy()
    web.goto("/privacy/notice/")
    visit(web)
    assert web.get_by_text(f"Version {version}, in effect since").is_visible()
    assert web.get_by_text("has not published a privacy policy version").count() == 0
    assert web.evaluate(NO_SIDEWAYS)
