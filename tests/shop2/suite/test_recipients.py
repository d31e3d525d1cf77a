"""The second shop declares its carrier as a recipient: erasing a customer tells it by a signed webhook."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from privacy_center.erasure.services.core import erase_now
from privacy_center.models import RecipientNotification
from privacy_center.subjects import Subject
from tests.webhook_receiver import SECRET, Receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver(settings):
    r = Receiver()
    settings.NORTHWIND_FREIGHT_WEBHOOK_URL = r.url
    settings.NORTHWIND_FREIGHT_WEBHOOK_SECRET = SECRET
    yield r
    r.stop()


def test_the_carrier_is_told_of_an_erasure_by_a_signed_webhook(receiver, make_shopper):
    user = make_shopper("nora@example.com", "Nora North")
    erase_now(Subject.for_user(user), method="command")
    [hook] = receiver.delivered
    assert hook["valid"] and hook["body"]["type"] == "privacy.erasure"
    assert hook["body"]["data"]["sources"] == ["store.shipment"]
    n = RecipientNotification.objects.get()
    assert n.recipient == "northwind_freight" and n.status == RecipientNotification.Status.ACKNOWLEDGED


def test_a_plain_http_webhook_fails_the_check_outside_debug(settings):
    from django.core.management.base import SystemCheckError

    settings.NORTHWIND_FREIGHT_WEBHOOK_URL = "http://freight.example/hook"
    settings.NORTHWIND_FREIGHT_WEBHOOK_SECRET = SECRET
    with pytest.raises(SystemCheckError, match="E041"):
        call_command("check")
