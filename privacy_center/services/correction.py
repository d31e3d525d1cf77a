"""Rectification in place: validate a correction like a model form, save it, record it, tell processors.

Only fields a source declares ``editable`` can change. Changing contact data
(``source.needs_reauth``) needs a recent re-authentication: callers check
``needs_reauth(source, changes)`` before ``apply_correction``. The timeline
event names the fields, not their values, so an old phone number does not
outlive its correction there; the signal carries old and new values for
receivers that forward corrections to processors.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django import forms
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from ..adapter import get_adapter
from ..models import PrivacyEvent
from ..recipients import Event
from ..signals import personal_data_corrected
from ..sources import ModelSource
from ..subjects import Subject
from . import notifications
from .timeline import record_event


@cache
def _form_class(model, fields: tuple[str, ...]) -> type[forms.ModelForm]:
    return forms.modelform_factory(model, fields=fields)


def correction_form_class(source: ModelSource) -> type[forms.ModelForm]:
    """A ``ModelForm`` for the source's editable fields, validated like the shop validates: the model fields'
    validators, ``max_length`` and ``choices``, then the project adapter's ``correction_choices`` (a choice
    list, e.g. countries) and ``clean_correction`` (the shop's rules for a postcode or a phone number)."""
    adapter = get_adapter()
    fields = tuple(f for f in source.field_labels if f in source.editable)
    base = _form_class(source.model, fields)
    attrs: dict[str, Any] = {}
    for name in fields:
        choices = adapter.correction_choices(source, name)
        if choices:
            field = base.base_fields[name]
            attrs[name] = forms.TypedChoiceField(
                choices=([("", "---------")] if not field.required else []) + list(choices),
                required=field.required, empty_value="", label=source.field_label(name))

    def _clean_with_adapter(name):
        def clean(self):
            return adapter.clean_correction(source, name, self.cleaned_data.get(name))
        return clean

    for name in fields:
        attrs[f"clean_{name}"] = _clean_with_adapter(name)
    form_class: type[forms.ModelForm] = type(f"{base.__name__}Correction", (base,), attrs)
    for name in fields:
        form_class.base_fields[name].label = source.field_label(name)
    return form_class


def correction_form(source: ModelSource, instance=None, data: dict[str, Any] | None = None, *,
                    partial: bool = False, prefix: str | None = None, initial: dict | None = None) -> forms.ModelForm:
    """Bind a correction form; ``partial`` fills fields missing from ``data`` with the current values (PATCH)."""
    form_class = correction_form_class(source)
    if data is not None and partial and instance is not None:
        current = model_to_dict(instance, fields=list(form_class.base_fields))
        data = {**current, **{k: v for k, v in data.items()}}
    return form_class(data=data, instance=instance, prefix=prefix, initial=initial)


def form_data_from_json(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """A JSON object as form data: (data, errors by field).

    Forms validate text, as a browser sends it; a JSON number or boolean is passed as its text
    (``5`` -> ``"5"``, which a date field then refuses with its own message; ``true`` -> ``"true"``)
    and ``null`` as empty.
    Lists and objects are never a single field's value.
    """
    clean: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for name, value in data.items():
        if value is None:
            clean[name] = ""
        elif isinstance(value, bool):
            clean[name] = "true" if value else "false"  # what a checkbox widget reads as a boolean
        elif isinstance(value, int | float):
            clean[name] = str(value)
        elif isinstance(value, str):
            clean[name] = value
        else:
            errors[name] = [_("Send a single value: text, a number, true/false or null.")]
    return clean, errors


def changes_of(form: forms.ModelForm) -> dict[str, dict[str, Any]]:
    """``{field: {"old": ..., "new": ...}}`` for the fields the valid form changes.

    The old values come from the form's initial data: validating a ``ModelForm``
    already writes the new values onto its instance.
    """
    return {
        name: {"old": form.initial.get(name), "new": form.cleaned_data[name]}
        for name in form.changed_data
        if form.initial.get(name) != form.cleaned_data[name]
    }


def json_safe(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def needs_reauth(source: ModelSource, changes: dict[str, Any]) -> bool:
    return any(source.needs_reauth(name) for name in changes)


def apply_correction(subject: Subject, source: ModelSource, form: forms.ModelForm, *, actor=None,
                     method: str = "web") -> dict[str, dict[str, Any]]:
    """Save a valid correction form; record a ``DATA_CORRECTED`` event and send ``personal_data_corrected``."""
    changes = changes_of(form)
    if not changes:
        return {}
    with transaction.atomic():
        instance = form.save()
        labels = [source.field_label(name) for name in changes]
        event = record_event(
            subject, PrivacyEvent.Kind.DATA_CORRECTED,
            _("Corrected in %(source)s: %(fields)s") % {"source": source.label, "fields": ", ".join(labels)},
            method=method, actor=actor, data={"source": source.name, "pk": str(instance.pk), "fields": list(changes)},
        )
        # Art. 19: whoever received this source's data gets the corrected values (and nothing else).
        notifications.notify(subject, Event.RECTIFICATION, about=f"correction:{event.pk}", sources=[source],
                             changes={name: json_safe(change["new"]) for name, change in changes.items()})
    personal_data_corrected.send(
        sender=source.model, subject=subject, source=source.name, pk=instance.pk, changes=changes, actor=actor
    )
    return changes
