"""Erasure by primary keys: resolve every source's rows first, then change them, then check the result.

A source reaches the subject through relations (``customer__user``, ``order__email``), and those
relations are only trustworthy before anything changes: deleting a profile sets ``Order.customer``
to NULL, so an order source reached through it would then match nothing; anonymizing an address cuts
off the guest rows reached by it. So, inside the erasure's transaction:

1. ``resolve_targets``: for every model source, the primary keys of the subject's rows (one read on the
   cursor) and, for each anonymized field whose new value depends on the old one (a placeholder address,
   a keyed hash), the distinct values the subject's rows hold now (the subject's values);
2. ``apply_targets``: anonymize by primary key, then delete by primary key, rows that point at other
   deleted rows first (so a PROTECT key between two rows of the same erasure does not block it);
3. ``verify_targets``: count, set-based, what is left of the planned rows. Rows planned for deletion
   must be gone; rows planned for anonymization must hold the anonymizer's value where it writes one
   (redact, blank, null) and none of the subject's values in the other anonymized fields. Anything else
   raises ``ErasureNotVerified`` naming the source and field, and the whole erasure rolls back.

The receipt counts what these counts found, not what was planned.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, cast

from django.db import connections, models
from django.db.models import Count, ProtectedError, Q, RestrictedError
from django.db.models.manager import BaseManager

from ...anonymizers import Anonymizer, Constant
from ...erasing import anonymize_queryset, resolve_anonymizers
from ...sources import ModelSource
from ...subjects import Subject
from .planner import (
    ANONYMIZE,
    DELETE,
    KEEP,
    HoldGroup,
    conditional_hold_groups,
    effective_action,
    held_rows,
    hold_groups_and_keys,
    keeps_while,
    read_keys,
)


class ErasureNotVerified(Exception):
    """The erasure could not be applied or checked; the transaction is rolled back."""


@dataclass
class Target:
    """One model source's planned rows for one subject."""

    source: ModelSource
    action: str
    pks: list[Any]
    pairs: list[tuple[models.Field, Anonymizer]] = field(default_factory=list)
    # Anonymized field name -> the subject's values in it that the erasure must remove.
    values: dict[str, set[Any]] = field(default_factory=dict)
    # Rows a conditional legal hold keeps untouched (an unpaid invoice): not in ``pks``.
    held: list[Any] = field(default_factory=list)
    # The plan's legal-hold groups (with ids), when they were read with the keys; ``None``: the plan reads them.
    holds: list[HoldGroup] | None = None
    # What the re-read found.
    deleted: int = 0
    anonymized: int = 0
    kept: int = 0
    _filters: list[Q] | None = field(default=None, repr=False)

    @property
    def model(self) -> type[models.Model]:
        return self.source.model

    @property
    def rows(self) -> models.QuerySet:
        """The model's base manager: a default manager may hide rows or forbid updates."""
        return self.model._base_manager.all()

    def key_filters(self) -> list[Q]:
        """``pks`` as filters of at most ``chunk_size`` parameters (worked out once: apply and verify use them)."""
        if self._filters is None:
            self._filters = key_filters(self.pks, chunk_size(self.rows.db))
        return self._filters

    @property
    def outcome(self) -> dict[str, int]:
        return {DELETE: self.deleted, ANONYMIZE: self.anonymized, KEEP: self.kept}


def chunk_size(using: str) -> int:
    """Primary keys per statement: SQLite limits bound parameters; leave room for the anonymizers' own."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return 10_000
    connection.ensure_connection()
    try:
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    except AttributeError:  # Python < 3.11
        limit = 999
    return max(200, limit // 2)


def chunks(values: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


MAX_RUNS = 500


def key_filters(pks: list[Any], size: int) -> list[Q]:
    """Filters that together match exactly ``pks``, each with at most about ``size`` bound parameters.

    A customer's rows are often written in bursts (an import, a busy day), and ``BETWEEN`` on a run costs
    the database and Django far less than thousands of bound parameters; the set matched is the same. A run
    of consecutive integers counts two parameters, so 40k such rows are usually one statement, not one per
    ``size`` keys; other keys are listed, about ``size`` to a statement. At most ``MAX_RUNS`` ranges go in
    one filter: SQLite refuses an expression tree deeper than 1000 (each ``OR`` is one level).
    """
    if not pks:
        return []
    if set(map(type, pks)) != {int}:
        return [Q(pk__in=part) for part in chunks(pks, size)]
    ordered = sorted(set(pks))
    if len(ordered) > 2 and ordered[-1] - ordered[0] == len(ordered) - 1:  # one run (distinct keys, no gap)
        return [Q(pk__range=(ordered[0], ordered[-1]))]
    filters: list[Q] = []
    singles: list[int] = []
    q, params, runs = Q(pk__in=[]), 0, 0
    start = prev = ordered[0]
    for pk in [*ordered[1:], None]:
        if pk is not None and pk == prev + 1:
            prev = pk
            continue
        if prev - start >= 2:
            q |= Q(pk__range=(start, prev))
            params, runs = params + 2, runs + 1
        else:
            singles.extend(range(start, prev + 1))
            params += prev - start + 1
        if params >= size or runs >= MAX_RUNS:
            filters.append(q | Q(pk__in=singles) if singles else q)
            q, singles, params, runs = Q(pk__in=[]), [], 0, 0
        if pk is not None:
            start = prev = pk
    if params:
        filters.append(q | Q(pk__in=singles) if singles else q)
    return filters


# -- 1. resolve ----------------------------------------------------------------------------------------


def subject_rows(source: ModelSource, subject: Subject) -> models.QuerySet:
    """The subject's rows, on the base manager unless the source defines its own queryset."""
    if type(source).get_queryset is ModelSource.get_queryset:
        return source.model._base_manager.filter(source.subject_filter(subject))
    return source.get_queryset(subject)


def writes_one_value(anonymizer: Anonymizer) -> bool:
    """An anonymizer that writes the same value into every row (redact, blank, null, fixed text), whatever the
    row held: an anonymized row is one that holds it (``done_q``), so the subject's values need not be read."""
    kind = type(anonymizer)
    return (isinstance(anonymizer, Constant) and kind.expression is Constant.expression
            and kind.done_q is Constant.done_q)


def plan_reads_these_rows(source: ModelSource) -> bool:
    """Whether the plan's queryset (``source.get_queryset``, on the default manager) holds the same rows as
    ``subject_rows``: then the legal holds read with the keys are the plan's."""
    if source.overrides_get_queryset():
        return True
    return type(source.model._default_manager).get_queryset is BaseManager.get_queryset


def plan_holds(source: ModelSource, action: str, queryset: models.QuerySet, rows_held: list[dict[str, Any]] | None
               ) -> tuple[list[HoldGroup] | None, list[Any] | None]:
    """The plan's legal holds, read here once with the keys where they are the same rows (``plan_source``
    reads them when action != DELETE or the source keeps rows while a condition holds), and the keys when
    that read listed them all; ``None`` for what was not read."""
    hold = source.legal_hold
    if hold is None or not plan_reads_these_rows(source):
        return None, None
    if hold.conditional:
        if rows_held is None:
            return None, None
        return conditional_hold_groups(source, None, with_ids=True, rows=rows_held), None
    if action == DELETE:
        return None, None
    return hold_groups_and_keys(source, queryset, with_ids=True)


def resolve_target(source: ModelSource, subject: Subject) -> Target:
    action = effective_action(source)
    queryset = subject_rows(source, subject).order_by()
    held: list[Any] = []
    rows_held: list[dict[str, Any]] | None = None
    if keeps_while(source) and action != KEEP:
        rows_held = held_rows(source, queryset)
        held = [row["pk"] for row in rows_held]
        queryset = queryset.exclude(pk__in=held) if held else queryset
    holds, pks = plan_holds(source, action, queryset, rows_held)
    if pks is None:
        pks = read_keys(queryset.values_list("pk"))
    if action != ANONYMIZE:
        return Target(source, action, pks, held=held, holds=holds)
    pairs = resolve_anonymizers(source)
    values = {}
    for model_field, anonymizer in pairs:
        if not pks or writes_one_value(anonymizer):  # checked afterwards by the value it wrote
            continue
        found = queryset.values_list(model_field.name, flat=True).distinct()
        # A value the anonymizer leaves as it is ('' blanked, '[redacted]', NULL) is no one's data.
        personal = {v for v in found if v not in (None, "") and anonymizer.python_value(model_field, v) != v}
        if personal:
            values[model_field.name] = personal
    return Target(source, action, pks, pairs, values, held=held, holds=holds)


def resolve_targets(sources: list[ModelSource], subject: Subject) -> list[Target]:
    """Every source's rows for the subject, read before anything is changed."""
    return [resolve_target(source, subject) for source in sources]


# -- 2. apply ----------------------------------------------------------------------------------------


def _points_at(model: type[models.Model], other: type[models.Model]) -> bool:
    parents = {other, *other._meta.get_parent_list()}
    return any(f.many_to_one or f.one_to_one for f in model._meta.concrete_fields
               if f.is_relation and f.related_model in parents)


def deletion_order(targets: list[Target]) -> list[Target]:
    """Rows that point at other deleted rows first (children before parents); declaration order otherwise."""
    pending = list(targets)
    ordered: list[Target] = []
    while pending:
        for target in pending:
            if not any(other is not target and other.model is not target.model and _points_at(other.model, target.model)
                       for other in pending):
                break
        else:  # a cycle: keep the declared order for the rest
            target = pending[0]
        pending.remove(target)
        ordered.append(target)
    return ordered


def blocked(source_name: str, exc: ProtectedError | RestrictedError) -> ErasureNotVerified:
    objects = list(getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", None) or [])
    where = sorted({f"{o._meta.label}" for o in objects})
    return ErasureNotVerified(
        f"Source {source_name!r}: its rows cannot be deleted because rows of {', '.join(where) or 'another model'} "
        "point at them with on_delete=PROTECT (or RESTRICT) and the erasure keeps those. Declare the pointing "
        "model's source with erasure = Erasure.DELETE, or change the foreign key to SET_NULL or CASCADE."
    )


def apply_targets(targets: list[Target]) -> None:
    """Anonymize, then delete, the resolved rows by primary key."""
    for target in targets:
        if target.action != ANONYMIZE or not target.pks:
            continue
        for keys in target.key_filters():
            # The subject's values are known: the executor maps them instead of reading them again.
            anonymize_queryset(target.rows.filter(keys), target.pairs, few_values=True,
                               known_values=target.values)
    for target in deletion_order([t for t in targets if t.action == DELETE and t.pks]):
        for keys in target.key_filters():
            try:
                target.source.delete_rows(target.rows.filter(keys))
            except (ProtectedError, RestrictedError) as exc:
                raise blocked(target.source.name, exc) from exc


# -- 3. verify ---------------------------------------------------------------------------------------


def anonymization_checks(target: Target) -> list[tuple[str, Q, str]]:
    """Per anonymized field: the rows that would show it was not anonymized, and how to say so."""
    checks = []
    for model_field, anonymizer in target.pairs:
        name = model_field.name
        if writes_one_value(anonymizer):
            checks.append((name, ~cast(Q, anonymizer.done_q(model_field)), "do not hold the anonymized value"))
        elif name in target.values:
            checks.append((name, Q(**{f"{name}__in": list(target.values[name])}),
                           "still hold the subject's value after anonymization"))
    return checks


def verify_target(target: Target) -> None:
    """Count what is left of the planned rows; raise if any still holds what the plan removes.

    One query per key filter (``Target.key_filters``): the rows left and, per anonymized field, how many
    were not anonymized: a field whose anonymizer writes one value (``writes_one_value``) must hold it in
    every row; any other must hold none of the subject's values read before the erasure.
    """
    present = 0
    checks = anonymization_checks(target) if target.action == ANONYMIZE else []
    for keys in target.key_filters():
        rows = target.rows.filter(keys)
        counts = rows.aggregate(
            left=Count("pk"), **{f"still_{i}": Count("pk", filter=q) for i, (_name, q, _what) in enumerate(checks)})
        left = counts["left"]
        present += left
        if left and target.action == DELETE:
            first = next(iter(target.source.field_labels), "pk")
            raise ErasureNotVerified(
                f"Source {target.source.name!r}: {left} row(s) planned for deletion are still there "
                f"(field {first!r} and the rest still hold the subject's data).")
        for i, (name, _q, what) in enumerate(checks):
            if counts[f"still_{i}"]:
                raise ErasureNotVerified(
                    f"Source {target.source.name!r}, field {name!r}: {counts[f'still_{i}']} row(s) {what}.")
    gone = len(target.pks) - present
    if target.action == ANONYMIZE:
        target.anonymized, target.deleted = present, gone
    elif target.action == KEEP:
        target.kept, target.deleted = present, gone
    else:
        target.deleted = gone


def verify_targets(targets: list[Target]) -> None:
    for target in targets:
        if target.pks:  # nothing planned, nothing to read again
            verify_target(target)
        if target.held:  # kept as they were, under a condition: count what is there
            size = chunk_size(target.rows.db)
            target.kept += sum(target.rows.filter(keys).count() for keys in key_filters(target.held, size))
