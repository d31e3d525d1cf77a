"""A model source's export rows, read fast: one query on a raw cursor, values formatted by the database where it
formats them exactly as Python does, and Python work only for the columns that still need it.

An export reads every row of a heavy customer (80,000 and more), so the cost per value matters. Through the ORM
each row went through Django's converters (a datetime parsed from text, made aware, then turned back into text
by ``isoformat()``; a decimal built from a float, quantized, then turned into text), which was most of an
export's time. Here each column gets one of four plans:

- **formatted in SQL**: datetimes and dates (and decimals on PostgreSQL) come back as the very text Python's
  ``isoformat()`` and ``str(Decimal)`` would give (``2026-11-23T10:00:00+00:00``, ``2026-11-23``, ``12.50``). On
  SQLite the text is what Django stored, its shape checked before it is reshaped; a value of any other shape
  (written by something other than Django) comes back marked and goes through Django's own converters, so it
  reads exactly as before;
- **formatted in bulk**: SQLite's decimals (numbers) by ``format()`` over a whole column of a chunk, checked in
  the same pass (see ``_sqlite_decimals``);
- **as the driver gives it**: text, integers, floats, booleans (SQLite's driver already turns ``bool`` columns
  into ``True``/``False``, PostgreSQL's too);
- **Django's converters, then the export's**: everything else (masked fields, JSON, UUIDs, times), value by value,
  exactly as the ORM would.

Work is done per column of a chunk (``zip(*rows)``), with ``map`` over C functions where it can, so a
chunk that needs nothing costs nothing. Any query shape this does not know (extra selects, composite keys) is
read through the ORM instead (``None`` from ``export_chunks``). The query is the ORM's own SQL
(``values_list("pk", *fields)`` ordered by ``pk``), run on the connection's cursor (a server-side one on
PostgreSQL, unless ``DISABLE_SERVER_SIDE_CURSORS``), so it is counted, logged and filtered like any other.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections, models
from django.db.models.expressions import ColPairs
from django.utils.dateparse import parse_date, parse_datetime

from .values import export_converter, field_type, mask_value

Row = tuple[Any, ...]

# SQLite: a value the SQL could not format comes back as this character followed by the stored text.
MARK = "!"

class SqliteIsoDatetime(models.Func):
    """SQLite: Django's stored ``YYYY-MM-DD HH:MM:SS[.ffffff]`` (UTC) as ``datetime.isoformat()`` gives it.

    Microseconds only when not zero, as Python writes them; ``suffix`` is ``+00:00`` when ``USE_TZ``.
    Anything of another shape (``T``, an offset, milliseconds, ``.000000``) comes back as ``!`` followed by the
    stored text. The shape is checked by length and separators (``GLOB`` cost four times the whole read).
    """

    output_field = models.TextField()

    def __init__(self, expression, suffix: str) -> None:
        super().__init__(expression)
        self.suffix = suffix

    def as_sql(self, compiler, connection, **extra_context):  # type: ignore[override]
        col, params = compiler.compile(self.source_expressions[0])
        sql = (
            f"CASE WHEN substr({col}, 11, 1) = ' ' AND substr({col}, 5, 1) = '-' AND (length({col}) = 19"
            f" OR (length({col}) = 26 AND substr({col}, 20, 1) = '.' AND substr({col}, 21) <> '000000'))"
            f" THEN substr({col}, 1, 10) || 'T' || substr({col}, 12) || '{self.suffix}'"
            f" ELSE '{MARK}' || {col} END"
        )
        return sql, list(params) * sql.count(col)


class SqliteIsoDate(models.Func):
    """SQLite: a stored ``YYYY-MM-DD`` as is (it is ``date.isoformat()``); anything else marked."""

    output_field = models.TextField()

    def as_sql(self, compiler, connection, **extra_context):  # type: ignore[override]
        col, params = compiler.compile(self.source_expressions[0])
        sql = (f"CASE WHEN length({col}) = 10 AND substr({col}, 5, 1) = '-' AND substr({col}, 8, 1) = '-'"
               f" THEN {col} ELSE '{MARK}' || {col} END")
        return sql, list(params) * sql.count(col)


class SqliteDecimalText(models.Func):
    """SQLite keeps a decimal as a number (15 significant digits); Django reads it as ``Decimal`` quantized to the
    field's places, and the export writes its ``str()``.

    When the number's text with the field's places (``printf``) reads back as the number itself and fits the
    field's digits, that text *is* ``str()`` of Django's ``Decimal``: both are the decimal with at most 15 digits
    nearest to it. Anything else (more places, too large, stored as text) comes marked, and is read the ORM's
    way (``decode_number``)."""

    output_field = models.TextField()

    def __init__(self, expression, places: int, limit: int):
        super().__init__(expression)
        self.places, self.limit = int(places), int(limit)

    def as_sql(self, compiler, connection, **extra_context):  # type: ignore[override]
        col, params = compiler.compile(self.source_expressions[0])
        # "%%" is how Django's SQL writes a literal "%" (its placeholders are %s): SQLite receives printf('%.2f', ...).
        text = f"printf('%%.{self.places}f', {col})"
        sql = (f"CASE WHEN typeof({col}) IN ('integer', 'real') AND abs({col}) < {self.limit}"
               f" AND CAST({text} AS REAL) = {col} THEN {text} ELSE '{MARK}' || {col} END")
        return sql, list(params) * sql.count(col)


def decode_number(text: str) -> Any:
    """A marked SQLite number as the driver returns it: ``int`` for an integer's text, else ``float`` (Django's
    converter keeps 15 significant digits, as SQLite's text of a real has)."""
    try:
        return int(text)
    except ValueError:
        return float(text)


class PostgresIsoDatetimeUTC(models.Func):
    """PostgreSQL: a timestamptz as the exact text of Python's ``datetime.isoformat()`` in UTC.

    ``2026-11-23T10:00:00+00:00``, with ``.ffffff`` only when there are microseconds.
    """

    template = (
        "to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') || "
        "CASE WHEN mod(extract(microseconds FROM %(expressions)s)::bigint, 1000000) = 0 THEN '' "
        "ELSE to_char(%(expressions)s AT TIME ZONE 'UTC', '.US') END || '+00:00'"
    )
    output_field = models.TextField()


class PostgresIsoDate(models.Func):
    template = "to_char(%(expressions)s, 'YYYY-MM-DD')"
    output_field = models.TextField()


class PostgresText(models.Func):
    """PostgreSQL: a numeric as its text, which is ``str(Decimal)`` for up to 6 decimal places."""

    template = "(%(expressions)s)::text"
    output_field = models.TextField()


def _decimal_places(field: models.Field) -> int:
    return getattr(field, "decimal_places", None) or 0


def _max_digits(field: models.Field) -> int:
    return getattr(field, "max_digits", None) or 0


def _sql_format(field: models.Field, kind: str, connection) -> tuple[Callable[[Any], models.Func], Any] | None:
    """The expression that formats this column in SQL, and how the driver decodes the stored text (SQLite)."""
    vendor = connection.vendor
    utc = getattr(connection, "timezone_name", None) == "UTC"
    db_type = field.db_type(connection)
    if vendor == "sqlite":
        if kind == "datetime" and db_type == "datetime" and (utc or not settings.USE_TZ):
            suffix = "+00:00" if settings.USE_TZ else ""
            return (lambda expr: SqliteIsoDatetime(expr, suffix)), parse_datetime
        if kind == "date" and db_type == "date":
            return SqliteIsoDate, parse_date
        return None
    if vendor == "postgresql":
        if kind == "datetime" and db_type == "timestamp with time zone" and utc and settings.USE_TZ:
            return PostgresIsoDatetimeUTC, None
        if kind == "date" and db_type == "date":
            return PostgresIsoDate, None
        if kind == "decimal" and (db_type or "").startswith("numeric") and _decimal_places(field) <= 6:
            return PostgresText, None
    return None


Column = Sequence[Any]
Transform = Callable[[Column], Column]


def _django_then(convs, expression, connection, after: Callable[[Any], Any] | None) -> Callable[[Any], Any]:
    """One value through Django's converters (as the ORM applies them), then ``after`` if it is not null."""
    def convert(value: Any) -> Any:
        for converter in convs:
            value = converter(value, expression, connection)
        if after is not None and value is not None:
            value = after(value)
        return value

    return convert


def _each(convert: Callable[[Any], Any]) -> Transform:
    def transform(column: Column) -> Column:
        return list(map(convert, column))

    return transform


def _unmarked(decode, convert: Callable[[Any], Any]) -> Transform:
    """SQLite, a column formatted by SQL: values it left marked go through ``convert`` (as the ORM reads them)."""
    def fix(value: Any) -> Any:
        if value is None or not value.startswith(MARK):
            return value
        value = value[1:]
        return convert(decode(value) if decode is not None else value)

    def transform(column: Column) -> Column:
        if MARK not in set(map(operator.itemgetter(0), filter(None, column))):  # a scan in C
            return column
        return list(map(fix, column))

    return transform


def _plan_column(source, path: str, field: models.Field, convs, conv_expression, connection, index: int
                 ) -> tuple[str, models.Func | None, Transform | None]:
    """How one column is read: its name in the query, the SQL that formats it (or None), what Python does."""
    sqlite = connection.vendor == "sqlite"
    kind = field_type(source.model_field(path)) if index else field_type(field)
    hidden = index > 0 and path in source.masked
    after = mask_value if hidden else export_converter(kind)
    convert = _django_then(convs, conv_expression, connection, after)
    formatted = None if hidden else _sql_format(field, kind, connection)
    if formatted is not None:
        make, decode = formatted
        return f"_export_{index}", make(models.F(path)), _unmarked(decode, convert) if sqlite else None
    if sqlite and not hidden and kind == "decimal" and field.db_type(connection) == "decimal" \
            and 0 < _max_digits(field) <= 15:
        places = _decimal_places(field)
        return (f"_export_{index}", SqliteDecimalText(models.F(path), places, 10 ** (_max_digits(field) - places)),
                _unmarked(decode_number, convert))
    if sqlite and kind == "boolean" and field.db_type(connection) == "bool":
        # The sqlite3 driver already turns declared ``bool`` columns into True/False; Django's converter would
        # only repeat it.
        convs = [c for c in convs if getattr(c, "__name__", "") != "convert_booleanfield_value"]
        convert = _django_then(convs, conv_expression, connection, after)
    return path, None, _each(convert) if convs or after is not None else None


def export_chunks(source, subject, chunk_size: int) -> Iterator[list[Row]] | None:
    """The subject's rows of a ``ModelSource`` as export chunks, or ``None`` when the ORM must read them."""
    paths = list(source.field_labels)
    base = source.get_queryset(subject).order_by("pk")
    connection = connections[base.db]
    plain = base.values_list("pk", *paths)
    compiler = plain.query.get_compiler(plain.db)
    try:
        compiler.as_sql()
    except EmptyResultSet:
        return iter(())
    select = [expression for expression, _sql, _alias in compiler.select]
    if compiler.has_extra_select or compiler.col_count != len(select) or len(select) != len(paths) + 1 \
            or any(isinstance(e, ColPairs) for e in select):
        return None
    django_converters = compiler.get_converters(select)

    names, annotations = ["pk"], {}
    transforms: list[tuple[int, Transform]] = []
    for index, expression in enumerate(select):
        path = paths[index - 1] if index else "pk"
        convs, conv_expression = django_converters.get(index, ([], expression))
        name, annotation, transform = _plan_column(source, path, expression.output_field, convs, conv_expression,
                                                   connection, index)
        if index:
            names.append(name)
        if annotation is not None:
            annotations[name] = annotation
        if transform is not None:
            transforms.append((index, transform))

    query = base.annotate(**annotations).values_list(*names) if annotations else plain
    fast = query.query.get_compiler(query.db)
    try:
        sql, params = fast.as_sql()
    except EmptyResultSet:
        return iter(())
    if [alias for _e, _s, alias in fast.select] != names or fast.has_extra_select:
        return None
    server_side = not connection.settings_dict.get("DISABLE_SERVER_SIDE_CURSORS")
    return _read(connection, sql, params, chunk_size, transforms, server_side)


def _read(connection, sql, params, chunk_size: int, transforms, server_side: bool) -> Iterator[list[Row]]:
    cursor = connection.chunked_cursor() if server_side else connection.cursor()
    try:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk_size):
            # Each transformed column is taken out on its own (in C); the rows are rebuilt only when a transform
            # changed its column (most leave SQL-formatted columns as they are).
            changed: dict[int, Column] = {}
            for i, transform in transforms:
                column = list(map(operator.itemgetter(i), rows))
                new = transform(column)
                if new is not column:
                    changed[i] = new
            if changed:
                columns: list[Column] = list(zip(*rows, strict=True))
                for i, new in changed.items():
                    columns[i] = new
                rows = list(zip(*columns, strict=True))
            yield rows
    finally:
        cursor.close()
