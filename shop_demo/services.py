"""The shop's state changes, as plain functions the views (and tests, and the seeder) call.

``place_order`` is the checkout: one transaction that locks the products, checks
and decrements stock, and writes the order, its lines and its payment. If any
step fails nothing is saved.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Address, Order, OrderLine, Payment, Product, WishlistItem

ORDER_NUMBER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class CheckoutError(Exception):
    """The order cannot be placed; ``str(error)`` is a message for the customer."""


@dataclass(frozen=True)
class Delivery:
    email: str
    full_name: str
    line1: str
    postcode: str
    city: str
    country: str = "SE"
    line2: str = ""
    phone: str = ""
    billing_postcode: str = ""


def new_order_number() -> str:
    """``FF-W`` and 8 random characters: unguessable, and distinct from seeded ``FF-<seed>-<n>`` numbers."""
    return "FF-W" + "".join(secrets.choice(ORDER_NUMBER_ALPHABET) for _ in range(8))


def place_order(
    *,
    quantities: dict[int, int],
    delivery: Delivery,
    payment_method: str,
    last4: str = "",
    user=None,
    ip_address: str | None = None,
) -> Order:
    """Create the order, its lines and payment, and take the items from stock, all or nothing.

    ``last4`` is the only card data accepted: callers reduce a card number to its
    last four digits before calling.
    """
    quantities = {int(pid): int(q) for pid, q in quantities.items() if int(q) > 0}
    if not quantities:
        raise CheckoutError(_("Your cart is empty."))
    if payment_method not in Payment.Method.values:
        raise CheckoutError(_("Choose a payment method."))
    if len(last4) not in (0, 4) or (last4 and not last4.isdigit()):
        raise CheckoutError(_("Only the last 4 digits of a card are accepted."))
    now = timezone.now()
    with transaction.atomic():
        # Lock the rows (PostgreSQL) so two checkouts cannot both take the last item.
        products = Product.objects.select_for_update().in_bulk(list(quantities))
        missing = set(quantities) - set(products)
        if missing:
            raise CheckoutError(_("A product in your cart is no longer sold. Please review your cart."))
        for pid, qty in quantities.items():
            product = products[pid]
            if product.stock < qty:
                raise CheckoutError(
                    _("Only %(stock)d of “%(name)s” left in stock.") % {"stock": product.stock, "name": product.name}
                )
        total = sum((products[pid].price * qty for pid, qty in quantities.items()), Decimal("0.00"))
        order = Order.objects.create(
            number=new_order_number(),
            user=user if user is not None and user.is_authenticated else None,
            email=delivery.email,
            full_name=delivery.full_name,
            phone=delivery.phone,
            line1=delivery.line1,
            line2=delivery.line2,
            city=delivery.city,
            postcode=delivery.postcode,
            billing_postcode=delivery.billing_postcode or delivery.postcode,
            country=delivery.country,
            ip_address=ip_address,
            status=Order.Status.PAID if payment_method in (Payment.Method.CARD, Payment.Method.PAYPAL)
            else Order.Status.PLACED,
            total=total,
            created_at=now,
        )
        OrderLine.objects.bulk_create(
            OrderLine(order=order, product=products[pid], product_name=products[pid].name, quantity=qty,
                      unit_price=products[pid].price)
            for pid, qty in sorted(quantities.items())
        )
        for pid, qty in quantities.items():
            Product.objects.filter(pk=pid).update(stock=F("stock") - qty)
        Payment.objects.create(order=order, method=payment_method, last4=last4, amount=total, created_at=now)
    return order


def save_address(address: Address) -> Address:
    """Save an address; a new default address makes the others non-default."""
    with transaction.atomic():
        if address.is_default or not Address.objects.filter(user=address.user).exclude(pk=address.pk).exists():
            address.is_default = True
            Address.objects.filter(user=address.user, is_default=True).exclude(pk=address.pk).update(
                is_default=False)
        address.save()
    return address


def toggle_wishlist(user, product: Product, *, add: bool) -> None:
    if add:
        WishlistItem.objects.get_or_create(user=user, product=product)
    else:
        WishlistItem.objects.filter(user=user, product=product).delete()
