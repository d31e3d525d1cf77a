"""`manage.py check` tells a new shop every integration step it is missing, with a code and a hint."""

from __future__ import annotations

import pytest
from celery import Celery, current_app
from django.core import checks
from django.core.management import call_command

from privacy_center import integration_checks as ic
from privacy_center.celery import beat_schedule
from privacy_center.registry import site


def codes(messages) -> list[str]:
    return [m.id for m in messages]


@pytest.fixture
def no_celery_app():
    """Celery's fallback app, as in a project that never made its own (``proj/celery.py``)."""
    shop_app = current_app._get_current_object()
    fallback = Celery("default", fixups=[], set_as_current=False)
    fallback.set_current()
    yield fallback
    shop_app.set_current()


@pytest.mark.django_db
def test_the_demo_passes_every_check():
    messages = [m for m in checks.run_checks(include_deployment_checks=False) if m.id.startswith("privacy_center.")]
    assert messages == []


def test_a_project_without_a_celery_app_is_an_error_with_the_recipe(no_celery_app):
    [error] = ic.check_celery_app(None)
    assert error.id == "privacy_center.E020" and error.level == checks.ERROR
    assert "exports, erasures and e-mails would never run" in error.msg
    assert "config_from_object('django.conf:settings'" in error.hint
    assert ic.check_beat_schedule(None) == []  # one problem, said once


def test_allauth_and_its_middleware_are_required(settings):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "AccountMiddleware" not in m]
    [error] = ic.check_allauth(None)
    assert error.id == "privacy_center.E021" and "AccountMiddleware" in error.msg


def test_missing_context_processor_is_an_error(settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "OPTIONS": {"context_processors": [
        "django.template.context_processors.request"]}}]
    messages = ic.check_templates(None)
    assert codes(messages) == ["privacy_center.E022"]
    assert "privacy_center.context_processors.privacy_center" in messages[0].hint


def test_a_layout_without_the_named_block_is_an_error_listing_its_blocks(settings):
    settings.PRIVACY_CENTER_BASE_BLOCK = "main"
    [error] = ic.check_templates(None)
    assert error.id == "privacy_center.E024"
    assert "has no {% block main %}" in error.msg and "render empty" in error.msg
    assert "PRIVACY_CENTER_BASE_BLOCK" in error.hint and "content" in error.hint


def test_a_missing_layout_is_an_error(settings):
    settings.PRIVACY_CENTER_BASE_TEMPLATE = "shop/layout_that_is_not_there.html"
    assert codes(ic.check_templates(None)) == ["privacy_center.E023"]


def test_site_url_is_checked_only_under_deploy(settings):
    registry_deploy = [c for c in checks.registry.registry.get_checks(include_deployment_checks=True)
                       if c is ic.check_site_url]
    assert registry_deploy and ic.check_site_url not in checks.registry.registry.get_checks()
    for url in ("", "http://127.0.0.1:8000", "http://shop.example", "https://localhost"):
        settings.PRIVACY_CENTER_SITE_URL = url
        assert codes(ic.check_site_url(None)) == ["privacy_center.W025"], url
    settings.PRIVACY_CENTER_SITE_URL = "https://shop.example"
    assert ic.check_site_url(None) == []


def test_missing_periodic_tasks_are_named(settings):
    app = current_app._get_current_object()
    saved = app.conf.beat_schedule
    try:
        schedule = beat_schedule(settings.INSTALLED_APPS)
        schedule.pop("privacy-due-erasures")
        app.conf.beat_schedule = schedule
        [warning] = ic.check_beat_schedule(None)
    finally:
        app.conf.beat_schedule = saved
    assert warning.id == "privacy_center.W026"
    assert "privacy_center.run_due_erasures" in warning.msg and "due erasures never run" in warning.msg
    assert "beat_schedule(INSTALLED_APPS)" in warning.hint


def test_the_shipped_schedule_follows_the_installed_feature_apps():
    core_only = beat_schedule(["privacy_center"])
    assert {s["task"] for s in core_only.values()} == {"privacy_center.purge_expired_exports",
                                                       "privacy_center.sweep_outbox",
                                                       "privacy_center.verify_timeline"}
    everything = beat_schedule(["privacy_center", "privacy_center.erasure.apps.ErasureConfig",
                                "privacy_center.consent", "privacy_center.requests"])
    assert {"privacy_center.run_due_erasures", "privacy_center.run_retention",
            "privacy_center.send_request_reminders", "privacy_center.purge_expired_signups"} <= {
        s["task"] for s in everything.values()}


def test_feature_apps_before_the_core_app_are_an_error(settings):
    apps = [a for a in settings.INSTALLED_APPS if a != "privacy_center"]
    settings.INSTALLED_APPS = apps[:apps.index("privacy_center.requests") + 1] + ["privacy_center"] + \
        apps[apps.index("privacy_center.requests") + 1:]
    [error] = ic.check_installed_apps(None)
    assert error.id == "privacy_center.E027" and "before its feature apps" in error.msg


@pytest.mark.parametrize(("spec", "field", "advice"), [
    ("null", "full_name", "'blank'"),           # null on a non-null CharField: the README's old example
    ("truncate_ip", "created_at", "'birth_year'"),  # truncate on a date
    ("birth_year", "full_name", "'redact'"),    # a date anonymizer on text
])
def test_an_anonymizer_that_cannot_apply_fails_at_check_time(spec, field, advice):
    from shop_demo.models import Order

    source = next(s for s in site if getattr(s, "model", None) is Order)
    saved = dict(source.anonymize)
    source.anonymize = {**saved, field: spec}
    try:
        [error] = ic.check_anonymizers(None)
    finally:
        source.anonymize = saved
    assert error.id == "privacy_center.E028"
    assert repr(source.name) in error.msg and repr(field) in error.msg and repr(spec) in error.msg
    assert advice in error.hint and error.hint.startswith("Write instead one of:")


@pytest.mark.django_db  # Django 6.1's model checks ask the database about JSONField support
def test_check_command_prints_the_hint(settings, capsys):
    settings.PRIVACY_CENTER_BASE_BLOCK = "main"
    with pytest.raises(Exception) as failure:
        call_command("check")
    assert "privacy_center.E024" in str(failure.value)


@pytest.fixture
def protected(monkeypatch):
    """``protected(model, field)``: that foreign key made on_delete=PROTECT for the test."""
    from django.db import models

    def make(model, name):
        monkeypatch.setattr(model._meta.get_field(name).remote_field, "on_delete", models.PROTECT)

    return make


def test_a_kept_row_protecting_the_user_is_an_error_at_check_time(protected, settings):
    from shop_demo.models import Order

    assert "privacy_center.E029" not in codes(ic.check_protected_keys(None))
    protected(Order, "user")  # orders are kept (anonymized), and the user row is deleted
    [error] = [m for m in ic.check_protected_keys(None) if m.id == "privacy_center.E029"]
    assert "shop_demo.Order.user" in error.msg and "keeps them (anonymize)" in error.msg
    assert "SET_NULL" in error.hint and "ERASURE_USER_ACTION = 'anonymize'" in error.hint
    settings.PRIVACY_CENTER_ERASURE_USER_ACTION = "anonymize"  # the user row stays: nothing is blocked
    assert "privacy_center.E029" not in codes(ic.check_protected_keys(None))


def test_protect_between_two_deleted_sources_is_fine(protected):
    from shop_demo.models import Address

    protected(Address, "user")  # addresses are deleted with the customer: the executor deletes them first
    assert "privacy_center.E029" not in codes(ic.check_protected_keys(None))
