"""Forms of the request pages: validation only; the services do the work."""

from __future__ import annotations

from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from ..app_settings import app_settings
from ..registry import site
from .models import RequestType
from .services.proofs import validate_documents, validate_proof
from .services.shine_the_light import answered_this_year, once_a_year_message


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class DocumentsField(forms.FileField):
    """Several files in one ``<input type=file multiple>``; each checked like an agent's proof."""

    widget = MultipleFileInput

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Supporting documents (optional)"))
        kwargs.setdefault("help_text", _("PDF, PNG or JPEG, e.g. a receipt or a letter. Only our privacy staff "
                                         "can open them, and we delete them when the request is closed."))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        cleaned = [single(upload, initial) for upload in files]
        cleaned = [upload for upload in cleaned if upload]
        if self.required and not cleaned:
            raise ValidationError(self.error_messages["required"], code="required")
        validate_documents(cleaned)
        return cleaned


class DocumentsForm(forms.Form):
    """Supporting documents added on the request's page (also for guests, once their link is verified)."""

    documents = DocumentsField(required=True, label=_("Add supporting documents"))

    def __init__(self, *args, already: int = 0, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.already = already

    def clean_documents(self):
        uploads = self.cleaned_data["documents"]
        validate_documents(uploads, already=self.already)
        return uploads


class RequestForm(forms.Form):
    type = forms.ChoiceField(label=_("What do you ask for?"), choices=RequestType.choices)
    details = forms.CharField(
        label=_("Details (optional)"), required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Anything that helps us, e.g. what to correct and why."),
    )
    correction = forms.ChoiceField(label=_("Data to correct (for a correction)"), required=False, choices=())
    new_value = forms.CharField(label=_("Correct value"), required=False, max_length=300)
    documents = DocumentsField()

    def __init__(self, *args, subject=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.subject = subject
        if app_settings.REQUEST_DOCUMENTS_MAX <= 0:
            del self.fields["documents"]
        self.fields["correction"].choices = [("", _("None: I describe it in the details"))] + self._corrections()

    def _corrections(self) -> list[tuple[str, str]]:
        choices: list[tuple[str, str]] = []
        if self.subject is None:
            return choices
        for source in site:
            editable = [f for f in source.fields() if f.editable]
            if not editable:
                continue
            for row in source.page(self.subject, 1, 10):
                for info in editable:
                    label = f"{source.label}: {info.label} ({row.get(info.name) or '—'})"
                    choices.append((f"{source.name}|{row['pk']}|{info.name}", label))
        return choices

    def clean(self):
        data = super().clean()
        if data.get("correction") and not data.get("new_value"):
            self.add_error("new_value", _("Give the correct value."))
        if data.get("type") == RequestType.RECTIFICATION and not (data.get("correction") or data.get("details")):
            raise ValidationError(_("Tell us what to correct: choose the data or describe it."))
        if data.get("type") == RequestType.SHINE_THE_LIGHT and getattr(self.subject, "user", None) is not None:
            earlier = answered_this_year(user=self.subject.user)
            if earlier is not None:
                raise ValidationError(once_a_year_message(earlier))
        return data

    def proposed_changes(self) -> list[dict]:
        if not self.cleaned_data.get("correction") or self.cleaned_data.get("type") != RequestType.RECTIFICATION:
            return []
        source, pk, field = self.cleaned_data["correction"].split("|", 2)
        return [{"source": source, "pk": pk, "field": field, "value": self.cleaned_data["new_value"]}]


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Your message"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.CharField, self.fields["body"]).max_length = app_settings.MESSAGE_MAX_LENGTH
        self.fields["body"].validators.append(MaxLengthValidator(app_settings.MESSAGE_MAX_LENGTH))
        self.fields["body"].widget.attrs["maxlength"] = str(app_settings.MESSAGE_MAX_LENGTH)


class GuestRequestForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    type = forms.ChoiceField(label=_("What do you ask for?"), choices=RequestType.choices)
    details = forms.CharField(label=_("Details (optional)"), required=False, max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 3}))


class OrderProofForm(forms.Form):
    order_number = forms.CharField(label=_("Order number"), max_length=40)
    postcode = forms.CharField(label=_("Billing postcode"), max_length=20)


class AgentRequestForm(forms.Form):
    agent_name = forms.CharField(label=_("Your name (the agent)"), max_length=150)
    agent_email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    relationship = forms.CharField(label=_("Your authority"), max_length=200,
                                   help_text=_("E.g. power of attorney, registered authorized agent."))
    subject_name = forms.CharField(label=_("Name of the person you act for"), max_length=150)
    subject_email = forms.EmailField(label=_("Their e-mail address with us"), max_length=254)
    type = forms.ChoiceField(label=_("What do they ask for?"), choices=RequestType.choices)
    details = forms.CharField(label=_("Details (optional)"), required=False, max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 3}))
    proof = forms.FileField(label=_("Signed permission (PDF, PNG or JPEG)"))

    def clean_proof(self):
        upload = self.cleaned_data["proof"]
        validate_proof(upload)
        return upload


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason (the requester is told)"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))
    until = forms.DateField(label=_("New due date (empty: the legal maximum)"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
