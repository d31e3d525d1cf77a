"""A password validator that refuses passwords built from the customer's own phone or birth date.

Real shop policies promise passwords "must not be easily guessed (birthday,
phone number)"; Django's validators do not know those fields.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value or "")


def birth_date_forms(date) -> set[str]:
    """The ways people write a birth date inside a password."""
    if not date:
        return set()
    y, m, d = f"{date.year:04d}", f"{date.month:02d}", f"{date.day:02d}"
    return {y + m + d, d + m + y, m + d + y, y[2:] + m + d, d + m + y[2:], m + d + y[2:]}


class PersonalDetailsPasswordValidator:
    """Rejects a password containing the user's phone number (last 6+ digits) or birth date."""

    def __init__(self, min_phone_digits: int = 6) -> None:
        self.min_phone_digits = min_phone_digits

    def validate(self, password: str, user=None) -> None:
        phone, birth_date = self._details(user)
        digits = _digits(password)
        phone_digits = _digits(phone)
        if len(phone_digits) >= self.min_phone_digits:
            tail = phone_digits[-self.min_phone_digits :]
            if tail in digits:
                raise ValidationError(
                    _("Your password must not contain your phone number."), code="password_has_phone"
                )
        if any(form in digits for form in birth_date_forms(birth_date)):
            raise ValidationError(_("Your password must not contain your birth date."), code="password_has_birth_date")

    def _details(self, user):
        if user is None:
            return "", None
        # The sign-up form sets these before the profile exists.
        phone = getattr(user, "_pending_phone", None)
        birth_date = getattr(user, "_pending_birth_date", None)
        profile = getattr(user, "profile", None) if getattr(user, "pk", None) else None
        if profile is not None:
            phone = phone or profile.phone
            birth_date = birth_date or profile.birth_date
        return phone or "", birth_date

    def get_help_text(self) -> str:
        return _("Your password must not contain your phone number or birth date.")
