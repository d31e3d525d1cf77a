"""Existing customers of a shop that never had allauth addresses: their earlier guest orders become reachable."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from privacy_center.adapter import DefaultPrivacyAdapter
from privacy_center.models import PrivacyEvent
from privacy_center.sources import ModelSource
from privacy_center.subjects import Subject
from tests.shop2.store.models import User

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


class VouchForCustomers(DefaultPrivacyAdapter):
    """This shop's old sign-up confirmed the address by a link for every account with a customer profile."""

    def vouches_for_email(self, user):
        return hasattr(user, "customer")


def guest_orders_seen(user) -> int:
    from privacy_center.registry import site

    source = site.get("store.order")
    assert isinstance(source, ModelSource)
    return source.count(Subject.for_user(User.objects.get(pk=user.pk)))


def test_without_the_command_the_guest_order_is_not_reached(ada):
    assert guest_orders_seen(ada) == 2  # her two orders as a customer; the guest one is invisible


def test_the_command_verifies_only_where_the_shop_vouches(ada, bob, settings, capsys):
    settings.PRIVACY_CENTER_ADAPTER = "tests.shop2.suite.test_existing_emails.VouchForCustomers"
    staff = User.objects.create_user("staff@northwind.example", PASSWORD)  # no profile: not vouched for

    call_command("privacy_verify_existing_emails", "--dry-run")
    assert "2 address(es) would be recorded" in capsys.readouterr().out
    assert not EmailAddress.objects.exists()

    call_command("privacy_verify_existing_emails")
    out = capsys.readouterr().out
    assert "2 address(es) recorded as verified" in out and "1 not vouched for" in out
    assert set(EmailAddress.objects.filter(verified=True).values_list("email", flat=True)) == {
        "ada@northwind.example", "bob@northwind.example"}
    assert not EmailAddress.objects.filter(user=staff).exists()
    assert guest_orders_seen(ada) == 3  # now her guest order is hers on My data, in exports and in erasure
    assert PrivacyEvent.objects.filter(subject_key=f"user:{ada.pk}", kind="data_corrected",
                                       summary__contains="vouched").count() == 1

    call_command("privacy_verify_existing_emails")  # again: nothing new
    assert "0 address(es) recorded" in capsys.readouterr().out and EmailAddress.objects.count() == 2


def test_never_for_an_unconfirmed_signup_or_someone_elses_address(ada, bob, capsys):
    # Ada signed up through a path that sent a confirmation link she never used: allauth says unverified.
    EmailAddress.objects.create(user=ada, email=ada.email, verified=False, primary=True)
    # Someone registered an account with Bob's address in other letters; Bob's own row names it too.
    EmailAddress.objects.create(user=User.objects.create_user("carol@northwind.example", PASSWORD),
                                email="BOB@northwind.example", verified=False, primary=True)

    call_command("privacy_verify_existing_emails", "--all-confirmed")
    out = capsys.readouterr().out
    assert "1 unconfirmed at sign-up" in out and "1 held by another account" in out
    assert not EmailAddress.objects.filter(verified=True, email__iexact=ada.email).exists()
    assert not EmailAddress.objects.filter(verified=True, email__iexact=bob.email).exists()
    assert guest_orders_seen(ada) == 2


def test_default_adapter_vouches_for_no_one(ada, capsys):
    call_command("privacy_verify_existing_emails")
    out = capsys.readouterr().out
    assert "0 address(es) recorded" in out and "--all-confirmed" in out
    assert not EmailAddress.objects.exists()
