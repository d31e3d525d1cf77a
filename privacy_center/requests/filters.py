"""The staff queue's filters, shared by the admin changelist and the staff API."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from .models import OPEN_STATUSES


def overdue(qs, today: dt.date | None = None):
    return qs.filter(status__in=OPEN_STATUSES, due_at__lt=today or timezone.localdate())


def due_this_week(qs, today: dt.date | None = None):
    today = today or timezone.localdate()
    return qs.filter(status__in=OPEN_STATUSES, due_at__gte=today, due_at__lte=today + dt.timedelta(days=7))


def apply(qs, params, user, today: dt.date | None = None):
    """Filter by ``status``, ``type``, ``regime``, ``due`` (overdue|week), ``assigned`` (me|none), ``q``."""
    if params.get("status"):
        qs = qs.filter(status=params["status"])
    if params.get("type"):
        qs = qs.filter(type=params["type"])
    if params.get("regime"):
        qs = qs.filter(regime=params["regime"])
    due = params.get("due")
    if due == "overdue":
        qs = overdue(qs, today)
    elif due == "week":
        qs = due_this_week(qs, today)
    assigned = params.get("assigned")
    if assigned == "me":
        qs = qs.filter(assignee=user)
    elif assigned == "none":
        qs = qs.filter(assignee__isnull=True)
    if params.get("q"):
        q = params["q"].strip()

        qs = qs.filter(Q(reference__iexact=q) | Q(email__iexact=q) | Q(name__icontains=q)
                       | Q(user__email__iexact=q))
    return qs
