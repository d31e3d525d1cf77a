"""Scheduling an erasure ends the user's sessions through their own records, never reading anyone else's."""

from __future__ import annotations

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client

from privacy_center.erasure.services.core import schedule_erasure
from privacy_center.models import SessionRecord
from privacy_center.subjects import Subject

pytestmark = pytest.mark.django_db


def _others_signed_in(make_user, count: int) -> list[str]:
    """``count`` live sessions of other users, as their logins left them."""
    keys = []
    for user in [make_user() for _ in range(3)]:
        for _ in range(count // 3):
            store = SessionStore()
            store.update({"_auth_user_id": str(user.pk),
                          "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
                          "_auth_user_hash": user.get_session_auth_hash()})
            store.create()
            keys.append(store.session_key)
    return keys


def _session_queries(make_user, customer, others: int) -> tuple[list[str], list[str]]:
    phone, laptop, admin = Client(), Client(), Client()
    phone.force_login(customer)
    laptop.force_login(customer)
    admin.force_login(customer, backend="django.contrib.auth.backends.ModelBackend")  # e.g. the admin's login
    mine = [c.session.session_key for c in (phone, laptop, admin)]
    assert SessionRecord.objects.filter(user=customer, session_key__in=mine).count() == 3
    other_keys = _others_signed_in(make_user, others)
    seen: list[str] = []

    def record(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        schedule_erasure(Subject.for_user(customer), method="web", cooling_off_days=14)
    assert not Session.objects.filter(session_key__in=mine).exists()
    assert Session.objects.filter(session_key__in=other_keys).count() == len(other_keys)
    assert phone.get("/privacy/").status_code == 302  # signed out on every device
    return [sql for sql in seen if "django_session" in sql], seen


def test_scheduling_erasure_ends_only_that_users_sessions_without_reading_the_others(make_user, customer):
    session_sql, all_sql = _session_queries(make_user, customer, others=300)
    assert session_sql  # the customer's sessions were deleted ...
    for sql in session_sql:  # ... each by its key: no scan of the session table
        assert '"session_key"' in sql.split("WHERE", 1)[-1], sql


def test_the_work_does_not_grow_with_other_peoples_sessions(make_user, make_user_factory_pair):
    few_user, many_user = make_user_factory_pair
    _, few = _session_queries(make_user, few_user, others=15)
    _, many = _session_queries(make_user, many_user, others=600)
    assert len(many) == len(few)


@pytest.fixture
def make_user_factory_pair(make_user):
    return make_user(), make_user()


def test_logging_out_forgets_the_session(client, customer):
    client.force_login(customer)
    key = client.session.session_key
    assert SessionRecord.objects.filter(session_key=key, user=customer).exists()
    client.post("/accounts/logout/")
    assert not SessionRecord.objects.filter(session_key=key).exists()
