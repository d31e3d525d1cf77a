"""``python -m bench erase [--json]``: our erasure and retention sweep against raw SQL and a naive save() loop.

Erasure of the heavy customer (10k orders, 40k order lines, 2k reviews, 20k
visits, seeded by ``manage.py seed_demo --heavy-customer``), timed three ways in
one run, each inside a transaction that is rolled back so all three see the same
data:

(a) ours: ``privacy_center.erasure.services.executor.erase_subject`` (plan with legal-hold
    ids, sessions, every source, user row, suppression, tombstone, holds, receipt);
(b) the floor: the same deletes and updates as hand-written raw SQL statements, with the
    same bookkeeping (the erasure row, the legal holds of the orders, their lines and payments
    with their row ids per start year in one ``INSERT ... SELECT``, the tombstone); the run
    checks that it writes the same legal-hold records as (a). The bare statements (b'),
    without that bookkeeping, are timed too and reported;
(c) what a developer might write: a loop of ``save()`` and ``delete()`` per object.

Retention sweep: 1M visit-log rows and 100k orders (about half and a third past
their retention) swept by ours (batched statements over primary-key ranges) and
by the equivalent single ``DELETE`` and ``UPDATE`` statements.

Targets: vs_raw_sql (a/b) <= 2 (issue 15; vs_bare_sql, a/b', is reported), sweep_vs_sql (our rows per second divided by
the single statements') >= 0.5; vs_naive_save (c/a) is reported. ``--skip-sweep`` leaves
the sweep out (it inserts 1.1M rows first). The database is a
temporary SQLite file, or with ``DATABASE_URL`` naming PostgreSQL a database
``<name>_bench_erase`` created for the run and dropped afterwards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import tempfile
import time

from bench._database import prepare_environment

BENCH_DB_SUFFIX = "_bench_erase"
VISITS, ORDERS = 1_000_000, 100_000
TARGET_VS_RAW = 2.0
TARGET_SWEEP = 0.5
FLOOR_DESCRIPTION = (
    "floor (b) = {n} plain SQL statements on Django's cursor, in one transaction, doing the same bookkeeping: "
    "the erasure row inserted; one INSERT ... SELECT writing the legal holds of the orders, order lines and "
    "payments (per start year: the row ids, count, first and last order number, read once from a materialized "
    "CTE of the customer's orders with a binary CASE over the years' first instants); one UPDATE anonymizing "
    "the customer's orders (user_id or e-mail), one DELETE per personal table (support messages, newsletter, "
    "visits, reviews, wishlist, addresses, profile, e-mail confirmations and addresses, social accounts, "
    "sessions), the orders' and timeline's user_id set to NULL, the user's groups, permissions and row deleted, "
    "one INSERT into the suppression list and one into the tombstones, the erasure marked completed; no key "
    "reads, no verification, no receipt, no notifications"
)
BARE_DESCRIPTION = "bare floor: the same statements without the erasure row, the holds and the tombstone"


class Rollback(Exception):
    pass


def holds_written(fn) -> list[tuple]:
    """The legal-hold records ``fn`` writes (source, until, count, ids, references), rolled back after."""
    from django.db import transaction

    from privacy_center.erasure.models import LegalHoldRecord

    try:
        with transaction.atomic():
            fn()
            raise Rollback(sorted(
                (r.source, r.model, r.label, r.reason, r.until, r.count, tuple(sorted(r.object_ids)), r.first_ref,
                 r.last_ref) for r in LegalHoldRecord.objects.filter(source__startswith="shop_demo.")))
    except Rollback as done:
        return done.args[0]


def _prepare_environment(workdir: str):
    return prepare_environment(workdir, BENCH_DB_SUFFIX)


def timed_and_rolled_back(fn) -> float:
    """Run ``fn`` in a transaction, time it, then roll everything back."""
    from django.db import transaction

    elapsed = 0.0
    try:
        with transaction.atomic():
            started = time.perf_counter()
            fn()
            elapsed = time.perf_counter() - started
            raise Rollback
    except Rollback:
        pass
    return elapsed


# -- erasure -----------------------------------------------------------------------------------------


def ours(user) -> None:
    from django.utils import timezone

    from privacy_center.erasure.models import SubjectErasure
    from privacy_center.erasure.services.executor import erase_subject
    from privacy_center.subjects import Subject

    subject = Subject.for_user(user)
    now = timezone.now()
    erasure = SubjectErasure.objects.create(subject_key=subject.key, user=user, method="bench", requested_at=now,
                                            due_at=now)
    receipt = erase_subject(subject, erasure)
    assert receipt["totals"]["anonymize"] >= 10_000, receipt["totals"]


def _year_case(column: str, starts: list[tuple[int, dt.datetime]]) -> tuple[str, list]:
    """A binary CASE giving the start year of ``column`` (``starts``: each year and its first instant, in
    order): about log2(years) comparisons a row. The floor's own SQL text, the same CASE as the planner's
    ``YearOf``, written out here so that the floor runs no code of the erasure it is measured against."""
    if len(starts) == 1:
        return str(starts[0][0]), []
    mid = len(starts) // 2
    high, high_params = _year_case(column, starts[mid:])
    low, low_params = _year_case(column, starts[:mid])
    return f"CASE WHEN {column} >= %s THEN {high} ELSE {low} END", [starts[mid][1], *high_params, *low_params]


def _hold_statement(erasure_id: int, uid: int, email: str) -> tuple[str, list]:
    """The legal holds of the orders, their lines and payments (7 years from the order's year), as
    ``LegalHoldRecord`` rows, in one ``INSERT ... SELECT``."""
    from django.db import connection
    from django.utils import timezone

    from shop_demo.privacy import BOOKKEEPING_REASON

    this_year = timezone.localtime().year
    starts = [(y, timezone.make_aware(dt.datetime(y, 1, 1))) for y in range(this_year - 14, this_year + 2)]
    case, case_params = _year_case("created_at", starts)
    if connection.vendor == "postgresql":
        ids, until = "('[' || STRING_AGG(t.id::text, ',') || ']')::jsonb", "MAKE_DATE(h.y + 7, 12, 31)"
        no_time = "NULL::timestamptz"
    else:
        ids, until, no_time = "'[' || GROUP_CONCAT(t.id) || ']'", "(h.y + 7) || '-12-31'", "NULL"
    reason = str(BOOKKEEPING_REASON)

    def per_year(source: str, model: str, label: str, table: str, join: str) -> tuple[str, list]:
        return (f"SELECT %s, %s, %s, %s, %s, {until}, FALSE, {ids}, COUNT(*), MIN(h.number), MAX(h.number), "
                f"'', '', {no_time} FROM {table} t JOIN h ON {join} GROUP BY h.y",
                [erasure_id, source, model, label, reason])

    parts = [per_year("shop_demo.order", "shop_demo.Order", "Orders", "shop_demo_order", "t.id = h.id"),
             per_year("shop_demo.orderline", "shop_demo.OrderLine", "Order lines", "shop_demo_orderline",
                      "t.order_id = h.id"),
             per_year("shop_demo.payment", "shop_demo.Payment", "Payments", "shop_demo_payment",
                      "t.order_id = h.id")]
    sql = ("INSERT INTO privacy_erasure_legalholdrecord (erasure_id, source, model, label, reason, until, "
           "conditional, object_ids, count, first_ref, last_ref, notify_email, language, released_at) "
           f"WITH h AS MATERIALIZED (SELECT id, number, {case} AS y FROM shop_demo_order "
           "WHERE user_id = %s OR UPPER(email) = UPPER(%s)) " + " UNION ALL ".join(sql for sql, _ in parts))
    return sql, [*case_params, uid, email, *[p for _, params in parts for p in params]]


def raw_sql(user, *, bookkeeping: bool = True) -> int:
    """The same changes, by hand: one statement per table; with ``bookkeeping``, also the erasure row, the
    legal holds and the tombstone, as ``ours`` writes them."""
    from django.db import connection

    from privacy_center.anonymizers import placeholder_email_value
    from privacy_center.hashing import email_hash, keyed_hash

    uid, email = user.pk, user.email
    now = dt.datetime.now(dt.UTC)
    placeholder = placeholder_email_value(email)
    emails_where = "user_id = %s OR UPPER(email) = UPPER(%s)"
    statements = [
        (f"UPDATE shop_demo_order SET full_name = '[redacted]', email = %s, phone = '', line1 = '[redacted]', "
         f"line2 = '', ip_address = NULL WHERE {emails_where}", [placeholder, uid, email]),
        (f"DELETE FROM shop_demo_supportmessage WHERE {emails_where}", [uid, email]),
        (f"DELETE FROM shop_demo_newslettersignup WHERE {emails_where}", [uid, email]),
        ("DELETE FROM shop_demo_visitlog WHERE user_id = %s", [uid]),
        ("DELETE FROM shop_demo_review WHERE user_id = %s", [uid]),
        ("DELETE FROM shop_demo_wishlistitem WHERE user_id = %s", [uid]),
        ("DELETE FROM shop_demo_address WHERE user_id = %s", [uid]),
        ("DELETE FROM shop_demo_customerprofile WHERE user_id = %s", [uid]),
        ("DELETE FROM account_emailconfirmation WHERE email_address_id IN "
         "(SELECT id FROM account_emailaddress WHERE user_id = %s)", [uid]),
        ("DELETE FROM account_emailaddress WHERE user_id = %s", [uid]),
        ("DELETE FROM socialaccount_socialaccount WHERE user_id = %s", [uid]),
        ("DELETE FROM usersessions_usersession WHERE user_id = %s", [uid]),
        ("UPDATE shop_demo_order SET user_id = NULL WHERE user_id = %s", [uid]),
        ("UPDATE privacy_center_privacyevent SET user_id = NULL WHERE user_id = %s", [uid]),
        ("DELETE FROM auth_user_groups WHERE user_id = %s", [uid]),
        ("DELETE FROM auth_user_user_permissions WHERE user_id = %s", [uid]),
        ("DELETE FROM auth_user WHERE id = %s", [uid]),
        ("INSERT INTO privacy_center_suppressedemail (email_hash, reason, created_at) VALUES (%s, 'erased', %s)",
         [email_hash(email), now]),
    ]
    with connection.cursor() as cursor:
        if not bookkeeping:
            for sql, params in statements:
                cursor.execute(sql, params)
            return len(statements)
        cursor.execute(
            "INSERT INTO privacy_erasure_subjecterasure (subject_key, user_id, email, status, method, requested_at, "
            "due_at, attempts, last_error, user_was_active, notify_on_release, receipt) VALUES "
            "(%s, %s, %s, 'running', 'bench', %s, %s, 0, '', TRUE, FALSE, '{}') RETURNING id",
            [f"user:{uid}", uid, email, now, now])
        erasure_id = cursor.fetchone()[0]
        cursor.execute(*_hold_statement(erasure_id, uid, email))  # before the orders lose their user_id
        for sql, params in statements:
            cursor.execute(sql, params)
        cursor.execute(
            "INSERT INTO privacy_erasure_erasuretombstone (subject_hash, email_hashes, user_action, erased_at) "
            "VALUES (%s, %s, 'delete', %s)", [keyed_hash(f"user:{uid}"), f'["{email_hash(email)}"]', now])
        cursor.execute("UPDATE privacy_erasure_subjecterasure SET user_id = NULL, email = '', status = 'completed', "
                       "completed_at = %s WHERE id = %s", [now, erasure_id])
    return len(statements) + 4


def naive(user) -> None:
    """Object by object, as a first version often does."""
    from privacy_center.anonymizers import placeholder_email_value
    from shop_demo.models import (
        Address,
        CustomerProfile,
        NewsletterSignup,
        Order,
        Review,
        SupportMessage,
        VisitLog,
        WishlistItem,
    )

    placeholder = placeholder_email_value(user.email)
    for order in Order.objects.filter(user=user):
        order.full_name, order.email, order.phone = "[redacted]", placeholder, ""
        order.line1, order.line2, order.ip_address = "[redacted]", "", None
        order.save()
    for model in (VisitLog, Review, WishlistItem, Address, CustomerProfile, SupportMessage, NewsletterSignup):
        for row in model.objects.filter(user=user):
            row.delete()
    user.delete()


# -- retention sweep -------------------------------------------------------------------------------------


def _seed_sweep_rows() -> None:
    """1M visits over the last 180 days and 100k orders over 10 years, inserted by SQL."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "INSERT INTO shop_demo_visitlog (user_id, ip_address, user_agent, path, created_at) "
                "SELECT NULL, ('203.0.113.' || (i %% 250))::inet, 'bench', '/p/' || i, "
                "now() - (i %% 180) * interval '1 day' - interval '1 hour' FROM generate_series(1, %s) AS i",
                [VISITS])
            cursor.execute(
                "INSERT INTO shop_demo_order (number, user_id, email, full_name, phone, line1, line2, city, postcode, "
                "billing_postcode, country, ip_address, status, total, created_at) "
                "SELECT 'B-' || i, NULL, 'buyer' || i || '@example.com', 'Buyer ' || i, '+46 70 000', 'Gatan ' || i, "
                "'', 'Uppsala', '753 20', '753 20', 'SE', '198.51.100.7', 'paid', 10, "
                "now() - (i %% 3650) * interval '1 day' - interval '1 hour' FROM generate_series(1, %s) AS i",
                [ORDERS])
        else:
            cursor.execute(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %s) "
                "INSERT INTO shop_demo_visitlog (user_id, ip_address, user_agent, path, created_at) "
                "SELECT NULL, '203.0.113.' || (i %% 250), 'bench', '/p/' || i, "
                "datetime('now', '-' || (i %% 180) || ' days', '-1 hour') FROM n", [VISITS])
            cursor.execute(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %s) "
                "INSERT INTO shop_demo_order (number, user_id, email, full_name, phone, line1, line2, city, postcode, "
                "billing_postcode, country, ip_address, status, total, created_at) "
                "SELECT 'B-' || i, NULL, 'buyer' || i || '@example.com', 'Buyer ' || i, '+46 70 000', 'Gatan ' || i, "
                "'', 'Uppsala', '753 20', '753 20', 'SE', '198.51.100.7', 'paid', 10, "
                "datetime('now', '-' || (i %% 3650) || ' days', '-1 hour') FROM n", [ORDERS])


def sweep_ours(now, batch_size: int = 50_000) -> int:
    """The retention sweep of the visit log and the orders, through the app (``bench scale`` uses it too)."""
    from privacy_center.erasure.services import retention
    from privacy_center.registry import Registry, site

    two = Registry()
    for name in ("shop_demo.visitlog", "shop_demo.order"):
        two.register(site.get(name))
    report = retention.SweepReport(dry_run=False, started_at=now)
    saved, retention.site = retention.site, two
    try:
        retention.sweep_sources(report, now, batch_size=batch_size)
    finally:
        retention.site = saved
    return report.total


def sweep_sql(now) -> int:
    """The same as two single statements (the anonymizing one with the same SQL expressions)."""
    from django.db import connection
    from django.db.models import Q

    from privacy_center.anonymizers import REDACTED
    from privacy_center.erasing import anonymize_queryset, resolve_anonymizers
    from privacy_center.registry import site
    from shop_demo.models import Order

    visit_cutoff = now - dt.timedelta(days=90)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM shop_demo_visitlog WHERE created_at < %s", [visit_cutoff])
        deleted = cursor.rowcount
    # One UPDATE for all expired orders: exactly our anonymizers' SQL, without the batching.
    expired = Order.objects.filter(created_at__lt=now - dt.timedelta(days=7 * 365)).exclude(Q(full_name=REDACTED))
    updated = anonymize_queryset(expired, resolve_anonymizers(site.get("shop_demo.order")))
    return deleted + updated


# -- the run -----------------------------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench erase", description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="End with one JSON line of the figures.")
    parser.add_argument("--skip-sweep", action="store_true", help="Leave out the retention sweep.")
    args = parser.parse_args(argv)
    workdir = tempfile.mkdtemp(prefix="bench-erase-")
    backend, cleanup = _prepare_environment(workdir)
    import django

    django.setup()
    import logging

    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    logging.getLogger("privacy_center").setLevel(logging.WARNING)
    try:
        return _run(args, backend)
    finally:
        cleanup()


def _run(args, backend: str) -> int:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    started = time.perf_counter()
    with open(os.devnull, "w") as devnull:
        call_command("migrate", verbosity=0, stdout=devnull)
        call_command("seed_demo", "--customers", "20", "--orders-per-customer", "3", "--heavy-customer",
                     "--seed", "7", stdout=devnull)
    print(f"database: {backend} ({connection.vendor}); seeded the heavy customer in "
          f"{time.perf_counter() - started:.1f} s")
    User = get_user_model()

    def heavy():
        return User.objects.get(email="heavy@example.com")

    from shop_demo.models import Order, OrderLine, Review, VisitLog

    user = heavy()
    print(f"heavy customer: {Order.objects.filter(user=user).count()} orders, "
          f"{OrderLine.objects.filter(order__user=user).count()} lines, {Review.objects.filter(user=user).count()} "
          f"reviews, {VisitLog.objects.filter(user=user).count()} visits")

    statements = []
    timed_and_rolled_back(lambda: statements.append(raw_sql(heavy())))  # warm the caches
    timed_and_rolled_back(lambda: raw_sql(heavy(), bookkeeping=False))
    print(FLOOR_DESCRIPTION.format(n=statements[0]))
    floor_holds, our_holds = holds_written(lambda: raw_sql(heavy())), holds_written(lambda: ours(heavy()))
    if floor_holds != our_holds:
        raise SystemExit(f"the floor's legal holds differ from ours: {len(floor_holds)} records, ours {len(our_holds)}")
    print(f"(the floor and ours write the same {len(our_holds)} legal-hold records, "
          f"{sum(h[5] for h in our_holds):,} rows)")
    print(BARE_DESCRIPTION)
    print("(a) ours = erase_subject: plan with legal-hold ids, every source's keys read first, sessions ended, "
          "anonymize and delete by key, the planned rows counted again (what is left, and per anonymized field the "
          "rows that do not hold the anonymized value), suppression, tombstone, holds, receipt, event, recipients")
    t_raw = t_bare = t_ours = float("inf")
    for _ in range(5):  # taking turns, so that load on the machine hits all alike
        t_raw = min(t_raw, timed_and_rolled_back(lambda: raw_sql(heavy())))
        t_ours = min(t_ours, timed_and_rolled_back(lambda: ours(heavy())))
        t_bare = min(t_bare, timed_and_rolled_back(lambda: raw_sql(heavy(), bookkeeping=False)))
    t_naive = timed_and_rolled_back(lambda: naive(heavy()))
    vs_raw, vs_bare, vs_naive = t_ours / t_raw, t_ours / t_bare, t_naive / t_ours
    rows_erased = (Order.objects.filter(user=user).count() + OrderLine.objects.filter(order__user=user).count()
                   + Review.objects.filter(user=user).count() + VisitLog.objects.filter(user=user).count())
    print()
    print(f"{'benchmark':<22}{'rows':>10}  {'ours':>9}  {'floor':>9}  {'ratio':>6}  {'target':>8}  ok")
    print(f"{'erasure (heavy)':<22}{rows_erased:>10,}  {t_ours:7.3f} s  {t_raw:7.3f} s  {vs_raw:6.2f}  "
          f"{'<= ' + format(TARGET_VS_RAW, 'g'):>8}  {'PASS' if vs_raw <= TARGET_VS_RAW else 'FAIL'}")
    print(f"{'  vs the bare floor':<22}{'':>10}  {t_ours:7.3f} s  {t_bare:7.3f} s  {vs_bare:6.2f}  {'reported':>8}")
    print(f"naive save() loop {t_naive:.3f} s: naive / ours = {vs_naive:.1f}x")

    rows = {"sql": 0, "ours": 0}
    t_sql = t_sweep = 0.0
    sweep_ratio = None
    if not args.skip_sweep:
        started = time.perf_counter()
        _seed_sweep_rows()
        print(f"sweep data: {VisitLog.objects.count()} visits, {Order.objects.count()} orders "
              f"(inserted in {time.perf_counter() - started:.1f} s)")
        now = timezone.now()
        t_sql = timed_and_rolled_back(lambda: rows.__setitem__("sql", sweep_sql(now)))
        t_sweep = timed_and_rolled_back(lambda: rows.__setitem__("ours", sweep_ours(now)))
        if rows["sql"] != rows["ours"]:
            raise SystemExit(f"the sweeps disagree: SQL {rows['sql']} rows, ours {rows['ours']} rows")
        sweep_ratio = (rows["ours"] / t_sweep) / (rows["sql"] / t_sql)
        print(f"{'sweep (throughput)':<22}{rows['ours']:>10,}  {t_sweep:7.3f} s  {t_sql:7.3f} s  {sweep_ratio:6.2f}  "
              f"{'>= ' + format(TARGET_SWEEP, 'g'):>8}  {'PASS' if sweep_ratio >= TARGET_SWEEP else 'FAIL'}"
              f"   (floor: one DELETE and one UPDATE)")
    ok = vs_raw <= TARGET_VS_RAW and (sweep_ratio is None or sweep_ratio >= TARGET_SWEEP)
    print("targets met" if ok else "TARGETS NOT MET")
    if args.json:
        print(json.dumps({
            "database": connection.vendor, "erase_ours_s": round(t_ours, 4), "erase_raw_sql_s": round(t_raw, 4),
            "erase_naive_s": round(t_naive, 4), "vs_raw_sql": round(vs_raw, 3),
            "erase_bare_sql_s": round(t_bare, 4), "vs_bare_sql": round(vs_bare, 3), "vs_naive_save": round(vs_naive, 2),
            "sweep_rows": rows["ours"], "sweep_ours_s": round(t_sweep, 3), "sweep_sql_s": round(t_sql, 3),
            "sweep_vs_sql": None if sweep_ratio is None else round(sweep_ratio, 3), "ok": ok,
        }))
    return 0 if ok else 1
