"""Fixtures shared by every feature's tests.

Factories (``make_user``, ``make_order`` ...) make data; ``reauthenticate``
performs allauth's real re-authentication; the registry and caches are reset
around every test.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from decimal import Decimal

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct-horse-battery-staple"
# The second shop (tests/shop2) has its own user model, so its suite runs in its own process
# (tests/test_second_shop.py starts it); this process never collects it.
SHOP2_SETTINGS = "tests.shop2.settings"
collect_ignore = [] if os.environ.get("DJANGO_SETTINGS_MODULE") == SHOP2_SETTINGS else ["shop2"]
IN_CI = os.environ.get("CI") == "true"


@pytest.fixture(autouse=True)
def _reset_registry_and_caches():
    from django.core.cache import caches

    from privacy_center.registry import site

    saved, saved_recipients = dict(site._registry), dict(site._recipients)
    yield
    site._registry.clear()
    site._registry.update(saved)
    site._recipients.clear()
    site._recipients.update(saved_recipients)
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _private_storage(tmp_path, settings):
    """Each test writes exports and proofs to its own private folder."""
    settings.STORAGES = {
        **settings.STORAGES,
        "privacy_center": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
    settings.SHOP_DEMO_VISIT_LOG = False
    from django.core.files.storage import storages

    storages._storages.pop("privacy_center", None)
    yield
    storages._storages.pop("privacy_center", None)


@pytest.fixture(autouse=True)
def _outbox_in_test_transaction(request, monkeypatch):
    """Tests that are not transactional never commit, so ``on_commit`` would never deliver the outbox:
    there, a message is handed to the delivery task as soon as it is written. Transactional tests
    (``django_db(transaction=True)``, live server, worker) see the real after-commit delivery."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server"))
    if not transactional:
        from privacy_center.services import outbox

        monkeypatch.setattr(outbox, "schedule_after_commit", outbox._schedule)


_counter = itertools.count(1)


@pytest.fixture
def make_user(db):
    """``make_user(email=None, password=PASSWORD, verified=True, phone=..., **profile)``."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    from shop_demo.models import CustomerProfile

    def factory(email: str | None = None, password: str = PASSWORD, verified: bool = True, **profile):
        n = next(_counter)
        email = email or f"customer{n}@example.com"
        user = get_user_model().objects.create_user(
            username=f"user{n}", email=email, password=password, first_name="Test", last_name=f"Customer{n}"
        )
        EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
        profile.setdefault("phone", f"+46 70 {n:03d} 12 34")
        profile.setdefault("birth_date", dt.date(1990, 5, 17))
        profile.setdefault("national_id", f"19900517-{n:04d}")
        CustomerProfile.objects.create(user=user, **profile)
        return user

    return factory


@pytest.fixture
def customer(make_user):
    return make_user(email="ada@example.com")


@pytest.fixture
def other_customer(make_user):
    return make_user(email="bob@example.com")


@pytest.fixture
def product(db):
    from shop_demo.models import Product

    return Product.objects.create(name="PLA filament 1.75 mm, black", slug=f"pla-black-{next(_counter)}",
                                  material="pla", price=Decimal("24.90"))


@pytest.fixture
def make_order(db, product):
    """``make_order(user=None, email=None, lines=1, **fields)``: a paid order with lines and a payment."""
    from django.utils import timezone

    from shop_demo.models import Order, OrderLine, Payment

    def factory(user=None, email: str | None = None, lines: int = 1, **fields):
        n = next(_counter)
        fields.setdefault("created_at", timezone.now())
        order = Order.objects.create(
            number=f"FF-{100000 + n}", user=user, email=email or (user.email if user else f"guest{n}@example.com"),
            full_name=fields.pop("full_name", "Ada Lovelace"), phone="+46 70 123 45 67", line1="Storgatan 1",
            city="Uppsala", postcode="753 20", billing_postcode="753 20", ip_address="192.0.2.10",
            total=Decimal("24.90") * lines, status="paid", **fields,
        )
        OrderLine.objects.bulk_create(
            OrderLine(order=order, product=product, product_name=product.name, quantity=1, unit_price=product.price)
            for _ in range(lines)
        )
        Payment.objects.create(order=order, method="card", last4="4242", amount=order.total,
                               created_at=order.created_at)
        return order

    return factory


@pytest.fixture
def reauthenticate():
    """``reauthenticate(client, password=PASSWORD)``: allauth's real re-authentication step."""

    def do(client, password: str = PASSWORD):
        response = client.post("/accounts/reauthenticate/", {"password": password})
        assert response.status_code in (200, 302), response.status_code
        return response

    return do


@pytest.fixture
def logged_in_client(client, customer):
    client.force_login(customer)
    return client


def _unavailable(reason: str):
    """Skip on a developer's machine; fail in CI, where every service is required."""
    if IN_CI:
        pytest.fail(f"{reason} (required because CI=true)", pytrace=False)
    pytest.skip(reason)


# --- Celery -------------------------------------------------------------------------
# Every test runs tasks eagerly (in-process, exceptions propagate), even when the
# environment configures a broker. Tests marked ``@pytest.mark.worker`` instead send
# tasks through Redis to one real worker thread started for the whole session; they
# need ``@pytest.mark.django_db(transaction=True)`` so the worker sees their rows.


@pytest.fixture(autouse=True)
def _celery_mode(request):
    from celery import current_app

    from shop_demo import celery_app

    if current_app._get_current_object() is not celery_app:
        pytest.fail(f"Celery's current app is {current_app.main!r}, not the demo's: something imported by the suite "
                    "created another Celery app, and shared tasks would run on it", pytrace=False)

    saved = {key: celery_app.conf[key] for key in ("task_always_eager", "task_eager_propagates")}
    if request.node.get_closest_marker("worker"):
        db_marker = request.node.get_closest_marker("django_db")
        if not (db_marker and db_marker.kwargs.get("transaction")):
            pytest.fail("@pytest.mark.worker tests need @pytest.mark.django_db(transaction=True): "
                        "the worker thread only sees committed rows", pytrace=False)
        request.getfixturevalue("celery_worker")
        celery_app.conf.update(task_always_eager=False)
    else:
        celery_app.conf.update(task_always_eager=True, task_eager_propagates=True)
    yield
    celery_app.conf.update(saved)


def _reset_celery_caches(app):
    # Queues, router and result backend are built on first use: rebuild them from conf.
    app.__dict__.pop("amqp", None)
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)


@pytest.fixture(scope="session")
def celery_worker():
    """One real Celery worker (solo pool, in a thread) on the Redis broker for the session.

    It consumes a queue private to this test session, so concurrent test runs sharing
    the Redis server never execute each other's tasks. Results go to the same Redis.
    """
    import uuid

    import redis
    from django.conf import settings

    from shop_demo import celery_app as app

    broker = settings.CELERY_BROKER_URL
    if not broker:
        _unavailable("real-worker test: CELERY_BROKER_URL is not set (e.g. redis://127.0.0.1:6379/0)")
    if not broker.startswith(("redis://", "rediss://")):
        _unavailable(f"real-worker test: the broker must be Redis, got {broker.split('://')[0]}://")
    try:
        redis.Redis.from_url(broker, socket_connect_timeout=2, socket_timeout=2).ping()
    except redis.RedisError as exc:
        _unavailable(f"real-worker test: Redis at {broker} does not answer ({exc})")

    import celery.contrib.testing.tasks  # noqa: F401  (registers celery.ping)
    from celery.contrib.testing.worker import start_worker

    keys = ("task_always_eager", "broker_url", "result_backend", "task_default_queue", "result_expires")
    saved = {key: app.conf[key] for key in keys}
    app.conf.update(
        task_always_eager=False, broker_url=broker, result_backend=broker, result_expires=600,
        task_default_queue=f"pytest.{os.getpid()}.{uuid.uuid4().hex[:8]}",
    )
    _reset_celery_caches(app)
    try:
        with start_worker(app, pool="solo", perform_ping_check=True, shutdown_timeout=30) as worker:
            yield worker
    finally:
        app.conf.update(saved)
        _reset_celery_caches(app)


# --- Browser (pytest-playwright driving Debian's Chromium) ---------------------------
# Browser tests: ``@pytest.mark.e2e`` + ``@pytest.mark.django_db(transaction=True)``, use
# ``page`` (or ``phone_page``) with paths relative to the live server (``page.goto("/")``)
# and call ``axe_check(page)`` on every page they visit.

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
    "--no-first-run", "--disable-component-update", "--disable-sync",
]
AXE_JS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "node_modules", "axe-core",
                      "axe.min.js")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.access(CHROMIUM, os.X_OK):
        _unavailable(f"browser test: {CHROMIUM} is missing (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_server):
    """``page.goto("/shop/products/")`` goes to the live server."""
    return live_server.url


@pytest.fixture
def phone_page(browser, browser_context_args, playwright):
    """A page in a phone-sized, touch, mobile context (Pixel 7: 412x839 CSS pixels)."""
    device = {k: v for k, v in playwright.devices["Pixel 7"].items() if k != "default_browser_type"}
    context = browser.new_context(**{**browser_context_args, **device})
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page, tags=AXE_TAGS) -> list[dict]:
    """Run axe-core (vendored from npm) on the page; its violations of the given WCAG tags."""
    if not os.path.exists(AXE_JS):
        _unavailable(f"accessibility check: {AXE_JS} is missing (run `make node_modules/.installed`)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through DevTools, not added as an inline <script>: the pages' CSP forbids those.
        with open(AXE_JS, encoding="utf-8") as handle:
            page.evaluate(handle.read())
    return page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' '))}))",
        list(tags),
    )


@pytest.fixture
def axe_check():
    """``axe_check(page)``: fail the test listing every WCAG 2.2 A/AA violation on the page."""

    def check(page, tags=AXE_TAGS):
        violations = axe_violations(page, tags)
        if violations:
            lines = [f"- {v['id']} ({v['impact']}): {v['help']} -> {', '.join(v['targets'])}" for v in violations]
            pytest.fail(f"axe: {len(violations)} accessibility violation(s) on {page.url}:\n" + "\n".join(lines),
                        pytrace=False)

    return check


# --- SMTP ---------------------------------------------------------------------------


class SMTPInbox:
    """Messages received by the ``smtp_server`` fixture, as ``email.message.EmailMessage``."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd handler hook
        import email
        import email.policy

        message = email.message_from_bytes(envelope.original_content or envelope.content,
                                           policy=email.policy.default)
        message.envelope_from, message.envelope_to = envelope.mail_from, list(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def wait_for(self, count: int = 1, timeout: float = 5.0):
        """Wait until ``count`` messages arrived; return them."""
        import time

        deadline = time.monotonic() + timeout
        while len(self.messages) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"expected {count} e-mail(s), got {len(self.messages)} in {timeout}s")
            time.sleep(0.02)
        return self.messages[:count]

    @staticmethod
    def text(message) -> str:
        part = message.get_body(preferencelist=("plain",))
        return part.get_content() if part else ""

    @staticmethod
    def html(message) -> str:
        part = message.get_body(preferencelist=("html",))
        return part.get_content() if part else ""

    @classmethod
    def links(cls, message) -> list[str]:
        """Every http(s) link in the text and HTML bodies, in order, without duplicates."""
        import html
        import re

        found = re.findall(r"""https?://[^\s"'<>]+""", cls.text(message) + "\n" + cls.html(message))
        return list(dict.fromkeys(html.unescape(link).rstrip(".,;)") for link in found))


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) on 127.0.0.1 in a thread; Django sends mail to it.

    ``smtp_server.messages``, ``smtp_server.wait_for(n)``, ``smtp_server.text(msg)`` /
    ``.html(msg)`` / ``.links(msg)``; ``smtp_server.stop()`` takes it down (connections are
    refused, as in an outage) and ``smtp_server.start()`` brings it back on the same port.
    """
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    inbox = SMTPInbox("127.0.0.1", port)
    state = {"controller": None}

    def start():
        if state["controller"] is None:
            controller = Controller(inbox, hostname="127.0.0.1", port=port, ready_timeout=10)
            controller.start()
            state["controller"] = controller

    def stop():
        if state["controller"] is not None:
            state["controller"].stop()
            state["controller"] = None

    inbox.start, inbox.stop = start, stop
    start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    yield inbox
    stop()


@pytest.fixture
def demo_cookie_groups(request):
    """The cookie groups of the data migrations (the library's, then the demo's cookies), present even after a
    transactional test flushed them."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return
    request.getfixturevalue("transactional_db" if marker.kwargs.get("transaction") else "db")
    import importlib

    from cookie_consent.cache import delete_cache
    from django.apps import apps

    importlib.import_module("privacy_center.consent.migrations.0002_cookie_groups").create_missing_groups(apps, None)
    importlib.import_module("shop_demo.migrations.0002_demo_cookies").add_demo_cookies(apps, None)
    delete_cache()

