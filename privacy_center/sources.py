"""Personal-data sources: what the shop holds, how it reaches a subject, what erasure does.

Two kinds:

- ``ModelSource``: declarative, for a model. Describe it in an inner ``Meta``::

      class OrderSource(ModelSource):
          class Meta:
              model = Order
              user_path = "user"            # lookup from the row to the auth user
              email_path = "email"          # lookup to an e-mail field (guest rows)
              fields = {"number": _("Order number"), "full_name": None}  # None: verbose_name
              masked = ["national_id"]      # never shown or exported in full
              editable = ["phone"]          # corrected in place on "My data"
              contact = ["phone"]           # contact data in a source of another category
              reauth = ["phone"]            # overrides which editable fields need a recent
                                            # re-authentication (default: the contact data)
              category = Category.COMMERCIAL
              purposes = [_("Deliver your order")]
              legal_basis = LegalBasis.CONTRACT
              retention = Retention(days=7 * 365, date_field="created_at", action="anonymize",
                                    reason=_("Bookkeeping law"))
              recipients = ["postnord"]      # declared Recipient keys (privacy_center.recipients);
                                            # free text still works, warns, counts as "manual"
              origin = _("You, at checkout")
              erasure = Erasure.ANONYMIZE   # DELETE, ANONYMIZE or KEEP
              anonymize = {"full_name": "redact", "email": "placeholder_email"}
              legal_hold = LegalHold(reason=_("..."), years=7, date_field="created_at")
              user_content = True           # posts the customer may remove without deleting the account
              remove = "anonymize"          # "delete" (default) or "anonymize": the declared anonymizers
                                            # plus the link to the customer (user_path) cleared

  A row that is reached in a way no lookup expresses (the admin log's rows
  about a user, say) overrides ``subject_filter(subject)`` instead of naming paths.

- A custom source subclasses ``BaseSource`` and implements ``fields``, ``count``,
  ``iter_rows`` (export), ``page`` (the "My data" page), ``preview`` and ``erase``.

Unknown ``Meta`` options are rejected when the class is defined. A subclass of a declared source inherits
its ``Meta`` options and overrides the ones its own ``Meta`` names.
"""

from __future__ import annotations

import abc
import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any, cast

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from . import erasing
from .app_settings import app_settings
from .declarations import (
    Category,
    Erasure,
    FieldInfo,
    LegalBasis,
    LegalHold,
    Preview,
    Retention,
    SourceInfo,
)
from .export_rows import export_chunks
from .subjects import Subject
from .values import export_converter, field_type, mask_value

__all__ = [
    "BaseSource", "ModelSource", "Category", "Erasure", "FieldInfo", "LegalBasis", "LegalHold", "Preview",
    "Retention", "SourceInfo", "mask_value", "resolve_field",
]

Row = tuple[Any, ...]


def _choice_label(choices: type[models.TextChoices], value: str) -> str:
    return str(choices(value).label) if value in choices.values else str(value)


def resolve_field(model: type[models.Model], path: str) -> models.Field:
    """The model field a ``__`` lookup path ends on; ``FieldDoesNotExist`` if it does not."""
    parts = path.split("__")
    for part in parts[:-1]:
        related = model._meta.get_field(part).related_model
        if related is None:
            raise FieldDoesNotExist(f"{model.__name__}.{part} is not a relation")
        model = related
    last = parts[-1]
    if last == "pk":
        return model._meta.pk
    return cast(models.Field, model._meta.get_field(last))  # declarations name concrete fields (E002 checks)



# How a source finds its declared recipients: the registry (which imports this module, so this module
# never imports it back) installs its ``recipients_of`` when it is created; until then, none.
_recipient_lookup: list[Callable[[BaseSource], list]] = [lambda source: []]


def use_recipient_lookup(lookup: Callable[[BaseSource], list]) -> None:
    """Called by ``registry`` once: ``lookup(source)`` returns the source's ``Recipient`` objects."""
    _recipient_lookup[0] = lookup


class BaseSource(abc.ABC):
    """The small interface every source implements.

    Attributes describe the source; methods work for one ``Subject``. Only
    ``ModelSource`` supports corrections (``editable``) out of the box.
    """

    name: str = ""
    label: Any = ""
    description: Any = ""
    category: str = Category.IDENTIFIERS
    purposes: Sequence[Any] = ()
    legal_basis: str = LegalBasis.CONTRACT
    retention: Retention | None = None
    recipients: Sequence[Any] = ()
    origin: Any = _("You")
    erasure: str = Erasure.DELETE
    legal_hold: LegalHold | None = None
    editable: set[str] = frozenset()  # type: ignore[assignment]
    order: int = 100
    # What the customer posted (reviews, comments): they may remove it without deleting the account
    # (Cal. Bus. & Prof. Code § 22581), by deleting the rows or anonymizing them (``remove``).
    user_content: bool = False
    remove: str = "delete"

    @abc.abstractmethod
    def fields(self) -> list[FieldInfo]:
        """The personal fields, in display order."""

    def describe(self) -> SourceInfo:
        return SourceInfo(
            name=self.name,
            label=str(self.label),
            description=str(self.description),
            category=str(self.category),
            category_label=_choice_label(Category, self.category),
            purposes=[str(p) for p in self.purposes],
            legal_basis=str(self.legal_basis),
            legal_basis_label=_choice_label(LegalBasis, self.legal_basis),
            retention=str(self.retention) if self.retention else str(_("As long as your account exists")),
            retention_reason=str(self.retention.reason) if self.retention else "",
            recipients=self.recipient_labels(),
            origin=str(self.origin),
            erasure=str(self.erasure),
            fields=self.fields(),
            erasure_label=_choice_label(Erasure, self.erasure),
            kept_reason=str(self.legal_hold.reason) if self.legal_hold else "",
        )

    def recipient_labels(self) -> list[str]:
        """The recipients' names as people read them (a declared recipient's label, or the free text)."""
        return [str(r.label) for r in _recipient_lookup[0](self)]

    @abc.abstractmethod
    def count(self, subject: Subject) -> int:
        """How many rows the subject has here."""

    @abc.abstractmethod
    def iter_rows(self, subject: Subject, chunk_size: int = 2000) -> Iterator[dict[str, Any]]:
        """Every row of the subject (with ``"pk"``), masked, in a stable order, without holding them all."""

    def iter_chunks(self, subject: Subject, chunk_size: int = 2000) -> Iterator[list[Row]]:
        """Export rows as lists of ``(pk, *field values)``, JSON-safe (ISO dates, decimals as text).

        The default batches ``iter_rows``; ``ModelSource`` reads and converts per column.
        """
        names = [f.name for f in self.fields()]
        convert = [export_converter(f.type) for f in self.fields()]
        rows = (
            (row.get("pk"), *(c(row.get(n)) if c and row.get(n) is not None else row.get(n)
                              for n, c in zip(names, convert, strict=True)))
            for row in self.iter_rows(subject, chunk_size)
        )
        while chunk := list(islice(rows, chunk_size)):
            yield chunk

    @abc.abstractmethod
    def page(self, subject: Subject, number: int, per_page: int) -> list[dict[str, Any]]:
        """One page of rows for display (each with ``"pk"``)."""

    @abc.abstractmethod
    def preview(self, subject: Subject) -> Preview:
        """What erasure would do for the subject, without changing anything."""

    @abc.abstractmethod
    def erase(self, subject: Subject) -> Preview:
        """Apply the erasure strategy inside the caller's transaction; return what was done."""


_META_OPTIONS = {
    "model", "name", "label", "description", "user_path", "email_path", "fields", "masked",
    "editable", "reauth", "category", "purposes", "legal_basis", "retention", "recipients", "origin",
    "erasure", "anonymize", "legal_hold", "order_by", "order", "contact", "user_content", "remove",
}


class ModelSourceMeta(abc.ABCMeta):
    def __new__(mcs, name, bases, attrs):
        meta = attrs.pop("Meta", None)
        cls = super().__new__(mcs, name, bases, attrs)
        if meta is None:
            return cls
        options = {k: v for k, v in vars(meta).items() if not k.startswith("_")}
        unknown = set(options) - _META_OPTIONS
        if unknown:
            raise TypeError(f"{name}.Meta has unknown options: {', '.join(sorted(unknown))}")
        # A subclass of a declared source inherits its options, one by one (extending a built-in source).
        inherited = next((b._meta for b in cls.__mro__[1:] if b.__dict__.get("_meta")), {})
        options = {**inherited, **options}
        if "model" not in options:
            raise TypeError(f"{name}.Meta must name a model.")
        custom_reach = any("subject_filter" in vars(k) for k in cls.__mro__ if k.__name__ != "ModelSource")
        if not options.get("user_path") and not options.get("email_path") and not custom_reach:
            raise TypeError(f"{name}.Meta needs a user_path or an email_path (or override subject_filter).")
        cls._meta = options
        return cls


class ModelSource(BaseSource, metaclass=ModelSourceMeta):
    """A source backed by one model, configured by its inner ``Meta``."""

    _meta: dict[str, Any] = {}

    def __init__(self) -> None:
        m = self._meta
        self.model: type[models.Model] = m["model"]
        opts = self.model._meta
        self.name = m.get("name") or f"{opts.app_label}.{opts.model_name}"
        self.label = m.get("label") or capfirst(opts.verbose_name_plural)
        self.description = m.get("description", "")
        self.user_path: str = m.get("user_path", "")
        self.email_path: str = m.get("email_path", "")
        raw_fields = m.get("fields") or {}
        if not isinstance(raw_fields, dict):
            raw_fields = {f: None for f in raw_fields}
        self.field_labels: dict[str, Any] = raw_fields
        self.masked: set[str] = set(m.get("masked", ()))
        self.editable: set[str] = set(m.get("editable", ()))
        self.reauth: set[str] | None = set(m["reauth"]) if "reauth" in m else None
        self.contact: set[str] = set(m.get("contact", ()))
        self.category = m.get("category", Category.IDENTIFIERS)
        self.purposes = list(m.get("purposes", ()))
        self.legal_basis = m.get("legal_basis", LegalBasis.CONTRACT)
        self.retention = m.get("retention")
        self.recipients = list(m.get("recipients", ()))
        self.origin = m.get("origin", _("You"))
        self.erasure = m.get("erasure", Erasure.DELETE)
        self.anonymize: dict[str, str] = dict(m.get("anonymize", {}))
        self.legal_hold: LegalHold | None = m.get("legal_hold")
        self.order_by: str = m.get("order_by", "-pk")
        self.order = m.get("order", 100)
        self.user_content = bool(m.get("user_content", False))
        self.remove = m.get("remove", "delete")

    # -- what settings may change without replacing the source ------------------
    @property
    def editable(self) -> set[str]:  # type: ignore[override]
        """The declared editable fields, or the source's entry in ``PRIVACY_CENTER_EDITABLE_FIELDS``."""
        configured = app_settings.EDITABLE_FIELDS.get(self.name)
        return set(configured) if configured is not None else self._declared_editable

    @editable.setter
    def editable(self, value: Iterable[str]) -> None:
        self._declared_editable = set(value)

    def configured_retention_days(self) -> int | None:
        """The source's entry in ``PRIVACY_CENTER_RETENTION_DAYS`` (``None``: what ``Meta`` declares)."""
        return app_settings.RETENTION_DAYS.get(self.name)

    @property
    def retention(self) -> Retention | None:  # type: ignore[override]
        declared = self._declared_retention
        days = self.configured_retention_days()
        if declared is None or days is None:
            return declared
        return dataclasses.replace(declared, days=days)

    @retention.setter
    def retention(self, value: Retention | None) -> None:
        self._declared_retention = value

    @property
    def legal_hold(self) -> LegalHold | None:  # type: ignore[override]
        declared = self._declared_legal_hold
        days = self.configured_retention_days()
        if declared is None or not declared.from_retention or days is None:
            return declared
        # Whole years keep the bookkeeping rule (to the end of the calendar year), as the declaration did.
        years, rest = (days // 365, 0) if days % 365 == 0 else (0, days)
        return dataclasses.replace(declared, years=years, days=rest)

    @legal_hold.setter
    def legal_hold(self, value: LegalHold | None) -> None:
        self._declared_legal_hold = value

    @property
    def custom_reach(self) -> bool:
        """True when the source overrides ``subject_filter`` instead of naming paths."""
        return type(self).subject_filter is not ModelSource.subject_filter

    # -- description -----------------------------------------------------------
    def model_field(self, path: str) -> models.Field:
        return resolve_field(self.model, path)

    def field_label(self, path: str) -> str:
        label = self.field_labels.get(path)
        if label:
            return str(label)
        return str(capfirst(self.model_field(path).verbose_name))

    def is_contact(self, path: str) -> bool:
        """Whether ``path`` is contact data, as the declaration says (never guessed from the field's name).

        Every field but a flag of a ``Category.CONTACT`` source is; in another source, the fields listed in
        ``Meta.contact`` and e-mail fields (an ``EmailField`` is an address whatever it is called).
        """
        if path in self.contact:
            return True
        field = self.model_field(path)
        if self.category == Category.CONTACT:
            # A yes/no flag ("default address") reaches nobody; every other field of contact data does.
            return not isinstance(field, models.BooleanField)
        return isinstance(field, models.EmailField)

    def contact_fields(self) -> set[str]:
        """The declared fields that are contact data."""
        return {path for path in self.field_labels if self.is_contact(path)}

    def needs_reauth(self, path: str) -> bool:
        """Whether correcting ``path`` here needs a recent re-authentication (contact data, or ``Meta.reauth``)."""
        if path not in self.editable:
            return False
        if self.reauth is not None:
            return path in self.reauth
        return self.is_contact(path)

    def fields(self) -> list[FieldInfo]:
        return [
            FieldInfo(
                path, self.field_label(path), masked=path in self.masked, editable=path in self.editable,
                type="string" if path in self.masked else field_type(self.model_field(path)),
                reauth=self.needs_reauth(path),
            )
            for path in self.field_labels
        ]

    # -- reaching the subject ---------------------------------------------------
    def subject_filter(self, subject: Subject) -> Q:
        """Rows reached through the subject's user, or through a verified address."""
        q = Q(pk__in=[])
        if self.user_path and subject.user is not None:
            q |= Q(**{self.user_path: subject.user.pk})
        if self.email_path and subject.emails:
            for email in sorted(subject.emails):
                q |= Q(**{f"{self.email_path}__iexact": email})
        return q

    def get_queryset(self, subject: Subject) -> models.QuerySet:
        return self.model._default_manager.filter(self.subject_filter(subject))

    def count(self, subject: Subject) -> int:
        return self.get_queryset(subject).count()

    def get_object(self, subject: Subject, pk: Any) -> models.Model:
        """The subject's row ``pk``; ``DoesNotExist`` for anyone else's (or a malformed pk)."""
        try:
            return self.get_queryset(subject).get(pk=pk)
        except (ValueError, TypeError, ValidationError, models.ObjectDoesNotExist):
            # ValidationError: a pk the field cannot parse ("abc" for a UUID primary key).
            raise cast(Any, self.model).DoesNotExist from None

    # -- reading ---------------------------------------------------------------
    def _clean(self, path: str, value: Any) -> Any:
        return mask_value(value) if path in self.masked else value

    def _rows(self, values: Iterable[tuple]) -> Iterator[dict[str, Any]]:
        paths = list(self.field_labels)
        masked = [p in self.masked for p in paths]
        for row in values:
            record = {"pk": row[0]}
            for path, value, hide in zip(paths, row[1:], masked, strict=True):
                record[path] = mask_value(value) if hide else value
            yield record

    def iter_chunks(self, subject: Subject, chunk_size: int = 2000) -> Iterator[list[Row]]:
        """One query per source, read through a cursor in chunks (a server-side one on PostgreSQL).

        Keyset pagination would cost a query per chunk, so a heavy customer's
        export would need more queries than a light one's; a streamed cursor
        keeps the count fixed and the memory bounded by ``chunk_size``. Values
        are formatted by the database where it writes them exactly as Python
        would (``privacy_center.export_rows``); the ORM reads the rest.
        """
        chunks = export_chunks(self, subject, chunk_size)
        return chunks if chunks is not None else self._orm_chunks(subject, chunk_size)

    def _orm_chunks(self, subject: Subject, chunk_size: int) -> Iterator[list[Row]]:
        """The same rows through the ORM and Django's converters (query shapes ``export_rows`` does not know)."""
        paths = list(self.field_labels)
        qs = self.get_queryset(subject).order_by("pk")
        converters = []
        for i, path in enumerate(paths, start=1):
            conv = export_converter(field_type(self.model_field(path)), masked=path in self.masked)
            if conv is not None:
                converters.append((i, conv))
        rows = qs.values_list("pk", *paths).iterator(chunk_size=chunk_size)
        while chunk := list(islice(rows, chunk_size)):
            if converters:
                chunk = [_convert(row, converters) for row in chunk]
            yield chunk

    def iter_rows(self, subject: Subject, chunk_size: int = 2000) -> Iterator[dict[str, Any]]:
        qs = self.get_queryset(subject).order_by("pk").values_list("pk", *self.field_labels)
        rows = qs.iterator(chunk_size=chunk_size)
        while chunk := list(islice(rows, chunk_size)):
            yield from self._rows(chunk)

    def page(self, subject: Subject, number: int, per_page: int) -> list[dict[str, Any]]:
        start = max(number - 1, 0) * per_page
        qs = self.get_queryset(subject).order_by(self.order_by, "-pk").values_list("pk", *self.field_labels)
        return list(self._rows(qs[start : start + per_page]))

    # -- erasure (the planner and executor in privacy_center.erasure use these) --
    def preview(self, subject: Subject) -> Preview:
        return Preview(
            source=self.name,
            label=str(self.label),
            count=self.count(subject),
            action=str(self.erasure),
            anonymized_fields=[self.field_label(f) for f in self.anonymize if f in self.field_labels]
            or list(self.anonymize),
            kept_reason=str(self.legal_hold.reason) if self.legal_hold else "",
        )

    def erase(self, subject: Subject) -> Preview:
        return erasing.erase_rows(self, subject)

    def overrides_get_queryset(self) -> bool:
        """Whether this source chose its rows itself (then those are erased, not the base manager's)."""
        return type(self).get_queryset is not ModelSource.get_queryset

    def delete_rows(self, queryset: models.QuerySet) -> int:
        """Delete these rows of the source's model (erasure, retention, a legal hold's end); how many went.

        Override it when the model's rows must leave some other way (with their append-only history, say);
        every deletion the app makes goes through here, never through an overridden ``delete()``.
        """
        return queryset.delete()[1].get(self.model._meta.label, 0)


def _convert(row: Row, converters: list) -> Row:
    values = list(row)
    for i, conv in converters:
        value = values[i]
        if value is not None:
            values[i] = conv(value)
    return tuple(values)
