"""``python -m bench notify [--json] [--customers N]``: 10,000 signed webhooks to recipients through the outbox.

Seeds ``N`` (default 2,500) demo customers, each with a profile (Klarna), an address (PostNord), an order
(Stripe, PostNord, the accountants) and a newsletter sign-up (Mailgun), and erases each of them with every
demo recipient pointed at one local receiver (``SHOP_DEMO_RECIPIENT_WEBHOOK_URL``): 4 webhooks per erasure,
10,000 in all (the accountants are staff tasks, not webhooks). The receiver (a threaded ``http.server``)
verifies every Standard Webhooks signature and answers 503 to the first attempt of one notification in ten
(chosen by its id), so those go through the outbox's retry.

Phases, timed separately:

1. erasures: each one writes its notifications and outbox rows in its transaction; delivery is left to
   the worker (queued), as a broker would. The outbox's added time per erasure is the mean erasure time
   minus that of the same erasures with notifications switched off (``--baseline`` customers).
2. delivery: one worker delivers the queue (``outbox.deliver``), then the due retries until none is left
   (the backoff's wait is skipped: ``next_attempt_at`` is moved to now, as if time had passed).
3. floor: the same 10,000 signed bodies POSTed to the receiver, each followed by one ``UPDATE`` marking its
   row sent: the least any outbox does (no claim before sending, no notification state, no timeline).

Checked: every notification delivered and acknowledged; 0 lost (a notification not acknowledged or never
received); 0 delivered twice with different idempotency ids (one (recipient, event, person) accepted under
two ``webhook-id`` values); 100% valid signatures. Target: delivery throughput >= 0.2 x the floor's (ours
adds per message a committed claim before sending, so a crash never sends twice, the notification's
state and the subject's hash-chained timeline entry, in one more transaction). SQLite temporary file, or
PostgreSQL ``<name>_bench_notify`` with ``DATABASE_URL``.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import sys
import tempfile
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from bench._database import prepare_environment

BENCH_DB_SUFFIX = "_bench_notify"
SECRET = "whsec_" + base64.b64encode(b"bench-notify-secret-32-bytes-long").decode()
FAIL_ONE_IN = 10


class Receiver:
    """Counts attempts and acceptances per webhook-id; fails the first attempt of one id in ten."""

    def __init__(self) -> None:
        from privacy_center.services.webhooks import verify

        self.attempts: dict[str, int] = defaultdict(int)
        self.accepted: dict[str, int] = defaultdict(int)
        self.keys: dict[str, tuple] = {}
        self.invalid = 0
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                headers = {k.lower(): v for k, v in self.headers.items()}
                webhook_id = headers.get("webhook-id", "")
                ok = verify(SECRET, headers, body)
                with receiver.lock:
                    receiver.attempts[webhook_id] += 1
                    first = receiver.attempts[webhook_id] == 1
                    fail = first and int(hashlib.sha256(webhook_id.encode()).hexdigest(), 16) % FAIL_ONE_IN == 0
                    if not ok:
                        receiver.invalid += 1
                    elif not fail:
                        receiver.accepted[webhook_id] += 1
                        data = json.loads(body)["data"]
                        receiver.keys[webhook_id] = (data["recipient"], data["event"],
                                                     json.dumps(data["subject"], sort_keys=True))
                status = 401 if not ok else 503 if fail else 204
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def reset(self) -> None:
        with self.lock:
            self.attempts.clear()
            self.accepted.clear()
            self.keys.clear()
            self.invalid = 0

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _seed(customers: int) -> list:
    import datetime as dt
    from decimal import Decimal

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from shop_demo.models import Address, CustomerProfile, NewsletterSignup, Order

    with open(os.devnull, "w") as devnull:
        call_command("migrate", verbosity=0, stdout=devnull)
    User = get_user_model()
    now = timezone.now()
    with transaction.atomic():
        users = User.objects.bulk_create(
            User(username=f"bench{i}", email=f"bench{i}@example.com", first_name="Bench", last_name=f"N{i}",
                 password="!") for i in range(customers))
        users = list(User.objects.filter(username__startswith="bench").order_by("pk"))
        CustomerProfile.objects.bulk_create(CustomerProfile(user=u, phone="+46 70 000 00 00") for u in users)
        Address.objects.bulk_create(Address(user=u, full_name=f"Bench {u.pk}", line1="Storgatan 1", city="Uppsala",
                                            postcode="753 20") for u in users)
        Order.objects.bulk_create(Order(
            number=f"BN-{u.pk:07d}", user=u, email=u.email, full_name=f"Bench {u.pk}", line1="Storgatan 1",
            city="Uppsala", postcode="753 20", billing_postcode="753 20", total=Decimal("24.90"), status="paid",
            created_at=now - dt.timedelta(days=3)) for u in users)
        NewsletterSignup.objects.bulk_create(NewsletterSignup(user=u, email=u.email, created_at=now, confirmed_at=now)
                                             for u in users)
    return users


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench notify", description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="End with one JSON line of the figures.")
    parser.add_argument("--customers", type=int, default=2500, help="Erased customers (4 webhooks each).")
    parser.add_argument("--baseline", type=int, default=250, help="Customers erased with notifications off.")
    args = parser.parse_args(argv)

    workdir = tempfile.mkdtemp(prefix="bench-notify-")
    backend, cleanup = prepare_environment(workdir, BENCH_DB_SUFFIX)
    import django

    django.setup()
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    import logging

    logging.getLogger("privacy_center").setLevel(logging.ERROR)  # no line per erasure or retry
    receiver = Receiver()
    settings.SHOP_DEMO_RECIPIENT_WEBHOOK_URL = receiver.url
    settings.SHOP_DEMO_RECIPIENT_WEBHOOK_SECRET = SECRET
    settings.PRIVACY_CENTER_RECIPIENT_WEBHOOK_TIMEOUT = 10
    try:
        return _run(args, backend, receiver)
    finally:
        receiver.stop()
        if not os.environ.get("BENCH_KEEP_DB"):
            cleanup()


def _erase_all(users) -> list[float]:
    from privacy_center.erasure.services.core import erase_now
    from privacy_center.subjects import Subject

    times = []
    for user in users:
        started = time.perf_counter()
        erase_now(Subject.for_user(user), method="command")
        times.append(time.perf_counter() - started)
    return times


def _run(args, backend: str, receiver: Receiver) -> int:
    from django.db import connection
    from django.utils import timezone

    from privacy_center.models import OutboxMessage, RecipientNotification
    from privacy_center.services import notifications, outbox, webhooks

    started = time.perf_counter()
    users = _seed(args.customers + args.baseline)
    print(f"database: {backend} ({connection.vendor}); {len(users)} customers seeded in "
          f"{time.perf_counter() - started:.1f} s")
    queue: list[int] = []
    real_schedule = outbox._schedule
    outbox._schedule = queue.append  # the broker: deliveries wait for the worker below

    # Baseline: the same erasures with notifications switched off, interleaved with the real ones (one in
    # every customers/baseline), so both see the same warm caches and the same growing tables.
    real_notify = notifications.notify
    every = max(1, args.customers // max(1, args.baseline))
    erase_times: list[float] = []
    base_times: list[float] = []
    baseline_users = iter(users[args.customers:])
    for i, user in enumerate(users[:args.customers]):
        erase_times += _erase_all([user])
        if i % every == 0 and (other := next(baseline_users, None)) is not None:
            notifications.notify = lambda *a, **k: []
            base_times += _erase_all([other])
            notifications.notify = real_notify
    webhook_ids = set(OutboxMessage.objects.filter(kind=OutboxMessage.Kind.WEBHOOK).values_list("pk", flat=True))
    expected = RecipientNotification.objects.filter(channel="webhook").count()
    mean_with = sum(erase_times) / len(erase_times)
    mean_without = sum(base_times) / max(1, len(base_times))
    added_ms = (mean_with - mean_without) * 1000
    print(f"erasures: {len(erase_times)} with notifications, mean {mean_with * 1000:.1f} ms; "
          f"{len(base_times)} without, mean {mean_without * 1000:.1f} ms; outbox adds {added_ms:.1f} ms per erasure")
    print(f"webhook notifications written: {expected} (staff tasks: "
          f"{RecipientNotification.objects.filter(channel='manual').count()})")

    # Delivery: one worker, then the due retries (time moved on instead of waited for).
    started = time.perf_counter()
    rounds = 0
    for pk in [pk for pk in queue if pk in webhook_ids]:
        outbox.deliver(pk)
    while True:
        due = list(OutboxMessage.objects.filter(kind=OutboxMessage.Kind.WEBHOOK, status=OutboxMessage.Status.PENDING)
                   .values_list("pk", flat=True))
        if not due or rounds > 20:
            break
        rounds += 1
        OutboxMessage.objects.filter(pk__in=due).update(next_attempt_at=timezone.now())
        for pk in due:
            outbox.deliver(pk)
    t_deliver = time.perf_counter() - started
    outbox._schedule = real_schedule

    acknowledged = RecipientNotification.objects.filter(channel="webhook", status="acknowledged").count()
    attempts = sum(receiver.attempts.values())
    failed_first = sum(1 for n in receiver.attempts.values() if n > 1)
    ids = {f"msg_{u.hex}" for u in RecipientNotification.objects.filter(channel="webhook")
           .values_list("uuid", flat=True)}
    lost = len(ids - set(receiver.accepted)) + (expected - acknowledged)
    by_key: dict[tuple, set] = defaultdict(set)
    for webhook_id, key in receiver.keys.items():
        by_key[key].add(webhook_id)
    duplicates = sum(1 for v in by_key.values() if len(v) > 1)
    accepted_twice = sum(1 for n in receiver.accepted.values() if n > 1)
    throughput = acknowledged / t_deliver
    invalid = receiver.invalid

    # Floor: the least an outbox can do: the same signed bodies POSTed, each followed by one UPDATE that
    # marks its row sent (autocommit), no claim, no notification state, no timeline.
    bodies = [(m.pk, f"msg_{m.uuid.hex}", m.payload["body"].encode())
              for m in OutboxMessage.objects.filter(kind=OutboxMessage.Kind.WEBHOOK)]
    receiver.reset()
    table = connection.ops.quote_name(OutboxMessage._meta.db_table)
    started = time.perf_counter()
    floor_ok = 0
    with connection.cursor() as cursor:
        for pk, webhook_id, body in bodies:
            try:
                webhooks.post(receiver.url, SECRET, webhook_id, body)
            except webhooks.WebhookError:
                webhooks.post(receiver.url, SECRET, webhook_id, body)  # the receiver fails first attempts too
            cursor.execute(f"UPDATE {table} SET sent_at = %s WHERE id = %s", [timezone.now(), pk])
            floor_ok += 1
    t_floor = time.perf_counter() - started
    floor_throughput = floor_ok / t_floor
    vs_floor = throughput / floor_throughput

    print(f"delivered and acknowledged: {acknowledged} of {expected}; receiver attempts {attempts} "
          f"({failed_first} first attempts failed on purpose, {rounds} retry round(s)); invalid signatures "
          f"{invalid}")
    print(f"lost: {lost}; delivered twice under different idempotency ids: {duplicates}; "
          f"same id accepted twice (receiver dedupes): {accepted_twice}")
    print(f"throughput: {throughput:.0f} notifications/s through the outbox in {t_deliver:.1f} s; "
          f"floor (signed POST + one UPDATE each): {floor_throughput:.0f}/s; ratio {vs_floor:.2f} (target >= 0.2)")
    met = (acknowledged == expected >= 4 * args.customers and lost == 0 and duplicates == 0 and vs_floor >= 0.2
           and failed_first > 0 and invalid == 0)
    print("targets met" if met else "TARGETS NOT MET")
    if args.json:
        print(json.dumps({
            "backend": connection.vendor, "notifications": expected, "acknowledged": acknowledged, "lost": lost,
            "duplicates_different_ids": duplicates, "same_id_accepted_twice": accepted_twice,
            "invalid_signatures": invalid,
            "receiver_attempts": attempts, "failed_first_attempts": failed_first, "retry_rounds": rounds,
            "deliver_s": round(t_deliver, 3), "throughput_per_s": round(throughput, 1),
            "floor_per_s": round(floor_throughput, 1), "vs_floor": round(vs_floor, 3),
            "erasure_ms_with": round(mean_with * 1000, 2), "erasure_ms_without": round(mean_without * 1000, 2),
            "outbox_added_ms_per_erasure": round(added_ms, 2), "targets_met": met,
        }))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
