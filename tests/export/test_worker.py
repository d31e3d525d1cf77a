"""The export task on a real Celery worker (Redis): built, stored, and retried then failed."""

from __future__ import annotations

import time

import pytest

from privacy_center.models import Export
from privacy_center.registry import site
from privacy_center.services import export as export_service
from privacy_center.subjects import Subject

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _wait(export, done=(Export.Status.READY, Export.Status.FAILED), timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        export.refresh_from_db()
        if export.status in done:
            return export
        time.sleep(0.1)
    raise AssertionError(f"export still {export.status} after {timeout}s")


def test_worker_builds_the_export(customer, make_order, open_export):
    order = make_order(user=customer)
    export, created = export_service.request_export(Subject.for_user(customer))
    assert created
    _wait(export)
    assert export.status == Export.Status.READY and export.progress == 100
    assert order.number in open_export(export).text()


def test_worker_retries_a_failing_source_then_fails(customer, monkeypatch):
    from privacy_center import tasks

    from .test_service import ExplodingSource

    monkeypatch.setattr(tasks, "EXPORT_RETRY_BACKOFF", 0)
    ExplodingSource.calls = 0
    site.register(ExplodingSource)
    export, _ = export_service.request_export(Subject.for_user(customer))
    _wait(export)
    assert export.status == Export.Status.FAILED and "tests.exploding" in export.error
    assert ExplodingSource.calls == tasks.EXPORT_MAX_RETRIES + 1
    assert export.file_name == ""
