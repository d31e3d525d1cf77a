"""Forms of the demo shop: sign-up extras, checkout, reviews, contact, profile and addresses."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.contrib.auth import password_validation
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Address, CustomerProfile, Payment, Review, SupportMessage
from .validators import PersonalDetailsPasswordValidator

COUNTRIES = [("SE", _("Sweden")), ("US", _("United States")), ("VN", _("Vietnam")), ("NO", _("Norway")),
             ("DK", _("Denmark")), ("FI", _("Finland")), ("DE", _("Germany"))]

PHONE_RE = re.compile(r"^\+?[0-9 ()\-]{6,32}$")


def clean_phone_value(value: str) -> str:
    value = (value or "").strip()
    if value and not PHONE_RE.match(value):
        raise forms.ValidationError(
            _("Enter a phone number with digits, spaces and an optional leading +, e.g. +46 70 123 45 67."),
            code="invalid_phone",
        )
    return value


def clean_birth_date_value(value: dt.date | None) -> dt.date | None:
    if value is None:
        return None
    today = timezone.localdate()
    if value > today:
        raise forms.ValidationError(_("Your birth date cannot be in the future."), code="future_birth_date")
    if value.year < today.year - 120:
        raise forms.ValidationError(_("Enter a real birth date."), code="old_birth_date")
    return value


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class SignupExtraForm(forms.Form):
    """Extra fields on allauth's sign-up form: name, phone and birth date (optional).

    allauth makes this class the base of its ``SignupForm``. allauth checks the
    password against a throw-away user that knows neither phone nor birth date, so
    ``clean()`` runs the shop's personal-details validator itself with the values
    typed on this same form.
    """

    first_name = forms.CharField(label=_("First name"), max_length=150,
                                 widget=forms.TextInput(attrs={"autocomplete": "given-name"}))
    last_name = forms.CharField(label=_("Last name"), max_length=150,
                                widget=forms.TextInput(attrs={"autocomplete": "family-name"}))
    phone = forms.CharField(label=_("Phone number (optional)"), max_length=32, required=False,
                            widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))
    birth_date = forms.DateField(label=_("Birth date (optional)"), required=False, widget=DateInput(
        attrs={"autocomplete": "bday"}))

    def clean_phone(self) -> str:
        return clean_phone_value(self.cleaned_data.get("phone", ""))

    def clean_birth_date(self):
        return clean_birth_date_value(self.cleaned_data.get("birth_date"))

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password1")
        if password:
            pending = PendingUser(cleaned.get("phone", ""), cleaned.get("birth_date"))
            for validator in password_validation.get_default_password_validators():
                if isinstance(validator, PersonalDetailsPasswordValidator):
                    try:
                        validator.validate(password, pending)
                    except forms.ValidationError as error:
                        self.add_error("password1", error)
        return cleaned

    def signup(self, request, user) -> None:
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
        CustomerProfile.objects.update_or_create(
            user=user,
            defaults={"phone": self.cleaned_data.get("phone", ""), "birth_date": self.cleaned_data.get("birth_date")},
        )


class PendingUser:
    """What the validator needs to know about a customer whose account does not exist yet."""

    pk = None

    def __init__(self, phone: str, birth_date) -> None:
        self._pending_phone = phone
        self._pending_birth_date = birth_date


class NoEchoTextInput(forms.TextInput):
    """A text input that never writes the typed value back into the page (card numbers)."""

    def format_value(self, value):
        return None


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


class CheckoutForm(forms.Form):
    """Delivery and payment details.

    The card number is asked for as a real checkout would, checked (length and
    Luhn digit) and then reduced to its last four digits in ``clean()``: only
    ``cleaned_data["last4"]`` leaves this form, the full number is never stored,
    logged or rendered back into the page.
    """

    email = forms.EmailField(label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"}),
                             help_text=_("We send the order confirmation here."))
    full_name = forms.CharField(label=_("Full name"), max_length=150,
                                widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = forms.CharField(label=_("Phone number (optional)"), max_length=32, required=False,
                            widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))
    line1 = forms.CharField(label=_("Street address"), max_length=200,
                            widget=forms.TextInput(attrs={"autocomplete": "address-line1"}))
    line2 = forms.CharField(label=_("Address line 2 (optional)"), max_length=200, required=False,
                            widget=forms.TextInput(attrs={"autocomplete": "address-line2"}))
    postcode = forms.CharField(label=_("Postcode"), max_length=20,
                               widget=forms.TextInput(attrs={"autocomplete": "postal-code"}))
    city = forms.CharField(label=_("City"), max_length=100,
                           widget=forms.TextInput(attrs={"autocomplete": "address-level2"}))
    country = forms.ChoiceField(label=_("Country"), choices=COUNTRIES,
                                widget=forms.Select(attrs={"autocomplete": "country"}))
    billing_postcode = forms.CharField(
        label=_("Billing postcode (optional)"), max_length=20, required=False,
        help_text=_("Leave empty if it is the same as the delivery postcode."))
    payment_method = forms.ChoiceField(label=_("Payment method"), choices=Payment.Method.choices,
                                       widget=forms.RadioSelect, initial=Payment.Method.CARD)
    card_number = forms.CharField(
        label=_("Card number (card payments only)"), required=False, max_length=23,
        widget=NoEchoTextInput(attrs={"autocomplete": "cc-number", "inputmode": "numeric"}),
        help_text=_("We keep only the last 4 digits."))

    def __init__(self, *args, guest: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.guest = guest

    def clean_phone(self) -> str:
        return clean_phone_value(self.cleaned_data.get("phone", ""))

    def clean(self):
        cleaned = super().clean()
        raw = cleaned.pop("card_number", "") or ""
        cleaned["last4"] = ""
        if cleaned.get("payment_method") == Payment.Method.CARD:
            digits = re.sub(r"[\s-]", "", raw)
            if not digits:
                self.add_error("card_number", _("Enter your card number to pay by card."))
            elif not digits.isdigit() or not 12 <= len(digits) <= 19 or not luhn_ok(digits):
                self.add_error("card_number", _("This card number is not valid. Check the digits and try again."))
            else:
                cleaned["last4"] = digits[-4:]
        if not cleaned.get("billing_postcode"):
            cleaned["billing_postcode"] = cleaned.get("postcode", "")
        return cleaned


class CartLineForm(forms.Form):
    quantity = forms.IntegerField(label=_("Quantity"), min_value=0, max_value=99)


class AddToCartForm(forms.Form):
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=99, initial=1)


class ReviewForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        label=_("Rating"), coerce=int, choices=[(i, f"{i} / 5") for i in range(5, 0, -1)], initial=5)

    class Meta:
        model = Review
        fields = ["rating", "title", "body", "display_name"]
        labels = {"title": _("Title"), "body": _("Your review"), "display_name": _("Name shown with the review")}
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if len(body) < 10:
            raise forms.ValidationError(_("Please write at least 10 characters."), code="too_short")
        return body


class ContactForm(forms.ModelForm):
    class Meta:
        model = SupportMessage
        fields = ["name", "email", "subject", "body"]
        labels = {"name": _("Your name"), "email": _("Your e-mail"), "subject": _("Subject"),
                  "body": _("Message")}
        widgets = {"body": forms.Textarea(attrs={"rows": 6}),
                   "name": forms.TextInput(attrs={"autocomplete": "name"}),
                   "email": forms.EmailInput(attrs={"autocomplete": "email"})}

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if len(body) < 10:
            raise forms.ValidationError(_("Please write at least 10 characters."), code="too_short")
        return body


class ProfileForm(forms.ModelForm):
    """Phone and birth date. The national ID is never shown in full, so it is not editable here."""

    class Meta:
        model = CustomerProfile
        fields = ["phone", "birth_date"]
        labels = {"phone": _("Phone number"), "birth_date": _("Birth date")}
        widgets = {"birth_date": DateInput(attrs={"autocomplete": "bday"}),
                   "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"})}

    def clean_phone(self) -> str:
        return clean_phone_value(self.cleaned_data.get("phone", ""))

    def clean_birth_date(self):
        return clean_birth_date_value(self.cleaned_data.get("birth_date"))


class AddressForm(forms.ModelForm):
    country = forms.ChoiceField(label=_("Country"), choices=COUNTRIES)

    class Meta:
        model = Address
        fields = ["full_name", "line1", "line2", "postcode", "city", "country", "phone", "is_default"]
        labels = {"full_name": _("Full name"), "line1": _("Street address"),
                  "line2": _("Address line 2 (optional)"), "postcode": _("Postcode"), "city": _("City"),
                  "phone": _("Phone number (optional)"), "is_default": _("Use as my default address")}

    def clean_phone(self) -> str:
        return clean_phone_value(self.cleaned_data.get("phone", ""))
