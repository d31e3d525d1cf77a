"""The sweep: after an erasure, look for the subject's declared personal values in every table."""

from __future__ import annotations

import ipaddress

from django.apps import apps
from django.db import models

from privacy_center.erasure.services.planner import effective_action
from privacy_center.registry import site
from privacy_center.sources import ModelSource

TEXT = (models.CharField, models.TextField, models.GenericIPAddressField)


def declared_values(subject) -> tuple[set[str], set[tuple[str, object]]]:
    """The subject's values in every field a source deletes or anonymizes, and the rows kept by a KEEP source.

    Only the model's own text fields count (a path such as ``order__reference`` belongs to another source).
    """
    values: set[str] = set()
    kept: set[tuple[str, object]] = set()
    for source in site:
        if not isinstance(source, ModelSource):
            continue
        rows = source.model._base_manager.filter(source.subject_filter(subject))
        action = effective_action(source)
        if action == "keep":
            kept.update((source.model._meta.label, pk) for pk in rows.values_list("pk", flat=True))
            continue
        names = [p for p in source.field_labels if "__" not in p
                 and isinstance(source.model._meta.get_field(p), TEXT)
                 and (action == "delete" or p in source.anonymize)]
        for row in rows.values_list(*names) if names else ():
            # A code shorter than 3 characters (a language, "sv") is shared by many people: not a trace of hers.
            values.update(str(v) for v in row if v not in (None, "") and len(str(v)) >= 3)
    return values, kept


def leftovers(values: set[str], kept: set[tuple[str, object]]) -> list[tuple[str, str, object, str]]:
    """``(model, field, pk, value)`` wherever a value is still stored, outside the rows a source keeps."""
    found = []
    for model in apps.get_models():
        opts = model._meta
        if opts.proxy or opts.swapped or not opts.managed:
            continue
        for field in opts.concrete_fields:
            if not isinstance(field, TEXT) or field.primary_key:
                continue
            candidates = sorted(v for v in values if not isinstance(field, models.GenericIPAddressField) or _is_ip(v))
            for pk, value in model._base_manager.filter(**{f"{field.name}__in": candidates}).values_list(
                    "pk", field.name):
                if (opts.label, pk) not in kept:
                    found.append((opts.label, field.name, pk, value))
            if isinstance(field, models.TextField):  # free text that quotes a value
                for value in (v for v in values if len(v) >= 8):
                    for pk in model._base_manager.filter(**{f"{field.name}__icontains": value}).values_list(
                            "pk", flat=True):
                        if (opts.label, pk) not in kept:
                            found.append((opts.label, field.name, pk, value))
    return found


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
