"""The cart, kept in the session as ``{product_id: quantity}``.

Only ids and quantities live in the session; prices are read from the database
each time so that a cart never shows a stale price.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .models import Product

SESSION_KEY = "shop_demo_cart"
MAX_QUANTITY = 99


@dataclass
class CartLine:
    product: Product
    quantity: int

    @property
    def subtotal(self) -> Decimal:
        return self.product.price * self.quantity


class Cart:
    def __init__(self, session) -> None:
        self.session = session
        raw = session.get(SESSION_KEY) or {}
        self.items: dict[str, int] = {str(k): int(v) for k, v in raw.items() if int(v) > 0}

    def _save(self) -> None:
        self.session[SESSION_KEY] = self.items
        self.session.modified = True

    def add(self, product_id: int, quantity: int = 1) -> None:
        key = str(product_id)
        self.items[key] = min(self.items.get(key, 0) + quantity, MAX_QUANTITY)
        self._save()

    def set(self, product_id: int, quantity: int) -> None:
        key = str(product_id)
        if quantity <= 0:
            self.items.pop(key, None)
        else:
            self.items[key] = min(quantity, MAX_QUANTITY)
        self._save()

    def remove(self, product_id: int) -> None:
        self.set(product_id, 0)

    def clear(self) -> None:
        self.items = {}
        self._save()

    def quantities(self) -> dict[int, int]:
        return {int(k): v for k, v in self.items.items()}

    @property
    def count(self) -> int:
        return sum(self.items.values())

    def lines(self) -> list[CartLine]:
        products = Product.objects.in_bulk([int(k) for k in self.items])
        lines = [CartLine(products[int(k)], q) for k, q in self.items.items() if int(k) in products]
        if len(lines) != len(self.items):
            # A product was removed from the shop: drop it from the cart too.
            self.items = {str(line.product.pk): line.quantity for line in lines}
            self._save()
        return sorted(lines, key=lambda line: line.product.name)

    @staticmethod
    def total(lines: list[CartLine]) -> Decimal:
        return sum((line.subtotal for line in lines), Decimal("0.00"))
