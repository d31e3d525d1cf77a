"""Showing personal data on the "My data" pages: values by type, and form fields by name."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django import template
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ..values import json_default

register = template.Library()


def display(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=json_default)
    return formats.localize(value)


@register.simple_tag
def privacy_center_value(row: dict, name: str) -> str:
    """``{% privacy_center_value row "phone" %}``: one field of a row, readable (escaped by the engine)."""
    return display(row.get(name))


@register.filter
def privacy_center_field(form, name: str):
    """``form|privacy_center_field:"phone"``: the bound field named by a variable."""
    return form[name]
