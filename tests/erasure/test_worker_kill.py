"""A real Celery worker (prefork, Redis) killed with SIGKILL in the middle of an erasure.

The killed attempt's transaction dies with its connection: nothing of the erasure is
visible. The message, acknowledged late and rejected on the lost worker, is delivered
again and the erasure completes. Needs PostgreSQL (the worker process shares the test
database) and Redis; CI has both, elsewhere the test is skipped.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from privacy_center.erasure.models import ErasureTombstone, SubjectErasure
from privacy_center.erasure.tasks import erase_subject_task
from privacy_center.subjects import Subject
from tests.conftest import _unavailable

ROOT = Path(__file__).resolve().parents[2]


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor != "postgresql":
        _unavailable("worker-kill test: the worker process needs the test database on PostgreSQL (DATABASE_URL)")
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_killed_worker_leaves_no_partial_erasure_and_retry_completes(shop_customer, tmp_path):
    from shop_demo.models import Order, VisitLog

    url = database_url()
    queue = f"erasure-kill.{uuid.uuid4().hex[:8]}"
    subject = Subject.for_user(shop_customer)
    now = timezone.now()
    erasure = SubjectErasure.objects.create(subject_key=subject.key, user=shop_customer, method="test",
                                            requested_at=now, due_at=now)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.erasure.worker_settings", "DATABASE_URL": url,
           "CELERY_BROKER_URL": settings.CELERY_BROKER_URL, "ERASURE_TEST_DIR": str(tmp_path),
           "SHOP_DEMO_VISIT_LOG": "0"}
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "shop_demo", "worker", "--pool=prefork", "-c", "1", "-Q", queue,
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"{queue}@%h", "--loglevel=INFO"],
        cwd=ROOT, env=env, stdout=open(tmp_path / "worker.log", "wb"), stderr=subprocess.STDOUT,
    )
    try:
        erase_subject_task.apply_async(args=[erasure.pk], queue=queue)
        first = wait_for(lambda: sorted(tmp_path.glob("attempt-*")), 40, "the first attempt")[0]
        os.kill(int(first.read_text()), signal.SIGKILL)  # the pool's child process, mid-erasure

        second = wait_for(lambda: [p for p in tmp_path.glob("attempt-*") if p != first], 30, "the redelivery")
        assert second[0].read_text() != first.read_text()  # a new child process runs it again
        # Between the kill and the retry's commit, nothing of the erasure is visible.
        assert get_user_model().objects.filter(pk=shop_customer.pk, is_active=True).exists()
        assert VisitLog.objects.filter(user=shop_customer).count() == 5
        assert Order.objects.filter(user=shop_customer, full_name="Ada Lovelace").count() == 2
        assert not ErasureTombstone.objects.exists()
        assert SubjectErasure.objects.get(pk=erasure.pk).status == "scheduled"

        (tmp_path / "go").write_text("go")
        wait_for(lambda: SubjectErasure.objects.get(pk=erasure.pk).status == "completed", 30, "the retry")
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
    assert not get_user_model().objects.filter(pk=shop_customer.pk).exists()
    assert not VisitLog.objects.filter(ip_address="203.0.113.7").exists()
    assert Order.objects.filter(email__endswith="@invalid").count() == 3
    assert ErasureTombstone.objects.count() == 1
    assert len(list(tmp_path.glob("attempt-*"))) == 2
