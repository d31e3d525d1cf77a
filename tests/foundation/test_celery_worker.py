"""A real Celery worker on Redis: the ping task, retries, acks_late, and eager mode elsewhere."""

import threading

import pytest
from celery import shared_task
from django.conf import settings
from django.db.models import F

from shop_demo import celery_app


@shared_task(bind=True, name="tests.foundation.take_stock", max_retries=5)
def take_stock(self, product_id: int, fail_times: int) -> dict:
    """Takes one item of stock per attempt; fails (and retries) ``fail_times`` times."""
    import redis

    from shop_demo.models import Product

    Product.objects.filter(pk=product_id).update(stock=F("stock") - 1)
    # With acks_late the message stays in kombu's "unacked" hash until the task returns.
    unacked = not self.request.is_eager and any(
        self.request.id.encode() in message
        for message in redis.Redis.from_url(settings.CELERY_BROKER_URL).hvals("unacked")
    )
    if self.request.retries < fail_times:
        raise self.retry(countdown=0)
    return {"retries": self.request.retries, "unacked_while_running": unacked,
            "thread": threading.current_thread().name}


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_worker_answers_ping(celery_worker):
    from celery.contrib.testing.tasks import ping

    result = ping.delay()
    assert result.get(timeout=10) == "pong"
    assert result.successful()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_worker_retries_and_acks_late(celery_worker, product):
    # The reliability settings every privacy_center task relies on.
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] >= 3600
    assert celery_app.conf.task_acks_late is True
    assert take_stock.acks_late is True

    result = take_stock.delay(product.pk, 2)
    outcome = result.get(timeout=20)

    assert outcome["retries"] == 2
    # Acknowledged only after the task ran: the message was still unacked while it ran.
    assert outcome["unacked_while_running"] is True
    assert outcome["thread"] != threading.current_thread().name
    product.refresh_from_db()
    assert product.stock == 100 - 3  # three attempts, each committed by the worker


@pytest.mark.django_db
def test_tasks_run_eagerly_without_the_worker_marker(product):
    assert celery_app.conf.task_always_eager is True
    assert celery_app.conf.task_eager_propagates is True
    outcome = take_stock.delay(product.pk, 0).get()
    assert outcome == {"retries": 0, "unacked_while_running": False, "thread": threading.current_thread().name}
    product.refresh_from_db()
    assert product.stock == 100 - 1
