"""The visit log middleware: on by setting, off by setting, skips static/admin/API and non-GETs."""

from __future__ import annotations

import pytest

from shop_demo.models import VisitLog

pytestmark = pytest.mark.django_db


def test_off_by_setting(client, catalogue, settings):
    settings.SHOP_DEMO_VISIT_LOG = False
    client.get("/shop/products/")
    assert not VisitLog.objects.exists()


def test_logs_visits_when_on(client, customer, catalogue, settings):
    settings.SHOP_DEMO_VISIT_LOG = True
    client.get("/shop/products/", REMOTE_ADDR="198.51.100.7", HTTP_USER_AGENT="TestBrowser/1.0")
    visit = VisitLog.objects.get()
    assert (visit.path, visit.ip_address, visit.user_agent, visit.user) == (
        "/shop/products/", "198.51.100.7", "TestBrowser/1.0", None)
    client.force_login(customer)
    client.get("/")
    assert VisitLog.objects.filter(user=customer, path="/").exists()


def test_skips_admin_api_posts_and_errors(client, catalogue, settings):
    settings.SHOP_DEMO_VISIT_LOG = True
    client.get("/admin/login/")
    client.get("/api/privacy/")
    client.post("/shop/contact/", {})
    client.get("/shop/products/nothing-here/")
    assert not VisitLog.objects.exists()
