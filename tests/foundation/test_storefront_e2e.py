"""The foundation's browser journey in Debian's Chromium: a new visitor signs up, logs in, orders and
sees the order in their history; a guest orders on a phone. Every page visited passes axe (WCAG 2.2 A/AA)."""

import re
from decimal import Decimal

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "Printing-Filament-2026"
CARD = "4242 4242 4242 4242"


@pytest.fixture
def catalogue(db):
    from shop_demo.models import Product

    return [
        Product.objects.create(name="PETG filament 1.75 mm, orange", slug="petg-orange", material="petg",
                               price=Decimal("27.50"), description="Tough and glossy."),
        Product.objects.create(name="PLA filament 1.75 mm, white", slug="pla-white", material="pla",
                               price=Decimal("22.00"), description="Easy to print."),
    ]


@pytest.fixture
def visit(axe_check):
    """Check the page now shown: it loaded, has exactly one <h1>, and passes axe."""
    seen = []

    def check(page, heading: str | None = None):
        page.set_default_timeout(10_000)
        page.wait_for_load_state()
        headings = page.locator("h1").count()
        assert headings == 1, (f"{page.url} has {headings} <h1> (needs one): "
                               f"{page.title()!r} {page.inner_text('body')[:300]!r}")
        if heading is not None:
            assert re.search(heading, page.locator("h1").inner_text(), re.I), page.locator("h1").inner_text()
        axe_check(page)
        seen.append(page.url)
        return page

    check.seen = seen
    return check


def field(page, label: str):
    """The form field in <main> labelled exactly ``label`` (a regex), with or without a trailing colon."""
    return page.locator("main").get_by_label(re.compile(rf"^\s*{label}\s*:?\s*$", re.I))


def _add_to_cart(page, visit, product):
    page.get_by_role("link", name="Shop", exact=True).first.click()
    visit(page)
    page.get_by_role("link", name=product.name).first.click()
    visit(page, product.name)
    page.get_by_role("button", name=re.compile("add to cart", re.I)).click()
    visit(page)
    page.goto("/shop/cart/")
    visit(page)
    page.get_by_role("link", name=re.compile("checkout", re.I)).first.click()
    visit(page)


def _fill_delivery_and_pay(page, email: str | None):
    if email is not None:
        field(page, "e-?mail").fill(email)
    field(page, "full name").fill("Grace Hopper")
    field(page, "street address").fill("Kungsgatan 12")
    field(page, "postcode").fill("111 35")
    field(page, "city").fill("Stockholm")
    field(page, "card").check()
    field(page, r"card number.*").fill(CARD)
    page.get_by_role("button", name=re.compile("place order|pay", re.I)).click()


def test_new_visitor_signs_up_logs_in_orders_and_sees_the_order(page, visit, catalogue, mailoutbox):
    from shop_demo.models import Order

    email = "grace@example.com"
    page.goto("/")
    visit(page)

    page.locator("#nav-signup").click()
    visit(page, "sign up")
    field(page, "e-?mail").fill(email)
    field(page, "first name").fill("Grace")
    field(page, "last name").fill("Hopper")
    field(page, "password").fill(PASSWORD)
    field(page, r"password \(again\)").fill(PASSWORD)
    page.locator("main").get_by_role("button", name=re.compile("sign up", re.I)).click()
    visit(page)

    # Verification is mandatory (sign-up must not reveal a taken address): open the e-mailed link and confirm.
    link = next(re.search(r"https?://\S+/accounts/confirm-email/\S+", m.body) for m in mailoutbox
                if email in m.to and "confirm-email" in m.body).group(0)
    page.goto("/" + link.split("://", 1)[1].split("/", 1)[1])
    visit(page)
    page.locator("main").get_by_role("button", name=re.compile("confirm", re.I)).click()
    visit(page)

    # Log out, then log in again with the new account.
    page.locator("#nav-logout").click()
    visit(page)
    page.locator("#nav-login").click()
    visit(page, "log in|sign in")
    field(page, "e-?mail").fill(email)
    field(page, "password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name=re.compile("log in|sign in", re.I)).click()
    visit(page)
    assert page.locator("#nav-logout").is_visible()

    _add_to_cart(page, visit, catalogue[0])
    # The signed-in customer's e-mail is filled in for them.
    assert field(page, "e-?mail").input_value() == email
    _fill_delivery_and_pay(page, email=None)
    visit(page)

    order = Order.objects.get()
    assert order.user.email == email
    assert order.total == Decimal("27.50")
    assert list(order.payments.values_list("method", "last4")) == [("card", "4242")]
    assert order.number in page.locator("main").inner_text()

    page.locator("#nav-orders").click()
    visit(page, "order")
    assert page.get_by_role("link", name=re.compile(re.escape(order.number))).is_visible()
    page.get_by_role("link", name=re.compile(re.escape(order.number))).click()
    visit(page, re.escape(order.number))
    assert catalogue[0].name in page.locator("main").inner_text()


def test_guest_orders_on_a_phone(phone_page, visit, catalogue):
    from shop_demo.models import Order

    page = phone_page
    page.goto("/")
    visit(page)
    _add_to_cart(page, visit, catalogue[1])

    # Bad input: the form says what is wrong, accessibly, and nothing is saved.
    page.get_by_role("button", name=re.compile("place order|pay", re.I)).click()
    visit(page)
    assert Order.objects.count() == 0

    _fill_delivery_and_pay(page, email="guest@example.com")
    visit(page)
    order = Order.objects.get()
    assert order.user is None
    assert order.email == "guest@example.com"
    assert order.number in page.locator("main").inner_text()
    # Nothing is wider than the phone's screen.
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
