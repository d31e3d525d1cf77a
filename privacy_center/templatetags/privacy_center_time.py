"""Times on privacy pages: in the customer's zone when it is known, else the shop's, always with the zone named.

``{% privacy_time value %}`` renders ``<time datetime="…">1 December 2026 22:40 (Europe/Stockholm)</time>``
in the active locale's ``DATETIME_FORMAT`` (``{% privacy_time value "DATE_FORMAT" %}`` for the day only).
The customer's zone comes from the adapter (``get_subject_timezone``), looked up once per request.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django import template
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.html import format_html

from ..adapter import get_adapter

register = template.Library()


def viewer_zone(request) -> dt.tzinfo:
    """The zone of the person looking: the customer's when known, else the active (shop's) zone."""
    if request is None:
        return timezone.get_current_timezone()
    cached = getattr(request, "_privacy_center_zone", None)
    if cached is not None:
        return cached
    zone = timezone.get_current_timezone()
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and not user.is_staff:
        name = get_adapter().get_subject_timezone(user)
        if name:
            try:
                zone = zoneinfo.ZoneInfo(name)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                pass
    request._privacy_center_zone = zone
    return zone


def zone_label(zone: dt.tzinfo) -> str:
    return str(getattr(zone, "key", None) or zone).replace("_", " ")


@register.simple_tag(takes_context=True)
def privacy_time(context, value, format_name: str = "DATETIME_FORMAT"):
    if not value:
        return "—"
    if not isinstance(value, dt.datetime):
        return formats.date_format(value, format_name)
    zone = viewer_zone(context.get("request"))
    local = timezone.localtime(value, zone) if timezone.is_aware(value) else value
    return format_html('<time datetime="{}">{} ({})</time>', value.isoformat(),
                       formats.date_format(local, format_name), zone_label(zone))


@register.filter
def privacy_date(value) -> str:
    """``{{ receipt.completed_at|privacy_date }}``: a date, datetime or ISO string (as stored in receipts) as the
    active language writes a day ("1 December 2026", "Dec. 1, 2026"), in the shop's zone; never ISO."""
    if not value:
        return ""
    if isinstance(value, str):
        parsed = parse_datetime(value) or parse_date(value)
        if parsed is None:
            return value
        value = parsed
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, "DATE_FORMAT")
