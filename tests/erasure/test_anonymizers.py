"""Every anonymizer, in Python and as the SQL the executor runs (one UPDATE, no save())."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import models

from privacy_center.anonymizers import (
    REDACTED,
    Anonymizer,
    fixed,
    get_anonymizer,
    placeholder_email_value,
    truncate_ip_value,
)
from privacy_center.erasing import anonymize_queryset
from privacy_center.hashing import email_hash, keyed_hash


def field(model, name):
    return model._meta.get_field(name)


@pytest.mark.parametrize(("value", "expected"), [
    ("192.0.2.123", "192.0.2.0"),
    ("10.1.2.3", "10.1.2.0"),
    ("2001:db8:abcd:12:3456::1", "2001:db8:abcd::"),
    ("::1", "::"),
    ("not an ip", None),
    (None, None),
])
def test_truncate_ip_value(value, expected):
    assert truncate_ip_value(value) == expected


def test_placeholder_email_is_keyed_and_normalized(settings):
    settings.PRIVACY_CENTER_HASH_KEY = "k1"
    first = placeholder_email_value(" Ada@Example.com ")
    assert first == placeholder_email_value("ada@example.com")
    assert first.startswith("deleted-") and first.endswith("@invalid")
    assert first == f"deleted-{email_hash('ada@example.com')[:20]}@invalid"
    assert "ada" not in first
    settings.PRIVACY_CENTER_HASH_KEY = "k2"
    assert placeholder_email_value("ada@example.com") != first


def test_get_anonymizer_names_and_errors():
    assert get_anonymizer("redact").name == "redact"
    custom = get_anonymizer("fixed:Former customer")
    assert custom.name == "fixed" and custom.value == "Former customer"
    instance = fixed("x")
    assert get_anonymizer(instance) is instance
    with pytest.raises(ValueError, match="Unknown anonymizer"):
        get_anonymizer("shred")


def test_validation_rejects_wrong_field_types():
    from shop_demo.models import CustomerProfile, Order

    with pytest.raises(ValueError, match="not nullable"):
        get_anonymizer("null").validate(field(Order, "full_name"))
    with pytest.raises(ValueError, match="date field"):
        get_anonymizer("birth_year").validate(field(Order, "full_name"))
    with pytest.raises(ValueError, match="IP address"):
        get_anonymizer("truncate_ip").validate(field(Order, "total"))
    get_anonymizer("birth_year").validate(field(CustomerProfile, "birth_date"))


@pytest.mark.django_db
def test_each_anonymizer_as_one_update(make_order, customer, django_assert_max_num_queries, settings):
    from shop_demo.models import CustomerProfile, Order

    settings.PRIVACY_CENTER_HASH_KEY = "test-key"
    orders = [make_order(user=customer, email=f"Ada{i}@Example.com") for i in range(3)]
    Order.objects.filter(pk=orders[1].pk).update(ip_address="2001:db8:abcd:12::7")
    qs = Order.objects.filter(user=customer)
    pairs = [
        (field(Order, "full_name"), get_anonymizer("redact")),
        (field(Order, "line2"), get_anonymizer("blank")),
        (field(Order, "ip_address"), get_anonymizer("truncate_ip")),
        (field(Order, "email"), get_anonymizer("placeholder_email")),
        (field(Order, "phone"), get_anonymizer("keyed_hash")),
        (field(Order, "city"), get_anonymizer("fixed:Somewhere")),
    ]
    from django.db import connection

    # SQLite: one UPDATE (the keyed hash is an in-process function). PostgreSQL: the rows' values are read,
    # hashed here, and written back by key, so the hashing key never goes to the server.
    with django_assert_max_num_queries(1 if connection.vendor == "sqlite" else 3):
        assert anonymize_queryset(qs, pairs) == 3
    rows = {o.pk: o for o in Order.objects.filter(user=customer)}
    for i, order in enumerate(orders):
        row = rows[order.pk]
        assert row.full_name == REDACTED
        assert row.line2 == ""
        assert row.email == placeholder_email_value(f"ada{i}@example.com")
        assert row.phone == keyed_hash("+46 70 123 45 67")[:32]
        assert row.city == "Somewhere"
    assert rows[orders[0].pk].ip_address == "192.0.2.0"
    assert rows[orders[1].pk].ip_address == "2001:db8:abcd::"

    profile = CustomerProfile.objects.get(user=customer)
    profile_qs = CustomerProfile.objects.filter(pk=profile.pk)
    anonymize_queryset(profile_qs, [(field(CustomerProfile, "birth_date"), get_anonymizer("birth_year")),
                                     (field(CustomerProfile, "national_id"), get_anonymizer("redact"))])
    profile.refresh_from_db()
    assert profile.birth_date == dt.date(1990, 1, 1)
    assert profile.national_id == REDACTED


@pytest.mark.django_db
def test_null_anonymizer_and_redact_on_non_text(make_order, customer):
    from shop_demo.models import Order

    order = make_order(user=customer)
    qs = Order.objects.filter(pk=order.pk)
    anonymize_queryset(qs, [(field(Order, "ip_address"), get_anonymizer("null"))])
    order.refresh_from_db()
    assert order.ip_address is None
    assert get_anonymizer("redact").new_value(field(Order, "email")) == "redacted@invalid"


@pytest.mark.django_db
def test_python_fallback_matches_sql(make_order, customer, monkeypatch):
    """On a database without the SQL forms the executor maps distinct values, with the same result."""
    from privacy_center import erasing
    from shop_demo.models import Order

    a = make_order(user=customer, email="one@example.com")
    b = make_order(user=customer, email="two@example.com")
    monkeypatch.setattr(erasing, "SQL_VENDORS", set())
    pairs = [(field(Order, "email"), get_anonymizer("placeholder_email")),
             (field(Order, "ip_address"), get_anonymizer("truncate_ip"))]
    assert anonymize_queryset(Order.objects.filter(pk__in=[a.pk, b.pk]), pairs) == 2
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.email == placeholder_email_value("one@example.com")
    assert b.email == placeholder_email_value("two@example.com")
    assert a.ip_address == "192.0.2.0"


def test_done_q_lets_sweeps_skip_finished_rows():
    from shop_demo.models import Order

    assert get_anonymizer("placeholder_email").done_q(field(Order, "email")) is not None
    assert get_anonymizer("redact").done_q(field(Order, "full_name")) == models.Q(full_name=REDACTED)
    assert Anonymizer().done_q(field(Order, "email")) is None


@pytest.mark.django_db
def test_the_hashing_key_never_reaches_the_database(make_order, customer, settings):
    """Neither the key nor HMAC's padded keys appear in any statement or parameter (slow-query logs
    and error logs record both), while sweeps, erasure and marketing filters hash addresses."""
    from django.db import connection

    from privacy_center.services.restriction import exclude_restricted, set_flags
    from privacy_center.subjects import Subject
    from shop_demo.models import Order

    key = "hash-key-that-must-stay-in-this-process"
    settings.PRIVACY_CENTER_HASH_KEY = key
    padded = key.encode().ljust(64, b"\0")
    secrets = [key.encode(), bytes(b ^ 0x36 for b in padded), bytes(b ^ 0x5C for b in padded)]
    seen: list[tuple[str, object]] = []

    def record(execute, sql, params, many, context):
        seen.append((sql, params))
        return execute(sql, params, many, context)

    orders = [make_order(email=f"guest{i}@example.com") for i in range(5)]
    set_flags(Subject.for_email("guest3@example.com"), method="web", objected_to_marketing=True)
    pairs = [(field(Order, "email"), get_anonymizer("placeholder_email")),
             (field(Order, "phone"), get_anonymizer("keyed_hash"))]
    with connection.execute_wrapper(record):
        kept = list(exclude_restricted(Order.objects.all(), "marketing", user_field=None, email_field="email")
                    .values_list("email", flat=True))
        assert anonymize_queryset(Order.objects.filter(pk__in=[o.pk for o in orders]), pairs) == 5

    assert "guest3@example.com" not in kept and len(kept) == 4
    assert {o.email for o in Order.objects.all()} == {placeholder_email_value(o.email) for o in orders}
    assert set(Order.objects.values_list("phone", flat=True)) == {keyed_hash("+46 70 123 45 67")[:32]}

    def flatten(value):
        if isinstance(value, list | tuple):
            for item in value:
                yield from flatten(item)
        elif isinstance(value, dict):
            yield from flatten(list(value.values()))
        else:
            yield value

    assert seen
    for sql, params in seen:
        assert key not in sql
        for value in flatten(params):
            raw = value.encode() if isinstance(value, str) else bytes(value) if isinstance(
                value, bytes | bytearray | memoryview) else None
            if raw is None:
                continue
            assert not any(secret in raw for secret in secrets), (sql, value)
