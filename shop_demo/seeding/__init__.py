"""Deterministic demo data for the shop, written with ``bulk_create`` in bounded batches.

``seed_shop(SeedOptions(...))`` makes customers (Swedish, US and Vietnamese),
their profiles, addresses, orders with lines and payments, guest orders,
reviews, wishlists, support messages, newsletter sign-ups and visit logs. The
same options and the same ``now`` give the same rows. Customers are generated
``CHUNK`` at a time and each chunk is written and dropped before the next, so
memory stays flat however many orders are asked for.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ..models import (
    Address,
    CustomerProfile,
    NewsletterSignup,
    Order,
    OrderLine,
    Payment,
    Product,
    Review,
    SupportMessage,
    VisitLog,
    WishlistItem,
)
from . import data

CHUNK = 500  # customers generated and written per transaction; fixed so output does not depend on it
MAX_CUSTOMERS = 1_000_000
MAX_ORDERS_PER_CUSTOMER = 1_000
MAX_SEED = 999_999
MAX_ORDERS = 9_000_000  # order numbers FF-<seed>-<7 digits>
HEAVY_EMAIL = "heavy@example.com"
HEAVY = {"orders": 10_000, "lines_per_order": 4, "reviews": 2_000, "visits": 20_000}
UNUSABLE_PASSWORD = "!seeded-account-cannot-log-in"
DAY = 86_400


class SeedError(ValueError):
    """Options that make no sense; the message says which and why."""


@dataclass(frozen=True)
class SeedOptions:
    customers: int
    orders_per_customer: int
    seed: int = 1
    heavy_customer: bool = False

    def validate(self) -> None:
        if self.customers < 0:
            raise SeedError(f"--customers must be 0 or more (got {self.customers}).")
        if self.customers > MAX_CUSTOMERS:
            raise SeedError(f"--customers must be at most {MAX_CUSTOMERS:,} (got {self.customers:,}).")
        if self.orders_per_customer < 0:
            raise SeedError(f"--orders-per-customer must be 0 or more (got {self.orders_per_customer}).")
        if self.orders_per_customer > MAX_ORDERS_PER_CUSTOMER:
            raise SeedError(f"--orders-per-customer must be at most {MAX_ORDERS_PER_CUSTOMER} "
                            f"(got {self.orders_per_customer}); use --heavy-customer for one very active customer.")
        if self.customers * self.orders_per_customer > MAX_ORDERS:
            raise SeedError(f"--customers × --orders-per-customer must be at most {MAX_ORDERS:,}.")
        if not 0 <= self.seed <= MAX_SEED:
            raise SeedError(f"--seed must be between 0 and {MAX_SEED} (got {self.seed}).")
        if self.heavy_customer and self.customers < 1:
            raise SeedError("--heavy-customer needs at least one other customer (--customers 1 or more), "
                            "so the heavy customer is measured among others.")


def _ascii(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace(" ", "")


class _Generator:
    """Makes the rows; one random stream so the output depends only on the seed and ``now``."""

    def __init__(self, options: SeedOptions, now: dt.datetime, products: list[Product]) -> None:
        self.options = options
        self.rng = random.Random(options.seed)
        self.now = now
        self.products = products
        self.regions = list(data.REGIONS)
        self.weights = [data.REGIONS[r]["weight"] for r in self.regions]
        self.order_n = 0

    # -- small pieces ---------------------------------------------------------------
    def when(self, max_days: int) -> dt.datetime:
        return self.now - dt.timedelta(seconds=self.rng.randrange(max_days * DAY))

    def ip(self) -> str:
        # Documentation ranges (RFC 5737 / RFC 3849): realistic shape, never a real person's address.
        r = self.rng.random()
        if r < 0.8:
            prefix = self.rng.choice(["192.0.2", "198.51.100", "203.0.113"])
            return f"{prefix}.{self.rng.randrange(1, 255)}"
        return f"2001:db8::{self.rng.randrange(1, 0xFFFF):x}"

    def person(self, region: str) -> tuple[str, str]:
        words = data.REGIONS[region]
        return self.rng.choice(words["first"]), self.rng.choice(words["last"])

    def phone(self, region: str) -> str:
        r = self.rng
        return data.REGIONS[region]["phone"].format(r.randrange(10), r.randrange(1000), r.randrange(100),
                                                    r.randrange(100))

    def address(self, region: str) -> dict:
        words = data.REGIONS[region]
        city, postcode = self.rng.choice(words["cities"])
        street = self.rng.choice(words["streets"])
        number = self.rng.randrange(1, 140)
        line1 = f"{number} {street}" if region in ("US", "VN") else f"{street} {number}"
        return {"line1": line1, "city": city, "postcode": postcode.format(self.rng.randrange(100)),
                "country": region}

    def birth_date(self) -> dt.date:
        return dt.date(1950, 1, 1) + dt.timedelta(days=self.rng.randrange(55 * 365))

    def national_id(self, region: str, birth: dt.date) -> str:
        r = self.rng
        if region == "SE":
            return f"{birth:%Y%m%d}-{r.randrange(10000):04d}"
        if region == "US":
            return f"{r.randrange(100, 900):03d}-{r.randrange(1, 100):02d}-{r.randrange(1, 10000):04d}"
        return f"0{r.randrange(1, 97):02d}{r.randrange(10 ** 9):09d}"

    def next_order_number(self) -> str:
        self.order_n += 1
        return f"FF-{self.options.seed}-{self.order_n:07d}"

    def order(self, *, user_id, email, full_name, phone, addr, created_at, lines: int | None = None):
        r = self.rng
        n_lines = lines or r.choice((1, 1, 2, 2, 2, 3, 3, 4))
        picks = r.sample(self.products, n_lines)
        line_specs = [(p, r.choice((1, 1, 1, 2, 3))) for p in picks]
        total = sum((p.price * q for p, q in line_specs), Decimal("0.00"))
        age_days = (self.now - created_at).days
        status = (Order.Status.DELIVERED if age_days > 14 else r.choice(
            [Order.Status.PAID, Order.Status.SHIPPED, Order.Status.PLACED, Order.Status.DELIVERED]))
        if r.random() < 0.02:
            status = Order.Status.CANCELLED
        order = Order(
            number=self.next_order_number(), user_id=user_id, email=email, full_name=full_name, phone=phone,
            line1=addr["line1"], city=addr["city"], postcode=addr["postcode"], billing_postcode=addr["postcode"],
            country=addr["country"], ip_address=self.ip(), status=status, total=total, created_at=created_at,
        )
        method = r.choices(["card", "paypal", "invoice", "bank"], weights=[60, 20, 15, 5])[0]
        last4 = f"{r.randrange(10000):04d}" if method in ("card", "bank") else ""
        return order, line_specs, (method, last4)


class _Batch:
    """Rows of one chunk, written together in one transaction."""

    def __init__(self) -> None:
        self.orders: list[tuple[Order, list, tuple]] = []
        self.rows: dict[type, list] = {m: [] for m in (Address, CustomerProfile, EmailAddress, Review, WishlistItem,
                                                       SupportMessage, NewsletterSignup, VisitLog)}

    def add(self, obj) -> None:
        self.rows[type(obj)].append(obj)

    def write(self, counts: Counter) -> None:
        with transaction.atomic():
            for model, objs in self.rows.items():
                if objs:
                    model.objects.bulk_create(objs, batch_size=2000)
                    counts[model._meta.model_name] += len(objs)
            if self.orders:
                order_objs = [o for o, _, _ in self.orders]
                Order.objects.bulk_create(order_objs, batch_size=2000)
                lines, payments = [], []
                for order, line_specs, (method, last4) in self.orders:
                    for product, qty in line_specs:
                        lines.append(OrderLine(order_id=order.pk, product_id=product.pk, product_name=product.name,
                                               quantity=qty, unit_price=product.price))
                    payments.append(Payment(order_id=order.pk, method=method, last4=last4, amount=order.total,
                                            created_at=order.created_at))
                OrderLine.objects.bulk_create(lines, batch_size=4000)
                Payment.objects.bulk_create(payments, batch_size=4000)
                counts["order"] += len(order_objs)
                counts["orderline"] += len(lines)
                counts["payment"] += len(payments)


def ensure_products() -> list[Product]:
    """The catalogue, created once (by slug) and reused by every run."""
    existing = set(Product.objects.values_list("slug", flat=True))
    rng = random.Random("catalogue")
    missing = [Product(name=name, slug=slug, material=material, price=price, description=description,
                       stock=rng.randrange(40, 400))
               for name, slug, material, price, description in data.catalogue() if slug not in existing]
    Product.objects.bulk_create(missing)
    return list(Product.objects.order_by("slug"))


def _make_customer(gen: _Generator, batch: _Batch, user, region: str, orders: int) -> None:
    r = gen.rng
    birth = gen.birth_date()
    phone = gen.phone(region)
    batch.add(EmailAddress(user_id=user.pk, email=user.email, verified=r.random() < 0.9, primary=True))
    batch.add(CustomerProfile(user_id=user.pk, phone=phone, birth_date=birth if r.random() < 0.8 else None,
                              national_id=gen.national_id(region, birth) if r.random() < 0.6 else "",
                              country=region))
    addresses = [gen.address(region) for _ in range(r.choice((1, 1, 1, 2)))]
    full_name = f"{user.first_name} {user.last_name}"
    for i, addr in enumerate(addresses):
        batch.add(Address(user_id=user.pk, full_name=full_name, phone=phone, is_default=i == 0, **addr))
    for _ in range(orders):
        batch.orders.append(gen.order(user_id=user.pk, email=user.email, full_name=full_name, phone=phone,
                                      addr=r.choice(addresses), created_at=gen.when(8 * 365)))
    if r.random() < 0.3:
        for product in r.sample(gen.products, r.randrange(1, 4)):
            batch.add(Review(user_id=user.pk, product_id=product.pk, display_name=f"{user.first_name} "
                             f"{user.last_name[:1]}.", rating=r.choices((5, 4, 3, 2, 1), (45, 30, 12, 8, 5))[0],
                             title=r.choice(data.REVIEW_TITLES), body=r.choice(data.REVIEW_BODIES),
                             created_at=gen.when(3 * 365)))
    if r.random() < 0.4:
        for product in r.sample(gen.products, r.randrange(1, 5)):
            batch.add(WishlistItem(user_id=user.pk, product_id=product.pk))
    if r.random() < 0.1:
        batch.add(SupportMessage(user_id=user.pk, name=full_name, email=user.email,
                                 subject=r.choice(data.SUPPORT_SUBJECTS), body=r.choice(data.SUPPORT_BODIES),
                                 staff_notes=r.choice(data.STAFF_NOTES) if r.random() < 0.5 else "",
                                 created_at=gen.when(2 * 365)))
    if r.random() < 0.25:
        signed = gen.when(4 * 365)
        batch.add(NewsletterSignup(user_id=user.pk, email=user.email, created_at=signed,
                                   confirmed_at=signed + dt.timedelta(minutes=r.randrange(1, 600))
                                   if r.random() < 0.85 else None, source=r.choice(["footer", "checkout"])))
    ua = r.choice(data.USER_AGENTS)
    for _ in range(r.randrange(0, 9)):
        batch.add(VisitLog(user_id=user.pk, ip_address=gen.ip(), user_agent=ua, path=r.choice(data.PATHS),
                           created_at=gen.when(180)))


def _guest_orders(gen: _Generator, batch: _Batch, count: int) -> None:
    r = gen.rng
    for _ in range(count):
        region = r.choices(gen.regions, gen.weights)[0]
        first, last = gen.person(region)
        email = f"{_ascii(first)}.{_ascii(last)}.{r.randrange(10 ** 6)}@example.net"
        batch.orders.append(gen.order(user_id=None, email=email, full_name=f"{first} {last}", phone=gen.phone(region)
                                      if r.random() < 0.5 else "", addr=gen.address(region),
                                      created_at=gen.when(8 * 365)))
        if r.random() < 0.05:
            batch.add(NewsletterSignup(email=email, created_at=gen.when(4 * 365), source="checkout"))
        batch.add(VisitLog(user_id=None, ip_address=gen.ip(), user_agent=r.choice(data.USER_AGENTS),
                           path=r.choice(data.PATHS), created_at=gen.when(180)))


def seed_shop(options: SeedOptions, *, now: dt.datetime | None = None,
              progress: Callable[[str], None] | None = None) -> Counter:
    """Write the data; returns how many rows of each kind were made. Raises SeedError for bad options."""
    options.validate()
    User = get_user_model()
    prefix = f"FF-{options.seed}-"
    if Order.objects.filter(number__startswith=prefix).exists() or User.objects.filter(
            username__startswith=f"s{options.seed}c").exists():
        raise SeedError(f"This database already holds data seeded with --seed {options.seed}; "
                        "use another --seed or a fresh database.")
    if options.heavy_customer and User.objects.filter(email__iexact=HEAVY_EMAIL).exists():
        raise SeedError(f"The heavy customer ({HEAVY_EMAIL}) already exists in this database; "
                        "leave out --heavy-customer or use a fresh database.")
    now = now or timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    products = ensure_products()
    gen = _Generator(options, now, products)
    counts: Counter = Counter(product=len(products))
    M = options.orders_per_customer
    for start in range(0, options.customers, CHUNK):
        stop = min(start + CHUNK, options.customers)
        users, regions = [], []
        for i in range(start, stop):
            region = gen.rng.choices(gen.regions, gen.weights)[0]
            first, last = gen.person(region)
            users.append(User(username=f"s{options.seed}c{i}", email=f"{_ascii(first)}.{_ascii(last)}."
                              f"{options.seed}-{i}@example.com", first_name=first, last_name=last,
                              password=UNUSABLE_PASSWORD, date_joined=gen.when(8 * 365)))
            regions.append(region)
        with transaction.atomic():
            User.objects.bulk_create(users, batch_size=2000)
            batch = _Batch()
            for user, region in zip(users, regions, strict=True):
                _make_customer(gen, batch, user, region, M)
            _guest_orders(gen, batch, (stop - start) * M // 10)
            batch.write(counts)
        counts["user"] += len(users)
        if progress:
            progress(f"  {stop:,} / {options.customers:,} customers, {counts['order']:,} orders")
    if options.heavy_customer:
        _seed_heavy(gen, counts)
    return counts


def _seed_heavy(gen: _Generator, counts: Counter) -> None:
    """One very active customer: the benchmark subject for export and erasure."""
    r = gen.rng
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.create(username=f"s{gen.options.seed}heavy", email=HEAVY_EMAIL, first_name="Henrik",
                                   last_name="Lindqvist", password=UNUSABLE_PASSWORD,
                                   date_joined=gen.now - dt.timedelta(days=8 * 365))
        counts["user"] += 1
        gen.order_n = 0
        batch = _Batch()
        batch.add(EmailAddress(user_id=user.pk, email=HEAVY_EMAIL, verified=True, primary=True))
        phone = "+46 70 555 98 76"
        batch.add(CustomerProfile(user_id=user.pk, phone=phone, birth_date=dt.date(1979, 3, 14),
                                  national_id="19790314-2389", country="SE"))
        addresses = [gen.address("SE") for _ in range(3)]
        for i, addr in enumerate(addresses):
            batch.add(Address(user_id=user.pk, full_name="Henrik Lindqvist", phone=phone, is_default=i == 0, **addr))
        batch.write(counts)
        for start in range(0, HEAVY["orders"], 2_500):
            batch = _Batch()
            for _ in range(start, start + 2_500):
                order = gen.order(user_id=user.pk, email=HEAVY_EMAIL, full_name="Henrik Lindqvist", phone=phone,
                                  addr=r.choice(addresses), created_at=gen.when(8 * 365),
                                  lines=HEAVY["lines_per_order"])
                order[0].number = order[0].number.replace(f"FF-{gen.options.seed}-",
                                                          f"FF-{gen.options.seed}-H", 1)
                batch.orders.append(order)
            batch.write(counts)
        batch = _Batch()
        for _ in range(HEAVY["reviews"]):
            product = r.choice(gen.products)
            batch.add(Review(user_id=user.pk, product_id=product.pk, display_name="Henrik L.",
                             rating=r.randrange(1, 6), title=r.choice(data.REVIEW_TITLES),
                             body=r.choice(data.REVIEW_BODIES), created_at=gen.when(3 * 365)))
        for _ in range(HEAVY["visits"]):
            batch.add(VisitLog(user_id=user.pk, ip_address=gen.ip(), user_agent=r.choice(data.USER_AGENTS),
                               path=r.choice(data.PATHS), created_at=gen.when(180)))
        for product in r.sample(gen.products, 10):
            batch.add(WishlistItem(user_id=user.pk, product_id=product.pk))
        for _ in range(5):
            batch.add(SupportMessage(user_id=user.pk, name="Henrik Lindqvist", email=HEAVY_EMAIL,
                                     subject=r.choice(data.SUPPORT_SUBJECTS), body=r.choice(data.SUPPORT_BODIES),
                                     staff_notes=r.choice(data.STAFF_NOTES), created_at=gen.when(2 * 365)))
        batch.add(NewsletterSignup(user_id=user.pk, email=HEAVY_EMAIL, created_at=gen.when(365),
                                   confirmed_at=gen.now - dt.timedelta(days=1), source="footer"))
        batch.write(counts)
