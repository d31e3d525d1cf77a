"""Figures for the staff dashboard: open work, time to close, deadlines kept, the last 12 weeks."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from django.db.models import Count, Q
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
    # One scan of the open requests: counts per (type, status), with the deadline counts alongside.
    by_type: dict[str, int] = {}
    by_status: dict[str, int] = {}
    counts = {"overdue": 0, "week": 0}
    # COUNT(*) and COUNT(due_at), not COUNT(id): every column read is in the (status, type, due_at) index, so
    # PostgreSQL answers from the index alone instead of scanning the table (due_at is never null).
    groups = (PrivacyRequest.objects.open().values_list("type", "status").order_by()
              .annotate(n=Count("*"), overdue=Count("due_at", filter=Q(due_at__lt=today)),
                        week=Count("due_at", filter=Q(due_at__gte=today, due_at__lte=today + dt.timedelta(days=7)))))
    for type_, status, n, overdue, week in groups:
        by_type[type_] = by_type.get(type_, 0) + n
        by_status[status] = by_status.get(status, 0) + n
        counts["overdue"] += overdue
        counts["week"] += week

    start = today - dt.timedelta(days=today.weekday()) - dt.timedelta(weeks=weeks - 1)
    since = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    # The requests completed in the window (a few per day even for a large shop): read once, in memory.
    # Unordered: with the model's ordering SQLite walked the whole received_at index to avoid a sort.
    closed = PrivacyRequest.objects.filter(status=Status.COMPLETED, closed_at__gte=since).order_by().values_list(
        "received_at", "closed_at", "due_at")
    durations, within = [], 0
    for received_at, closed_at, due_at in closed:
        assert closed_at is not None  # filtered on closed_at above
        durations.append((closed_at - received_at).total_seconds() / 86400)
        within += timezone.localdate(closed_at) <= due_at
    kept = {"ok": within, "n": len(durations)}

    # One conditional count per week, between local midnights computed here: answered from the received_at
    # and closed_at indexes alone, with no per-row date conversion (on SQLite that is a Python call a row).
    bounds = [since] + [timezone.make_aware(dt.datetime.combine(start + dt.timedelta(weeks=i), dt.time.min))
                        for i in range(1, weeks + 1)]

    def per_week(field: str) -> list[int]:
        counts = PrivacyRequest.objects.filter(**{f"{field}__gte": since}).order_by().aggregate(**{
            f"w{i}": Count(field, filter=Q(**{f"{field}__lt": bounds[i + 1]}) & Q(**{f"{field}__gte": bounds[i]}))
            for i in range(weeks)})
        return [counts[f"w{i}"] for i in range(weeks)]

    rows = [Week(start + dt.timedelta(weeks=i), received, closed_n)
            for i, (received, closed_n) in enumerate(zip(per_week("received_at"), per_week("closed_at"), strict=True))]
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
