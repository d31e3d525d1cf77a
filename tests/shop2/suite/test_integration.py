"""A shop with a custom e-mail-only user model passes ``check`` with no override; the gate sees its chains."""

from __future__ import annotations

import pytest
from django.core import checks
from django.core.management import call_command
from django.utils.translation import gettext_lazy as _

from privacy_center import register
from privacy_center.contrib.sources import builtin_source
from privacy_center.coverage import uncovered_fields
from privacy_center.registry import AlreadyRegistered, autodiscover, site
from privacy_center.subjects import Subject
from tests.shop2.store.models import Order, Shipment, User


@pytest.fixture(autouse=True)
def _restore_registry():
    saved, ignored = dict(site._registry), dict(site.ignored)
    yield
    site._registry.clear()
    site._registry.update(saved)
    site.ignored.clear()
    site.ignored.update(ignored)


def privacy_messages():
    return [m for m in checks.run_checks() if m.id and m.id.startswith("privacy_center.")]


def test_check_passes_with_the_custom_user_model_and_no_override():
    assert privacy_messages() == []
    call_command("check", "--fail-level", "WARNING")  # strict coverage is on in this shop


def test_account_source_is_built_from_the_user_model():
    account = site.get("auth.user")
    assert account.model is User
    assert list(account.field_labels)[:1] == ["email"]
    assert {"email", "full_name", "date_joined", "last_login", "is_active"} <= set(account.field_labels)
    assert "password" not in account.field_labels and "username" not in account.field_labels
    assert account.editable == {"full_name"}


@pytest.mark.django_db
def test_account_export_rows_never_hold_the_password_hash(ada):
    rows = list(site.get("auth.user").iter_rows(Subject.for_user(ada)))
    assert rows[0]["email"] == "ada@northwind.example" and rows[0]["full_name"] == "Ada Lovelace"
    assert ada.password not in str(rows)


def _labels(results):
    return {f"{m._meta.label}": sorted(fields) for m, fields in results}


def test_gate_sees_fields_two_and_three_hops_from_the_user():
    site.unregister("store.order")
    site.unregister("store.shipment")
    found = _labels(uncovered_fields(site))
    # Order reaches the user through Customer, Shipment through Order and Customer: names and free text count.
    assert {"shipping_name", "shipping_street", "shipping_city", "email", "ip_address"} <= set(found["store.Order"])
    assert found["store.Shipment"] == ["delivery_notes", "recipient_name"]
    messages = {m.obj: m for m in privacy_messages()}
    assert messages[Order].id == "privacy_center.E001" and "shipping_name" in messages[Order].msg
    assert "recipient_name" in messages[Shipment].msg


def test_a_projects_own_account_source_replaces_the_builtin_one():
    class Account(builtin_source("auth.user")):
        class Meta:
            fields = {"email": None, "full_name": _("Name on the account")}

    with pytest.raises(AlreadyRegistered, match="replace=True"):
        register(Account)
    register(replace=True)(Account)
    account = site.get("auth.user")
    assert isinstance(account, Account)
    assert list(account.field_labels) == ["email", "full_name"]
    assert account.model is User and str(account.label) == "Your account"  # the rest is inherited
    assert account.field_label("full_name") == "Name on the account"


def test_autodiscovery_leaves_a_declared_builtin_name_alone_and_skips_listed_ones(settings):
    class Account(builtin_source("auth.user")):
        class Meta:
            label = _("Northwind account")

    site.clear()
    site.register(Account)  # as a project's privacy.py would, with plain @register
    settings.PRIVACY_CENTER_SKIP_BUILTIN_SOURCES = ["admin.logentry"]
    autodiscover()
    assert isinstance(site.get("auth.user"), Account) and str(site.get("auth.user").label) == "Northwind account"
    assert not site.is_registered("admin.logentry")
    assert site.is_registered("account.emailaddress") and site.is_registered("privacy_center.export")


def test_the_timeline_page_verifies_from_its_checkpoint_on_the_second_shop(client, ada, bob):
    """Ada's page checks only her newer entries; a change to one shows at once, Bob's page stays intact."""
    from django.db import connection

    from privacy_center.models import PrivacyEvent
    from privacy_center.services.timeline import record_event

    for user in (ada, bob):
        for n in range(3):
            record_event(Subject.for_user(user), PrivacyEvent.Kind.CONSENT_GIVEN, f"entry {n}", method="test")
    client.force_login(ada)
    assert 'data-chain="verified"' in client.get("/privacy/timeline/").content.decode()
    record_event(Subject.for_user(ada), PrivacyEvent.Kind.CONSENT_GIVEN, "entry 3", method="test")
    page = client.get("/privacy/timeline/").content.decode()
    assert 'data-chain="verified"' in page and "1 entry added since was checked now" in page
    newest = record_event(Subject.for_user(ada), PrivacyEvent.Kind.CONSENT_GIVEN, "entry 4", method="test")
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {PrivacyEvent._meta.db_table} SET summary = 'nothing' WHERE id = %s", [newest.pk])
    assert 'data-chain="broken"' in client.get("/privacy/timeline/").content.decode()
    client.force_login(bob)
    assert 'data-chain="verified"' in client.get("/privacy/timeline/").content.decode()
