"""The demo shop's privacy adapter: how a guest proves an order, and where a customer lives."""

from __future__ import annotations

from privacy_center.adapter import DefaultPrivacyAdapter


def _postcode(value: str) -> str:
    return "".join((value or "").split()).casefold()


class ShopPrivacyAdapter(DefaultPrivacyAdapter):
    def verify_order_proof(self, email: str, order_number: str, postcode: str) -> bool:
        """A guest's order: its number, its billing postcode, and the address it was placed with."""
        from .models import Order

        if not (email and order_number and postcode):
            return False
        order = Order.objects.filter(number=order_number.strip(), email__iexact=email.strip()).first()
        return order is not None and _postcode(order.billing_postcode) == _postcode(postcode)

    def get_subject_country(self, user) -> str | None:
        from .models import CustomerProfile

        return CustomerProfile.objects.filter(user=user).values_list("country", flat=True).first()
