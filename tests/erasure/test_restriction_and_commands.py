"""may_process, the queryset filter and the task decorator; suppression; the privacy_erase command."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from privacy_center import may_process
from privacy_center.erasure.services.core import schedule_erasure
from privacy_center.services.restriction import exclude_restricted, respects_restriction, set_flags
from privacy_center.services.suppression import is_suppressed, suppress
from privacy_center.subjects import Subject

pytestmark = pytest.mark.django_db


def test_may_process_per_flag(customer):
    subject = Subject.for_user(customer)
    assert may_process(subject, "newsletter") and may_process(subject, "sale")
    set_flags(subject, method="test", opted_out_of_sale=True)
    assert not may_process(subject, "sale") and may_process(subject, "newsletter")
    set_flags(subject, method="test", objected_to_marketing=True)
    assert not may_process(subject, "recommendations") and may_process(subject, "order_fulfilment")
    set_flags(subject, method="test", processing_restricted=True)
    assert not may_process(subject, "order_fulfilment") and may_process(subject, "bookkeeping")


def test_erasure_pending_implies_restricted(customer):
    subject = Subject.for_user(customer)
    schedule_erasure(subject, method="test")
    assert not may_process(subject, "newsletter")
    assert not may_process(subject, "analytics")
    assert may_process(subject, "legal_obligation")


def test_queryset_filter_excludes_restricted_users_and_guests(make_order, customer, other_customer, make_user):
    from shop_demo.models import Order

    third = make_user(email="carol@example.com")
    a = make_order(user=customer)
    b = make_order(user=other_customer)
    make_order(user=third)
    guest = make_order(user=None, email="Guest@Example.com")
    other_guest = make_order(user=None, email="fine@example.com")
    set_flags(Subject.for_user(customer), method="test", objected_to_marketing=True)
    set_flags(Subject.for_user(third), method="test", processing_restricted=True)
    set_flags(Subject.for_email("guest@example.com"), method="test", objected_to_marketing=True)

    kept = exclude_restricted(Order.objects.all(), "newsletter", email_field="email")
    assert set(kept.values_list("pk", flat=True)) == {b.pk, other_guest.pk}
    kept = exclude_restricted(Order.objects.all(), "order_fulfilment")
    assert set(kept.values_list("pk", flat=True)) == {a.pk, b.pk, guest.pk, other_guest.pk}
    users = exclude_restricted(get_user_model().objects.all(), "newsletter", user_field="pk")
    assert set(users.values_list("pk", flat=True)) == {other_customer.pk}


def test_task_decorator_checks_when_the_task_runs(customer):
    calls = []

    @respects_restriction("newsletter")
    def send(user_id, text):
        calls.append((user_id, text))
        return "sent"

    queued = (customer.pk, "hello")  # queued before the objection...
    set_flags(Subject.for_user(customer), method="test", objected_to_marketing=True)
    assert send(*queued) is None  # ...dropped when it runs
    set_flags(Subject.for_user(customer), method="test", objected_to_marketing=False)
    assert send(user_id=customer.pk, text="again") == "sent"
    assert calls == [(customer.pk, "again")]
    get_user_model().objects.filter(pk=customer.pk).delete()
    assert send(customer.pk, "erased") is None

    @respects_restriction("newsletter", user_arg="uid", email_arg="email")
    def guest_send(uid=None, email=None):
        return "sent"

    set_flags(Subject.for_email("g@example.com"), method="test", objected_to_marketing=True)
    assert guest_send(email="G@example.com") is None
    assert guest_send(email="h@example.com") == "sent"


def test_suppression_list_is_keyed_and_normalized(settings):
    from privacy_center.models import SuppressedEmail

    suppress(" Ada@Example.COM ", "erased")
    assert is_suppressed("ada@example.com")
    assert not is_suppressed("bob@example.com")
    assert "ada@example.com" not in SuppressedEmail.objects.get().email_hash


def test_privacy_erase_command(shop_customer, capsys):
    pk = shop_customer.pk
    call_command("privacy_erase", "--user", str(pk), "--dry-run")
    out = capsys.readouterr().out
    assert "Visit log: 5 items will be deleted." in out and "Dry run: nothing changed." in out
    assert get_user_model().objects.filter(pk=pk).exists()
    call_command("privacy_erase", "--user", str(pk))
    out = capsys.readouterr().out
    assert "Erasure completed." in out and "recipients: 4 being sent, 1 waiting for staff to tell them" in out
    assert not get_user_model().objects.filter(pk=pk).exists()
    call_command("privacy_erase", "--user", str(pk))
    assert "already erased: nothing changed" in capsys.readouterr().out
    call_command("privacy_erase", "--email", "ada@example.com")
    assert "already erased: nothing changed" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("privacy_erase", "--user", "999999")
    with pytest.raises(CommandError):
        call_command("privacy_erase", "--email", "not-an-address")
