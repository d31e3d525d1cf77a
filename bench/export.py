"""``python -m bench export [--json] [--repeat N] [--sizes 1000,10000,...]``: our export against its floor.

On the heavy customer (10k orders, 40k order lines, 10k payments, 2k reviews,
20k visits: about 82,000 rows, seeded by ``manage.py seed_demo --heavy-customer``)
it times, in one run, interleaved so that both see the same machine:

(a) the floor: for every model source, the same SQL the export runs (the ORM's
    ``values_list("pk", *fields)`` ordered by ``pk``, with its joins), executed on
    a raw DB-API cursor (SQLite: a plain ``sqlite3`` connection to the same file,
    values as stored; PostgreSQL: the psycopg connection under Django's), rows
    taken with ``fetchall()``, then ``json.dumps(rows)`` (the C encoder) into
    ``data.json`` and ``csv.writer.writerows`` (the writer the export uses) into
    ``csv/<source>.csv``, in a ZIP deflated at the export's level. It writes the
    rows as JSON arrays without keys, dates and decimals as the driver gives them,
    no index.html, no manifest, no hashes, no defusing of formula-like cells;
(b) what a developer would write: ``django.core.serializers.serialize("json", qs)``;
(c) our export end to end: ``services.export.build_export`` (the Export row,
    progress, data.json, the CSVs, index.html, the manifest, hashing, saving the
    ZIP to the private storage, the timeline event and the e-mail), and
(c') ``write_archive`` alone (the ZIP into a temporary file).

Peak memory growth of (c) is measured with tracemalloc on the customer's first
export, before the timed ones (tracing slows a run, and a later run reuses what the
allocator kept), and the process's peak RSS growth alongside. ``--sizes``
adds customers with exactly that many rows (half visits, 30% order lines, 10%
orders, 10% payments, inserted by SQL) and prints time, floor and memory for each.
The database is a temporary SQLite file, or, when ``DATABASE_URL`` names a
PostgreSQL server, a database created for the run next to the one named
(``<name>_bench_export``) and dropped afterwards.

Targets: (c)/(a) <= 2, (b)/(c) >= 3, peak memory growth < 50 MB at every size,
queries equal for light and heavy customers.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import resource
import sys
import tempfile
import time
import tracemalloc
import zipfile
from contextlib import contextmanager

from bench._database import analyze, prepare_environment

BENCH_DB_SUFFIX = "_bench_export"
TARGET_VS_FLOOR = 2.0
TARGET_VS_DJANGO = 3.0
TARGET_MEMORY_MB = 50.0

CPRIME = "(c')"
FLOOR_DESCRIPTION = (
    "floor = per model source, the export's own SQL (values_list(pk, *fields) ordered by pk) on a raw DB-API "
    "cursor ({cursor}), fetchall(), json.dumps(rows) [C encoder] -> data.json, csv.writer.writerows(rows) -> "
    "csv/<source>.csv, ZIP deflate level {level}; no keys, no ISO dates, no index.html/manifest/hashes"
)


def _prepare_environment(workdir: str):
    return prepare_environment(workdir, BENCH_DB_SUFFIX)


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0
        self.progress = 0

    @property
    def other(self) -> int:
        return self.count - self.progress

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


@contextmanager
def counting_queries():
    """Count the queries, and apart from them the progress writes (at most one a second, see ``_Progress``)."""
    from django.db import connection

    from privacy_center.services import export as export_service

    counter = QueryCounter()
    counter.progress = 0
    original = export_service._set_progress

    def counted(export_id, **fields):
        counter.progress += 1
        return original(export_id, **fields)

    export_service._set_progress = counted
    try:
        with connection.execute_wrapper(counter):
            yield counter
    finally:
        export_service._set_progress = original


def _seed() -> None:
    from django.core.management import call_command

    with open(os.devnull, "w") as devnull:
        call_command("migrate", verbosity=0, stdout=devnull)
        call_command("seed_demo", "--customers", "20", "--orders-per-customer", "3", "--heavy-customer",
                     "--seed", "7", stdout=devnull)
    analyze()



def _model_sources():
    from privacy_center.registry import site
    from privacy_center.sources import ModelSource

    return [s for s in site if isinstance(s, ModelSource)]


# -- (a) the floor ------------------------------------------------------------------------------------


class RawReader:
    """A raw DB-API cursor on the benchmark's database, outside Django."""

    def __init__(self) -> None:
        from django.db import connection

        self.vendor = connection.vendor
        if self.vendor == "sqlite":
            import sqlite3

            self.conn = sqlite3.connect(str(connection.settings_dict["NAME"]))  # no type detection: as stored
            self.cursor_kind = "sqlite3.connect(file), values as stored"
        else:
            connection.ensure_connection()
            self.conn = connection.connection  # psycopg, its C loaders
            self.cursor_kind = f"{connection.vendor} DB-API cursor under Django's connection"

    def fetchall(self, sql: str, params) -> list:
        if self.vendor == "sqlite":
            sql = re.sub(r"(?<!%)%s", "?", sql).replace("%%", "%")
        cursor = self.conn.cursor()
        try:
            cursor.execute(sql, tuple(params))
            return cursor.fetchall()
        finally:
            cursor.close()

    def close(self) -> None:
        if self.vendor == "sqlite":
            self.conn.close()


def floor_queries(subject) -> list[tuple[str, list[str], str, tuple]]:
    """(source name, CSV header, SQL, params) of each model source with rows for the subject."""
    from django.core.exceptions import EmptyResultSet

    queries = []
    for source in _model_sources():
        qs = source.get_queryset(subject).order_by("pk").values_list("pk", *source.field_labels)
        try:
            sql, params = qs.query.sql_with_params()
        except EmptyResultSet:
            continue
        queries.append((source.name, ["id", *source.field_labels], sql, params))
    return queries


def floor(reader: RawReader, queries, target) -> int:
    """(a) Raw reads, ``json.dumps`` and ``csv.writer`` of the same rows into a ZIP; the rows written."""
    from privacy_center.services.export import ZIP_COMPRESSLEVEL

    rows_total = 0
    csvs = []
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=ZIP_COMPRESSLEVEL) as archive:
        with archive.open("data.json", "w", force_zip64=True) as entry:
            entry.write(b"[")
            for n, (name, header, sql, params) in enumerate(queries):
                rows = reader.fetchall(sql, params)
                if n:
                    entry.write(b",")
                entry.write(json.dumps(rows, ensure_ascii=False, default=str, separators=(",", ":")).encode())
                text = io.StringIO()
                writer = csv.writer(text)
                writer.writerow(header)
                writer.writerows(rows)
                csvs.append((name, text.getvalue().encode()))
                rows_total += len(rows)
            entry.write(b"]")
        for name, data in csvs:
            archive.writestr(f"csv/{name}.csv", data)
    return rows_total


# -- (b) and (c) ----------------------------------------------------------------------------------------


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


def archive_only(subject, target) -> None:
    """(c') ``write_archive`` alone, into ``target``."""
    from privacy_center.services.export import write_archive

    write_archive(subject, target)


def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _interleaved(fns: dict, repeat: int) -> dict[str, float]:
    """The best of ``repeat`` runs of each, taking turns so that load on the machine hits them alike."""
    best = {name: float("inf") for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            best[name] = min(best[name], _timed(fn))
    return best


def _status_mb(key: str) -> float | None:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _reset_peak_rss() -> float:
    """Linux: reset the peak RSS (VmHWM) to the current RSS and return it; elsewhere the lifetime peak."""
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
        now = _status_mb("VmRSS")
        if now is not None:
            return now
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _peak_rss_mb() -> float:
    peak = _status_mb("VmHWM")
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_memory(fn) -> tuple[float, float]:
    """(tracemalloc peak growth, peak RSS growth) of one run of ``fn``, in MB."""
    rss_before = _reset_peak_rss()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    try:
        fn()
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    return peak / (1024 * 1024), _peak_rss_mb() - rss_before


# -- sized customers ------------------------------------------------------------------------------------


def seed_sized_customer(rows: int):
    """A customer with exactly ``rows`` exportable rows: 10% orders, 30% order lines, 10% payments, the rest
    visits; inserted by SQL (the ORM would take minutes for a million)."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from shop_demo.models import Product

    orders = max(1, rows // 10)
    visits = rows - orders * 5
    User = get_user_model()
    email = f"rows-{rows}@example.com"
    product = Product.objects.order_by("pk").first()
    with transaction.atomic(), connection.cursor() as cursor:
        user = User.objects.create(username=f"rows-{rows}", email=email, first_name="Size", last_name=str(rows))
        if connection.vendor == "postgresql":
            series = "SELECT i FROM generate_series(1, %s) AS g(i)"
            ago = "now() - (i %% 3000) * interval '1 hour'"
            cast_ip = "::inet"
        else:
            series = "WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < %s) SELECT i FROM g"
            ago = "datetime('now', '-' || (i %% 3000) || ' hours')"
            cast_ip = ""
        cursor.execute(
            "INSERT INTO shop_demo_order (number, user_id, email, full_name, phone, line1, line2, city, postcode, "
            "billing_postcode, country, ip_address, status, total, created_at) "
            f"SELECT 'R{rows}-' || i, %s, %s, 'Size Customer', '+46 70 123 45 67', 'Storgatan ' || i, '', "
            f"'Uppsala', '753 20', '753 20', 'SE', '198.51.100.7'{cast_ip}, 'paid', 199.5 + (i %% 7), {ago} "
            f"FROM ({series}) AS s", [user.pk, email, orders])
        for line in range(3):
            cursor.execute(
                "INSERT INTO shop_demo_orderline (order_id, product_id, product_name, quantity, unit_price) "
                "SELECT id, %s, 'Linen shirt – blå', 1 + %s, 49.9 FROM shop_demo_order WHERE user_id = %s",
                [product.pk, line, user.pk])
        cursor.execute(
            "INSERT INTO shop_demo_payment (order_id, method, last4, amount, created_at) "
            "SELECT id, 'card', '4242', total, created_at FROM shop_demo_order WHERE user_id = %s", [user.pk])
        if visits > 0:
            cursor.execute(
                "INSERT INTO shop_demo_visitlog (user_id, ip_address, user_agent, path, created_at) "
                f"SELECT %s, '203.0.113.9'{cast_ip}, 'Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101', "
                f"'/p/' || i, {ago} FROM ({series}) AS s", [user.pk, visits])
    analyze()
    return user


# -- the run ----------------------------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench export", description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="End with one JSON line of the figures.")
    parser.add_argument("--repeat", type=int, default=5, help="Timed runs of (a), (c) and (c'); the best counts.")
    parser.add_argument("--sizes", default="", help="Also customers with these row counts, e.g. 1000,10000,100000.")
    parser.add_argument("--no-serializer", action="store_true", help="Skip (b), Django's serializer (slow).")
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


def _measure(subject, reader: RawReader, repeat: int) -> dict[str, float]:
    queries = floor_queries(subject)
    with tempfile.TemporaryFile() as sink_a, tempfile.TemporaryFile() as sink_c:
        def run_floor():
            sink_a.seek(0)
            sink_a.truncate()
            floor(reader, queries, sink_a)

        def run_archive():
            sink_c.seek(0)
            sink_c.truncate()
            archive_only(subject, sink_c)

        run_floor()  # warm the database's caches
        # Memory on the customer's first export (which also warms up the timed ones): a later one would
        # reuse what the allocator kept from it, and its RSS would hardly grow at all.
        mem_mb, rss_mb = peak_memory(lambda: ours(subject))
        times = _interleaved({"floor": run_floor, "ours": lambda: ours(subject), "archive": run_archive}, repeat)
    times["mem_mb"], times["rss_mb"] = mem_mb, rss_mb
    return times


def _row(label, rows, t, *, ratio_target: bool) -> str:
    """One line of the table; the ratio is a target for the heavy customer, the memory for every size (a small
    customer's time is mostly the export's fixed cost: 35 sources, index.html, the event and the e-mail)."""
    ratio = t["ours"] / t["floor"]
    ok = (ratio <= TARGET_VS_FLOOR or not ratio_target) and t["mem_mb"] < TARGET_MEMORY_MB
    target = f"<= {TARGET_VS_FLOOR:g}" if ratio_target else "mem"
    return (f"{label:<16}{rows:>9,}  {t['ours']:8.3f} s  {t['archive']:8.3f} s  {t['floor']:8.3f} s  "
            f"{ratio:6.2f}  {t['archive'] / t['floor']:6.2f}  {target:>6}  {'PASS' if ok else 'FAIL'}  "
            f"{t['mem_mb']:7.1f} MB  {t['rss_mb']:7.1f} MB")


def _run(args, backend: str) -> int:
    from django.contrib.auth import get_user_model
    from django.db import connection

    from privacy_center.registry import site
    from privacy_center.services.export import ZIP_COMPRESSLEVEL
    from privacy_center.subjects import Subject

    started = time.perf_counter()
    _seed()
    seeded = time.perf_counter() - started
    User = get_user_model()
    heavy = Subject.for_user(User.objects.get(email="heavy@example.com"))
    light = Subject.for_user(User.objects.exclude(email="heavy@example.com").filter(orders__isnull=False).first())
    counts = {s.name: s.count(heavy) for s in site if s.count(heavy)}
    rows = sum(counts.values())
    reader = RawReader()
    print(f"database: {backend} ({connection.vendor}); seeded in {seeded:.1f} s")
    print(f"heavy customer: {rows:,} rows in {len(counts)} non-empty of {len(site)} sources: "
          + ", ".join(f"{k}={v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])[:5]))
    print(FLOOR_DESCRIPTION.format(cursor=reader.cursor_kind, level=ZIP_COMPRESSLEVEL))
    print("(c) = build_export end to end (Export row, ZIP, hashes, storage, event, e-mail); "
          "(c') = write_archive alone; memory = peak growth during the customer's first (c), after one export of "
          "another customer: tracemalloc, RSS")

    t_django = None
    if not args.no_serializer:
        with tempfile.TemporaryFile("w+") as sink:
            t_django = _timed(lambda: django_serializer(heavy, sink))
    ours(light)  # the process's first export imports modules and loads catalogs, whatever its size
    results = [("heavy customer", rows, _measure(heavy, reader, args.repeat))]
    with counting_queries() as q_heavy:
        ours(heavy)
    with counting_queries() as q_light:
        ours(light)

    for size in [int(s) for s in args.sizes.split(",") if s.strip()]:
        started = time.perf_counter()
        user = seed_sized_customer(size)
        subject = Subject.for_user(user)
        found = sum(s.count(subject) for s in site)
        print(f"  seeded a customer with {found:,} rows in {time.perf_counter() - started:.1f} s")
        results.append((f"{size:,} rows", found, _measure(subject, reader, 1 if size >= 500_000 else
                                                         min(args.repeat, 3))))
    reader.close()

    print()
    print(f"{'customer':<16}{'rows':>9}  {'(c) ours':>10}  {CPRIME + ' write':>10}  {'(a) floor':>10}  "
          f"{'c/a':>6}  {CPRIME[1:-1] + '/a':>6}  {'target':>6}  ok    {'tracemalloc':>10}  {'peak RSS':>10}")
    for i, (label, n, t) in enumerate(results):
        print(_row(label, n, t, ratio_target=i == 0))
    heavy_t = results[0][2]
    vs_floor = heavy_t["ours"] / heavy_t["floor"]
    memory_ok = all(t["mem_mb"] < TARGET_MEMORY_MB for _l, _n, t in results)
    print()
    if t_django is not None:
        vs_django = t_django / heavy_t["ours"]
        print(f"(b) django serializers.serialize: {t_django:.3f} s; (b)/(c) = {vs_django:.2f}  "
              f"(target >= {TARGET_VS_DJANGO:g})  {'PASS' if vs_django >= TARGET_VS_DJANGO else 'FAIL'}")
    print(f"queries of (c): heavy {q_heavy.other}, light {q_light.other} for {len(site)} sources, besides the "
          f"progress writes (at most one a second: heavy {q_heavy.progress}, light {q_light.progress}) "
          f"(target: equal)  {'PASS' if q_heavy.other == q_light.other else 'FAIL'}")
    met = (vs_floor <= TARGET_VS_FLOOR and memory_ok and q_heavy.other == q_light.other
           and (t_django is None or t_django / heavy_t["ours"] >= TARGET_VS_DJANGO))
    print("targets met" if met else "TARGETS NOT MET")
    if args.json:
        print(json.dumps({
            "backend": connection.vendor, "rows": rows, "sources": len(site),
            "floor_s": round(heavy_t["floor"], 4), "ours_s": round(heavy_t["ours"], 4),
            "write_archive_s": round(heavy_t["archive"], 4), "vs_floor": round(vs_floor, 3),
            "django_serializer_s": None if t_django is None else round(t_django, 4),
            "peak_mem_mb": round(heavy_t["mem_mb"], 2), "peak_rss_mb": round(heavy_t["rss_mb"], 2),
            "queries": q_heavy.other, "queries_light": q_light.other, "progress_writes": q_heavy.progress,
            "sizes": [{"rows": n, "ours_s": round(t["ours"], 4), "floor_s": round(t["floor"], 4),
                       "mem_mb": round(t["mem_mb"], 2), "rss_mb": round(t["rss_mb"], 2)} for _l, n, t in results[1:]],
            "targets_met": met,
        }))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
