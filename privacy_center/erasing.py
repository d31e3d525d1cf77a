"""Set-based erase operations on one model source's rows: the one place rows are anonymized or deleted.

Both the erasure executor (one subject, every source, in one transaction) and the retention sweep use
these, and so does ``ModelSource.erase``; this module imports nothing above ``sources`` (sources only
under ``TYPE_CHECKING``), so nothing calls back. Rows are deleted with ``DELETE`` statements or
anonymized with ``UPDATE`` statements whose values are SQL expressions (``privacy_center.anonymizers``);
never a ``save()`` per row.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import connections, models
from django.db.models import Case, F, Value, When

from .anonymizers import Anonymizer, get_anonymizer
from .app_settings import app_settings
from .declarations import Erasure, Preview

if TYPE_CHECKING:
    from .sources import BaseSource, ModelSource
    from .subjects import Subject

__all__ = ["DELETE", "ANONYMIZE", "KEEP", "SQL_VENDORS", "is_user_source", "cascades_with_user",
           "effective_action", "keeps_while", "conditionally_held_pks", "resolve_anonymizers",
           "anonymize_queryset", "writable_queryset", "erase_rows"]

DELETE, ANONYMIZE, KEEP = Erasure.DELETE.value, Erasure.ANONYMIZE.value, Erasure.KEEP.value
SQL_VENDORS = {"sqlite", "postgresql"}  # databases on which every anonymizer is one SQL expression


def _model(source: BaseSource) -> type[models.Model] | None:
    """The model of a model source; ``None`` for any other source (they have no ``model``)."""
    return getattr(source, "model", None)


def is_user_source(source: BaseSource) -> bool:
    return _model(source) is get_user_model()


def cascades_with_user(source: ModelSource) -> bool:
    """Rows deleted by the database when the user row is deleted (a one-hop CASCADE foreign key)."""
    if "__" in source.user_path or not source.user_path or source.user_path == "pk":
        return False
    try:
        fk = source.model._meta.get_field(source.user_path)
    except FieldDoesNotExist:
        return False
    remote = getattr(fk, "remote_field", None)
    return bool(remote and fk.related_model is get_user_model() and remote.on_delete is models.CASCADE)


def effective_action(source: BaseSource) -> str:
    """What an erasure does to this source: its declared strategy, except for the user row (the setting
    ``PRIVACY_CENTER_ERASURE_USER_ACTION``) and rows the database deletes with the user anyway."""
    action = str(source.erasure)
    if is_user_source(source):
        return DELETE if app_settings.ERASURE_USER_ACTION == "delete" else ANONYMIZE
    if (action != DELETE and _model(source) is not None and app_settings.ERASURE_USER_ACTION == "delete"
            and cascades_with_user(source)):  # type: ignore[arg-type]  # a model source (it has a model)
        return DELETE
    return action


def keeps_while(source: BaseSource) -> bool:
    """Whether an erasure can keep rows of ``source`` under its conditional hold: not when they are removed
    by the database together with the account (a CASCADE key to the deleted user row)."""
    hold = getattr(source, "legal_hold", None)
    if hold is None or not hold.conditional or _model(source) is None:
        return False
    return not (app_settings.ERASURE_USER_ACTION == "delete"
                and cascades_with_user(source))  # type: ignore[arg-type]  # a model source (it has a model)


def conditionally_held_pks(source: ModelSource, queryset: models.QuerySet) -> list[Any]:
    """The primary keys of the rows of ``queryset`` the source's conditional legal hold keeps now (a
    ``Q``/dict condition is one query; a callable is asked row by row). ``planner.held_rows`` reads the
    same rows with the fields the reason names."""
    hold = source.legal_hold
    assert hold is not None and hold.conditional
    condition = hold.condition
    if isinstance(condition, dict):
        condition = models.Q(**condition)
    if isinstance(condition, models.Q):
        return list(queryset.filter(condition).order_by("pk").values_list("pk", flat=True))
    return [obj.pk for obj in queryset.order_by("pk").iterator(chunk_size=2000) if condition(obj)]


def resolve_anonymizers(source: ModelSource) -> list[tuple[models.Field, Anonymizer]]:
    """The declared anonymizers with their (concrete, local) fields, validated before anything changes."""
    pairs = []
    for name, spec in source.anonymize.items():
        field = cast(models.Field, source.model._meta.get_field(name))  # anonymized fields are concrete
        anonymizer = get_anonymizer(spec)
        anonymizer.validate(field)
        pairs.append((field, anonymizer))
    return pairs


def anonymize_queryset(queryset: models.QuerySet, pairs: Iterable[tuple[models.Field, Anonymizer]], *,
                       few_values: bool = False, known_values: dict[str, set] | None = None) -> int:
    """Anonymize the rows of ``queryset``; returns the rows changed.

    Fields with an SQL form on this database are set by one ``UPDATE``. Where an
    anonymizer has none (keyed hashes outside SQLite: the key never goes to the
    database server), values are computed in Python: one subject's rows hold few
    distinct values (one address on 10k orders), so the executor asks for the
    mapping (``few_values``) written as a ``CASE``, passing the values it already
    read (``known_values``: field name -> values; a field missing from it holds none
    to change); a retention sweep's batch holds many, so on PostgreSQL each row's
    new value is written by primary key with one ``UPDATE ... FROM unnest(...)``.
    """
    connection = connections[queryset.db]
    vendor = connection.vendor
    values: dict[str, Any] = {}
    by_row: list[tuple[models.Field, Anonymizer]] = []
    for field, anonymizer in pairs:
        expression = None
        sql_here = vendor in SQL_VENDORS and vendor in anonymizer.sql_vendors
        if not anonymizer.vendor_sql or (sql_here and not few_values):
            try:
                expression = anonymizer.expression(field)
            except NotImplementedError:
                expression = None
        if expression is None and not few_values and vendor == "postgresql":
            by_row.append((field, anonymizer))
            continue
        if expression is None:
            if known_values is not None:
                distinct = set(known_values.get(field.name, ()))
            else:
                distinct = {v for v in queryset.values_list(field.name, flat=True).distinct() if v is not None}
            if not distinct:
                continue
            expression = Case(
                *[When(**{field.name: v}, then=Value(anonymizer.python_value(field, v), output_field=field))
                  for v in sorted(distinct, key=str)],
                default=F(field.name), output_field=field,
            )
        values[field.name] = expression
    rows = list(queryset.values_list("pk", *[f.attname for f, _ in by_row])) if by_row else None
    count = queryset.update(**values) if values else None
    if rows is not None:
        _update_rows_from_python(queryset.model, connection, by_row, rows)
        return len(rows) if count is None else count
    return queryset.count() if count is None else count


def _update_rows_from_python(model, connection, pairs, rows, chunk: int = 10_000) -> None:
    """PostgreSQL: write Python-computed values by primary key, one statement per ``chunk`` rows."""
    table, pk = connection.ops.quote_name(model._meta.db_table), model._meta.pk
    pk_col, pk_type = connection.ops.quote_name(pk.column), pk.db_type(connection)
    sets = ", ".join(f"{connection.ops.quote_name(f.column)} = v.c{i}::{f.db_type(connection)}"
                     for i, (f, _) in enumerate(pairs))
    columns = ", ".join(f"c{i}" for i in range(len(pairs)))
    arrays = ", ".join(["%s::text[]"] * len(pairs))
    sql = (f"UPDATE {table} AS t SET {sets} FROM unnest(%s::{pk_type}[], {arrays}) AS v(pk, {columns}) "
           f"WHERE t.{pk_col} = v.pk")
    with connection.cursor() as cursor:
        for start in range(0, len(rows), chunk):
            part = rows[start:start + chunk]
            params: list[list[Any]] = [[row[0] for row in part]]
            for i, (field, anonymizer) in enumerate(pairs):
                params.append([None if row[i + 1] is None else anonymizer.python_value(field, row[i + 1])
                               for row in part])
            cursor.execute(sql, params)


def writable_queryset(source: ModelSource, subject: Subject) -> models.QuerySet:
    """The subject's rows on the base manager: a model's default manager may forbid updates (append-only).
    A source that overrides ``get_queryset`` chose its rows itself: those are the ones erased."""
    if not source.overrides_get_queryset():
        return source.model._base_manager.filter(source.subject_filter(subject))
    return source.get_queryset(subject)


def erase_rows(source: ModelSource, subject: Subject) -> Preview:
    """Apply a model source's erasure strategy inside the caller's transaction; what was done."""
    action = effective_action(source)
    queryset = writable_queryset(source, subject)
    if keeps_while(source) and action != KEEP:  # rows a conditional hold keeps are left as they are
        held = conditionally_held_pks(source, queryset)
        queryset = queryset.exclude(pk__in=held) if held else queryset
    label = source.model._meta.label
    if action == DELETE:
        _, per_model = queryset.delete()
        return Preview(source.name, str(source.label), per_model.get(label, 0), DELETE)
    if action == ANONYMIZE:
        pairs = resolve_anonymizers(source)
        count = anonymize_queryset(queryset, pairs, few_values=True)
        return Preview(source.name, str(source.label), count, ANONYMIZE,
                       anonymized_fields=[f.name for f, _ in pairs],
                       kept_reason=str(source.legal_hold.reason) if source.legal_hold else "")
    return Preview(source.name, str(source.label), queryset.count(), KEEP,
                   kept_reason=str(source.legal_hold.reason) if source.legal_hold else "")
