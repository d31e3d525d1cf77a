"""Browsing one source on the "My data" page: search, a date range and short numbered pages, in the database.

A customer with 10,000 orders gets the same short page as one with five: the filters become a
``WHERE`` on the source's own queryset (never on rows loaded into Python), and the page links show
a window around the current page instead of every number.

Counts are bounded: a model source counts at most ``COUNT_LIMIT`` rows (``SELECT COUNT(*)`` over a
``LIMIT``ed subquery), so the page costs the same for 100,000 rows as for 1,001, and says "more than
1,000" rather than an exact figure it would have to read every row for. A search or date range counts
only as far as the page links reach (``PAGE_WINDOW`` pages past the current one): the database tests
the filter row by row, so a search matching a seventh of 100,000 orders would otherwise test 7,000 of
them to say "more than 1,000". The exact count is read only when someone asks for a page past the end
(to send them to the last one).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from math import ceil
from typing import Any

from django import forms
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..sources import ModelSource
from ..subjects import Subject

TEXT_FIELDS = (models.CharField, models.TextField)  # EmailField, SlugField, URLField are CharFields
PAGE_WINDOW = 2  # page links shown on each side of the current page
COUNT_LIMIT = 1000  # rows counted exactly; past it the page says "more than COUNT_LIMIT"


@dataclass(frozen=True)
class Filters:
    """What a source can be filtered by: its unmasked text fields and its first date field."""

    text_fields: list[str] = field(default_factory=list)
    date_field: str | None = None

    @property
    def any(self) -> bool:
        return bool(self.text_fields or self.date_field)


def filters_for(source) -> Filters:
    if not isinstance(source, ModelSource):
        return Filters()
    text, date = [], None
    for path in source.field_labels:
        if path in source.masked:
            continue  # searching a masked value would reveal it one guess at a time
        model_field = source.model_field(path)
        if isinstance(model_field, TEXT_FIELDS) and not model_field.choices:
            text.append(path)
        elif date is None and isinstance(model_field, models.DateField):  # DateTimeField is a DateField
            date = path
    return Filters(text, date)


class BrowseForm(forms.Form):
    """The GET form above a large source: every field optional, a bad value is reported, never a 500."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}))
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                                error_messages={"invalid": _("Enter a date as year-month-day, e.g. 2026-01-31.")})
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                              error_messages={"invalid": _("Enter a date as year-month-day, e.g. 2026-01-31.")})

    def __init__(self, *args, filters: Filters, **kwargs):
        super().__init__(*args, **kwargs)
        if not filters.text_fields:
            del self.fields["q"]
        if not filters.date_field:
            del self.fields["date_from"], self.fields["date_to"]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data


def _day_bounds(day: dt.date, is_datetime: bool, end: bool):
    if not is_datetime:
        return day
    moment = dt.datetime.combine(day + dt.timedelta(days=1) if end else day, dt.time.min)
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def filtered_queryset(source: ModelSource, subject: Subject, filters: Filters, cleaned: dict[str, Any]):
    qs = source.get_queryset(subject)
    term = (cleaned.get("q") or "").strip()
    if term and filters.text_fields:
        match = Q()
        for path in filters.text_fields:
            match |= Q(**{f"{path}__icontains": term})
        qs = qs.filter(match)
    if filters.date_field:
        is_datetime = isinstance(source.model_field(filters.date_field), models.DateTimeField)
        if cleaned.get("date_from"):
            qs = qs.filter(**{f"{filters.date_field}__gte": _day_bounds(cleaned["date_from"], is_datetime, False)})
        if cleaned.get("date_to"):
            bound = _day_bounds(cleaned["date_to"], is_datetime, True)
            qs = qs.filter(**{f"{filters.date_field}__{'lt' if is_datetime else 'lte'}": bound})
    return qs


def page_links(number: int, num_pages: int, window: int = PAGE_WINDOW) -> list[int | None]:
    """Page numbers to link: the first, the last and a window around ``number``; ``None`` marks a gap."""
    wanted = {1, num_pages, *range(number - window, number + window + 1)}
    pages = sorted(p for p in wanted if 1 <= p <= num_pages)
    links: list[int | None] = []
    for p in pages:
        if links and p - links[-1] > 1:
            links.append(None)
        links.append(p)
    return links


@dataclass
class BrowseResult:
    rows: list[dict[str, Any]]
    count: int
    total: int
    number: int
    num_pages: int
    filtered: bool
    links: list[int | None]
    # ``count`` / ``total`` are lower bounds (``COUNT_LIMIT``): there are more rows than that.
    count_capped: bool = False
    total_capped: bool = False


def bounded_count(source, subject: Subject, qs=None, limit: int | None = None) -> tuple[int, bool]:
    """``(count, capped)``: the rows of ``qs`` (default: the subject's rows), counted up to ``limit``.

    ``capped`` means there are more than ``limit`` and ``count`` is ``limit``. A source that is not a
    ``ModelSource`` is counted exactly by its own ``count``.
    """
    limit = COUNT_LIMIT if limit is None else limit
    if qs is None:
        if not isinstance(source, ModelSource):
            return source.count(subject), False
        qs = source.get_queryset(subject)
    seen = qs.order_by()[: limit + 1].count()
    return (limit, True) if seen > limit else (seen, False)


def _page_rows(source, subject, qs, number: int, per_page: int, count: int | None = None) -> list[dict[str, Any]]:
    """The rows of page ``number``. With ``count`` known, a page in the second half is read from the other
    end (the order reversed, then the rows turned back): the database skips the rows after it, fewer than
    those before it, so the last page of 100,000 rows costs what the first does."""
    start = (number - 1) * per_page
    from_end = count is not None and isinstance(source, ModelSource) and start > count // 2
    if qs is None and not from_end:
        return source.page(subject, number, per_page)
    base = qs if qs is not None else source.get_queryset(subject)
    values = base.order_by(source.order_by, "-pk").values_list("pk", *source.field_labels)
    if from_end:
        assert count is not None
        end = min(start + per_page, count)
        return list(source._rows(reversed(values.reverse()[count - end:count - start])))
    return list(source._rows(values[start:start + per_page]))


def browse(source, subject: Subject, filters: Filters, cleaned: dict[str, Any] | None, number: int,
           per_page: int, limit: int | None = None) -> BrowseResult:
    """One page of the subject's rows in ``source``; ``cleaned`` is the valid form's data (None: no filter)."""
    limit = COUNT_LIMIT if limit is None else limit
    total, total_capped = bounded_count(source, subject, limit=limit)
    active = bool(cleaned and any(cleaned.values()) and isinstance(source, ModelSource))
    if active and cleaned is not None:
        qs = filtered_queryset(source, subject, filters, cleaned)
        # Counted only as far as the links reach: each row counted is a row the filter is tested on.
        limit = min(limit, per_page * (max(number, 1) + PAGE_WINDOW))
        count, capped = bounded_count(source, subject, qs, limit)
    else:
        qs, count, capped = None, total, total_capped
    number = max(number, 1)
    if capped and (number - 1) * per_page >= limit:
        # A page past the rows counted: count them all (only here; cheaper than skipping every row before
        # the page) and read the page from the nearer end; past the end, the last page.
        count, capped = (qs if qs is not None else source.get_queryset(subject)).count(), False
        number = max(min(number, ceil(count / per_page)), 1)
        rows = _page_rows(source, subject, qs, number, per_page, count)
    elif capped:
        rows = _page_rows(source, subject, qs, number, per_page)
        if len(rows) < per_page:
            count, capped = (number - 1) * per_page + len(rows), False  # the last page: the count is known
    elif count:
        number = min(number, ceil(count / per_page))
        rows = _page_rows(source, subject, qs, number, per_page, count)
    else:
        number, rows = 1, []
    if not capped and total_capped:  # the rows were counted after all
        if qs is None:
            total, total_capped = count, False
        elif count >= total:  # not "1,010 of more than 1,000": count the total too
            total, total_capped = source.get_queryset(subject).count(), False
    if capped:
        # The last page is not known: pages up to the counted rows exist, and the next one after a full
        # page; the links end on a gap (more pages follow).
        num_pages = max(ceil((limit + 1) / per_page), number + 1)
        links = page_links(number, num_pages) + [None]
    else:
        num_pages = max(ceil(count / per_page), 1)
        links = page_links(number, num_pages)
    return BrowseResult(rows, count, total, number, num_pages, active, links, capped, total_capped)
