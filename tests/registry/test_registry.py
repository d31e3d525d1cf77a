"""The registry: declarations, discovery, built-in sources and reaching the right rows."""

from __future__ import annotations

import sys

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.test import override_settings
from django.utils import timezone

from privacy_center.registry import AlreadyRegistered, NotRegistered, Registry, site
from privacy_center.sources import Category, ModelSource
from privacy_center.subjects import Subject
from shop_demo.models import Order, Review


def test_meta_rejects_unknown_options_and_missing_reach():
    with pytest.raises(TypeError, match="unknown options: colour"):
        class Bad(ModelSource):
            class Meta:
                model = Order
                user_path = "user"
                colour = "red"

    with pytest.raises(TypeError, match="user_path or an email_path"):
        class NoReach(ModelSource):
            class Meta:
                model = Order
                fields = ["number"]


def test_custom_subject_filter_replaces_paths():
    class Custom(ModelSource):
        class Meta:
            model = Order
            name = "tests.custom"
            fields = ["number"]

        def subject_filter(self, subject):
            return Q(number="X")

    assert Custom().custom_reach


def test_register_api():
    registry = Registry()

    class OrdersAgain(ModelSource):
        class Meta:
            model = Order
            name = "tests.orders"
            user_path = "user"
            fields = ["number"]

    registry.register(OrdersAgain)
    assert registry.is_registered("tests.orders") and len(registry) == 1
    with pytest.raises(AlreadyRegistered):
        registry.register(OrdersAgain)
    registry.unregister("tests.orders")
    with pytest.raises(NotRegistered):
        registry.get("tests.orders")
    with pytest.raises(ValueError):
        registry.ignore("shop_demo", "")


def test_demo_registry_has_builtins_and_every_shop_model():
    names = {s.name for s in site}
    assert {"auth.user", "account.emailaddress", "socialaccount.socialaccount", "socialaccount.socialtoken",
            "usersessions.usersession", "sessions.session", "admin.logentry", "privacy_center.privacyevent",
            "privacy_center.subjectflags", "privacy_center.export"} <= names
    from django.apps import apps

    shop_models = {f"shop_demo.{m._meta.model_name}" for m in apps.get_app_config("shop_demo").get_models()}
    assert shop_models - {"shop_demo.product"} <= names


def test_shop_declarations_are_realistic():
    order = site.get("shop_demo.order")
    assert order.retention.days == 7 * 365 and order.legal_hold.years == 7
    assert {"full_name", "email", "phone", "line1", "ip_address"} <= set(order.anonymize)
    assert {"stripe", "postnord"} <= set(order.recipients)  # declared Recipient objects, named by key
    assert site.get("shop_demo.visitlog").retention.days == 90
    assert site.get("shop_demo.review").anonymize == {"display_name": "redact"}
    profile = site.get("shop_demo.customerprofile")
    assert "national_id" in profile.masked and "national_id" not in profile.editable
    payment = site.get("shop_demo.payment")
    assert set(payment.field_labels) >= {"method", "last4"} and payment.legal_hold is not None
    assert site.get("shop_demo.address").editable >= {"line1", "postcode", "city", "phone"}


BASE_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "privacy_center"]


def test_privacy_modules_are_discovered():
    sys.modules.pop("tests.registry.sample_app.privacy", None)
    site.clear()
    with override_settings(INSTALLED_APPS=[*BASE_APPS, "tests.registry.sample_app"]):  # ready() discovers
        assert site.is_registered("registry_sample_app.points")
        assert site.is_registered("auth.user")  # built-ins too
        assert not site.is_registered("admin.logentry")  # the admin is not installed here
        assert site.ignored["shop_demo.product"] == "catalogue data, no person"


def test_broken_privacy_module_is_not_swallowed():
    # privacy_center's ready() discovers the modules: the mistake surfaces at start-up.
    with pytest.raises(ModuleNotFoundError, match="no_such_module"):
        with override_settings(INSTALLED_APPS=[*BASE_APPS, "tests.registry.broken_app"]):
            pass


# -- built-in sources reach the right rows ---------------------------------------------

@pytest.mark.django_db
def test_admin_log_entries_about_the_user_only(customer, other_customer):
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    staff = get_user_model().objects.create_user("staff", "staff@example.com", "x", is_staff=True)
    ct = ContentType.objects.get_for_model(get_user_model())
    for target in (customer, other_customer):
        LogEntry.objects.create(user=staff, content_type=ct, object_id=str(target.pk), object_repr=str(target),
                                action_flag=CHANGE, change_message="Changed last name.")
    rows = list(site.get("admin.logentry").iter_rows(Subject.for_user(customer)))
    assert [r["object_repr"] for r in rows] == [str(customer)]
    assert Subject.for_email("x@example.com") and not list(
        site.get("admin.logentry").iter_rows(Subject.for_email("ada@example.com")))


@pytest.mark.django_db
def test_sessions_and_tokens(customer, other_customer):
    from allauth.socialaccount.models import SocialAccount, SocialToken
    from allauth.usersessions.models import UserSession
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store["x"] = 1
    store.create()
    UserSession.objects.create(user=customer, ip="203.0.113.9", user_agent="Safari", session_key=store.session_key)
    other = SessionStore()
    other.create()
    subject = Subject.for_user(customer)
    assert [r["ip"] for r in site.get("usersessions.usersession").iter_rows(subject)] == ["203.0.113.9"]
    assert site.get("sessions.session").count(subject) == 1
    assert site.get("sessions.session").count(Subject.for_user(other_customer)) == 0

    account = SocialAccount.objects.create(user=customer, provider="github", uid="42", extra_data={"login": "ada"})
    SocialToken.objects.create(account=account, token="gho_supersecrettoken123", token_secret="")
    row = next(site.get("socialaccount.socialtoken").iter_rows(subject))
    assert row["token"].endswith("n123") and "supersecret" not in row["token"]


@pytest.mark.django_db
def test_timeline_source_reaches_guest_and_user_events(customer):
    from privacy_center.services.timeline import record_event

    record_event(Subject.for_user(customer), "data_corrected", "x")
    record_event(Subject.for_email("ada@example.com"), "export_requested", "y")
    record_event(Subject.for_email("bob@example.com"), "export_requested", "z")
    summaries = {r["summary"] for r in site.get("privacy_center.privacyevent").iter_rows(Subject.for_user(customer))}
    assert summaries == {"x", "y"}


@pytest.mark.django_db
def test_iter_chunks_converts_and_masks(customer, product):
    Review.objects.create(user=customer, product=product, display_name="A", rating=5, title="t", body="b",
                          created_at=timezone.now())
    chunks = list(site.get("shop_demo.review").iter_chunks(Subject.for_user(customer), chunk_size=1))
    row = chunks[0][0]
    assert isinstance(row[2], str) and "T" in row[2]  # created_at as ISO 8601
    profile = list(site.get("shop_demo.customerprofile").iter_chunks(Subject.for_user(customer)))[0][0]
    assert profile[3].startswith("•")


def test_categories_are_known():
    assert all(s.category in Category.values for s in site)
