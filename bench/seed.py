"""Seeding speed: ``python -m bench seed [--customers N] [--orders-per-customer M] [--json]``.

Migrates a fresh SQLite database in a temporary folder, then times
``seed_shop`` alone (the work ``manage.py seed_demo`` does) for 10,000
customers with 10 orders each (100k customer orders, plus 10k guest orders).
The quality bar is under a minute. Run it in its own process: the database is
chosen before Django starts.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench seed")
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--orders-per-customer", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="end with one JSON line of the figures")
    args = parser.parse_args(argv)

    folder = tempfile.mkdtemp(prefix="bench-seed-")
    path = os.path.join(folder, "bench.sqlite3")
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop_demo.settings")
    try:
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        if str(settings.DATABASES["default"]["NAME"]) != path:
            print("Django was already configured with another database; run `python -m bench seed` "
                  "in a fresh process.", file=sys.stderr)
            return 2
        call_command("migrate", verbosity=0, interactive=False)

        from shop_demo.seeding import SeedOptions, seed_shop

        options = SeedOptions(customers=args.customers, orders_per_customer=args.orders_per_customer, seed=args.seed)
        started = time.perf_counter()
        counts = seed_shop(options)
        seconds = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        customer_orders = args.customers * args.orders_per_customer
        print(f"Seeded {counts['order']:,} orders ({customer_orders:,} by customers, "
              f"{counts['order'] - customer_orders:,} by guests), {counts['orderline']:,} order lines, "
              f"{counts['user']:,} customers in {seconds:.1f} s on SQLite (peak RSS {peak_mb:.0f} MB).")
        if args.json:
            print(json.dumps({"orders": counts["order"], "customer_orders": customer_orders,
                              "order_lines": counts["orderline"], "seconds": round(seconds, 2),
                              "peak_rss_mb": round(peak_mb)}))
        return 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)
