"""In Chromium, a Vietnamese and a Chinese customer go through the shop and the privacy center in their own
language: every page says it is in that language (``<html lang>``), its heading is the translation (not the
English text), and it passes axe (WCAG 2.2 A/AA) — on a desktop and on a phone. A guest files a privacy
request in the language and gets the confirmation page and the e-mail in it too."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["vi", "zh-hans"]

# (path, the English heading as in the catalog; None: the heading is data, e.g. a product name)
CUSTOMER_PAGES = [
    ("/", "Filament, resin and spare parts for your printer"),
    ("/shop/products/", "Shop"),
    ("/shop/products/{slug}/", None),
    ("/shop/cart/", "Your cart"),
    ("/shop/orders/", "Your orders"),
    ("/shop/orders/{order}/", "Order %(number)s"),
    ("/shop/account/", "Your profile"),
    ("/shop/contact/", "Contact us"),
    ("/privacy/", "Your privacy center"),
    ("/privacy/data/", "My data"),
    ("/privacy/exports/", "Download my data"),
    ("/privacy/requests/", "Your privacy requests"),
    ("/privacy/requests/new/", "File a privacy request"),
    ("/privacy/cookies/", "Cookie preferences"),
    ("/privacy/preferences/", "Communication preferences"),
    ("/privacy/newsletter/", "Subscribe to our newsletter"),
    ("/privacy/notice/", "Privacy notice"),
    ("/privacy/timeline/", "Privacy timeline"),
    ("/privacy/restriction/", "Restrict processing"),
    ("/privacy/delete/", "Delete my account"),
]
GUEST_PAGES = [
    ("/privacy/requests/guest/", "Privacy request without an account"),
    ("/privacy/requests/agent/", "Request as an authorized agent"),
]


def _translated(lang: str, msgid: str, **params) -> str:
    """The catalog's translation of ``msgid``; fails if there is none (the page would show English)."""
    from django.utils import translation

    with translation.override(lang):
        text = translation.gettext(msgid)
    assert text != msgid, f"{msgid!r} has no {lang} translation"
    return text % params if params else text


def _context(browser, browser_context_args, live_server, lang: str, device: dict | None = None):
    """A browser whose user speaks ``lang`` (Accept-Language and navigator.language)."""
    return browser.new_context(**{**browser_context_args, **(device or {}), "base_url": live_server.url,
                                  "locale": lang, "extra_http_headers": {"Accept-Language": lang}})


def _session_cookie(live_server, user) -> dict:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "url": live_server.url}


def _visit(page, axe_check, lang: str, path: str, heading: str | None):
    response = page.goto(path)
    assert response.status == 200, (path, response.status)
    _check(page, axe_check, lang, heading)


def _check(page, axe_check, lang: str, heading: str | None):
    """The page shown now is in ``lang``, has one <h1> (the translated ``heading``) and passes axe."""
    page.wait_for_load_state()
    path = page.url
    assert page.locator("html").get_attribute("lang") == lang, path
    h1 = page.locator("h1")
    assert h1.count() == 1, f"{path}: {h1.count()} <h1>"
    if heading is not None:
        assert h1.inner_text().strip() == heading, (path, h1.inner_text(), heading)
    axe_check(page)


@pytest.fixture
def shopper(customer, product, make_order):
    """A customer with an order, so order pages, data pages and the erasure plan have content."""
    order = make_order(user=customer)
    return {"user": customer, "order": order.number, "slug": product.slug}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_customer_pages_in_the_customers_language(browser, browser_context_args, live_server, axe_check, shopper,
                                                  lang):
    context = _context(browser, browser_context_args, live_server, lang)
    context.add_cookies([_session_cookie(live_server, shopper["user"])])
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        for path, msgid in CUSTOMER_PAGES:
            path = path.format(slug=shopper["slug"], order=shopper["order"])
            heading = None if msgid is None else _translated(lang, msgid, **(
                {"number": shopper["order"]} if "%(number)s" in msgid else {}))
            _visit(page, axe_check, lang, path, heading)
        # The shop's navigation and the privacy center's menu are translated too, not only the headings.
        page.goto("/privacy/")
        nav_text = page.locator("body").inner_text()
        for msgid in ("Privacy", "Overview", "Requests", "Cookie settings"):
            assert _translated(lang, msgid) in nav_text, msgid
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_guest_files_a_request_in_their_language_on_a_phone(browser, browser_context_args, live_server, playwright,
                                                            axe_check, mailoutbox, settings, lang):
    from privacy_center.requests.models import PrivacyRequest

    settings.PRIVACY_CENTER_SITE_URL = live_server.url
    device = {k: v for k, v in playwright.devices["Pixel 7"].items() if k != "default_browser_type"}
    context = _context(browser, browser_context_args, live_server, lang, device)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        for path, msgid in GUEST_PAGES:
            _visit(page, axe_check, lang, path, _translated(lang, msgid))
        _visit(page, axe_check, lang, "/accounts/login/", None)

        page.goto("/privacy/requests/guest/")
        main = page.locator("main")
        main.get_by_label(re.compile(re.escape(_translated(lang, "Your e-mail address")))).fill("linh@example.com")
        main.get_by_label(_translated(lang, "What do you ask for?")).select_option("access")
        page.get_by_role("button", name=_translated(lang, "Send me the link")).click()
        _check(page, axe_check, lang, _translated(lang, "Check your e-mail"))
    finally:
        context.close()

    (mail,) = [m for m in mailoutbox if "linh@example.com" in m.to]
    assert mail.subject.strip() == _translated(lang, "Confirm your privacy request %(reference)s",
                                               reference=PrivacyRequest.objects.get(email="linh@example.com")
                                               .reference)
    body = _translated(lang, "To confirm that you hold this address, open this link and press the button on the page:")
    assert body in mail.body


@pytest.mark.parametrize("lang, switch_to", [("vi", "zh-hans"), ("zh-hans", "vi")])
def test_customer_switches_language_without_javascript_at_390px(browser, browser_context_args, live_server,
                                                                axe_check, shopper, lang, switch_to):
    """The switcher is a plain form: with JavaScript off, at 390 px, the customer picks another language and
    gets the same page back in it, and their account remembers it for the e-mails to come."""
    from privacy_center.services.language import language_of
    from privacy_center.subjects import Subject

    context = browser.new_context(**{**browser_context_args, "base_url": live_server.url, "locale": lang,
                                     "extra_http_headers": {"Accept-Language": lang}, "java_script_enabled": False,
                                     "viewport": {"width": 390, "height": 844}})
    context.add_cookies([_session_cookie(live_server, shopper["user"])])
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto("/privacy/requests/")
        _check_no_overflow(page)
        switcher = page.locator("form.pc-language")
        assert switcher.count() == 1
        switcher.get_by_label(_translated(lang, "Language")).select_option(switch_to)
        switcher.get_by_role("button", name=_translated(lang, "Change language")).click()
        page.wait_for_load_state()
        assert page.url.endswith("/privacy/requests/")
        assert page.locator("html").get_attribute("lang") == switch_to
        assert page.locator("h1").inner_text().strip() == _translated(switch_to, "Your privacy requests")
        _check_no_overflow(page)
    finally:
        context.close()
    assert language_of(Subject(user=shopper["user"])) == switch_to
    # axe needs scripts: the same page, in the new language, with JavaScript on.
    context = _context(browser, browser_context_args, live_server, switch_to, {"viewport": {"width": 390,
                                                                                            "height": 844}})
    context.add_cookies([_session_cookie(live_server, shopper["user"])])
    page = context.new_page()
    try:
        _visit(page, axe_check, switch_to, "/privacy/requests/", _translated(switch_to, "Your privacy requests"))
    finally:
        context.close()


def _check_no_overflow(page):
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"{page.url}: the page is {width} px wide at 390 px"
