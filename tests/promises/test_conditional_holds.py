"""Conditional legal holds: "kept until unpaid invoices are paid". An erasure keeps the rows the condition
matches, says so row by row, and the daily sweep erases them once it stops matching, telling the customer."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacy_center.erasure.models import LegalHoldRecord
from privacy_center.erasure.services.core import erase_now, schedule_erasure
from privacy_center.erasure.services.planner import plan_erasure
from privacy_center.erasure.services.retention import run_retention
from privacy_center.models import PrivacyEvent
from privacy_center.registry import site
from privacy_center.sources import LegalHold
from privacy_center.subjects import Subject

pytestmark = pytest.mark.django_db

UNPAID = _("Order %(number)s is kept while it is unpaid")


def _unpaid(make_order, **fields):
    from shop_demo.models import Order

    order = make_order(**fields)
    Order.objects.filter(pk=order.pk).update(status="placed")
    order.refresh_from_db()
    return order


def _register(condition, reason=UNPAID):
    from shop_demo.privacy import OrderSource

    class UnpaidOrdersKept(OrderSource):
        class Meta:
            legal_hold = LegalHold(reason=reason, condition=condition)

    site.register(UnpaidOrdersKept, replace=True)


@pytest.fixture(params=["q", "callable"])
def unpaid_kept(request):
    """The same promise, declared as a queryset filter and as a callable on the row."""
    _register(Q(status="placed") if request.param == "q" else (lambda order: order.status == "placed"))


def test_a_hold_is_dated_or_conditional():
    with pytest.raises(ValueError):
        LegalHold(reason="x", years=7, condition=Q(status="placed"))
    with pytest.raises(TypeError):
        LegalHold(reason="x", condition="status=placed")


def test_erasure_keeps_the_unpaid_order_and_says_why(unpaid_kept, customer, make_order, mailoutbox,
                                                    django_capture_on_commit_callbacks):
    from privacy_center.services.language import remember_language
    from shop_demo.models import Order

    paid = make_order(user=customer)
    unpaid = _unpaid(make_order, user=customer)
    subject = Subject.for_user(customer)
    remember_language(subject, "sv")

    plan = next(p for p in plan_erasure(subject).sources if p.name == "shop_demo.order")
    assert f"Order {unpaid.number} is kept while it is unpaid." in plan.sentence
    assert "1 item will be anonymized" in plan.sentence

    schedule_erasure(subject, method="test", cooling_off_days=0, notify_on_release=True)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = erase_now(subject, method="test")
    row = next(r for r in outcome.receipt["sources"] if r["name"] == "shop_demo.order")
    assert row["outcome"] == {"delete": 0, "anonymize": 1, "keep": 1}
    assert f"Order {unpaid.number} is kept while it is unpaid." in row["sentence"]
    assert "1 post anonymiserade" in row["sentence"] and "1 post sparade" in row["sentence"]  # in her language
    unpaid.refresh_from_db()
    paid.refresh_from_db()
    assert unpaid.full_name == "Ada Lovelace" and paid.full_name != "Ada Lovelace"
    [hold] = LegalHoldRecord.objects.filter(source="shop_demo.order", conditional=True)
    assert hold.until is None and hold.object_ids == [unpaid.pk] and hold.language == "sv"
    assert hold.reason == f"Order {unpaid.number} is kept while it is unpaid"

    # Still unpaid: the daily sweep keeps it, even past the order's retention.
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        run_retention(now=timezone.now() + dt.timedelta(days=8 * 365))
    unpaid.refresh_from_db()
    assert unpaid.full_name == "Ada Lovelace"
    assert not [m for m in mailoutbox if unpaid.number in m.body]  # the order lines' dated hold ended: told

    # Paid: the next sweep anonymizes it (the source anonymizes), tells her in Swedish, and says so on the timeline.
    Order.objects.filter(pk=unpaid.pk).update(status="paid")
    with django_capture_on_commit_callbacks(execute=True):
        report = run_retention()
    unpaid.refresh_from_db()
    assert unpaid.full_name != "Ada Lovelace" and unpaid.number  # anonymized, kept for the books
    assert any(line.step == "legal_hold" and line.action == "anonymize" and line.count == 1 for line in report.lines)
    hold.refresh_from_db()
    assert hold.released_at is not None and hold.object_ids == [] and hold.notify_email == ""
    [mail] = [m for m in mailoutbox if unpaid.number in m.body]
    assert mail.to == ["ada@example.com"]
    from django.utils import translation

    with translation.override("sv"):
        assert str(_("Data we had to keep is now erased")) in mail.subject
    event = PrivacyEvent.objects.filter(kind=PrivacyEvent.Kind.HOLD_RELEASED).get()
    assert unpaid.number in event.summary and "anonymized" in event.summary


def test_a_deleting_source_deletes_the_row_once_released(customer, mailoutbox, django_capture_on_commit_callbacks):
    from shop_demo.models import SupportMessage
    from shop_demo.privacy import SupportMessageSource

    class ComplaintsKept(SupportMessageSource):
        class Meta:
            legal_hold = LegalHold(reason=_("Messages about an open complaint are kept until it is settled"),
                                   condition={"subject__startswith": "Complaint"})

    site.register(ComplaintsKept, replace=True)
    now = timezone.now()
    kept = SupportMessage.objects.create(user=customer, name="Ada", email=customer.email, subject="Complaint: broken",
                                         body="It broke.", created_at=now)
    SupportMessage.objects.create(user=customer, name="Ada", email=customer.email, subject="Thanks", body="Nice.",
                                  created_at=now)
    subject = Subject.for_user(customer)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = erase_now(subject, method="test")  # not asked to be told
    row = next(r for r in outcome.receipt["sources"] if r["name"] == "shop_demo.supportmessage")
    assert row["outcome"]["delete"] == 1 and row["outcome"]["keep"] == 1
    assert "Messages about an open complaint are kept until it is settled" in row["sentence"]
    assert SupportMessage.objects.filter(pk=kept.pk).exists()

    SupportMessage.objects.filter(pk=kept.pk).update(subject="Settled: broken")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        run_retention()
    assert not SupportMessage.objects.filter(pk=kept.pk).exists()
    assert not mailoutbox  # nobody asked to be told: no address was kept
    hold = LegalHoldRecord.objects.get(source="shop_demo.supportmessage")
    assert hold.released_at is not None and hold.notify_email == ""
    assert "deleted" in PrivacyEvent.objects.get(kind=PrivacyEvent.Kind.HOLD_RELEASED).summary


def test_retention_waits_for_the_condition(customer, make_order):
    """Without any erasure: the sweep's own retention skips the rows the condition still keeps."""
    from shop_demo.models import Order

    _register(Q(status="placed"))
    old = timezone.now() - dt.timedelta(days=8 * 365)
    unpaid = _unpaid(make_order, user=customer, created_at=old)
    paid = make_order(user=customer, created_at=old)
    run_retention()
    assert Order.objects.get(pk=unpaid.pk).full_name == "Ada Lovelace"
    assert Order.objects.get(pk=paid.pk).full_name != "Ada Lovelace"


def test_a_hold_on_rows_deleted_with_the_account_is_flagged(settings):
    """Reviews cascade with the user row: a conditional hold there could keep nothing, and the check says so."""
    from django.core import checks

    from shop_demo.privacy import ReviewSource

    class ReviewsKept(ReviewSource):
        class Meta:
            legal_hold = LegalHold(reason=_("Reviews under complaint are kept"), condition={"rating": 1})

    site.register(ReviewsKept, replace=True)
    assert "shop_demo.review" in {m.obj for m in checks.run_checks() if m.id == "privacy_center.W051"}
    settings.PRIVACY_CENTER_ERASURE_USER_ACTION = "anonymize"
    assert "shop_demo.review" not in {m.obj for m in checks.run_checks() if m.id == "privacy_center.W051"}
