"""The admin pages privacy_center adds, in Chromium at 1280 px: axe clean on every one (changelists, change
pages, the requests dashboard, with filters applied), filter links big enough to hit (WCAG 2.2 target-size),
the requests list shows due-in and assignee without scrolling sideways, regimes by name, a chart whose labels
match its table and which has a legend."""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from .conftest import WIDE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

APP_LABELS = {"privacy_center", "privacy_erasure", "privacy_consent", "privacy_requests"}


def _admin_pages() -> list[str]:
    """Every changelist and (for the first row) change page of the app's models, plus the dashboard."""
    pages = [reverse("admin:privacy_requests_privacyrequest_dashboard")]
    for model in admin.site._registry:
        opts = model._meta
        if opts.app_label not in APP_LABELS:
            continue
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        pages.append(changelist)
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk]))
    return pages


@pytest.fixture
def staff_and_data(demo_customer, make_user):
    """A superuser and at least one row in the app's main admin lists."""
    from django.contrib.auth import get_user_model

    from privacy_center.requests.services import core
    from privacy_center.services.suppression import suppress
    from privacy_center.subjects import Subject

    staff = get_user_model().objects.create_superuser("officer", "officer@example.com", "Officer-pass-2026")
    core.submit_request("access", user=demo_customer, verification="session")
    core.submit_request("erasure", email="guest.with.a.rather.long.address@example-shop-customers.com",
                        name="Guest Person", country="US-CA")
    suppress("gone@example.com", reason="test")
    subject = Subject.for_user(demo_customer)
    assert subject.user is not None
    return staff


def test_every_admin_page_the_app_adds_passes_axe(page, staff_and_data, sign_in, axe_check):
    page.set_viewport_size(WIDE)
    sign_in(page, staff_and_data)
    pages = _admin_pages()
    assert len(pages) >= 12, pages
    for path in pages:
        response = page.goto(path)
        assert response.status == 200, (path, response.status)
        axe_check(page)
        # Every filter link can be hit: 24 x 24 CSS px at least (WCAG 2.2 target size).
        small = page.evaluate("""() => [...document.querySelectorAll('#changelist-filter a')]
            .map(a => [a.innerText, a.getBoundingClientRect()]).filter(([, r]) => r.height < 24)
            .map(([t, r]) => `${t}: ${Math.round(r.height)}`)""")
        assert not small, (path, small)
    # A filter applied, as staff use it.
    page.goto(reverse("admin:privacy_requests_privacyrequest_changelist") + "?status__exact=received")
    axe_check(page)


def test_requests_list_fits_1280_and_names_regimes(page, staff_and_data, sign_in):
    page.set_viewport_size(WIDE)
    sign_in(page, staff_and_data)
    page.goto(reverse("admin:privacy_requests_privacyrequest_changelist"))
    for column in ("due in", "assignee"):
        header = page.locator("#result_list thead th", has_text=re.compile(rf"^\s*{column}\s*$", re.I))
        box = header.bounding_box()
        assert box and box["x"] + box["width"] <= WIDE["width"], (column, box)
    body = page.locator("#result_list").inner_text()
    assert "GDPR" in body and '["gdpr"]' not in body
    assert not re.search(r"\bgdpr\b", body), body
    first = page.locator("#result_list tbody a").first
    first.click()
    page.wait_for_load_state()
    details = page.locator("#content-main").inner_text()
    assert '["gdpr"]' not in details and not re.search(r"\bgdpr\b", details)


def test_dashboard_chart_labels_match_the_table_and_have_a_legend(page, staff_and_data, sign_in, axe_check):
    page.set_viewport_size(WIDE)
    sign_in(page, staff_and_data)
    page.goto(reverse("admin:privacy_requests_privacyrequest_dashboard"))
    labels = [t.strip() for t in page.locator("svg.pc-chart text").all_text_contents()]
    weeks = page.locator("table:has(caption:text('Per week')) tbody tr td:first-child").all_inner_texts()
    assert labels and labels == weeks, (labels, weeks)
    legend = page.locator(".pc-legend").inner_text()
    assert "Received" in legend and "Closed" in legend
    axe_check(page)


def test_every_admin_page_the_app_adds_fits_a_phone(page, staff_and_data, sign_in, axe_check):
    """At 390 px the page body never scrolls sideways (wide tables scroll inside their own box), axe clean."""
    from .conftest import PHONE

    page.set_viewport_size(PHONE)
    sign_in(page, staff_and_data)
    for path in _admin_pages():
        response = page.goto(path)
        assert response.status == 200, (path, response.status)
        overflow = page.evaluate("""() => ({scroll: document.scrollingElement.scrollWidth, inner: innerWidth,
            wide: [...document.body.querySelectorAll('*')]
                .filter(el => el.getBoundingClientRect().right > innerWidth + 1
                && !el.closest('.results, .pc-admin-scroll'))
                .slice(0, 5).map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                + (typeof el.className === 'string' && el.className ? '.' + el.className.split(' ').join('.') : '')
                )})""")
        if overflow["scroll"] > overflow["inner"]:
            overflow["overflowing"] = page.evaluate("""() => [...document.body.querySelectorAll('*')]
                .filter(el => el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
                .slice(-6).map(el => el.tagName.toLowerCase() + '.' + String(el.className) + ' ' + el.scrollWidth
                + '/' + el.clientWidth + ' ' + (el.textContent || '').trim().slice(0, 60))""")
        assert overflow["scroll"] <= overflow["inner"], (path, overflow)
        axe_check(page)
