"""Issue 10.4: one client-IP function; X-Forwarded-For is believed only through the configured proxies."""

from __future__ import annotations

import pytest
from django.core import checks
from django.test import RequestFactory
from rest_framework.test import APIClient

from privacy_center.client_ip import client_ip

rf = RequestFactory()


def _req(xff=None, remote="192.0.2.1"):
    meta = {"REMOTE_ADDR": remote}
    if xff is not None:
        meta["HTTP_X_FORWARDED_FOR"] = xff
    return rf.get("/", **meta)


def test_default_trusts_no_proxy(settings):
    assert client_ip(_req("203.0.113.9")) == "192.0.2.1"


@pytest.mark.parametrize("count, xff, expected", [
    (1, "203.0.113.9", "203.0.113.9"),
    (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the client's own header value is not believed
    (2, "6.6.6.6, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
    (2, "203.0.113.9", "203.0.113.9"),
    (1, "not-an-ip", "192.0.2.1"),
    (1, "", "192.0.2.1"),
    (1, " 2001:db8::1 ", "2001:db8::1"),
])
def test_trusted_proxies(settings, count, xff, expected):
    settings.PRIVACY_CENTER_TRUSTED_PROXY_COUNT = count
    assert client_ip(_req(xff)) == expected


def test_setting_default_and_override(settings):
    from privacy_center.app_settings import app_settings

    assert app_settings.TRUSTED_PROXY_COUNT == settings.PRIVACY_CENTER_TRUSTED_PROXY_COUNT == 0
    settings.PRIVACY_CENTER_TRUSTED_PROXY_COUNT = 3
    assert app_settings.TRUSTED_PROXY_COUNT == 3
    del settings.PRIVACY_CENTER_TRUSTED_PROXY_COUNT
    assert app_settings.TRUSTED_PROXY_COUNT == 0


@pytest.mark.django_db
def test_anonymous_erasure_cancel_throttle_is_not_reset_by_forwarded_for():
    client = APIClient()
    codes = [client.post("/api/privacy/erasure/cancel/", {"token": "x" * 20}, format="json",
                         HTTP_X_FORWARDED_FOR=f"203.0.113.{i}").status_code for i in range(32)]
    assert codes[:30] == [404] * 30  # a token that matches no erasure
    assert codes[30:] == [429, 429]


def _w021():
    from privacy_center.checks import check_trusted_proxies

    return check_trusted_proxies(None)


def test_w021_warns_when_drf_trusts_any_forwarded_for(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK}
    settings.REST_FRAMEWORK.pop("NUM_PROXIES", None)
    messages = _w021()
    assert [m.id for m in messages] == ["privacy_center.W021"]
    assert messages[0].level == checks.WARNING


def test_w021_warns_when_allauth_disagrees(settings):
    settings.PRIVACY_CENTER_TRUSTED_PROXY_COUNT = 1
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    assert ["ALLAUTH_TRUSTED_PROXY_COUNT" in m.msg for m in _w021()] == [True]


def test_demo_settings_agree():
    assert _w021() == []
