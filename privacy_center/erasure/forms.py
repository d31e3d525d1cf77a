"""Forms of the erasure pages: explicit confirmation."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..hashing import normalize_email


class DeleteAccountForm(forms.Form):
    understood = forms.BooleanField(
        label=_("I understand that my account and data will be erased as described above and that this cannot "
                "be undone after the cooling-off period."),
    )
    confirmation = forms.CharField(
        label=_("Type your e-mail address to confirm"), max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none"}),
    )
    notify_on_release = forms.BooleanField(
        required=False,
        label=_("Tell me by e-mail when the data you must keep is finally erased (you keep my address for that "
                "alone until then)."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected = getattr(user, "email", "") or user.get_username()
        if not getattr(user, "email", ""):
            self.fields["confirmation"].label = _("Type your username to confirm")

    def clean_confirmation(self) -> str:
        typed = self.cleaned_data["confirmation"]
        if normalize_email(typed) != normalize_email(self.expected):
            raise forms.ValidationError(_("This does not match your account. Type it exactly as shown."))
        return typed
