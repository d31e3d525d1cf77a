"""Issue 10.1: a stolen session cannot add an address (and reset the password to it) without the password."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from allauth.account.models import EmailAddress
from django.core import checks
from django.core.management import call_command

from tests.conftest import PASSWORD


@pytest.mark.django_db
def test_adding_an_address_needs_the_password(logged_in_client, customer, mailoutbox):
    response = logged_in_client.post("/accounts/email/", {"action_add": "", "email": "thief@example.net"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert not EmailAddress.objects.filter(email="thief@example.net").exists()
    assert not any("thief@example.net" in m.to for m in mailoutbox)


@pytest.mark.django_db
def test_after_reauthentication_the_kept_request_is_replayed(logged_in_client, customer, mailoutbox):
    response = logged_in_client.post("/accounts/email/", {"action_add": "", "email": "ada.new@example.com"})
    login = logged_in_client.post(response["Location"], {"password": PASSWORD})
    assert login.status_code == 302
    assert EmailAddress.objects.filter(user=customer, email="ada.new@example.com", verified=False).exists()
    customer.refresh_from_db()
    assert customer.email == "ada@example.com"  # unchanged until the new address is verified


@pytest.mark.django_db
def test_password_change_needs_reauthentication_too(logged_in_client, customer):
    response = logged_in_client.post("/accounts/password/change/", {
        "oldpassword": "wrong", "password1": "x-" + PASSWORD, "password2": "x-" + PASSWORD})
    assert response.status_code in (200, 302)
    customer.refresh_from_db()
    assert customer.check_password(PASSWORD)


@pytest.mark.parametrize("module", ["shop_demo.settings", "shop_demo.settings_production"])
def test_demo_and_production_settings_require_reauthentication(module):
    env = {**os.environ, "DJANGO_SECRET_KEY": "x" * 60, "PRIVACY_CENTER_HASH_KEY": "y" * 60,
           "DJANGO_ALLOWED_HOSTS": "shop.example.com", "REDIS_URL": "redis://127.0.0.1:6379/1"}
    out = subprocess.run([sys.executable, "-c", f"import {module} as s; print(s.ACCOUNT_REAUTHENTICATION_REQUIRED)"],
                         env=env, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "True"


def _w020(settings) -> list[checks.CheckMessage]:
    from privacy_center.checks import check_allauth_reauthentication

    return [m for m in check_allauth_reauthentication(None) if m.id == "privacy_center.W020"]


def test_check_warns_a_shop_that_lets_email_change_without_reauthentication(settings):
    settings.ACCOUNT_REAUTHENTICATION_REQUIRED = False
    messages = _w020(settings)
    assert len(messages) == 1
    assert messages[0].level == checks.WARNING
    assert "ACCOUNT_REAUTHENTICATION_REQUIRED" in messages[0].hint


def test_check_is_quiet_when_reauthentication_is_required(settings):
    settings.ACCOUNT_REAUTHENTICATION_REQUIRED = True
    assert _w020(settings) == []


def test_check_fails_manage_py_check_at_warning_level(settings):
    settings.ACCOUNT_REAUTHENTICATION_REQUIRED = False
    with pytest.raises(Exception, match="W020"):
        call_command("check", "--fail-level", "WARNING", "--tag", "security")
