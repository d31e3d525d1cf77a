"""The coverage gate and declaration checks (privacy_center.W001/E001/E002/E003/E004)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from privacy_center import checks
from privacy_center.coverage import declaration_problems, personal_fields, uncovered_fields
from privacy_center.registry import Registry, site
from privacy_center.sources import LegalHold, ModelSource
from shop_demo.models import Order, OrderLine, Product, Review, SupportMessage, VisitLog


def _labels(results):
    return {f"{m._meta.app_label}.{m.__name__}": fields for m, fields in results}


def test_personal_looking_fields():
    assert set(personal_fields(Order)) >= {"email", "full_name", "phone", "line1", "postcode", "city",
                                            "billing_postcode", "ip_address"} - {"line1"}
    assert set(personal_fields(VisitLog)) == {"ip_address", "user_agent"}
    assert set(personal_fields(Review)) == {"display_name", "body"}  # free text on a user-linked model
    assert set(personal_fields(SupportMessage)) >= {"name", "email", "body", "staff_notes"}
    assert personal_fields(Product) == []  # a product's name and description are no one's
    assert personal_fields(OrderLine) == []


def test_empty_registry_flags_the_shop():
    found = _labels(uncovered_fields(Registry()))
    assert "email" in found["shop_demo.Order"]
    assert "national_id" in found["shop_demo.CustomerProfile"]
    assert "user_agent" in found["usersessions.UserSession"]
    assert "change_message" in found["admin.LogEntry"]
    assert "email" in found["account.EmailAddress"]


def test_demo_declarations_cover_everything_the_core_owns():
    found = _labels(uncovered_fields(site))
    owned = ("auth.", "admin.", "account.", "socialaccount.", "usersessions.", "sessions.", "shop_demo.",
             "privacy_center.", "cookie_consent.", "contenttypes.")
    assert [label for label in found if label.startswith(owned)] == []


def test_ignore_setting_and_strict_mode(settings):
    registry = Registry()
    settings.PRIVACY_CENTER_COVERAGE_IGNORE = ["shop_demo.Order", "shop_demo.VisitLog.user_agent"]
    found = _labels(uncovered_fields(registry))
    assert "shop_demo.Order" not in found
    assert found["shop_demo.VisitLog"] == ["ip_address"]


def test_check_levels(settings, monkeypatch):
    monkeypatch.setattr(site, "_registry", {})
    messages = checks.check_coverage(None)
    assert messages and all(m.id == "privacy_center.W001" for m in messages)
    order = next(m for m in messages if m.obj is Order)
    assert "email" in order.msg and "PRIVACY_CENTER_COVERAGE_IGNORE" in order.hint
    settings.PRIVACY_CENTER_STRICT_COVERAGE = True
    messages = checks.check_coverage(None)
    assert all(m.id == "privacy_center.E001" and m.is_serious() for m in messages)


def _broken_registry():
    class Broken(ModelSource):
        class Meta:
            model = Order
            name = "tests.broken"
            user_path = "email"               # not a path to the user model
            email_path = "user__nope"         # no such field
            fields = {"number": None, "colour": None}
            masked = ["colour", "total"]     # total is not in fields
            editable = ["number", "user__email"]
            anonymize = {"surname": "redact"}
            legal_hold = LegalHold(reason="x", years=1, date_field="paid_on")

    class Fine(ModelSource):
        class Meta:
            model = Order
            name = "tests.fine"
            user_path = "user"
            email_path = "email"
            fields = ["number"]

    registry = Registry()
    registry.register(Broken)
    registry.register(Fine)
    return registry


def test_declaration_problems():
    problems = declaration_problems(_broken_registry())
    assert {p.source for p in problems} == {"tests.broken"}
    codes = {(p.code, p.message.split(" names ")[-1].split(" in ")[0]) for p in problems if p.code == "E002"}
    for path in ("'colour'", "'surname'", "'paid_on'", "'total'"):
        assert any(path == c[1] for c in codes), (path, codes)
    e003 = [p.message for p in problems if p.code == "E003"]
    assert any("user_path='email'" in m for m in e003) and any("email_path='user__nope'" in m for m in e003)
    e004 = [p.message for p in problems if p.code == "E004"]
    assert any("'user__email'" in m for m in e004)


@pytest.mark.django_db  # Django 6.1's model checks ask the database about JSONField support
def test_broken_declaration_fails_manage_py_check(monkeypatch):
    monkeypatch.setattr(site, "_registry", {**site._registry, **_broken_registry()._registry})
    with pytest.raises(SystemCheckError, match=r"privacy_center\.E00[234]"):
        call_command("check")


def test_registry_ignore_silences_a_model(monkeypatch):
    registry = Registry()
    monkeypatch.setattr(site, "ignored", {"shop_demo.visitlog": "test"})
    assert "shop_demo.VisitLog" not in _labels(uncovered_fields(registry))
