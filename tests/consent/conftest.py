"""Fixtures for the consent feature's tests."""

from __future__ import annotations

import datetime as dt

import pytest

from privacy_center.consent.models import ConsentRecord


@pytest.fixture(autouse=True)
def cookie_groups(request):
    """Every consent test sees the data migrations' cookie groups (``tests/conftest.py``)."""
    if request.node.get_closest_marker("django_db") is not None:
        request.getfixturevalue("demo_cookie_groups")


def cookie_value(client_or_response, name: str = "cookie_consent") -> str:
    jar = client_or_response.cookies
    return jar[name].value if name in jar else ""


@pytest.fixture
def records(db):
    """``records(key=None, **filters)``: consent records, oldest first."""

    def get(**filters):
        return list(ConsentRecord.objects.filter(**filters).order_by("created_at", "id"))

    return get


@pytest.fixture
def make_policy(db):
    """``make_policy(version, days_ago=1, material=False, **fields)``."""
    from django.utils import timezone

    from privacy_center.consent.models import PrivacyPolicy

    def factory(version: str, days_ago: float = 1, material: bool = False, **fields):
        fields.setdefault("summary", f"Changes in {version}")
        return PrivacyPolicy.objects.create(
            version=version, effective_at=timezone.now() - dt.timedelta(days=days_ago), is_material=material,
            **fields,
        )

    return factory


def real_login(client, user):
    """Log in through allauth's form, so the login request carries the browser's cookies."""
    from tests.conftest import PASSWORD

    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    return response


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """``with commit(execute=True): ...``: run on-commit work (e-mails) inside a test transaction."""
    return django_capture_on_commit_callbacks
