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

    def correction_choices(self, source, field_name: str):
        """Country is chosen from the shop's list, as on the checkout and address forms."""
        if field_name == "country":
            from .forms import COUNTRIES

            return COUNTRIES
        return None

    def clean_correction(self, source, field_name: str, value):
        """The shop's own rules, the same functions its forms use."""
        from .forms import clean_birth_date_value, clean_phone_value

        if field_name == "phone":
            return clean_phone_value(value)
        if field_name == "birth_date":
            return clean_birth_date_value(value)
        if field_name == "postcode":
            return clean_postcode_value(value)
        return value


def clean_postcode_value(value: str) -> str:
    """Letters, digits, spaces and hyphens, with at least two digits (753 20, 10115, SW1A 1AA)."""
    import re

    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    value = (value or "").strip()
    if value and (not re.fullmatch(r"[A-Za-z0-9 \-]{3,12}", value) or len(re.findall(r"[0-9]", value)) < 2):
        raise ValidationError(_("Enter a postcode with letters and digits, e.g. 753 20."), code="invalid_postcode")
    return value
