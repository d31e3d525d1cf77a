"""Contested data in the browser: "Tell us it is wrong" on My data works without JavaScript and, with and
without a contest open, the page fits 390 px and passes axe."""

from __future__ import annotations

import pytest

from .conftest import PHONE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_marking_data_as_wrong_then_withdrawing_on_a_phone(browser, page, live_server, demo_customer, sign_in,
                                                           check_layout):
    from privacy_center.services.restriction import may_process
    from privacy_center.subjects import Subject

    page.set_viewport_size(PHONE)
    sign_in(page, demo_customer)
    page.goto("/privacy/data/shop_demo.address/")
    check_layout(page)

    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, viewport=PHONE)
    nojs = context.new_page()
    sign_in(nojs, demo_customer)
    nojs.goto("/privacy/data/shop_demo.address/")
    nojs.get_by_label("Which detail").select_option(label="City")
    nojs.get_by_label("What is wrong (optional)").fill("I moved to Lund.")
    nojs.get_by_role("button", name="Tell us it is wrong").click()
    assert "Until we have checked it" in nojs.content()
    assert "you contest Address book (city)" in nojs.content()
    assert not may_process(Subject.for_user(demo_customer), "marketing", source="shop_demo.address")

    page.goto("/privacy/data/shop_demo.address/")  # the notice and the withdraw button: still fits, axe clean
    check_layout(page)

    nojs.get_by_role("button", name="Withdraw: the data is right").click()
    assert "Withdrawn" in nojs.content()
    assert may_process(Subject.for_user(demo_customer), "marketing")
    context.close()
