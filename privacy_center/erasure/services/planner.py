"""What erasing a subject would do, source by source, in plain words; changes nothing.

The plan is what the customer reads before confirming, what the command prints,
what the API returns, and (with ``with_ids``) the executor's input: legal holds
are computed from it before any row is changed, because anonymizing an e-mail
address makes guest rows unreachable through the subject.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import EmptyResultSet, FieldDoesNotExist
from django.db import connections, models
from django.db.models import Count, Max, Min
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ...anonymizers import get_anonymizer
from ...app_settings import app_settings
from ...erasing import ANONYMIZE, DELETE, KEEP, effective_action, is_user_source, keeps_while
from ...registry import site
from ...sources import BaseSource, ModelSource, resolve_field
from ...subjects import Subject


@dataclass
class HoldGroup:
    """Rows kept for one legal reason until one date (``None``: as long as the reason lasts)."""

    reason: str
    until: dt.date | None
    count: int
    first_ref: str = ""
    last_ref: str = ""
    object_ids: list[Any] = field(default_factory=list, repr=False)
    # Kept while a condition holds (an unpaid invoice), not until a date; ``reason`` may describe one row.
    conditional: bool = False

    def refs(self) -> str:
        if not self.first_ref:
            return ""
        return self.first_ref if self.first_ref == self.last_ref else f"{self.first_ref}–{self.last_ref}"


@dataclass
class SourcePlan:
    name: str
    label: str
    action: str  # delete, anonymize or keep
    count: int
    fields: list[str] = field(default_factory=list)  # labels of anonymized fields
    reason: str = ""
    holds: list[HoldGroup] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def held_while(self) -> int:
        """Rows kept untouched while a condition holds (the action applies to the others)."""
        return sum(h.count for h in self.holds if h.conditional)

    @property
    def sentence(self) -> str:
        """The plan for this source in one sentence a customer understands."""
        n = self.count - self.held_while
        rows = ngettext("%(n)d item", "%(n)d items", n) % {"n": n}
        if self.count == 0:
            return _("%(label)s: nothing stored.") % {"label": self.label}
        if n == 0:
            text = _("%(label)s:") % {"label": self.label}
        elif self.action == DELETE:
            text = _("%(label)s: %(rows)s will be deleted.") % {"label": self.label, "rows": rows}
        elif self.action == ANONYMIZE:
            text = _("%(label)s: %(rows)s will be anonymized (%(fields)s removed).") % {
                "label": self.label, "rows": rows, "fields": ", ".join(self.fields) or _("personal details")}
        else:
            text = _("%(label)s: %(rows)s will be kept.") % {"label": self.label, "rows": rows}
        for hold in self.holds:
            text += " " + hold_sentence(self.label, hold)
        if self.note:
            text += " " + self.note
        return text

    def to_dict(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in ("name", "label", "action", "count", "fields", "reason",
                                                        "recipients", "note")}
        data["holds"] = [
            {"reason": h.reason, "until": h.until.isoformat() if h.until else None, "count": h.count,
             "refs": h.refs(), "conditional": h.conditional} for h in self.holds
        ]
        data["sentence"] = self.sentence
        return data


def hold_sentence(label: str, hold: HoldGroup) -> str:
    what = f"{label.lower()} {hold.refs()}".strip() if hold.refs() else label.lower()
    if hold.conditional:
        reason = hold.reason.rstrip(".")
        if hold.refs() and hold.refs() in reason:  # the reason names the row itself
            return f"{reason[:1].upper()}{reason[1:]}."
        return _("%(what)s (%(count)d) kept: %(reason)s.") % {
            "what": what[:1].upper() + what[1:], "count": hold.count, "reason": reason}
    if hold.until is None:
        return _("%(what)s kept: %(reason)s.") % {"what": what[:1].upper() + what[1:], "reason": hold.reason}
    return _("%(what)s (%(count)d) kept under %(reason)s until %(until)s, then erased.") % {
        "what": what[:1].upper() + what[1:], "count": hold.count, "reason": hold.reason,
        # The reader's date format (the receipt is written in the customer's language), never ISO.
        "until": formats.date_format(hold.until, "DATE_FORMAT"),
    }


@dataclass
class ErasurePlan:
    subject_key: str
    user_action: str  # delete, anonymize or "" (a guest: no account)
    sources: list[SourcePlan]
    suppressed_emails: int = 0

    def with_data(self) -> list[SourcePlan]:
        return [s for s in self.sources if s.count]

    def by_action(self, action: str) -> list[SourcePlan]:
        return [s for s in self.sources if s.count and s.action == action]

    @property
    def deleted(self) -> list[SourcePlan]:
        return self.by_action(DELETE)

    @property
    def anonymized(self) -> list[SourcePlan]:
        return self.by_action(ANONYMIZE)

    @property
    def kept(self) -> list[SourcePlan]:
        return (self.by_action(KEEP) + [s for s in self.anonymized if s.holds]
                + [s for s in self.deleted if s.held_while])

    @property
    def holds(self) -> list[tuple[SourcePlan, HoldGroup]]:
        return [(s, h) for s in self.sources if s.count for h in s.holds]

    @property
    def total_rows(self) -> int:
        return sum(s.count for s in self.sources)

    def recipients(self) -> list[str]:
        return list(dict.fromkeys(r for s in self.with_data() for r in s.recipients))

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject_key,
            "user_action": self.user_action,
            "total_rows": self.total_rows,
            "sources": [s.to_dict() for s in self.sources],
            "recipients": self.recipients(),
        }


# -- building a plan --------------------------------------------------------------------------


def ref_path(source: ModelSource) -> str:
    """The first declared field whose values identify a row to a person (an order number)."""
    for path in source.field_labels:
        try:
            model_field = resolve_field(source.model, path)
        except FieldDoesNotExist:
            continue
        if getattr(model_field, "unique", False) and not model_field.primary_key:
            return path
    return ""


def hold_groups(source: ModelSource, queryset: models.QuerySet, *, with_ids: bool = False) -> list[HoldGroup]:
    """Group the subject's rows by the date their legal hold ends (one read of pk, date and reference)."""
    return hold_groups_and_keys(source, queryset, with_ids=with_ids)[0]


def hold_groups_and_keys(source: ModelSource, queryset: models.QuerySet, *, with_ids: bool = False
                         ) -> tuple[list[HoldGroup], list[Any] | None]:
    """``hold_groups`` and, when that read listed every row of ``queryset`` (``with_ids``, a hold that is not
    conditional), all their primary keys, held or not: the executor's targets need no read of their own.
    ``None`` when the keys were not all read."""
    hold = source.legal_hold
    if hold is None:
        return [], None
    reason = str(hold.reason)
    if hold.conditional:
        return conditional_hold_groups(source, queryset, with_ids=with_ids), None
    if not (hold.years or hold.days) or not hold.date_field:
        ids = list(queryset.values_list("pk", flat=True))
        groups = [HoldGroup(reason, None, len(ids), object_ids=ids if with_ids else [])] if ids else []
        return groups, ids if with_ids else None
    refs = ref_path(source)
    if hold.years and not hold.days:
        return _hold_groups_by_year(hold, queryset, refs, reason, with_ids)
    columns = ["pk", hold.date_field] + ([refs] if refs else [])
    by_until: dict[dt.date, HoldGroup] = {}
    keys: list[Any] = []
    for row in queryset.values_list(*columns).iterator(chunk_size=5000):
        pk, start = row[0], row[1]
        keys.append(pk)
        if start is None:  # no start date: kept until the reason is reviewed by the sweep's owner
            continue
        until = hold.until(start)
        group = by_until.get(until)
        if group is None:
            group = by_until[until] = HoldGroup(reason, until, 0)
        group.count += 1
        if with_ids:
            group.object_ids.append(pk)
        if refs and row[2] is not None:
            ref = str(row[2])
            group.first_ref = min(group.first_ref, ref) if group.first_ref else ref
            group.last_ref = max(group.last_ref, ref)
    return [by_until[until] for until in sorted(by_until)], keys if with_ids else None


def held_rows(source: ModelSource, queryset: models.QuerySet) -> list[dict[str, Any]]:
    """The rows of ``queryset`` its conditional legal hold keeps now: ``pk``, the reference (``_ref``) and
    the fields its reason names. A ``Q``/dict condition is one query; a callable is asked row by row."""
    hold = source.legal_hold
    assert hold is not None and hold.conditional
    refs = ref_path(source)
    names = [n for n in dict.fromkeys([*([refs] if refs else []), *hold.row_fields()]) if n]
    condition = hold.condition
    if isinstance(condition, dict):
        condition = models.Q(**condition)
    if isinstance(condition, models.Q):
        rows = list(queryset.filter(condition).order_by("pk").values("pk", *names))
    else:
        rows = [{"pk": obj.pk, **{n: _attr(obj, n) for n in names}}
                for obj in queryset.order_by("pk").iterator(chunk_size=2000) if condition(obj)]
    for row in rows:
        row["_ref"] = "" if not refs or row.get(refs) is None else str(row[refs])
    return rows


def _attr(obj: models.Model, path: str) -> Any:
    value: Any = obj
    for part in path.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def still_held(source: ModelSource, pks: list[Any]) -> set[Any]:
    """Which of ``pks`` the source's conditional hold still keeps (all, if the source lost its condition:
    nothing is erased on a guess)."""
    hold = source.legal_hold
    if hold is None or not hold.conditional:
        return set(pks)
    return {row["pk"] for row in held_rows(source, source.model._base_manager.filter(pk__in=pks))}


def conditional_hold_groups(source: ModelSource, queryset: models.QuerySet | None, *, with_ids: bool = False,
                            rows: list[dict[str, Any]] | None = None) -> list[HoldGroup]:
    """One group per row when the reason describes the row ("invoice FF-123 ..."), else one for all;
    ``rows``: what ``held_rows`` already read of ``queryset``."""
    hold = source.legal_hold
    assert hold is not None
    if rows is None:
        assert queryset is not None
        rows = held_rows(source, queryset)
    if not rows:
        return []
    if hold.row_fields():
        return [HoldGroup(hold.reason_for(row), None, 1, row["_ref"], row["_ref"],
                          object_ids=[row["pk"]] if with_ids else [], conditional=True) for row in rows]
    refs = sorted(row["_ref"] for row in rows if row["_ref"])
    return [HoldGroup(str(hold.reason), None, len(rows), refs[0] if refs else "", refs[-1] if refs else "",
                      object_ids=[row["pk"] for row in rows] if with_ids else [], conditional=True)]


YEARS_AT_FIRST = 12  # a year hold's first read groups rows of at least this many years back (see below)


def _hold_groups_by_year(hold, queryset: models.QuerySet, refs: str, reason: str,
                         with_ids: bool) -> tuple[list[HoldGroup], list[Any] | None]:
    """Holds counted in years end on 31 December: one group per start year.

    The start year comes from date ranges (index-friendly comparisons; no per-row date parsing or SQL date
    functions) in one ``GROUP BY`` over the year (count, references and, where ``KeyList`` works, the keys;
    else with ``with_ids`` a read of the (primary key, year) pairs). It first tries the years a shop's rows
    fall in (twice the hold, at least ``YEARS_AT_FIRST``, up to next year): when every row is in one of
    them, that is the only read, and the groups' keys are all the rows' keys (returned with the groups).
    Otherwise (older or later rows, rows without a date) it reads the rows' first and last dates and
    groups over that span; the keys are then returned only if every row has a date (else ``None``).
    """
    queryset = queryset.order_by()
    field = resolve_field(queryset.model, hold.date_field)
    now = timezone.now()
    this_year = (timezone.localtime(now) if timezone.is_aware(now) else now).year
    window = list(range(this_year - max(YEARS_AT_FIRST, 2 * hold.years), this_year + 2))
    found = _year_groups(hold, queryset, field, window, refs, reason, with_ids, spans_all=False)
    if found is not None:
        return found, [pk for group in found for pk in group.object_ids] if with_ids else None
    bounds = queryset.aggregate(low=Min(hold.date_field), high=Max(hold.date_field), n=Count("pk"),
                                dated=Count(hold.date_field))
    if bounds["low"] is None:  # none with a date (their keys are not read here)
        return [], None
    low, high = bounds["low"], bounds["high"]
    if isinstance(low, dt.datetime):  # the calendar year where the shop is
        low, high = timezone.localtime(low), timezone.localtime(high)
    ordered = _year_groups(hold, queryset, field, list(range(low.year, high.year + 1)), refs, reason, with_ids,
                           spans_all=True)
    assert ordered is not None
    # Every row has a date: the groups' keys are all the rows' keys.
    keys = [pk for group in ordered for pk in group.object_ids] if with_ids and bounds["dated"] == bounds["n"] \
        else None
    return ordered, keys


def _year_groups(hold, queryset: models.QuerySet, field, years: list[int], refs: str, reason: str,
                 with_ids: bool, *, spans_all: bool) -> list[HoldGroup] | None:
    """One group per start year in ``years``. ``spans_all``: every dated row is within them (their bounds
    were read); otherwise ``None`` when some row is not (or has no date)."""
    def first_day(year: int) -> dt.date | dt.datetime:
        day = dt.date(year, 1, 1)
        return timezone.make_aware(dt.datetime.combine(day, dt.time())) if isinstance(field, models.DateTimeField) \
            else day

    date = hold.date_field
    starts = tuple((y, first_day(y)) for y in years)
    if spans_all:  # every row dated and within the years: only which year
        rows = queryset.filter(**{f"{date}__isnull": False}).annotate(
            _hold_year=YearOf(models.F(date), starts))
    else:  # NULL: after the years, before them, or no date
        rows = queryset.annotate(_hold_year=YearOf(models.F(date), starts, end=first_day(years[-1] + 1)))
    # The keys come with their year's counts (one row per year) where the database can list them as text.
    listed = with_ids and KeyList.lists(queryset)
    summary = rows.values("_hold_year").annotate(
        n=Count("pk"), **({"first": Min(refs), "last": Max(refs)} if refs else {}),
        **({"keys": KeyList("pk")} if listed else {})).order_by("_hold_year")
    groups: dict[int, HoldGroup] = {}
    for row in summary:
        if not row["n"]:
            continue
        if row["_hold_year"] is None:
            return None
        groups[row["_hold_year"]] = HoldGroup(reason, dt.date(row["_hold_year"] + hold.years, 12, 31), row["n"],
                                              str(row.get("first") or ""), str(row.get("last") or ""))
        if listed:
            groups[row["_hold_year"]].object_ids = json.loads(f"[{row['keys']}]")  # C-parsed integers
    if with_ids and not listed:
        for pk, start_year in read_rows(rows.values_list("pk", "_hold_year")):
            groups[start_year].object_ids.append(pk)
    return [groups[y] for y in sorted(groups)]


class YearOf(models.Func):
    """The start year of a date: the year whose first instant (``starts``: each year and it, in order) is the
    latest not after it, as a binary ``CASE`` (about log2(years) comparisons a row, not one per year), the
    column compiled once. With ``end`` (the first instant after the years), NULL for a date at or after it,
    before the first year, or none: the caller then reads the rows' own span."""

    output_field = models.IntegerField()

    def __init__(self, expression, starts: tuple[tuple[int, Any], ...], *, end: Any = None):
        super().__init__(expression)
        self.starts, self.end = starts, end

    def as_sql(self, compiler, connection, function=None, template=None, arg_joiner=None, **extra_context):
        source = self.get_source_expressions()[0]
        column, column_params = compiler.compile(source)
        field = source.output_field
        params: list[Any] = []

        def at_or_after(instant) -> str:
            params.extend([*column_params, field.get_db_prep_value(instant, connection)])
            return f"{column} >= %s"

        def year(lo: int, hi: int) -> str:
            if hi - lo == 1:
                if self.end is not None and lo == 0:  # the only test a date before the years fails, as does none
                    return f"CASE WHEN {at_or_after(self.starts[0][1])} THEN {int(self.starts[0][0])} END"
                return str(int(self.starts[lo][0]))
            mid = (lo + hi) // 2
            test = at_or_after(self.starts[mid][1])
            later = year(mid, hi)
            return f"CASE WHEN {test} THEN {later} ELSE {year(lo, mid)} END"

        if self.end is None:
            return year(0, len(self.starts)), params
        test = at_or_after(self.end)
        return f"CASE WHEN {test} THEN NULL ELSE {year(0, len(self.starts))} END", params


class KeyList(models.Aggregate):
    """A group's integer primary keys as one comma-separated text: one row per group, not one per key."""

    function = "GROUP_CONCAT"
    output_field = models.TextField()

    @staticmethod
    def lists(queryset: models.QuerySet) -> bool:
        """Whether ``KeyList`` works for these rows: integer keys, on SQLite or PostgreSQL."""
        return (queryset.model._meta.pk.get_internal_type() in INTEGER_KEYS
                and connections[queryset.db].vendor in ("sqlite", "postgresql"))

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="STRING_AGG",
                           template="%(function)s(CAST(%(expressions)s AS text), ',')", **extra_context)


def _cursor_rows(queryset: models.QuerySet) -> list[Any] | None:
    """The queryset's rows as the database cursor returns them, or ``None`` when the model's key is not an
    integer (a UUID key, say, needs Django's converter: read it through the ORM)."""
    if queryset.model._meta.pk.get_internal_type() not in INTEGER_KEYS:
        return None
    try:
        sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def read_rows(queryset: models.QuerySet) -> list[tuple[Any, ...]]:
    """The rows of a ``values_list`` queryset in one read on the database cursor, without Django's per-row
    work, when the model's primary key is an integer (the other selected columns must be integers too);
    through the ORM otherwise."""
    rows = _cursor_rows(queryset)
    return list(queryset) if rows is None else [tuple(row) for row in rows]


def read_keys(queryset: models.QuerySet) -> list[Any]:
    """The first column of ``read_rows``, as a flat list."""
    rows = _cursor_rows(queryset)
    return [row[0] for row in (queryset if rows is None else rows)]


INTEGER_KEYS = frozenset({"AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField",
                          "SmallIntegerField", "PositiveIntegerField", "PositiveBigIntegerField",
                          "PositiveSmallIntegerField"})


def anonymized_labels(source: ModelSource) -> list[str]:
    labels = []
    for path, spec in source.anonymize.items():
        get_anonymizer(spec)  # an unknown name fails here, before anything changes
        labels.append(source.field_label(path).lower() if path in source.field_labels
                      else str(resolve_field(source.model, path).verbose_name))
    return labels


def plan_source(source: BaseSource, subject: Subject, *, with_ids: bool = False, count: int | None = None,
                holds: list[HoldGroup] | None = None) -> SourcePlan:
    """One source's plan; ``count`` and ``holds``, when the executor already resolved the rows (and read their
    legal holds with them), save reading them again."""
    recipients = source.recipient_labels()
    if not isinstance(source, ModelSource):
        preview = source.preview(subject)
        holds = [HoldGroup(preview.kept_reason, preview.kept_until, preview.count)] if preview.kept_reason else []
        return SourcePlan(source.name, str(source.label), str(preview.action), preview.count,
                          list(preview.anonymized_fields), preview.kept_reason, holds, recipients)
    action = effective_action(source)
    queryset = source.get_queryset(subject)
    note = ""
    if is_user_source(source):
        count = queryset.count() if count is None else count
        fields = [] if action == DELETE else [_("name"), _("e-mail address"), _("username"), _("password")]
        return SourcePlan(source.name, str(source.label), action, count, fields, "", [], recipients)
    if action != str(source.erasure):
        note = _("(Removed together with your account.)")
    conditional = keeps_while(source)
    if holds is None:
        holds = hold_groups(source, queryset, with_ids=with_ids) if action != DELETE or conditional else []
    count = queryset.count() if count is None else count
    fields = anonymized_labels(source) if action == ANONYMIZE else []
    reason = str(source.legal_hold.reason) if source.legal_hold and action != DELETE else ""
    if action == KEEP and not reason and source.retention:
        reason = str(source.retention.reason)
    return SourcePlan(source.name, str(source.label), action, count, fields, reason, holds, recipients, note)


def plan_erasure(subject: Subject, *, with_ids: bool = False, counts: dict[str, int] | None = None,
                 holds: dict[str, list[HoldGroup]] | None = None) -> ErasurePlan:
    """The plan for every registered source (in registry order); ``counts`` and ``holds`` (the legal-hold
    groups, read with ids) by source name, if known."""
    counts, holds = counts or {}, holds or {}
    sources = [plan_source(source, subject, with_ids=with_ids, count=counts.get(source.name),
                           holds=holds.get(source.name)) for source in site]
    user_action = "" if subject.user is None else app_settings.ERASURE_USER_ACTION
    emails = set(subject.emails)
    if subject.account_email:
        emails.add(subject.account_email)
    return ErasurePlan(subject.key, user_action, sources, suppressed_emails=len(emails))
