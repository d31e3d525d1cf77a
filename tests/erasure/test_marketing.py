"""The demo's newsletter and recommendations ask may_process; erased addresses are never re-added."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from privacy_center.erasure.services.core import erase_now
from privacy_center.services.restriction import set_flags
from privacy_center.services.suppression import is_suppressed
from privacy_center.subjects import Subject
from shop_demo.marketing import newsletter_recipients, recommended_for, send_newsletter, send_newsletter_message

pytestmark = pytest.mark.django_db


def subscribe(email, user=None):
    from privacy_center.consent.models import Subscription

    return Subscription.objects.create(email=email, user=user, channel="newsletter", status="active",
                                       opt_in="confirmed", confirmed_at=timezone.now())


def test_newsletter_skips_objection_restriction_pending_erasure_and_suppressed(
        customer, other_customer, make_user, mailoutbox, django_capture_on_commit_callbacks, capsys):
    from privacy_center.erasure.services.core import schedule_erasure

    carol = make_user(email="carol@example.com")
    dave = make_user(email="dave@example.com")
    for user in (customer, other_customer, carol, dave):
        subscribe(user.email, user)
    subscribe("guest@example.com")
    subscribe("gone@example.com")
    set_flags(Subject.for_user(customer), method="test", objected_to_marketing=True)
    set_flags(Subject.for_user(carol), method="test", processing_restricted=True)
    schedule_erasure(Subject.for_user(dave), method="test")
    erase_now(Subject.for_email("gone@example.com"), method="test")  # now suppressed (its sign-up is deleted)
    subscribe("gone@example.com")  # re-added by mistake: the suppression list still blocks it

    assert sorted(r.email for r in newsletter_recipients()) == ["bob@example.com", "guest@example.com"]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_newsletter("Hello", "New PLA colours") == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["bob@example.com", "guest@example.com"]
    call_command("send_newsletter", "--dry-run")
    assert "Would send the newsletter to 2 recipients." in capsys.readouterr().out


def test_message_queued_before_an_objection_is_dropped(other_customer, mailoutbox):
    queued = {"email": other_customer.email, "subject": "Hi", "body": "x", "user_id": other_customer.pk}
    set_flags(Subject.for_user(other_customer), method="test", objected_to_marketing=True)
    assert send_newsletter_message.delay(**queued).get() is None
    # Nothing to the customer; the ad platforms were told of the objection (privacy_center.recipients).
    assert sorted(m.to[0] for m in mailoutbox) == ["ads-privacy@google.example", "ads-privacy@meta.example"]


def test_erased_customer_is_suppressed(shop_customer):
    erase_now(Subject.for_user(shop_customer), method="test")
    assert is_suppressed("ada@example.com") and is_suppressed("ADA@example.com ")


def test_recommendations_are_personal_only_when_allowed(customer, make_order, product):
    from shop_demo.models import Product

    petg = Product.objects.create(name="PETG orange", slug="petg-orange", material="petg", price=20)
    pla_white = Product.objects.create(name="PLA white", slug="pla-white", material="pla", price=20)
    make_order(user=customer)  # bought the black PLA
    personal = recommended_for(customer)
    assert personal[0] == pla_white and product not in personal[:1]
    set_flags(Subject.for_user(customer), method="test", objected_to_marketing=True)
    generic = recommended_for(customer)
    assert generic == recommended_for(None)
    assert generic[0] == product  # the best seller, the same for everyone
    assert petg in generic
