"""Fixtures for the security suite: an API client, staff in each role, an address."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient


@pytest.fixture
def api(customer):
    client = APIClient()
    client.force_login(customer)
    return client


@pytest.fixture
def address(customer):
    from shop_demo.models import Address

    return Address.objects.create(user=customer, full_name="Ada Lovelace", line1="Storgatan 1", city="Uppsala",
                                  postcode="753 20", country="SE", phone="+46 70 123 45 67")


def _staff(make_user, email, *perms, superuser=False):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = make_user(email=email)
    user.is_staff = True
    user.is_superuser = superuser
    user.save(update_fields=["is_staff", "is_superuser"])
    for codename in perms:
        user.user_permissions.add(Permission.objects.get(codename=codename, content_type__app_label="privacy_requests"))
    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture
def staff_no_perms(make_user):
    return _staff(make_user, "intern@shop.example")


@pytest.fixture
def viewer(make_user):
    return _staff(make_user, "viewer@shop.example", "view_privacyrequest")


@pytest.fixture
def officer(make_user):
    return _staff(make_user, "officer@shop.example", "view_privacyrequest", "process_privacyrequest",
                  "download_customer_export", superuser=True)


from .conftest_world import world  # noqa: E402,F401  (the route matrix's fixture)
