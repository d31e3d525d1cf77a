"""Forms of the core privacy pages. Corrections use ``services.correction.correction_form``."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _


class RestrictionForm(forms.Form):
    processing_restricted = forms.BooleanField(
        required=False, label=_("Restrict processing"),
        help_text=_("We keep your data but use it only to store it, for legal claims and for bookkeeping "
                    "(GDPR Art. 18). Orders you place are still delivered."),
    )
    objected_to_marketing = forms.BooleanField(
        required=False, label=_("Object to marketing"),
        help_text=_("No newsletters, offers or personal recommendations (GDPR Art. 21)."),
    )
    opted_out_of_sale = forms.BooleanField(
        required=False, label=_("Do not sell or share my personal information"),
        help_text=_("We do not pass your data to advertising partners (CCPA/CPRA)."),
    )


class ContestForm(forms.Form):
    """ "This is wrong" on a My data page: which record and field (both optional), and what is wrong."""

    row = forms.ChoiceField(label=_("Which record"), required=False)
    field = forms.ChoiceField(label=_("Which detail"), required=False)
    note = forms.CharField(label=_("What is wrong (optional)"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Until we have checked it, we use this data only to store it and to "
                                       "handle your request. You can correct it yourself where it has an input."))

    def __init__(self, *args, rows: list[tuple[str, str]], fields: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["row"]).choices = [("", _("All of them")), *rows]
        cast(forms.ChoiceField, self.fields["field"]).choices = [("", _("Any of them")), *fields]


class RemovePostsForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand: what I posted is removed for good, and copies others made of it are not."),
        error_messages={"required": _("Tick the box to confirm, or go back: nothing was removed.")},
    )
