"""Retention sweeps (dry run and applied), legal-hold release, inactive accounts, and re-applying erasures."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from privacy_center.anonymizers import REDACTED
from privacy_center.erasure.models import InactivityWarning, LegalHoldRecord
from privacy_center.erasure.services.core import erase_now
from privacy_center.erasure.services.retention import run_retention
from privacy_center.subjects import Subject

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_data(customer, make_order):
    from shop_demo.models import VisitLog

    now = timezone.now()
    VisitLog.objects.bulk_create(
        VisitLog(user=customer, ip_address="203.0.113.9", path="/", created_at=now - dt.timedelta(days=days))
        for days in (1, 89, 91, 200)
    )
    old = make_order(user=customer, created_at=now - dt.timedelta(days=8 * 365))
    recent = make_order(user=customer, created_at=now - dt.timedelta(days=365))
    return old, recent


def test_dry_run_reports_and_changes_nothing(old_data, capsys):
    from shop_demo.models import Order, VisitLog

    report = run_retention(dry_run=True)
    lines = {(line.target, line.action): line.count for line in report.lines}
    assert lines[("Visit log", "delete")] == 2
    assert lines[("Orders", "anonymize")] == 1
    assert "would be done" in report.as_text()
    assert VisitLog.objects.count() == 4
    assert Order.objects.filter(full_name="Ada Lovelace").count() == 2
    call_command("privacy_retention", "--dry-run")
    assert "dry run" in capsys.readouterr().out


def test_sweep_applies_and_is_idempotent(old_data, django_assert_max_num_queries):
    from shop_demo.models import Order, Payment, VisitLog

    old, recent = old_data
    report = run_retention(batch_size=2)
    assert VisitLog.objects.count() == 2
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.full_name == REDACTED and old.email.endswith("@invalid") and old.ip_address is None
    assert recent.full_name == "Ada Lovelace"
    assert not Payment.objects.filter(order=old).exists()  # payments: deleted after 7 years
    assert report.total >= 3
    again = run_retention()
    assert not [line for line in again.lines if line.target in ("Visit log", "Orders")]
    assert Order.objects.count() == 2


def test_command_json(old_data, capsys):
    call_command("privacy_retention", "--json")
    data = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert data["dry_run"] is False and any(line["target"] == "Visit log" for line in data["lines"])


def test_legal_hold_released_on_its_date(customer, make_order, clock, mailoutbox, django_capture_on_commit_callbacks):
    from shop_demo.models import Order

    order = make_order(user=customer, created_at=timezone.now() - dt.timedelta(days=30))
    subject = Subject.for_user(customer)
    from privacy_center.erasure.services.core import schedule_erasure

    schedule_erasure(subject, method="test", cooling_off_days=0, notify_on_release=True)
    with django_capture_on_commit_callbacks(execute=True):
        erase_now(subject, method="test")
    holds = LegalHoldRecord.objects.filter(source="shop_demo.order")
    [hold] = holds
    assert hold.notify_email == "ada@example.com" and order.pk in hold.object_ids
    assert Order.objects.filter(pk=order.pk).exists()
    mailoutbox.clear()

    on_the_day = run_retention(now=timezone.make_aware(dt.datetime.combine(hold.until, dt.time(12))))
    assert not [line for line in on_the_day.lines if line.step == "legal_hold" and line.target == "Orders"]
    assert Order.objects.filter(pk=order.pk).exists()
    mailoutbox.clear()  # the timeline's shorter hold (3 years) was released and told already
    after = timezone.make_aware(dt.datetime.combine(hold.until + dt.timedelta(days=1), dt.time(1)))
    dry = run_retention(dry_run=True, now=after)
    assert any(line.step == "legal_hold" and line.target == "Orders" and line.count == 1 for line in dry.lines)
    assert Order.objects.filter(pk=order.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        run_retention(now=after)
    assert not Order.objects.filter(pk=order.pk).exists()
    hold.refresh_from_db()
    assert hold.released_at is not None and hold.notify_email == "" and hold.object_ids == []
    assert [m.to for m in mailoutbox] == [["ada@example.com"]]
    assert "now erased" in mailoutbox[0].body


def test_inactive_accounts_warned_then_erased_unless_they_log_in(make_user, mailoutbox,
                                                                django_capture_on_commit_callbacks):
    User = get_user_model()
    now = timezone.now()
    sleepy = make_user(email="sleepy@example.com")
    back = make_user(email="back@example.com")
    fresh = make_user(email="fresh@example.com")
    User.objects.filter(pk__in=[sleepy.pk, back.pk]).update(last_login=now - dt.timedelta(days=2 * 365 - 20))
    User.objects.filter(pk=fresh.pk).update(last_login=now - dt.timedelta(days=10))

    with django_capture_on_commit_callbacks(execute=True):
        report = run_retention(now=now)
    assert {w.user_id for w in InactivityWarning.objects.all()} == {sleepy.pk, back.pk}
    assert sorted(m.to[0] for m in mailoutbox) == ["back@example.com", "sleepy@example.com"]
    assert any(line.step == "inactive_warning" and line.count == 2 for line in report.lines)

    # Logging in again cancels the erasure.
    from django.contrib.auth.signals import user_logged_in

    User.objects.filter(pk=back.pk).update(last_login=now + dt.timedelta(days=5))
    user_logged_in.send(sender=User, request=None, user=back)
    assert InactivityWarning.objects.get(user=back).cancelled_at is not None

    later = now + dt.timedelta(days=31)
    dry = run_retention(now=later, dry_run=True)
    assert any(line.step == "inactive_erasure" and line.count == 1 for line in dry.lines)
    run_retention(now=later)
    assert not User.objects.filter(pk=sleepy.pk).exists()
    assert User.objects.filter(pk__in=[back.pk, fresh.pk]).count() == 2


def test_reapply_after_restore(shop_customer, make_order, tmp_path, settings, capsys,
                               django_capture_on_commit_callbacks):
    """Simulate a restore: erase, then put the rows back; the command erases them again."""
    from shop_demo.models import Order, VisitLog

    settings.PRIVACY_CENTER_ERASURE_TOMBSTONE_LOG = str(tmp_path / "tombstones.jsonl")
    guest = make_order(user=None, email="ada@example.com")
    user_pk = shop_customer.pk
    username = shop_customer.username
    with django_capture_on_commit_callbacks(execute=True):
        erase_now(Subject.for_user(shop_customer), method="test")
    assert (tmp_path / "tombstones.jsonl").read_text().count("\n") == 1

    # "Restore": the account and its guest order come back, and the tombstone table is empty again.
    from privacy_center.erasure.models import ErasureTombstone, SubjectErasure

    ErasureTombstone.objects.all().delete()
    SubjectErasure.objects.all().delete()
    restored = get_user_model().objects.create(pk=user_pk, username=username, email="ada@example.com")
    VisitLog.objects.create(user=restored, ip_address="203.0.113.7", path="/", created_at=timezone.now())
    Order.objects.filter(pk=guest.pk).update(email="ada@example.com", full_name="Ada Lovelace")

    call_command("privacy_reapply_erasures", "--dry-run")
    assert "Nothing to re-apply" in capsys.readouterr().out  # without the log, the tombstones are gone
    call_command("privacy_reapply_erasures", "--file", settings.PRIVACY_CENTER_ERASURE_TOMBSTONE_LOG)
    out = capsys.readouterr().out
    assert "Restored 1 tombstones" in out and "Erased 1 accounts and 1 guest addresses" in out
    assert not get_user_model().objects.filter(pk=user_pk).exists()
    assert not VisitLog.objects.filter(ip_address="203.0.113.7").exists()
    assert Order.objects.get(pk=guest.pk).full_name == REDACTED
    call_command("privacy_reapply_erasures")
    assert "Nothing to re-apply" in capsys.readouterr().out


def test_a_hold_that_cannot_be_released_yet_does_not_stop_the_sweep(customer, make_order, product):
    from privacy_center.erasure.models import SubjectErasure

    make_order(user=customer)  # its line PROTECTs the product
    now = timezone.now()
    erasure = SubjectErasure.objects.create(subject_key="user:0", method="test", requested_at=now, due_at=now)
    hold = LegalHoldRecord.objects.create(erasure=erasure, source="x", model="shop_demo.Product", label="Products",
                                          reason="test", until=now.date() - dt.timedelta(days=1),
                                          object_ids=[product.pk], count=1)
    report = run_retention()
    assert any(line.step == "legal_hold" and line.action == "failed" for line in report.lines)
    hold.refresh_from_db()
    assert hold.released_at is None and hold.object_ids == [product.pk]
