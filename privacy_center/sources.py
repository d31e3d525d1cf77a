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
              category = Category.COMMERCIAL
              purposes = [_("Deliver your order")]
              legal_basis = LegalBasis.CONTRACT
              retention = Retention(days=7 * 365, date_field="created_at", action="anonymize",
                                    reason=_("Bookkeeping law"))
              recipients = [_("PostNord (delivery)")]
              origin = _("You, at checkout")
              erasure = Erasure.ANONYMIZE   # DELETE, ANONYMIZE or KEEP
              anonymize = {"full_name": "redact", "email": "placeholder_email"}
              legal_hold = LegalHold(reason=_("..."), years=7, date_field="created_at")

- A custom source subclasses ``BaseSource`` and implements ``count``,
  ``iter_rows`` (export), ``page`` (the "My data" page), ``preview`` and ``erase``.

Unknown ``Meta`` options are rejected when the class is defined.
"""

from __future__ import annotations

import abc
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .subjects import Subject


class Category(models.TextChoices):
    """Data categories (CCPA §1798.140 and GDPR practice)."""

    IDENTIFIERS = "identifiers", _("Identifiers")
    CONTACT = "contact", _("Contact details")
    COMMERCIAL = "commercial", _("Commercial information")
    INTERNET_ACTIVITY = "internet_activity", _("Internet and device activity")
    GEOLOCATION = "geolocation", _("Geolocation")
    FINANCIAL = "financial", _("Financial information")
    SENSITIVE = "sensitive", _("Sensitive personal information")
    INFERENCES = "inferences", _("Inferences and preferences")
    USER_CONTENT = "user_content", _("Content you wrote")
    ACCOUNT = "account", _("Account and security")


class LegalBasis(models.TextChoices):
    """GDPR Art. 6(1) bases."""

    CONSENT = "consent", _("Your consent")
    CONTRACT = "contract", _("Performing our contract with you")
    LEGAL_OBLIGATION = "legal_obligation", _("A legal obligation")
    VITAL_INTERESTS = "vital_interests", _("Vital interests")
    PUBLIC_TASK = "public_task", _("A task in the public interest")
    LEGITIMATE_INTERESTS = "legitimate_interests", _("Our legitimate interests")


class Erasure(models.TextChoices):
    DELETE = "delete", _("Deleted")
    ANONYMIZE = "anonymize", _("Anonymized")
    KEEP = "keep", _("Kept")


@dataclass(frozen=True)
class Retention:
    """How long rows are kept, counted from ``date_field``; then ``action`` is applied."""

    days: int
    date_field: str = ""
    action: str = "delete"  # "delete" or "anonymize"
    reason: Any = ""

    def __str__(self) -> str:
        from django.utils.translation import ngettext

        if self.days % 365 == 0:
            years = self.days // 365
            return ngettext("%(n)d year", "%(n)d years", years) % {"n": years}
        return ngettext("%(n)d day", "%(n)d days", self.days) % {"n": self.days}


@dataclass(frozen=True)
class LegalHold:
    """Fields that erasure keeps because a law requires it, until a date.

    The date is ``date_field`` of each row plus ``years`` (or ``days``); the
    retention sweep erases the rest on that date.
    """

    reason: Any
    years: int = 0
    days: int = 0
    date_field: str = ""

    def until(self, start: dt.date | dt.datetime) -> dt.date:
        if isinstance(start, dt.datetime):
            start = start.date()
        try:
            end = start.replace(year=start.year + self.years)
        except ValueError:  # 29 February
            end = start.replace(year=start.year + self.years, day=28)
        end += dt.timedelta(days=self.days)
        # Bookkeeping laws count to the end of the calendar year.
        return end.replace(month=12, day=31) if self.years else end


@dataclass
class FieldInfo:
    name: str
    label: str
    masked: bool = False
    editable: bool = False


@dataclass
class SourceInfo:
    """What a source says about itself; drives pages, notices and the data map."""

    name: str
    label: str
    description: str
    category: str
    category_label: str
    purposes: list[str]
    legal_basis: str
    legal_basis_label: str
    retention: str
    retention_reason: str
    recipients: list[str]
    origin: str
    erasure: str
    fields: list[FieldInfo]


@dataclass
class Preview:
    """What erasure would do to one source for one subject."""

    source: str
    label: str
    count: int
    action: str  # Erasure value
    anonymized_fields: list[str] = field(default_factory=list)
    kept_reason: str = ""
    kept_until: dt.date | None = None


def _choice_label(choices: type[models.TextChoices], value: str) -> str:
    return str(choices(value).label) if value in choices.values else str(value)


def mask_value(value: Any, keep: int = 4) -> str:
    """Show only the last ``keep`` characters of a secret-ish value."""
    if value in (None, ""):
        return ""
    text = str(value)
    visible = text[-keep:] if len(text) > keep else ""
    return "•" * max(len(text) - len(visible), 4) + visible


class BaseSource(abc.ABC):
    """The small interface every source implements.

    Attributes describe the source; methods work for one ``Subject``.
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
    order: int = 100

    @abc.abstractmethod
    def fields(self) -> list[FieldInfo]:
        """See the class docstring."""

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
            recipients=[str(r) for r in self.recipients],
            origin=str(self.origin),
            erasure=str(self.erasure),
            fields=self.fields(),
        )

    @abc.abstractmethod
    def count(self, subject: Subject) -> int:
        """See the class docstring."""

    @abc.abstractmethod
    def iter_rows(self, subject: Subject, chunk_size: int = 2000) -> Iterator[dict[str, Any]]:
        """Every row of the subject, masked, in a stable order, without holding them all."""

    @abc.abstractmethod
    def page(self, subject: Subject, number: int, per_page: int) -> list[dict[str, Any]]:
        """One page of rows for display (each with ``"pk"``)."""

    @abc.abstractmethod
    def preview(self, subject: Subject) -> Preview:
        """See the class docstring."""

    @abc.abstractmethod
    def erase(self, subject: Subject) -> Preview:
        """Apply the erasure strategy inside the caller's transaction; return what was done."""


_META_OPTIONS = {
    "model", "name", "label", "description", "user_path", "email_path", "fields", "masked",
    "editable", "category", "purposes", "legal_basis", "retention", "recipients", "origin",
    "erasure", "anonymize", "legal_hold", "order_by", "order",
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
        if "model" not in options:
            raise TypeError(f"{name}.Meta must name a model.")
        if not options.get("user_path") and not options.get("email_path"):
            raise TypeError(f"{name}.Meta needs a user_path or an email_path.")
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

    # -- description -----------------------------------------------------------
    def field_label(self, path: str) -> str:
        label = self.field_labels.get(path)
        if label:
            return str(label)
        model = self.model
        parts = path.split("__")
        for part in parts[:-1]:
            model = model._meta.get_field(part).related_model
        return str(capfirst(model._meta.get_field(parts[-1]).verbose_name))

    def fields(self) -> list[FieldInfo]:
        return [
            FieldInfo(path, self.field_label(path), masked=path in self.masked, editable=path in self.editable)
            for path in self.field_labels
        ]

    # -- reaching the subject ---------------------------------------------------
    def subject_filter(self, subject: Subject) -> Q:
        """Rows reached through the subject's user, or through a verified address."""
        q = Q(pk__in=[])
        if self.user_path and subject.user is not None:
            q |= Q(**{self.user_path: subject.user.pk})
        if self.email_path and subject.emails:
            emails_q = Q()
            for email in subject.emails:
                emails_q |= Q(**{f"{self.email_path}__iexact": email})
            q |= emails_q
        return q

    def get_queryset(self, subject: Subject) -> models.QuerySet:
        return self.model._default_manager.filter(self.subject_filter(subject))

    def count(self, subject: Subject) -> int:
        return self.get_queryset(subject).count()

    # -- reading ---------------------------------------------------------------
    def _clean(self, path: str, value: Any) -> Any:
        return mask_value(value) if path in self.masked else value

    def _rows(self, values: Sequence[tuple]) -> Iterator[dict[str, Any]]:
        paths = list(self.field_labels)
        for row in values:
            record = {"pk": row[0]}
            for path, value in zip(paths, row[1:], strict=True):
                record[path] = self._clean(path, value)
            yield record

    def iter_rows(self, subject: Subject, chunk_size: int = 2000) -> Iterator[dict[str, Any]]:
        """Keyset pagination on pk: bounded memory, one query per chunk."""
        qs = self.get_queryset(subject).order_by("pk").values_list("pk", *self.field_labels)
        last = None
        while True:
            chunk = list((qs.filter(pk__gt=last) if last is not None else qs)[:chunk_size])
            if not chunk:
                return
            yield from self._rows(chunk)
            if len(chunk) < chunk_size:
                return
            last = chunk[-1][0]

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
        from .erasure.executor import erase_model_source

        return erase_model_source(self, subject)
