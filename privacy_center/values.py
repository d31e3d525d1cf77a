"""Turning stored values into what pages, CSV and JSON show: types, masking, ISO 8601.

Exports write tens of thousands of rows, so conversion is planned once per
source (one converter per column that needs one) instead of inspecting each
value's type per row.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import uuid
from collections.abc import Callable
from typing import Any

from django.db import models

Converter = Callable[[Any], Any]


def mask_value(value: Any, keep: int = 4) -> str:
    """Show only the last ``keep`` characters of a secret-ish value."""
    if value in (None, ""):
        return ""
    text = str(value)
    visible = text[-keep:] if len(text) > keep else ""
    return "•" * max(len(text) - len(visible), 4) + visible


def field_type(field: models.Field) -> str:
    """The JSON Schema-ish type of a model field's exported value."""
    if isinstance(field, models.BooleanField):
        return "boolean"
    if isinstance(field, models.DateTimeField):
        return "datetime"
    if isinstance(field, models.DateField):
        return "date"
    if isinstance(field, models.TimeField):
        return "time"
    if isinstance(field, models.DecimalField):
        return "decimal"
    if isinstance(field, models.FloatField):
        return "number"
    if isinstance(field, models.IntegerField | models.AutoField):
        return "integer"
    if isinstance(field, models.JSONField):
        return "json"
    if isinstance(field, models.ForeignKey):
        return field_type(field.target_field)
    return "string"


def _iso(value: Any) -> str:
    return value.isoformat()


def _text(value: Any) -> str:
    return str(value)


def _timedelta(value: dt.timedelta) -> str:
    return str(value.total_seconds())


def export_converter(kind: str, masked: bool = False) -> Converter | None:
    """How one column's non-null values become JSON-safe (``None``: already are)."""
    if masked:
        return mask_value
    if kind in ("datetime", "date", "time"):
        return _iso
    if kind == "decimal":
        return _text
    return None


def json_default(value: Any) -> Any:
    """``json`` fallback for values a converter did not plan for (e.g. in JSONFields)."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, dt.timedelta):
        return _timedelta(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    raise TypeError(f"Cannot export a {type(value).__name__}")


def csv_cell(value: Any) -> Any:
    """A JSON value for one CSV cell: nested data as compact JSON text."""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=json_default, separators=(",", ":"))
    return value
