"""Fixtures of the recipient tests: a real local webhook receiver all demo recipients point at."""

from __future__ import annotations

import pytest

from tests.erasure.conftest import shop_customer  # noqa: F401  (the customer with data everywhere)
from tests.ui.conftest import sign_in  # noqa: F401  (a logged-in browser session, for test_browser.py)
from tests.webhook_receiver import SECRET, Receiver


@pytest.fixture
def receiver(settings):
    r = Receiver()
    settings.SHOP_DEMO_RECIPIENT_WEBHOOK_URL = r.url
    settings.SHOP_DEMO_RECIPIENT_WEBHOOK_SECRET = SECRET
    yield r
    r.stop()

