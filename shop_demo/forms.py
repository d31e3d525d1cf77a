"""Forms of the demo shop."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SignupExtraForm(forms.Form):
    """Extra fields on allauth's sign-up form: name, phone and birth date (optional)."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    phone = forms.CharField(label=_("Phone number"), max_length=32, required=False)
    birth_date = forms.DateField(
        label=_("Birth date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def signup(self, request, user) -> None:
        from .models import CustomerProfile

        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
        CustomerProfile.objects.create(
            user=user, phone=self.cleaned_data.get("phone", ""), birth_date=self.cleaned_data.get("birth_date")
        )
