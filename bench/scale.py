"""``python -m bench scale [--quick] [--json] [--curves ...] [--svg PATH]``: costs as a shop grows, as curves.

Each curve grows one kind of data and measures, at every size, what must stay flat (or, for
the export and the sweep, what must grow no faster than the data):

sessions   scheduling one customer's erasure (which signs out their 3 sessions) against 1k to 1M
           live sessions of *other* customers in ``django_session``; and erasing them at once.
timeline   the customer's timeline page against 100 to 100,000 events on their chain: a view after
           one new event (the page checks events since its checkpoint), and a first view without a
           checkpoint (the whole chain, once) for comparison.
mydata     the "My data" orders page against 10 to 100,000 orders of one customer: first page, last
           page, a search and a date range; and the My data index.
export     the customer's export (``services.export.build_export``, the ZIP end to end) of 1k to 1M
           visit rows: time, rows per second, peak memory (tracemalloc's peak of Python allocations,
           and the RSS high-water mark's growth, both on the first build of each size).
retention  the retention sweep (``run_retention``'s ``sweep_sources`` over the visit log and the
           orders) against the equivalent single ``DELETE``/``UPDATE`` statements, over 1M and 10M
           visit rows (half expired) plus a tenth as many orders (a third expired); each twice, in
           the order SQL, ours, ours, SQL, with a VACUUM before each, and the best of each; target >= 0.8.
admin      the staff changelist, overdue filter, change page and dashboard at a small size and at
           100k requests / 1M events (``bench.admin``'s data); target under 150 ms, queries constant.

Page times are the best of ``--repeat`` requests through Django's test client (server time,
no network), after one warm-up; queries are counted on the last. Data is inserted in bulk (raw
SQL, COPY on PostgreSQL). The database is a temporary SQLite file, or with ``DATABASE_URL``
naming PostgreSQL a database ``<name>_bench_scale`` created for the run and dropped after.
``--quick`` uses small sizes (about a minute). The table is printed and an SVG plot of every
curve written (default ``bench/scale.svg``; ``bench/scale-<vendor>.svg`` with ``--svg auto``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from bench._database import analyze, prepare_environment, vacuum_analyze
from bench.export import TARGET_MEMORY_MB, peak_memory

BENCH_DB_SUFFIX = "_bench_scale"
# Retention last: its 11M inserted rows leave PostgreSQL writing them out (checkpoints, autovacuum) for
# minutes, which the admin pages' times would otherwise measure.
CURVES = ("sessions", "timeline", "mydata", "export", "admin", "retention")
FULL = {
    "sessions": [1_000, 10_000, 100_000, 1_000_000],
    "timeline": [100, 1_000, 10_000, 100_000],
    "mydata": [10, 100, 1_000, 10_000, 100_000],
    "export": [1_000, 10_000, 100_000, 1_000_000],
    "retention": [1_000_000, 10_000_000],
    "admin": [100_000],  # requests; events are ten times as many
}
QUICK = {
    "sessions": [1_000, 20_000],
    "timeline": [100, 2_000],
    "mydata": [10, 2_000],
    "export": [1_000, 20_000],
    "retention": [100_000],
    "admin": [2_000],
}
ADMIN_SMALL = 100
ADMIN_LIMIT_MS = 150.0
SWEEP_TARGET = 0.8
FLAT_FACTOR = 2.0  # "flat": the largest size costs at most this many times the smallest


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench scale", description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="end with one JSON line of every figure")
    parser.add_argument("--quick", action="store_true", help="small sizes: about a minute")
    parser.add_argument("--curves", default=",".join(CURVES), help=f"comma-separated subset of {','.join(CURVES)}")
    parser.add_argument("--repeat", type=int, default=5, help="timed requests per page (the best is reported)")
    parser.add_argument("--svg", default="bench/scale.svg",
                        help="where to write the plot ('auto': bench/scale-<database>.svg; '' for none)")
    for curve in CURVES:
        parser.add_argument(f"--{curve}", dest=f"size_{curve}", default=None, metavar="N,N,...",
                            help=f"sizes of the {curve} curve (default {','.join(map(str, FULL[curve]))})")
    args = parser.parse_args(argv)
    args.curves = [c.strip() for c in args.curves.split(",") if c.strip()]
    unknown = set(args.curves) - set(CURVES)
    if unknown:
        parser.error(f"unknown curves: {', '.join(sorted(unknown))}")
    args.sizes = {}
    for curve in CURVES:
        given = getattr(args, f"size_{curve}")
        sizes = [int(s) for s in given.split(",")] if given else (QUICK if args.quick else FULL)[curve]
        args.sizes[curve] = sorted(sizes)
    return args


# -- measuring -------------------------------------------------------------------------------------------


class Rollback(Exception):
    pass


@contextmanager
def rolled_back():
    from django.db import transaction

    try:
        with transaction.atomic():
            yield
            raise Rollback
    except Rollback:
        pass


def timed(fn, repeat: int = 1, check=None) -> tuple[float, int]:
    """Best time (ms) of ``repeat`` runs of ``fn``, each rolled back, and the query count of the last;
    ``check`` runs after each, before the rollback, neither timed nor counted (the bench's own asserts)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    best, queries = float("inf"), 0
    for _ in range(repeat):
        with rolled_back():
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                fn()
                best = min(best, (time.perf_counter() - started) * 1000)
            if check is not None:
                check()
        queries = len(ctx)
    return round(best, 1), queries


def page(client, url: str, repeat: int, before=None) -> tuple[float, int]:
    """Best server time (ms) of ``repeat`` GETs of ``url`` (the least disturbed by other load) and its
    query count; ``before`` runs ahead of each, untimed."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if before:
        before()
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times, queries = [], 0
    for _ in range(repeat):
        if before:
            before()
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(ctx)
    return round(min(times), 1), queries


def _customer(name: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(username=name, email=f"{name}@bench.example",
                                                password="bench-password-2026")


def _client_for(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def _numbers_sql(vendor: str, start: int, stop: int) -> tuple[str, str]:
    """A ``FROM`` clause yielding ``i`` from ``start`` to ``stop`` inclusive (and a CTE prefix for SQLite)."""
    if vendor == "postgresql":
        return "", f"generate_series({start}, {stop}) AS i"
    return (f"WITH RECURSIVE n(i) AS (SELECT {start} UNION ALL SELECT i + 1 FROM n WHERE i < {stop}) ", "n")


# -- sessions ----------------------------------------------------------------------------------------------


def curve_sessions(sizes, repeat) -> list[dict]:
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.db import connection, transaction
    from django.utils import timezone

    from privacy_center.erasure.services.core import erase_now, schedule_erasure
    from privacy_center.subjects import Subject

    other = _customer("sessions-other")
    store = SessionStore()
    store.update({"_auth_user_id": str(other.pk), "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
                  "_auth_user_hash": other.get_session_auth_hash()})
    blob = store.encode(store._session)
    expire = timezone.now() + dt.timedelta(days=14)
    rows, have = [], 0
    for n, size in enumerate(sizes):
        with transaction.atomic(), connection.cursor() as cursor:
            prefix, numbers = _numbers_sql(connection.vendor, have + 1, size)
            cursor.execute(f"{prefix}INSERT INTO django_session (session_key, session_data, expire_date) "
                           f"SELECT 'bench' || i, %s, %s FROM {numbers}", [blob, expire])
        have = size
        analyze()
        customer = _customer(f"sessions-{n}")
        clients = [_client_for(customer) for _ in range(3)]
        mine = [c.session.session_key for c in clients]
        live = Session.objects.count()

        def schedule(customer=customer):
            schedule_erasure(Subject.for_user(customer), method="bench", cooling_off_days=14)

        def signed_out(mine=mine, live=live):  # counting every session is the bench's check, not timed
            assert not Session.objects.filter(session_key__in=mine).exists()
            assert Session.objects.count() == live - len(mine)  # nobody else was signed out

        def erase(customer=customer):
            erase_now(Subject.for_user(customer), method="bench")

        t_schedule, q_schedule = timed(schedule, repeat, check=signed_out)
        t_erase, q_erase = timed(erase, max(1, repeat // 2))
        rows.append({"size": live, "schedule_ms": t_schedule, "schedule_queries": q_schedule,
                     "erase_ms": t_erase, "erase_queries": q_erase})
    return rows


# -- timeline ----------------------------------------------------------------------------------------------


def _grow_chain(user, count: int) -> None:
    """Append ``count`` valid events to the user's chain, in bulk."""
    from django.utils import timezone

    from privacy_center.models import PrivacyEvent
    from privacy_center.services.timeline import _digest

    key = f"user:{user.pk}"
    prev = PrivacyEvent.objects.filter(subject_key=key).order_by("-id").values_list("hash", flat=True).first() or ""
    start = timezone.now() - dt.timedelta(days=365)
    batch: list[PrivacyEvent] = []
    for i in range(count):
        event = PrivacyEvent(subject_key=key, user=user, kind="consent_given", summary=f"Consent step {i}",
                             method="bench", data={"n": i}, created_at=start + dt.timedelta(seconds=i),
                             prev_hash=prev)
        event.hash = _digest(event)
        prev = event.hash
        batch.append(event)
        if len(batch) == 5000:
            PrivacyEvent.objects.bulk_create(batch)
            batch = []
    PrivacyEvent.objects.bulk_create(batch)


def curve_timeline(sizes, repeat) -> list[dict]:
    from privacy_center.models import PrivacyEvent, TimelineCheckpoint
    from privacy_center.services.timeline import record_event, verify_chain
    from privacy_center.subjects import Subject

    user = _customer("timeline")
    client = _client_for(user)
    key = f"user:{user.pk}"
    rows, have = [], 0
    for size in sizes:
        _grow_chain(user, size - have)
        have = size
        analyze()

        def one_new_event():
            record_event(Subject.for_user(user), PrivacyEvent.Kind.CONSENT_GIVEN, "Consent given", method="bench")

        steady_ms, steady_q = page(client, "/privacy/timeline/", repeat, before=one_new_event)
        have += repeat + 1

        def no_checkpoint():
            TimelineCheckpoint.objects.filter(subject_key=key).delete()

        first_ms, first_q = page(client, "/privacy/timeline/", 1, before=no_checkpoint)
        started = time.perf_counter()
        assert not verify_chain([key])
        full_ms = round((time.perf_counter() - started) * 1000, 1)
        html = client.get("/privacy/timeline/").content.decode()
        assert 'data-chain="verified"' in html
        rows.append({"size": PrivacyEvent.objects.filter(subject_key=key).count(), "page_ms": steady_ms,
                     "page_queries": steady_q, "first_view_ms": first_ms, "first_view_queries": first_q,
                     "full_verify_ms": full_ms})
    return rows


# -- my data -----------------------------------------------------------------------------------------------


def _grow_orders(user, start: int, stop: int) -> None:
    """Orders ``start`` to ``stop - 1`` of ``user``, one a day back from yesterday (about 3 years cycling)."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            created = ("now() - (mod(i, 1000) * interval '1 day') - ((i / 1000) * interval '1 second') "
                       "- interval '1 hour'")
            city = "CASE WHEN mod(i, 7) = 0 THEN 'Lund' ELSE 'Uppsala' END"
        else:
            created = ("strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || (i % 1000) || ' days', "
                       "'-' || (i / 1000) || ' seconds', '-1 hour')")
            city = "CASE WHEN i % 7 = 0 THEN 'Lund' ELSE 'Uppsala' END"
        prefix, numbers = _numbers_sql(connection.vendor, start, stop - 1)
        cursor.execute(
            f"{prefix}INSERT INTO shop_demo_order (number, user_id, email, full_name, phone, line1, line2, city, "
            "postcode, billing_postcode, country, ip_address, status, total, created_at) "
            f"SELECT 'M-{user.pk}-' || i, %s, %s, 'Mona Data', '+46 70 123', 'Gatan ' || i, '', "
            f"{city}, '753 20', '753 20', 'SE', '198.51.100.7', "
            f"'paid', 10, {created} FROM {numbers}", [user.pk, user.email])


def curve_mydata(sizes, repeat) -> list[dict]:
    from django.utils import timezone

    from privacy_center.app_settings import app_settings

    user = _customer("mydata")
    client = _client_for(user)
    base = "/privacy/data/shop_demo.order/"
    today = timezone.localdate()
    rows, have = [], 0
    for size in sizes:
        _grow_orders(user, have, size)
        have = size
        analyze()
        last = -(-size // app_settings.PAGE_SIZE)
        week = f"date_from={today - dt.timedelta(days=7)}&date_to={today}"
        first = page(client, base, repeat)
        body = client.get(base + "?q=Lund").content.decode()
        assert body.count("<tr") <= app_settings.PAGE_SIZE + 2, "a page longer than PAGE_SIZE rows"
        rows.append({
            "size": size, "page_ms": first[0], "page_queries": first[1],
            "last_page_ms": page(client, f"{base}?page={last}", repeat)[0],
            "search_ms": (search := page(client, base + "?q=Lund", repeat))[0], "search_queries": search[1],
            "dates_ms": (dates := page(client, f"{base}?{week}", repeat))[0], "dates_queries": dates[1],
            "index_ms": (index := page(client, "/privacy/data/", repeat))[0], "index_queries": index[1],
            "page_bytes": len(client.get(base).content),
        })
    return rows


# -- export ------------------------------------------------------------------------------------------------


def _grow_visits(user_id, start: int, stop: int, days: int = 30) -> None:
    """Visit-log rows ``start`` to ``stop - 1`` (of ``user_id``, or guests' with None), spread over ``days``."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        prefix, numbers = _numbers_sql(connection.vendor, start, stop - 1)
        if connection.vendor == "postgresql":
            values = (f"('203.0.113.' || mod(i, 250))::inet, 'Mozilla/5.0 (bench)', '/products/' || mod(i, 500), "
                      f"now() - mod(i, {days}) * interval '1 day' - interval '1 hour'")
        else:
            values = (f"'203.0.113.' || (i % 250), 'Mozilla/5.0 (bench)', '/products/' || (i % 500), "
                      f"strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || (i % {days}) || ' days', '-1 hour')")
        cursor.execute(f"{prefix}INSERT INTO shop_demo_visitlog (user_id, ip_address, user_agent, path, created_at) "
                       f"SELECT %s, {values} FROM {numbers}", [user_id])


def curve_export(sizes, repeat) -> list[dict]:
    from django.db import connection

    from privacy_center.models import Export
    from privacy_center.services import export as export_service
    from privacy_center.subjects import Subject

    user = _customer("export")
    subject = Subject.for_user(user)
    rows, have = [], 0
    for size in sizes:
        _grow_visits(user.pk, have, size, days=60)
        have = size
        analyze()

        def build():
            export = Export.objects.create(user=user, subject_key=subject.key)
            export_service.build_export(export.pk)
            export.refresh_from_db()
            assert export.status == Export.Status.READY, (export.status, export.error)
            export_service.expire_export(export)
            Export.objects.filter(pk=export.pk).delete()
            return export.size or 0

        if not rows:
            build()  # the process's first export imports modules and loads catalogs, whatever its size
        # Memory on the size's first build (it also warms up the timed ones): the peak of Python's own
        # allocations (tracemalloc, whatever the allocator kept from earlier builds) and of the RSS.
        py_mb, rss_mb = peak_memory(build)
        best, size_bytes = float("inf"), 0
        for _ in range(1 if size >= 500_000 else 2):
            started = time.perf_counter()
            size_bytes = build()
            best = min(best, time.perf_counter() - started)
        rows.append({"size": size, "export_ms": round(best * 1000, 1), "rows_per_s": round(size / best),
                     "py_peak_mb": round(py_mb, 1), "rss_growth_mb": round(rss_mb, 1),
                     "zip_mb": round(size_bytes / 1e6, 1)})
    with connection.cursor() as cursor:  # the retention curve counts its own visits
        cursor.execute("DELETE FROM shop_demo_visitlog WHERE user_id = %s", [user.pk])
    return rows


# -- retention ---------------------------------------------------------------------------------------------


def _sweep_ours(now) -> int:
    from privacy_center.app_settings import app_settings

    from .erase import sweep_ours

    return sweep_ours(now, batch_size=app_settings.RETENTION_BATCH_SIZE)


def _sweep_sql(now) -> int:
    """The same changes as two single statements (the UPDATE with our anonymizers' own SQL expressions)."""
    from django.db import connection

    from privacy_center.erasing import anonymize_queryset
    from privacy_center.erasure.services.retention import expired_queryset
    from privacy_center.registry import site

    visits = site.get("shop_demo.visitlog")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM shop_demo_visitlog WHERE created_at < %s",
                       [now - dt.timedelta(days=visits.retention.days)])
        deleted = cursor.rowcount
    expired, pairs = expired_queryset(site.get("shop_demo.order"), now)
    return deleted + anonymize_queryset(expired, pairs)


def _grow_old_orders(start: int, stop: int) -> None:
    """Guest orders over ten years (a third past the seven-year retention)."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        prefix, numbers = _numbers_sql(connection.vendor, start, stop - 1)
        created = ("now() - (i % 3650) * interval '1 day' - interval '1 hour'" if connection.vendor == "postgresql"
                   else "strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || (i % 3650) || ' days', '-1 hour')")
        cursor.execute(
            f"{prefix}INSERT INTO shop_demo_order (number, user_id, email, full_name, phone, line1, line2, city, "
            "postcode, billing_postcode, country, ip_address, status, total, created_at) "
            "SELECT 'R-' || i, NULL, 'buyer' || i || '@example.com', 'Buyer ' || i, '+46 70 000', 'Gatan ' || i, "
            f"'', 'Uppsala', '753 20', '753 20', 'SE', '198.51.100.7', 'paid', 10, {created} FROM {numbers}")


def curve_retention(sizes, repeat) -> list[dict]:
    from django.utils import timezone

    rows, have = [], 0
    for size in sizes:
        started = time.perf_counter()
        _grow_visits(None, have, size, days=180)
        _grow_old_orders(have // 10, size // 10)
        have = size
        vacuum_analyze("shop_demo_visitlog", "shop_demo_order")
        seeded_s = time.perf_counter() - started
        now = timezone.now()
        counts: dict[str, int] = {}
        best = {"sql": float("inf"), "ours": float("inf")}
        sweeps = {"sql": _sweep_sql, "ours": _sweep_ours}
        # Each sweep twice, in the order SQL, ours, ours, SQL, and the best of each: on PostgreSQL the first
        # sweep after seeding reads its pages into the cache for the next. Before each, a VACUUM: the
        # rolled-back sweep before it left its transaction id on every row it touched, and the next reader
        # would otherwise set each row's hint bit (writing every page).
        for i, name in enumerate(("sql", "ours", "ours", "sql")):
            if i:
                vacuum_analyze("shop_demo_visitlog", "shop_demo_order")
            sweep = sweeps[name]
            ms = timed(lambda name=name, sweep=sweep, counts=counts, now=now: counts.__setitem__(name, sweep(now)))[0]
            best[name] = min(best[name], ms)
        _sweep_ms_sql, _sweep_ms_ours = best["sql"], best["ours"]
        if counts["sql"] != counts["ours"]:
            raise SystemExit(f"the sweeps disagree: SQL {counts['sql']} rows, ours {counts['ours']}")
        ratio = (counts["ours"] / _sweep_ms_ours) / (counts["sql"] / _sweep_ms_sql)
        rows.append({"size": size + size // 10, "swept_rows": counts["ours"], "seed_s": round(seeded_s, 1),
                     "sql_ms": _sweep_ms_sql, "ours_ms": _sweep_ms_ours,
                     "ours_rows_per_s": round(counts["ours"] / _sweep_ms_ours * 1000),
                     "vs_sql": round(ratio, 3)})
    return rows


# -- admin -------------------------------------------------------------------------------------------------


def curve_admin(sizes, repeat) -> list[dict]:
    from bench import admin as admin_bench
    from privacy_center.requests.models import PrivacyRequest, RequestEvent

    rng = random.Random(1)
    officer = admin_bench._officer()
    client = _client_for(officer)
    rows = []
    have = 0
    for size in [ADMIN_SMALL, *sizes]:
        admin_bench._grow(have, size - have, 10, 0, officer, rng)
        have = size
        vacuum_analyze("privacy_requests_privacyrequest", "privacy_requests_requestevent")
        pages = admin_bench._pages(client, repeat)
        row = {"size": PrivacyRequest.objects.count(), "events": RequestEvent.objects.count()}
        for name, (ms, queries) in pages.items():
            row[f"{name}_ms"], row[f"{name}_queries"] = ms, queries
        rows.append(row)
    return rows


# -- output ------------------------------------------------------------------------------------------------

COLUMNS = {
    "sessions": ("live sessions", ["schedule_ms", "schedule_queries", "erase_ms", "erase_queries"]),
    "timeline": ("events", ["page_ms", "page_queries", "first_view_ms", "full_verify_ms"]),
    "mydata": ("orders", ["page_ms", "page_queries", "last_page_ms", "search_ms", "search_queries", "dates_ms",
                          "dates_queries", "index_ms", "index_queries", "page_bytes"]),
    "export": ("rows", ["export_ms", "rows_per_s", "py_peak_mb", "rss_growth_mb", "zip_mb"]),
    "retention": ("rows", ["swept_rows", "seed_s", "sql_ms", "ours_ms", "ours_rows_per_s", "vs_sql"]),
    "admin": ("requests", ["events", "changelist_ms", "changelist_queries", "changelist_overdue_ms", "change_ms",
                           "dashboard_ms", "dashboard_queries"]),
}
PLOTTED = {  # the time series drawn for each curve
    "sessions": ["schedule_ms", "erase_ms"],
    "timeline": ["page_ms", "first_view_ms"],
    "mydata": ["page_ms", "last_page_ms", "search_ms", "dates_ms", "index_ms"],
    "export": ["export_ms"],
    "retention": ["sql_ms", "ours_ms"],
    "admin": ["changelist_ms", "changelist_overdue_ms", "change_ms", "dashboard_ms"],
}
TITLES = {
    "sessions": "Erasure vs live sessions (flat)",
    "timeline": "Timeline page vs events (flat)",
    "mydata": "My data orders page vs orders (flat)",
    "export": "Export vs rows (linear)",
    "retention": "Retention sweep vs rows: ours and single SQL",
    "admin": "Admin pages vs requests (under 150 ms)",
}


def verdicts(curve: str, rows: list[dict], vendor: str) -> list[str]:
    """What each curve promises, checked on its figures."""
    if len(rows) < 1:
        return []
    small, large = rows[0], rows[-1]
    out = []

    def flat(field: str) -> None:
        ratio = large[field] / max(small[field], 0.1)
        out.append(f"{field}: {small[field]} -> {large[field]} ms (x{ratio:.2f}; flat if <= {FLAT_FACTOR}): "
                   f"{'ok' if ratio <= FLAT_FACTOR else 'NOT FLAT'}")

    def constant(field: str) -> None:
        same = len({row[field] for row in rows}) == 1
        out.append(f"{field}: {sorted({row[field] for row in rows})} {'constant' if same else 'NOT CONSTANT'}")

    if curve == "sessions":
        flat("schedule_ms"), flat("erase_ms"), constant("schedule_queries"), constant("erase_queries")
    elif curve == "timeline":
        flat("page_ms"), constant("page_queries")
    elif curve == "mydata":
        for field in ("page_ms", "search_ms", "dates_ms", "index_ms"):
            flat(field)
        for field in ("page_queries", "search_queries", "dates_queries", "index_queries"):
            constant(field)
    elif curve == "export":
        for field, what in (("py_peak_mb", "peak Python memory (tracemalloc)"), ("rss_growth_mb", "peak RSS growth")):
            mems = [row[field] for row in rows]
            out.append(f"{what} {mems[0]} -> {mems[-1]} MB (target < {TARGET_MEMORY_MB:.0f} MB at every size): "
                       f"{'ok' if max(mems) < TARGET_MEMORY_MB else 'OVER'}")
    elif curve == "retention":
        for row in rows:
            out.append(f"{row['size']} rows: ours / single statements throughput = {row['vs_sql']} "
                       f"(target >= {SWEEP_TARGET}): {'ok' if row['vs_sql'] >= SWEEP_TARGET else 'BELOW'}")
    elif curve == "admin":
        for field in ("changelist_queries", "changelist_overdue_queries", "change_queries", "dashboard_queries"):
            constant(field)
        for field in ("changelist_ms", "changelist_overdue_ms", "change_ms", "dashboard_ms"):
            ok = large[field] < ADMIN_LIMIT_MS
            out.append(f"{field} at {large['size']} requests: {large[field]} ms (target < {ADMIN_LIMIT_MS:.0f} ms "
                       f"on PostgreSQL): {'ok' if ok else 'OVER'}{'' if vendor == 'postgresql' else ' (SQLite)'}")
    return out


def print_table(curve: str, rows: list[dict]) -> None:
    label, fields = COLUMNS[curve]
    widths = [max(len(label), 12)] + [max(len(f), 10) for f in fields]
    print(f"\n== {curve}: {TITLES[curve]}")
    print("".join(h.rjust(w + 1) for h, w in zip([label, *fields], widths, strict=True)))
    for row in rows:
        cells = [f"{row['size']:,}"] + [str(row.get(f, "")) for f in fields]
        print("".join(c.rjust(w + 1) for c, w in zip(cells, widths, strict=True)))


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** len(str(int(value)))
    for step in (0.1, 0.2, 0.25, 0.5, 1.0):
        if value <= magnitude * step:
            return magnitude * step
    return magnitude


def svg_plot(results: dict[str, list[dict]], title: str) -> str:
    """Small multiples: one panel per curve, log-scale size on x, milliseconds on y (from 0)."""
    import math
    from html import escape

    colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"]
    panels = [c for c in CURVES if results.get(c)]
    pw, ph, margin = 420, 260, 60
    cols = 2
    width = cols * pw
    height = 40 + ((len(panels) + cols - 1) // cols) * ph
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{width / 2}" y="24" text-anchor="middle" font-size="15">{escape(title)}</text>']
    for index, curve in enumerate(panels):
        rows = results[curve]
        x0 = (index % cols) * pw + margin
        y0 = 40 + (index // cols) * ph + 30
        w, h = pw - margin - 20, ph - 80
        sizes = [row["size"] for row in rows]
        lo, hi = math.log10(min(sizes)), math.log10(max(sizes))
        hi = hi if hi > lo else lo + 1
        ymax = _nice_max(max(row[f] for row in rows for f in PLOTTED[curve] if row.get(f) is not None))
        out.append(f'<text x="{x0 + w / 2}" y="{y0 - 12}" text-anchor="middle" font-size="13">'
                   f'{escape(TITLES[curve])}</text>')
        out.append(f'<rect x="{x0}" y="{y0}" width="{w}" height="{h}" fill="none" stroke="#999"/>')
        for k in range(5):
            value = ymax * k / 4
            y = y0 + h - h * k / 4
            out.append(f'<line x1="{x0}" y1="{y:.1f}" x2="{x0 + w}" y2="{y:.1f}" stroke="#eee"/>')
            out.append(f'<text x="{x0 - 4}" y="{y + 4:.1f}" text-anchor="end">{value:g}</text>')
        out.append(f'<text x="{x0 - 45}" y="{y0 + h / 2}" transform="rotate(-90 {x0 - 45} {y0 + h / 2})" '
                   f'text-anchor="middle">ms</text>')

        def px(size, lo=lo, hi=hi, x0=x0, w=w):
            return x0 + w * (math.log10(size) - lo) / (hi - lo)

        for size in sizes:
            out.append(f'<text x="{px(size):.1f}" y="{y0 + h + 14}" text-anchor="middle">{size:,}</text>')
        out.append(f'<text x="{x0 + w / 2}" y="{y0 + h + 30}" text-anchor="middle">'
                   f'{escape(COLUMNS[curve][0])} (log scale)</text>')
        for k, field in enumerate(PLOTTED[curve]):
            colour = colours[k % len(colours)]
            points = [(px(row["size"]), y0 + h - h * row[field] / ymax) for row in rows if row.get(field) is not None]
            out.append('<polyline fill="none" stroke="{}" stroke-width="2" points="{}"/>'.format(
                colour, " ".join(f"{x:.1f},{y:.1f}" for x, y in points)))
            for x, y in points:
                out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>')
            out.append(f'<text x="{x0 + 6}" y="{y0 + 14 + 13 * k}" fill="{colour}">{escape(field)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


# -- the run -----------------------------------------------------------------------------------------------

RUNNERS = {"sessions": curve_sessions, "timeline": curve_timeline, "mydata": curve_mydata,
           "export": curve_export, "retention": curve_retention, "admin": curve_admin}


def main(argv: list[str]) -> int:
    args = _parse(argv)
    workdir = tempfile.mkdtemp(prefix="bench-scale-")
    backend, cleanup = prepare_environment(workdir, BENCH_DB_SUFFIX)
    import django

    django.setup()
    import logging

    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    logging.getLogger("privacy_center").setLevel(logging.WARNING)
    try:
        return _run(args, backend)
    finally:
        cleanup()


def _run(args, backend: str) -> int:
    from django.core.management import call_command
    from django.db import connection

    with open(os.devnull, "w") as devnull:
        call_command("migrate", verbosity=0, stdout=devnull)
    vendor = connection.vendor
    print(f"database: {backend}; curves: {', '.join(args.curves)}; {'quick' if args.quick else 'full'} sizes; "
          f"page times: best of {args.repeat}")
    results: dict[str, list[dict]] = {}
    checks: dict[str, list[str]] = {}
    for curve in args.curves:
        started = time.perf_counter()
        results[curve] = RUNNERS[curve](args.sizes[curve], args.repeat)
        print_table(curve, results[curve])
        checks[curve] = verdicts(curve, results[curve], vendor)
        for line in checks[curve]:
            print(f"  {line}")
        print(f"  ({time.perf_counter() - started:.0f} s with seeding)")
        sys.stdout.flush()
    failed = [line for lines in checks.values() for line in lines
              if line.endswith(("NOT FLAT", "NOT CONSTANT", "OVER", "BELOW"))]
    svg = args.svg
    if svg == "auto":
        svg = f"bench/scale-{vendor}.svg"
    if svg:
        path = Path(svg)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        path.write_text(svg_plot(results, f"python -m bench scale on {vendor} ({stamp})"))
        print(f"\nplot written to {path}")
    print(f"{len(failed)} target(s) missed" + (": " + "; ".join(failed) if failed else ""))
    if args.json:
        print(json.dumps({"database": vendor, "curves": results, "checks": checks}))
    return 1 if failed else 0
