"""Privacy pages in a layout whose main block has another name; exports that cannot start never stick."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import TestCase
from django.utils import timezone
from kombu.exceptions import OperationalError

from privacy_center.links import CACHE_KEY, site_url
from privacy_center.models import Export
from privacy_center.services.export import purge_expired_exports, request_export
from privacy_center.subjects import Subject

pytestmark = pytest.mark.django_db
TEMPLATES_DIR = Path(__file__).parent / "templates"


@pytest.fixture
def other_layout(settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [TEMPLATES_DIR, *settings.TEMPLATES[0]["DIRS"]]}]
    settings.PRIVACY_CENTER_BASE_TEMPLATE = "othershop/layout.html"
    settings.PRIVACY_CENTER_BASE_BLOCK = "main"


def test_privacy_pages_fill_the_block_the_setting_names(logged_in_client, other_layout):
    response = logged_in_client.get("/privacy/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "OTHER-SHOP-HEADER" in html
    main = html.split('<main id="main">', 1)[1].split("</main>", 1)[0]
    assert 'class="pc"' in main and "/privacy/exports/" in main  # the navigation and content, inside <main>
    assert "privacy_center.css" in html.split("</head>", 1)[0]


def test_without_the_setting_that_layout_would_render_empty_and_check_says_so(logged_in_client, other_layout,
                                                                              settings):
    from privacy_center.integration_checks import check_templates

    settings.PRIVACY_CENTER_BASE_BLOCK = "content"
    [error] = check_templates(None)
    assert error.id == "privacy_center.E024" and "main" in error.hint


@pytest.fixture
def broker_down(monkeypatch):
    from privacy_center import tasks

    def refuse(*args, **kwargs):
        raise OperationalError("[Errno 111] Connection refused")

    monkeypatch.setattr(tasks.build_export, "delay", refuse)


def test_export_post_with_the_broker_down_answers_and_marks_the_export_failed(logged_in_client, customer,
                                                                            broker_down):
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = logged_in_client.post("/privacy/exports/")
    assert response.status_code == 302
    export = Export.objects.get(user=customer)
    assert export.status == Export.Status.FAILED and "could not be started" in export.error
    page = logged_in_client.get(response["Location"]).content.decode()
    assert "Waiting to start" not in page


def test_a_failed_enqueue_does_not_block_the_next_export(customer, broker_down, monkeypatch):
    subject = Subject.for_user(customer)
    with TestCase.captureOnCommitCallbacks(execute=True):
        first, _ = request_export(subject)
    monkeypatch.undo()
    with TestCase.captureOnCommitCallbacks(execute=True):
        second, created = request_export(subject)
    second.refresh_from_db()
    assert created and second.pk != first.pk and second.status == Export.Status.READY


def test_an_export_stuck_waiting_is_failed_and_the_customer_can_ask_again(customer, settings):
    subject = Subject.for_user(customer)
    stuck = Export.objects.create(user=customer, subject_key=subject.key,
                                  created_at=timezone.now() - timedelta(minutes=31))
    with TestCase.captureOnCommitCallbacks(execute=True):
        export, created = request_export(subject)
    stuck.refresh_from_db()
    assert created and export.pk != stuck.pk
    assert stuck.status == Export.Status.FAILED and "did not start in time" in stuck.error


def test_a_recent_pending_export_is_still_the_active_one(customer):
    subject = Subject.for_user(customer)
    waiting = Export.objects.create(user=customer, subject_key=subject.key,
                                    created_at=timezone.now() - timedelta(minutes=5))
    export, created = request_export(subject, enqueue=False)
    assert not created and export.pk == waiting.pk


def test_the_periodic_purge_fails_stuck_exports(customer, settings):
    settings.PRIVACY_CENTER_EXPORT_START_TIMEOUT_MINUTES = 10
    stuck = Export.objects.create(user=customer, subject_key=Subject.for_user(customer).key,
                                  created_at=timezone.now() - timedelta(minutes=11))
    purge_expired_exports()
    stuck.refresh_from_db()
    assert stuck.status == Export.Status.FAILED


def test_links_from_tasks_use_the_setting_then_the_last_privacy_page_origin(client, customer, settings):
    settings.PRIVACY_CENTER_SITE_URL = ""
    assert site_url() == "http://127.0.0.1:8000"
    client.force_login(customer)
    client.get("/privacy/", HTTP_HOST="localhost")
    assert cache.get(CACHE_KEY) == "http://localhost" and site_url() == "http://localhost"
    settings.ALLOWED_HOSTS = ["*"]
    cache.clear()
    client.get("/privacy/", HTTP_HOST="attacker.example")
    assert site_url() == "http://127.0.0.1:8000"  # a host anyone can send is never put in e-mails
    settings.PRIVACY_CENTER_SITE_URL = "https://shop.example/"
    assert site_url() == "https://shop.example"
