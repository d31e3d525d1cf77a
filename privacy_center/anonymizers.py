"""Field anonymizers that sources name in ``Meta.anonymize``.

``anonymize = {"full_name": "redact", "email": "placeholder_email", "ip_address": "truncate_ip"}``.
A name may carry an argument after a colon (``"fixed:Former customer"``), or a
declaration may give an ``Anonymizer`` instance (``fixed("Former customer")``).

Erasure and retention sweeps run on many rows at once, so each anonymizer gives
a SQL expression for ``QuerySet.update()``: one statement per batch, never a
``save()`` per row. The keyed hash, the placeholder e-mail and IP truncation
need code: on SQLite they are registered as SQL functions (Python, in this
process); IP truncation is written in SQL for PostgreSQL (``inet`` functions).
The keyed hashes never go to a database server as SQL: elsewhere the executor
computes them in Python (``python_value``), for a subject's few distinct values
as a ``CASE``, for a sweep's rows as one ``UPDATE ... FROM unnest(...)`` per batch.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import Any

from django.db import models
from django.db.models import F, Q, Value
from django.db.models.expressions import Expression, Func
from django.db.models.functions import Lower, Trim, TruncYear

from .hashing import keyed_hash

__all__ = [
    "Anonymizer", "get_anonymizer", "ANONYMIZERS", "REDACTED", "fixed", "register_sqlite_functions",
    "truncate_ip_value", "placeholder_email_value",
]

REDACTED = "[redacted]"
PLACEHOLDER_DOMAIN = "invalid"
# Characters of the keyed hash kept in a placeholder address (80 bits: no collisions in practice).
PLACEHOLDER_HASH_CHARS = 20


def truncate_ip_value(value: Any) -> str | None:
    """IPv4 to its /24 network address, IPv6 to its /48; ``None`` for what is not an address."""
    if value in (None, ""):
        return None
    try:
        address = ipaddress.ip_address(str(value).strip())
    except ValueError:
        return None
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False).network_address)


def placeholder_email_value(value: Any) -> str:
    """``deleted-<keyed hash>@invalid``: unique per address, says nothing about it (RFC 2606 ``.invalid``)."""
    normalized = str(value or "").strip().casefold()
    return f"deleted-{keyed_hash('email:' + normalized)[:PLACEHOLDER_HASH_CHARS]}@{PLACEHOLDER_DOMAIN}"


def keyed_hash_value(value: Any) -> str | None:
    return None if value is None else keyed_hash(str(value))


# -- SQL helpers ------------------------------------------------------------------------
# The keyed hash never becomes SQL text or a query parameter: on SQLite it is a Python function
# registered on the connection (it runs inside this process), elsewhere the executor computes it
# in Python over the rows' values and writes only the results.


class KeyedHashSQL(Func):
    """HMAC-SHA256 (hex) of ``prefix || expression``, on SQLite only (an in-process function)."""

    output_field = models.CharField()

    def __init__(self, expression, prefix: str = "", **extra):
        super().__init__(expression, **extra)
        self.prefix = prefix

    def as_sqlite(self, compiler, connection, **extra):
        inner, params = compiler.compile(self.source_expressions[0])
        return f"privacy_keyed_hash(%s || CAST({inner} AS TEXT))", (self.prefix, *params)

    def as_sql(self, compiler, connection, **extra):  # other databases: values are hashed in Python
        raise NotImplementedError(f"No in-process keyed hash on {connection.vendor}")


class TruncateIPSQL(Func):
    output_field = models.GenericIPAddressField()

    def as_sqlite(self, compiler, connection, **extra):
        inner, params = compiler.compile(self.source_expressions[0])
        return f"privacy_truncate_ip({inner})", params

    def as_postgresql(self, compiler, connection, **extra):
        inner, params = compiler.compile(self.source_expressions[0])
        sql = (f"host(network(set_masklen(({inner})::inet, "
               f"CASE WHEN family(({inner})::inet) = 4 THEN 24 ELSE 48 END)))::inet")
        return sql, (*params, *params)

    def as_sql(self, compiler, connection, **extra):
        raise NotImplementedError(f"No SQL IP truncation on {connection.vendor}")


def register_sqlite_functions(sender=None, connection=None, **kwargs) -> None:
    """``connection_created`` receiver: the Python anonymizers as SQLite functions."""
    if connection is None or connection.vendor != "sqlite":
        return
    raw = connection.connection
    raw.create_function("privacy_keyed_hash", 1, keyed_hash_value, deterministic=True)
    raw.create_function("privacy_truncate_ip", 1, truncate_ip_value, deterministic=True)


# -- anonymizers ---------------------------------------------------------------------------


def _text_fits(field: models.Field, text: str) -> str:
    max_length = getattr(field, "max_length", None)
    return text[:max_length] if max_length else text


def _is_text(field: models.Field) -> bool:
    return isinstance(field, models.CharField | models.TextField) and not isinstance(field, models.EmailField)


class Anonymizer:
    """Replaces one field's value. Subclasses give ``expression`` (SQL) and ``python_value`` (fallback)."""

    name = ""
    label = ""
    # Whether the expression needs vendor SQL (no portable form): the executor falls back to value mapping.
    vendor_sql = False
    # The databases on which ``expression`` works, when ``vendor_sql``.
    sql_vendors: frozenset[str] = frozenset()

    def validate(self, field: models.Field) -> None:
        """Raise ``ValueError`` if the anonymizer cannot apply to ``field`` (checked before any change)."""

    def expression(self, field: models.Field) -> Expression:
        raise NotImplementedError

    def python_value(self, field: models.Field, value: Any) -> Any:
        raise NotImplementedError

    def done_q(self, field: models.Field) -> Q | None:
        """Rows already anonymized (so retention sweeps skip them); ``None`` when it cannot tell."""
        return None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"


class Constant(Anonymizer):
    """Sets a constant: redact, blank, null and fixed text."""

    def __init__(self, name: str, value: Any, label: str = ""):
        self.name, self.value, self.label = name, value, label

    def new_value(self, field: models.Field) -> Any:
        return _text_fits(field, self.value) if isinstance(self.value, str) else self.value

    def validate(self, field: models.Field) -> None:
        if self.value is None and not field.null:
            raise ValueError(f"{field.model.__name__}.{field.name} is not nullable: use 'blank' or 'redact'.")
        if isinstance(self.value, str) and not isinstance(field, models.CharField | models.TextField):
            raise ValueError(f"{field.model.__name__}.{field.name} is not a text field: use 'null'.")

    def expression(self, field: models.Field) -> Expression:
        return Value(self.new_value(field), output_field=field)

    def python_value(self, field: models.Field, value: Any) -> Any:
        return self.new_value(field)

    def done_q(self, field: models.Field) -> Q | None:
        value = self.new_value(field)
        return Q(**{f"{field.name}__isnull": True}) if value is None else Q(**{field.name: value})


class Redact(Constant):
    """``[redacted]`` in text, ``redacted@invalid`` in e-mail fields, null elsewhere."""

    def __init__(self):
        super().__init__("redact", REDACTED, "redacted")

    def new_value(self, field: models.Field) -> Any:
        if isinstance(field, models.EmailField):
            return f"redacted@{PLACEHOLDER_DOMAIN}"
        if _is_text(field):
            return _text_fits(field, REDACTED)
        return None

    def validate(self, field: models.Field) -> None:
        if self.new_value(field) is None and not field.null:
            raise ValueError(f"{field.model.__name__}.{field.name} can be redacted only if it is nullable.")


class KeyedHash(Anonymizer):
    """HMAC-SHA256 of the value with ``PRIVACY_CENTER_HASH_KEY``: the same input, the same pseudonym."""

    name, label, vendor_sql = "keyed_hash", "replaced by a keyed hash", True
    sql_vendors = frozenset({"sqlite"})

    def validate(self, field: models.Field) -> None:
        if not isinstance(field, models.CharField | models.TextField):
            raise ValueError(f"{field.model.__name__}.{field.name}: a keyed hash needs a text field.")

    def expression(self, field: models.Field) -> Expression:
        expr: Expression = KeyedHashSQL(F(field.name))
        max_length: int | None = getattr(field, "max_length", None)
        if max_length and max_length < 64:
            expr = Func(expr, Value(1), Value(max_length), function="SUBSTR", output_field=field)
        return expr

    def python_value(self, field: models.Field, value: Any) -> Any:
        hashed = keyed_hash_value(value)
        return _text_fits(field, hashed) if hashed is not None else None


class PlaceholderEmail(Anonymizer):
    """``deleted-<keyed hash of the address>@invalid``."""

    name, label, vendor_sql = "placeholder_email", "replaced by a placeholder address", True
    sql_vendors = frozenset({"sqlite"})

    def validate(self, field: models.Field) -> None:
        if not isinstance(field, models.CharField):
            raise ValueError(f"{field.model.__name__}.{field.name}: a placeholder e-mail needs a text field.")

    def expression(self, field: models.Field) -> Expression:
        hashed = KeyedHashSQL(Lower(Trim(F(field.name))), prefix="email:")
        return models.functions.Concat(
            Value("deleted-"), models.functions.Left(hashed, PLACEHOLDER_HASH_CHARS), Value(f"@{PLACEHOLDER_DOMAIN}"),
            output_field=field,
        )

    def python_value(self, field: models.Field, value: Any) -> Any:
        return placeholder_email_value(value)

    def done_q(self, field: models.Field) -> Q | None:
        return Q(**{f"{field.name}__endswith": f"@{PLACEHOLDER_DOMAIN}"})


class TruncateIP(Anonymizer):
    """IPv4 addresses keep their /24 network, IPv6 their /48: a region, not a household."""

    name, label, vendor_sql = "truncate_ip", "shortened to the network", True
    sql_vendors = frozenset({"sqlite", "postgresql"})

    def validate(self, field: models.Field) -> None:
        if not isinstance(field, models.GenericIPAddressField | models.CharField):
            raise ValueError(f"{field.model.__name__}.{field.name}: truncate_ip needs an IP address field.")

    def expression(self, field: models.Field) -> Expression:
        if not isinstance(field, models.GenericIPAddressField):
            raise NotImplementedError("text fields holding addresses are truncated value by value")
        return TruncateIPSQL(F(field.name), output_field=field)

    def python_value(self, field: models.Field, value: Any) -> Any:
        return truncate_ip_value(value)


class BirthYear(Anonymizer):
    """A birth date becomes 1 January of its year."""

    name, label = "birth_year", "reduced to the year"

    def validate(self, field: models.Field) -> None:
        if not isinstance(field, models.DateField):
            raise ValueError(f"{field.model.__name__}.{field.name}: birth_year needs a date field.")

    def expression(self, field: models.Field) -> Expression:
        return TruncYear(F(field.name), output_field=field)

    def python_value(self, field: models.Field, value: Any) -> Any:
        return value.replace(month=1, day=1) if value is not None else None


def fixed(text: str) -> Constant:
    """A fixed text, e.g. ``fixed("Former customer")`` (or ``"fixed:Former customer"`` in a declaration)."""
    return Constant("fixed", text, "replaced by a fixed text")


ANONYMIZERS: dict[str, Callable[[], Anonymizer]] = {
    "redact": Redact,
    "blank": lambda: Constant("blank", "", "emptied"),
    "null": lambda: Constant("null", None, "removed"),
    "keyed_hash": KeyedHash,
    "placeholder_email": PlaceholderEmail,
    "truncate_ip": TruncateIP,
    "birth_year": BirthYear,
}


def get_anonymizer(spec: str | Anonymizer) -> Anonymizer:
    """An anonymizer from a declaration: a name, ``"fixed:<text>"``, or an instance."""
    if isinstance(spec, Anonymizer):
        return spec
    name, _, argument = str(spec).partition(":")
    if name == "fixed":
        return fixed(argument)
    try:
        return ANONYMIZERS[name]()
    except KeyError:
        raise ValueError(f"Unknown anonymizer {spec!r}; known: fixed:<text>, {', '.join(ANONYMIZERS)}") from None
