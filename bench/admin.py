"""The staff console at scale: ``python -m bench admin [--json] [--requests N] [--events N] [--small N]``.

Measures the request changelist (also filtered to overdue), the request change page and the
dashboard with ``--small`` requests, then again after growing the data to ``--requests``
requests and ``--events`` timeline events, in one run. The query counts must not grow;
on PostgreSQL the changelist must answer in under 300 ms of server time.

The data lives in a database of its own, destroyed afterwards: a temporary SQLite file by
default, or ``test_<name>`` next to the PostgreSQL database named by ``DATABASE_URL``.
Rows are made with bulk inserts (COPY on PostgreSQL). With ``--json`` the last line
printed is one JSON object of the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid

from bench._database import analyze

LIMIT_MS = 300.0


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench admin", description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="end with one JSON line of figures")
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per page (the median is reported)")
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args(argv)


def _setup_database(tmpdir: str):
    """Point Django at a database of its own and create it (migrated)."""
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{os.path.join(tmpdir, 'bench.sqlite3')}"
    os.environ.setdefault("SHOP_DEMO_VISIT_LOG", "0")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = os.path.join(tmpdir, "bench-test.sqlite3")
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    return connection, old_name


def _officer():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user(username="bench-officer", email="officer@bench.example",
                                                password="bench-password-2026", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="privacy_requests"))
    return user


TYPES = ["access", "portability", "rectification", "erasure", "restriction", "objection", "withdraw_consent",
         "opt_out_sale", "know_categories", "other"]
STATUSES = ["submitted", "awaiting_verification", "verified", "in_progress", "completed", "rejected", "cancelled"]
REGIMES = ["gdpr", "uk_gdpr", "ccpa", "lgpd", "pipa", "pipeda"]


def _grow(start: int, count: int, events_per_request: int, extra_events: int, officer, rng: random.Random) -> None:
    """Insert ``count`` requests (numbered from ``start``) with their events, in bulk."""
    from django.db import connection, transaction
    from django.utils import timezone

    from privacy_center.requests.models import PrivacyRequest, RequestEvent

    now = timezone.now()
    today = timezone.localdate()
    batch = 5000
    with transaction.atomic():
        before = PrivacyRequest.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        for offset in range(0, count, batch):
            rows = []
            for n in range(start + offset, start + min(offset + batch, count)):
                status = rng.choice(STATUSES)
                received = now - dt.timedelta(days=rng.randint(0, 700), minutes=rng.randint(0, 1440))
                due = timezone.localdate(received) + dt.timedelta(days=30)
                closed = status in ("completed", "rejected", "cancelled")
                rows.append(PrivacyRequest(
                    uuid=uuid.UUID(int=rng.getrandbits(128), version=4), reference=f"PR-{received.year}-{n:07d}",
                    type=rng.choice(TYPES), status=status, email=f"customer{n}@bench.example",
                    subject_key=f"email:bench{n}", name=f"Customer {n}", regime=rng.choice(REGIMES),
                    regimes=["gdpr"], received_at=received, due_at=due if closed else today + dt.timedelta(
                        days=rng.randint(-20, 40)), original_due_at=due,
                    assignee=officer if rng.random() < 0.2 else None,
                    closed_at=received + dt.timedelta(days=rng.randint(1, 40)) if closed else None,
                ))
            PrivacyRequest.objects.bulk_create(rows, batch_size=batch)
        ids = list(PrivacyRequest.objects.filter(pk__gt=before).order_by("pk").values_list("pk", flat=True))
        per_request = [events_per_request] * len(ids)
        for i in range(extra_events):
            per_request[i % len(ids)] += 1
        if connection.vendor == "postgresql":
            _copy_events(ids, per_request, now)
        else:
            events = []
            for pk, n_events in zip(ids, per_request, strict=True):
                for k in range(n_events):
                    events.append(RequestEvent(request_id=pk, kind="status", summary=f"Step {k}", actor_role="system",
                                               created_at=now - dt.timedelta(minutes=n_events - k), data={}))
                if len(events) >= 20000:
                    RequestEvent.objects.bulk_create(events, batch_size=10000)
                    events = []
            RequestEvent.objects.bulk_create(events, batch_size=10000)


def _copy_events(ids, per_request, now) -> None:
    from django.db import connection

    from privacy_center.requests.models import RequestEvent

    table = RequestEvent._meta.db_table
    columns = "request_id, kind, from_status, to_status, summary, data, actor_role, public, created_at"
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for pk, n_events in zip(ids, per_request, strict=True):
            for k in range(n_events):
                copy.write_row((pk, "status", "", "", f"Step {k}", "{}", "system", True,
                                now - dt.timedelta(minutes=n_events - k)))



def _measure(client, url: str, repeat: int) -> tuple[float, int]:
    """Median server time (ms) over ``repeat`` runs after a warm-up, and the query count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    queries = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(ctx)
    return round(statistics.median(times), 1), queries


def _pages(client, repeat: int) -> dict[str, tuple[float, int]]:
    from privacy_center.requests.models import PrivacyRequest

    sample = PrivacyRequest.objects.order_by("pk").values_list("pk", flat=True)[10]
    base = "/admin/privacy_requests/privacyrequest/"
    return {
        "changelist": _measure(client, base, repeat),
        "changelist_overdue": _measure(client, base + "?due=overdue&assigned=none", repeat),
        "change": _measure(client, f"{base}{sample}/change/", repeat),
        "dashboard": _measure(client, base + "dashboard/", max(1, repeat // 3)),
    }


def main(argv: list[str]) -> int:
    args = _parse(argv)
    if args.small < 20 or args.requests <= args.small or args.events < args.requests:
        print("need --small >= 20, --requests > --small and --events >= --requests", file=sys.stderr)
        return 2
    tmpdir = tempfile.mkdtemp(prefix="bench-admin-")
    connection, old_name = _setup_database(tmpdir)
    try:
        from django.test import Client

        rng = random.Random(args.seed)
        officer = _officer()
        client = Client()
        client.force_login(officer)
        per_request = args.events // args.requests

        started = time.perf_counter()
        _grow(0, args.small, per_request, 0, officer, rng)
        analyze()
        small = _pages(client, args.repeat)

        _grow(args.small, args.requests - args.small, per_request,
              args.events - per_request * args.requests, officer, rng)
        analyze()
        build_s = time.perf_counter() - started
        large = _pages(client, args.repeat)

        from privacy_center.requests.models import PrivacyRequest, RequestEvent

        figures = {
            "database": connection.vendor,
            "requests": PrivacyRequest.objects.count(),
            "events": RequestEvent.objects.count(),
            "requests_small": args.small,
            "data_build_s": round(build_s, 1),
        }
        for page in small:
            figures[f"{page}_ms"], figures[f"{page}_queries"] = large[page]
            figures[f"{page}_ms_small"], figures[f"{page}_queries_small"] = small[page]
        figures["queries_constant"] = all(large[p][1] == small[p][1] for p in ("changelist", "changelist_overdue",
                                                                                "change"))
        figures["under_limit"] = figures["changelist_ms"] < LIMIT_MS and figures["change_ms"] < LIMIT_MS
        figures["limit_ms"] = LIMIT_MS
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    print(f"database: {figures['database']}; {figures['requests']} requests, {figures['events']} events "
          f"(built in {figures['data_build_s']} s); small run: {args.small} requests")
    print(f"{'page':<20}{'ms (large)':>12}{'ms (small)':>12}{'queries':>10}{'queries small':>15}")
    for page in ("changelist", "changelist_overdue", "change", "dashboard"):
        print(f"{page:<20}{figures[page + '_ms']:>12}{figures[page + '_ms_small']:>12}"
              f"{figures[page + '_queries']:>10}{figures[page + '_queries_small']:>15}")
    print(f"query counts constant: {figures['queries_constant']}; changelist and change page under "
          f"{LIMIT_MS:.0f} ms: {figures['under_limit']}")
    if args.json:
        print(json.dumps(figures))
    ok = figures["queries_constant"] and (figures["under_limit"] or figures["database"] != "postgresql")
    return 0 if ok else 1
