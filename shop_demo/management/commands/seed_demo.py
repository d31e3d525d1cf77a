"""``manage.py seed_demo``: realistic, deterministic shop data of any size, and the demo logins."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from shop_demo.models import Product
from shop_demo.seeding import SeedError, SeedOptions, ensure_products, seed_shop
from shop_demo.seeding.demo import ensure_demo_accounts, ensure_privacy_policy


class Command(BaseCommand):
    help = ("Fill the shop with deterministic demo data (customers, orders, reviews, visits ...) and make sure "
            "the demo customer and staff logins exist.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--customers", type=int, default=50, help="Number of customers (default 50).")
        parser.add_argument("--orders-per-customer", type=int, default=5, help="Orders per customer (default 5).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed: same seed, same data (default 1).")
        parser.add_argument("--heavy-customer", action="store_true",
                            help="Add heavy@example.com with 10k orders, 40k lines, 2k reviews and 20k visits.")
        parser.add_argument("--if-empty", action="store_true",
                            help="Only seed when the shop has no products yet (the demo logins are always ensured).")

    def handle(self, *args, customers, orders_per_customer, seed, heavy_customer, if_empty, **options) -> None:
        opts = SeedOptions(customers=customers, orders_per_customer=orders_per_customer, seed=seed,
                           heavy_customer=heavy_customer)
        try:
            opts.validate()
        except SeedError as error:
            raise CommandError(str(error)) from error
        if if_empty and Product.objects.exists():
            self.stdout.write("The shop already has products: nothing seeded (--if-empty).")
        else:
            started = time.perf_counter()
            try:
                counts = seed_shop(opts, progress=self.stdout.write if opts.customers >= 5_000 else None)
            except SeedError as error:
                raise CommandError(str(error)) from error
            elapsed = time.perf_counter() - started
            summary = ", ".join(f"{k} {counts[k]:,}" for k in sorted(counts))
            self.stdout.write(self.style.SUCCESS(f"Seeded in {elapsed:.1f} s: {summary}."))
        logins = ensure_demo_accounts(ensure_products())
        self.stdout.write(f"Privacy policy version {ensure_privacy_policy()} published.")
        self.stdout.write("\nDemo logins (http://127.0.0.1:8000/accounts/login/):")
        for login in logins:
            self.stdout.write(f"  {login.role:<9} {login.email}  password: {login.password}")
