"""The plan per source, and the executor against the demo shop's declarations: all sources or none."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from privacy_center.anonymizers import REDACTED, placeholder_email_value
from privacy_center.erasure.models import ErasureTombstone, LegalHoldRecord, SubjectErasure
from privacy_center.erasure.services.core import erase_now
from privacy_center.erasure.services.planner import plan_erasure
from privacy_center.hashing import keyed_hash
from privacy_center.registry import site
from privacy_center.services.suppression import is_suppressed
from privacy_center.sources import BaseSource, Erasure
from privacy_center.subjects import Subject

pytestmark = pytest.mark.django_db


def by_name(plan):
    return {s.name: s for s in plan.sources}


def test_plan_per_source_in_plain_words(shop_customer, bystander):
    plan = by_name(plan_erasure(Subject.for_user(shop_customer)))
    orders = plan["shop_demo.order"]
    assert orders.action == "anonymize" and orders.count == 3  # two as a customer, one as a guest
    assert "full name" in orders.fields and "e-mail" in orders.fields
    assert len(orders.holds) == 2  # placed in two calendar years? or one: depends on today; at least one
    assert all(h.until.month == 12 and h.until.day == 31 for h in orders.holds)
    assert "Bookkeeping" in orders.sentence and "then erased" in orders.sentence
    assert "FF-" in orders.sentence
    assert plan["shop_demo.visitlog"].action == "delete" and plan["shop_demo.visitlog"].count == 5
    assert plan["shop_demo.payment"].action == "keep" and plan["shop_demo.payment"].count == 3
    assert plan["auth.user"].action == "delete" and plan["auth.user"].count == 1
    # Reviews are declared "anonymize", but the review's author key cascades with the deleted user row.
    assert plan["shop_demo.review"].action == "delete"
    assert "account" in plan["shop_demo.review"].sentence


def test_plan_follows_user_action_setting(shop_customer, settings):
    settings.PRIVACY_CENTER_ERASURE_USER_ACTION = "anonymize"
    plan = by_name(plan_erasure(Subject.for_user(shop_customer)))
    assert plan["auth.user"].action == "anonymize"
    assert plan["shop_demo.review"].action == "anonymize"


def test_erasure_end_to_end_on_the_demo_shop(shop_customer, bystander, django_capture_on_commit_callbacks,
                                            mailoutbox):
    from allauth.account.models import EmailAddress

    from shop_demo.models import Address, NewsletterSignup, Order, Payment, Review, VisitLog

    user_pk = shop_customer.pk
    order_pks = list(Order.objects.filter(email__iexact="ada@example.com").values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        outcome = erase_now(Subject.for_user(shop_customer), method="command")
    assert outcome.status == "completed"

    assert not get_user_model().objects.filter(pk=user_pk).exists()
    assert not EmailAddress.objects.filter(email__iexact="ada@example.com").exists()
    assert not VisitLog.objects.filter(ip_address="203.0.113.7").exists()
    assert not Address.objects.filter(full_name="Ada Lovelace").exists()
    assert not Review.objects.filter(display_name="Ada L.").exists()
    assert not NewsletterSignup.objects.filter(email__iexact="ada@example.com").exists()
    orders = Order.objects.filter(pk__in=order_pks)
    assert orders.count() == 3  # kept for the books...
    for order in orders:  # ...without name, e-mail, phone, address or IP
        assert order.full_name == REDACTED and order.line1 == REDACTED
        assert order.email == placeholder_email_value("ada@example.com")
        assert order.phone == "" and order.ip_address is None and order.user_id is None
    assert Payment.objects.filter(order__in=order_pks).count() == 3
    assert is_suppressed("ada@example.com")

    # The bystander is untouched.
    assert Order.objects.filter(user=bystander, full_name="Bob Builder").count() == 1
    assert VisitLog.objects.filter(user=bystander).count() == 1

    erasure = outcome.erasure
    assert erasure.status == SubjectErasure.Status.COMPLETED and erasure.email == ""
    receipt = erasure.receipt
    sources = {row["name"]: row for row in receipt["sources"]}
    assert sources["shop_demo.order"]["action"] == "anonymize" and sources["shop_demo.order"]["count"] == 3
    assert sources["shop_demo.visitlog"]["count"] == 5
    assert any("PostNord" in r["name"] for r in receipt["recipients"])
    holds = LegalHoldRecord.objects.filter(erasure=erasure)
    assert {h.source for h in holds} >= {"shop_demo.order", "shop_demo.payment", "shop_demo.orderline"}
    assert sorted(sum((h.object_ids for h in holds if h.source == "shop_demo.order"), [])) == sorted(order_pks)
    tombstone = ErasureTombstone.objects.get()
    assert tombstone.subject_hash == keyed_hash(f"user:{user_pk}")
    assert "ada@example.com" not in str(tombstone.email_hashes)
    # The last e-mail to the customer went to the address that is now gone, with the receipt; the recipients
    # told by e-mail each got one, and the accountants (told by staff) wait as a task.
    to_customer = [m for m in mailoutbox if m.to == ["ada@example.com"]]
    assert len(to_customer) == 1
    assert "Orders" in to_customer[0].body and "2033" not in to_customer[0].subject
    assert sorted(m.to[0] for m in mailoutbox if m not in to_customer) == [
        "dataskydd@postnord.example", "privacy-requests@klarna.example", "privacy@mailgun.example",
        "privacy@stripe.example"]
    states = {r["recipient"]: r["state"] for r in receipt["recipients"]}
    assert states == {"accountants": "waiting_staff", "klarna": "sending", "mailgun": "sending",
                      "postnord": "sending", "stripe": "sending"}
    assert "Our accountants (bookkeeping): by our staff (waiting for staff to tell them)" in to_customer[0].body


def test_running_again_changes_nothing_and_says_so(shop_customer):
    from privacy_center.erasure.services.core import execute_erasure

    outcome = erase_now(Subject.for_user(shop_customer), method="command")
    again = execute_erasure(outcome.erasure.pk)
    assert again.status == "already_completed"
    assert "nothing changed" in again.message
    assert SubjectErasure.objects.count() == 1 and ErasureTombstone.objects.count() == 1


def test_user_row_anonymized_when_configured(shop_customer, settings):
    from shop_demo.models import Review

    settings.PRIVACY_CENTER_ERASURE_USER_ACTION = "anonymize"
    pk = shop_customer.pk
    erase_now(Subject.for_user(shop_customer), method="command")
    user = get_user_model().objects.get(pk=pk)
    assert user.username.startswith("deleted-") and user.email.endswith("@invalid")
    assert not user.is_active and not user.has_usable_password() and user.first_name == ""
    review = Review.objects.get(user=pk)
    assert review.display_name == REDACTED and review.body == "Prints well"


class BrokenSource(BaseSource):
    name = "tests.broken"
    label = "Broken"
    erasure = Erasure.DELETE
    order = 999

    def fields(self):
        return []

    def count(self, subject):
        return 1

    def iter_rows(self, subject, chunk_size=2000):
        return iter(())

    def page(self, subject, number, per_page):
        return []

    def preview(self, subject):
        from privacy_center.sources import Preview

        return Preview(self.name, self.label, 1, self.erasure)

    def erase(self, subject):
        raise RuntimeError("the processor's API is down")


def test_failing_source_rolls_back_everything(shop_customer):
    from shop_demo.models import Order, VisitLog

    site.register(BrokenSource)
    subject = Subject.for_user(shop_customer)
    with pytest.raises(RuntimeError, match="API is down"):
        erase_now(subject, method="command")
    # Nothing of the earlier sources was changed.
    assert get_user_model().objects.filter(pk=shop_customer.pk).exists()
    assert VisitLog.objects.filter(user=shop_customer).count() == 5
    assert Order.objects.filter(user=shop_customer, full_name="Ada Lovelace").count() == 2
    assert not is_suppressed("ada@example.com")
    assert not LegalHoldRecord.objects.exists() and not ErasureTombstone.objects.exists()
    erasure = SubjectErasure.objects.get()
    assert erasure.status == SubjectErasure.Status.FAILED and erasure.attempts == 1
    assert "RuntimeError: the processor's API is down" in erasure.last_error
    # Once the source works again, the retry completes.
    site.unregister("tests.broken")
    assert erase_now(subject, method="command").status == "completed"
    assert not get_user_model().objects.filter(pk=shop_customer.pk).exists()


def test_guest_erasure_by_email(make_order, customer):
    from shop_demo.models import Order

    guest = make_order(user=None, email="guest@example.com")
    mine = make_order(user=customer)
    outcome = erase_now(Subject.for_email("Guest@Example.com"), method="command")
    assert outcome.status == "completed"
    guest.refresh_from_db()
    assert guest.email == placeholder_email_value("guest@example.com")
    assert Order.objects.get(pk=mine.pk).full_name == "Ada Lovelace"
    assert is_suppressed("guest@example.com")


def test_sessions_are_ended(shop_customer, client):
    from django.contrib.sessions.models import Session

    client.force_login(shop_customer)
    assert Session.objects.count() == 1
    erase_now(Subject.for_user(shop_customer), method="command")
    assert Session.objects.count() == 0


def test_timeline_records_completion_without_personal_data(shop_customer):
    from privacy_center.models import PrivacyEvent

    key = Subject.for_user(shop_customer).key
    erase_now(Subject.for_user(shop_customer), method="command")
    event = PrivacyEvent.objects.filter(subject_key=key, kind="erasure_completed").get()
    assert "ada" not in event.summary.lower() and event.user_id is None


def test_hold_dates_are_end_of_bookkeeping_year(customer, make_order):
    make_order(user=customer, created_at=timezone.make_aware(dt.datetime(2026, 3, 1)))
    plan = by_name(plan_erasure(Subject.for_user(customer)))
    assert plan["shop_demo.order"].holds[0].until == dt.date(2033, 12, 31)
    assert "until Dec. 31, 2033, then erased" in plan["shop_demo.order"].sentence  # the reader's format, not ISO


def test_hold_years_outside_the_first_read_are_grouped_from_their_bounds(customer, make_order):
    """Rows older than the years a hold's first read groups fall back to a read over their own span: the
    groups, the hold records and the erased rows are the same."""
    from shop_demo.models import Order

    old = make_order(user=customer, created_at=timezone.make_aware(dt.datetime(1990, 6, 1)))
    new = make_order(user=customer, created_at=timezone.make_aware(dt.datetime(2026, 3, 1)))
    plan = by_name(plan_erasure(Subject.for_user(customer)))
    assert [h.until for h in plan["shop_demo.order"].holds] == [dt.date(1997, 12, 31), dt.date(2033, 12, 31)]
    erase_now(Subject.for_user(customer), method="command")
    records = LegalHoldRecord.objects.filter(source="shop_demo.order").order_by("until")
    assert [r.object_ids for r in records] == [[old.pk], [new.pk]]
    assert set(Order.objects.filter(pk__in=[old.pk, new.pk]).values_list("full_name", flat=True)) == {REDACTED}


def test_each_row_is_held_from_its_own_local_calendar_year(customer, make_order, settings):
    """The year a hold counts from is the shop's calendar year (Stockholm here), to the second at New Year,
    for every year of the window; the planned groups hold exactly their year's rows."""
    from shop_demo.models import Order

    settings.TIME_ZONE = "Europe/Stockholm"
    local = [dt.datetime(2016, 1, 1, 0, 0, 0), dt.datetime(2019, 12, 31, 23, 59, 59), dt.datetime(2020, 1, 1),
             dt.datetime(2022, 7, 1, 12), dt.datetime(2023, 12, 31, 23, 59, 59), dt.datetime(2024, 1, 1, 0, 0, 1),
             dt.datetime(2025, 12, 31, 23, 30), dt.datetime(2026, 1, 1, 0, 30)]
    orders = [make_order(user=customer, created_at=timezone.make_aware(when)) for when in local]
    plan = by_name(plan_erasure(Subject.for_user(customer)))
    held = {h.until: h.count for h in plan["shop_demo.order"].holds}
    expected: dict[dt.date, int] = {}
    for when in local:
        until = dt.date(when.year + 7, 12, 31)
        expected[until] = expected.get(until, 0) + 1
    assert held == expected
    erase_now(Subject.for_user(customer), method="command")
    records = {r.until: sorted(r.object_ids) for r in LegalHoldRecord.objects.filter(source="shop_demo.order")}
    assert records == {dt.date(when.year + 7, 12, 31): sorted(o.pk for o, w in zip(orders, local, strict=True)
                                                              if w.year == when.year) for when in local}
    assert Order.objects.filter(pk__in=[o.pk for o in orders], full_name=REDACTED).count() == len(orders)
