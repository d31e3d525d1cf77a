"""Figures for the staff dashboard: open work, time to close, deadlines kept, the last 12 weeks."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from ..models import PrivacyRequest, RequestType, Status


@dataclass
class Week:
    start: dt.date
    received: int
    closed: int


@dataclass
class Dashboard:
    open_by_type: list[tuple[str, int]]
    open_by_status: list[tuple[str, int]]
    overdue: int
    due_this_week: int
    median_days_to_close: float | None
    closed_within_deadline: float | None  # share, 0..1
    closed_count: int
    weeks: list[Week]
    max_week: int


def dashboard(today: dt.date | None = None, weeks: int = 12) -> Dashboard:
    today = today or timezone.localdate()
    open_qs = PrivacyRequest.objects.open()
    by_type = dict(open_qs.values_list("type").annotate(n=Count("pk")).order_by())
    by_status = dict(open_qs.values_list("status").annotate(n=Count("pk")).order_by())
    counts = open_qs.aggregate(
        overdue=Count("pk", filter=Q(due_at__lt=today)),
        week=Count("pk", filter=Q(due_at__gte=today, due_at__lte=today + dt.timedelta(days=7))),
    )

    start = today - dt.timedelta(days=today.weekday()) - dt.timedelta(weeks=weeks - 1)
    since = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    closed = PrivacyRequest.objects.filter(status=Status.COMPLETED, closed_at__gte=since)
    durations = [
        (c - r).total_seconds() / 86400 for r, c in closed.values_list("received_at", "closed_at").iterator()
    ]
    kept = closed.aggregate(ok=Count("pk", filter=Q(closed_at__date__lte=F("due_at"))), n=Count("pk"))

    received_days = dict(
        PrivacyRequest.objects.filter(received_at__gte=since).annotate(d=TruncDate("received_at"))
        .values_list("d").annotate(n=Count("pk")).order_by()
    )
    closed_days = dict(
        PrivacyRequest.objects.filter(closed_at__gte=since).annotate(d=TruncDate("closed_at"))
        .values_list("d").annotate(n=Count("pk")).order_by()
    )
    rows = []
    for i in range(weeks):
        week_start = start + dt.timedelta(weeks=i)
        days = [week_start + dt.timedelta(days=d) for d in range(7)]
        rows.append(Week(week_start, sum(received_days.get(d, 0) for d in days),
                         sum(closed_days.get(d, 0) for d in days)))
    return Dashboard(
        open_by_type=[(str(label), by_type[value]) for value, label in RequestType.choices if by_type.get(value)],
        open_by_status=[(str(label), by_status[value]) for value, label in Status.choices if by_status.get(value)],
        overdue=counts["overdue"],
        due_this_week=counts["week"],
        median_days_to_close=round(statistics.median(durations), 1) if durations else None,
        closed_within_deadline=(kept["ok"] / kept["n"]) if kept["n"] else None,
        closed_count=kept["n"],
        weeks=rows,
        max_week=max([max(w.received, w.closed) for w in rows] + [1]),
    )
