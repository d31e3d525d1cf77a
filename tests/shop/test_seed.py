"""seed_demo: a small run, the demo logins, determinism, --if-empty, the heavy customer, and bad arguments."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from shop_demo.models import (
    Address,
    CustomerProfile,
    NewsletterSignup,
    Order,
    OrderLine,
    Payment,
    Product,
    Review,
    SupportMessage,
    VisitLog,
)
from shop_demo.seeding import SeedOptions, seed_shop

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


def run(*args) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_small_run_makes_realistic_data_and_logins():
    out = run("--customers", "20", "--orders-per-customer", "3", "--seed", "5")
    User = get_user_model()
    assert Order.objects.filter(user__username__startswith="s5c").count() == 60
    assert Order.objects.filter(user__isnull=True).count() == 6  # guest orders, by e-mail alone
    assert OrderLine.objects.count() >= Order.objects.count()
    assert Payment.objects.count() == Order.objects.count()
    assert not Payment.objects.exclude(last4="").exclude(last4__regex=r"^\d{4}$").exists()
    assert Product.objects.count() >= 30
    assert CustomerProfile.objects.filter(user__username__startswith="s5c").count() == 20
    assert Address.objects.count() >= 20
    assert VisitLog.objects.exists() and Review.objects.exists()
    countries = set(CustomerProfile.objects.values_list("country", flat=True))
    assert len(countries) >= 2
    # The demo logins work and are printed.
    assert "customer@example.com" in out and "demo-customer-2026" in out
    assert "staff@example.com" in out and "demo-staff-2026" in out
    customer = User.objects.get(email="customer@example.com")
    assert customer.check_password("demo-customer-2026")
    assert EmailAddress.objects.get(user=customer).verified
    assert customer.profile.phone and customer.profile.birth_date and customer.profile.national_id
    assert customer.orders.count() >= 1 and customer.reviews.exists() and customer.addresses.exists()
    staff = User.objects.get(email="staff@example.com")
    assert staff.is_staff and staff.is_superuser and staff.check_password("demo-staff-2026")


def test_demo_accounts_are_idempotent_and_if_empty_skips():
    run("--customers", "2", "--orders-per-customer", "1", "--seed", "1")
    orders = Order.objects.count()
    out = run("--if-empty", "--customers", "2", "--orders-per-customer", "1", "--seed", "2")
    assert "nothing seeded" in out and "customer@example.com" in out
    assert Order.objects.count() == orders
    assert get_user_model().objects.filter(email="customer@example.com").count() == 1


def test_if_empty_seeds_an_empty_shop():
    run("--if-empty", "--customers", "3", "--orders-per-customer", "2", "--seed", "1")
    assert Order.objects.filter(user__username__startswith="s1c").count() == 6


def test_same_seed_same_data():
    def snapshot():
        return (
            list(get_user_model().objects.filter(username__startswith="s9c").order_by("username")
                 .values_list("username", "email", "first_name", "last_name", "date_joined")),
            list(Order.objects.order_by("number").values_list("number", "email", "full_name", "line1", "city",
                                                               "total", "ip_address", "created_at", "status")),
            list(OrderLine.objects.order_by("order__number", "pk").values_list("order__number", "product__slug",
                                                                                 "quantity")),
            list(CustomerProfile.objects.order_by("user__username").values_list("phone", "birth_date",
                                                                                "national_id")),
            list(Review.objects.order_by("pk").values_list("title", "rating", "created_at")),
            list(VisitLog.objects.order_by("pk").values_list("ip_address", "path", "created_at")),
            list(SupportMessage.objects.order_by("pk").values_list("subject", "staff_notes")),
            list(NewsletterSignup.objects.order_by("pk").values_list("email", "confirmed_at")),
        )

    seed_shop(SeedOptions(customers=15, orders_per_customer=4, seed=9), now=NOW)
    first = snapshot()
    get_user_model().objects.all().delete()
    Order.objects.all().delete()
    NewsletterSignup.objects.all().delete()
    VisitLog.objects.all().delete()
    SupportMessage.objects.all().delete()
    seed_shop(SeedOptions(customers=15, orders_per_customer=4, seed=9), now=NOW)
    assert snapshot() == first
    assert len(first[1]) == 66
    other = seed_shop(SeedOptions(customers=15, orders_per_customer=4, seed=10), now=NOW)
    assert other["order"] == 66
    emails_10 = set(get_user_model().objects.filter(username__startswith="s10c").values_list("email", flat=True))
    assert emails_10 != {e for _, e, *_ in first[0]}


def test_same_seed_twice_is_refused():
    run("--customers", "2", "--orders-per-customer", "1", "--seed", "4")
    with pytest.raises(CommandError, match="already holds data seeded with --seed 4"):
        run("--customers", "2", "--orders-per-customer", "1", "--seed", "4")


def test_heavy_customer():
    counts = seed_shop(SeedOptions(customers=1, orders_per_customer=0, seed=2, heavy_customer=True), now=NOW)
    heavy = get_user_model().objects.get(email="heavy@example.com")
    assert heavy.orders.count() == 10_000
    assert OrderLine.objects.filter(order__user=heavy).count() == 40_000
    assert heavy.reviews.count() == 2_000
    assert heavy.visits.count() == 20_000
    assert counts["order"] == 10_000
    assert len({n for n in heavy.orders.values_list("number", flat=True)}) == 10_000


@pytest.mark.parametrize("args, message", [
    (["--customers", "-1"], "--customers must be 0 or more"),
    (["--orders-per-customer", "-5"], "--orders-per-customer must be 0 or more"),
    (["--customers", "0", "--heavy-customer"], "--heavy-customer needs at least one other customer"),
    (["--seed", "-3"], "--seed must be between 0 and"),
    (["--orders-per-customer", "5000"], "--orders-per-customer must be at most"),
    (["--customers", "2000000"], "--customers must be at most"),
])
def test_nonsense_arguments_fail_clearly(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert not Order.objects.exists()


def test_non_numbers_are_refused():
    with pytest.raises(CommandError, match="invalid int value"):
        run("--customers", "lots")
