"""``python -m bench export [--json] [--repeat N] [--keep]``: our export against the floor and Django's serializer.

On the heavy customer (10k orders, 40k order lines, 2k reviews, 20k visits,
seeded by ``manage.py seed_demo --heavy-customer``) it times, in one run:

(a) the floor: raw SQL reads of the same rows (each source's query) and ``json.dump``;
(b) what a developer would write: ``django.core.serializers.serialize("json", qs)``;
(c) our export end to end: ``services.export.build_export`` writing the ZIP
    (data.json, CSVs, index.html, manifest) and saving it to the private storage.

It prints the ratios, the peak memory growth of (c) (tracemalloc, in a separate
run so that tracing does not slow the timed one) and (c)'s query count for the
heavy and for a light customer. The database is a temporary SQLite file, or,
when ``DATABASE_URL`` names a PostgreSQL server, a database created for the run
next to the one named (``<name>_bench_export``) and dropped afterwards.
Targets: vs_floor <= 2, vs_django_serializer >= 3, peak_mem_mb < 100, queries
equal for light and heavy customers.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import tracemalloc
from contextlib import contextmanager

from bench._database import prepare_environment

BENCH_DB_SUFFIX = "_bench_export"


def _prepare_environment(workdir: str):
    return prepare_environment(workdir, BENCH_DB_SUFFIX)


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


@contextmanager
def counting_queries():
    from django.db import connection

    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        yield counter


def _seed() -> None:
    from django.core.management import call_command

    with open(os.devnull, "w") as devnull:
        call_command("migrate", verbosity=0, stdout=devnull)
        call_command("seed_demo", "--customers", "20", "--orders-per-customer", "3", "--heavy-customer",
                     "--seed", "7", stdout=devnull)
    from django.db import connection

    with connection.cursor() as cursor:  # fresh statistics, as a live database's autovacuum keeps them
        cursor.execute("ANALYZE")


def _model_sources():
    from privacy_center.registry import site
    from privacy_center.sources import ModelSource

    return [s for s in site if isinstance(s, ModelSource)]


def floor(subject, target) -> int:
    """(a) Raw SQL of each source's rows, fetched and dumped with ``json.dump``."""
    from django.db import connection

    rows_total = 0
    for source in _model_sources():
        qs = source.get_queryset(subject).order_by("pk").values_list("pk", *source.field_labels)
        try:
            sql, params = qs.query.sql_with_params()
        except Exception:  # EmptyResultSet: no way to reach this subject here
            continue
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        json.dump(rows, target, default=str)
        rows_total += len(rows)
    return rows_total


def django_serializer(subject, target) -> None:
    """(b) ``serializers.serialize("json", qs)`` over the same querysets."""
    from django.core import serializers

    for source in _model_sources():
        qs = source.get_queryset(subject).order_by("pk")
        target.write(serializers.serialize("json", qs))


def ours(subject) -> tuple[str, int]:
    """(c) The real thing: an Export row built by the service, stored in the private storage."""
    from privacy_center.models import Export
    from privacy_center.services import export as export_service

    export = Export.objects.create(user=subject.user, subject_key=subject.key)
    export_service.build_export(export.pk)
    export.refresh_from_db()
    if export.status != Export.Status.READY:
        raise RuntimeError(f"export ended {export.status}: {export.error}")
    export_service.expire_export(export)  # delete the file: the next run starts clean
    Export.objects.filter(pk=export.pk).delete()
    return export.sha256, export.size or 0


def _best(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench export", description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="End with one JSON line of the figures.")
    parser.add_argument("--repeat", type=int, default=3, help="Timed runs of (a) and (c); the best counts.")
    args = parser.parse_args(argv)

    workdir = tempfile.mkdtemp(prefix="bench-export-")
    backend, cleanup = _prepare_environment(workdir)
    import django

    django.setup()
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    import logging

    logging.getLogger("privacy_center").setLevel(logging.WARNING)  # no line per export
    try:
        return _run(args, backend)
    finally:
        if not os.environ.get("BENCH_KEEP_DB"):
            cleanup()


def _run(args, backend: str) -> int:
    from django.contrib.auth import get_user_model
    from django.db import connection

    from privacy_center.registry import site
    from privacy_center.subjects import Subject

    started = time.perf_counter()
    _seed()
    seeded = time.perf_counter() - started
    User = get_user_model()
    heavy = Subject.for_user(User.objects.get(email="heavy@example.com"))
    light = Subject.for_user(User.objects.exclude(email="heavy@example.com").filter(orders__isnull=False).first())
    counts = {s.name: s.count(heavy) for s in site if s.count(heavy)}
    rows = sum(counts.values())
    print(f"database: {backend} ({connection.vendor}); seeded in {seeded:.1f} s")
    print(f"heavy customer: {rows} rows in {len(counts)} non-empty of {len(site)} sources: "
          + ", ".join(f"{k}={v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])[:5]))

    with tempfile.TemporaryFile("w+") as sink:
        floor(heavy, sink)  # warm the database's caches
        t_floor = _best(lambda: (sink.seek(0), sink.truncate(), floor(heavy, sink)), args.repeat)
        sink.seek(0)
        sink.truncate()
        started = time.perf_counter()
        django_serializer(heavy, sink)
        t_django = time.perf_counter() - started

    t_ours = _best(lambda: ours(heavy), args.repeat)
    with counting_queries() as q_heavy:
        ours(heavy)
    with counting_queries() as q_light:
        ours(light)

    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    ours(heavy)
    peak = (tracemalloc.get_traced_memory()[1] - base) / (1024 * 1024)
    tracemalloc.stop()

    vs_floor = t_ours / t_floor
    vs_django = t_django / t_ours
    print(f"(a) floor, raw SQL + json.dump:        {t_floor:7.3f} s")
    print(f"(b) django serializers.serialize:      {t_django:7.3f} s")
    print(f"(c) privacy_center export (ZIP):       {t_ours:7.3f} s")
    print(f"vs_floor (c/a): {vs_floor:.2f}  (target <= 2)")
    print(f"vs_django_serializer (b/c): {vs_django:.2f}  (target >= 3)")
    print(f"peak memory growth of (c): {peak:.1f} MB  (target < 100)")
    print(f"queries of (c): heavy {q_heavy.count}, light {q_light.count} for {len(site)} sources "
          f"(target: equal)")
    met = vs_floor <= 2 and vs_django >= 3 and peak < 100 and q_heavy.count == q_light.count
    print("targets met" if met else "TARGETS NOT MET")
    if args.json:
        print(json.dumps({
            "backend": connection.vendor, "rows": rows, "sources": len(site),
            "floor_s": round(t_floor, 4), "django_serializer_s": round(t_django, 4), "ours_s": round(t_ours, 4),
            "vs_floor": round(vs_floor, 3), "vs_django_serializer": round(vs_django, 3),
            "peak_mem_mb": round(peak, 2), "queries": q_heavy.count, "queries_light": q_light.count,
            "targets_met": met,
        }))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
