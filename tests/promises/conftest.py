"""Fixtures for the promises of issue 17 (items 5-8): staff, a request factory (as in tests/requests)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _requests_settings(settings):
    settings.PRIVACY_CENTER_SITE_URL = "http://testserver"
    settings.PRIVACY_CENTER_REQUEST_STAFF_EMAILS = ["privacy-team@example.com"]


def _staff(make_user, email, *perms):
    from django.contrib.auth.models import Permission

    user = make_user(email=email)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    for codename in perms:
        user.user_permissions.add(Permission.objects.get(codename=codename, content_type__app_label="privacy_requests"))
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=user.pk)  # fresh permission cache


@pytest.fixture
def officer(make_user):
    """Staff who may view and process requests and download exports."""
    return _staff(make_user, "officer@shop.example", "view_privacyrequest", "process_privacyrequest",
                  "download_customer_export")


@pytest.fixture
def viewer(make_user):
    """Staff who may only view requests."""
    return _staff(make_user, "viewer@shop.example", "view_privacyrequest")


@pytest.fixture
def make_request(db):
    """``make_request(type="other", user=None, email=None, verification="session", **kw)`` via the service."""
    from privacy_center.requests.services.core import submit_request

    def factory(request_type="other", user=None, email=None, verification="session", **kwargs):
        if user is None and email is None:
            email = "guest@example.com"
        return submit_request(request_type, user=user, email=email or "", verification=verification,
                              **kwargs).request

    return factory
