"""Helpers of the journey browser tests (issue 11): every journey at 1280 px and 390 px, axe on every page."""

from __future__ import annotations

import re

import pytest

from tests.conftest import PASSWORD

WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}


@pytest.fixture(params=list(WIDTHS), ids=list(WIDTHS))
def width(request):
    return WIDTHS[request.param]


@pytest.fixture
def web(page, width):
    """The ``page`` at the test's width (1280 or 390 px), 10 s timeouts."""
    page.set_viewport_size({"width": width[0], "height": width[1]})
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def nojs_page(browser, browser_context_args, width):
    """A page in a context with JavaScript switched off, at the test's width."""
    context = browser.new_context(**{**browser_context_args, "java_script_enabled": False,
                                     "viewport": {"width": width[0], "height": width[1]}})
    context.__dict__["_journeys_js"] = False
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def visit(axe_check):
    """``visit(page, heading=None)``: one <h1> (matching ``heading``) and axe clean. With JavaScript off, axe
    cannot run in the page (the same page is scanned by the test's JavaScript variant); only the heading."""

    def check(page, heading: str | None = None):
        page.wait_for_load_state()
        assert page.locator("h1").count() == 1, page.url
        if heading:
            text = page.locator("h1").inner_text()
            assert re.search(heading, text, re.I), f"{text!r} on {page.url}"
        if page.context.__dict__.get("_journeys_js", True):
            axe_check(page)
        return page

    return check


def log_in(page, email: str, password: str = PASSWORD):
    page.goto("/accounts/login/")
    main = page.locator("main")
    main.get_by_label(re.compile(r"^\s*e-?mail", re.I)).fill(email)
    main.get_by_label(re.compile(r"^\s*password", re.I)).fill(password)
    main.get_by_role("button", name=re.compile("log in|sign in", re.I)).click()
    page.wait_for_load_state()


def confirm_password(page, password: str = PASSWORD):
    """allauth's re-authentication page: type the password and confirm."""
    assert "/accounts/reauthenticate/" in page.url, page.url
    main = page.locator("main")
    main.get_by_label(re.compile(r"^\s*password", re.I)).fill(password)
    main.get_by_role("button", name=re.compile("confirm", re.I)).click()
    page.wait_for_load_state()
