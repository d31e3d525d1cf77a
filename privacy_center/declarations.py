"""What a source declares: data categories, legal bases, erasure, retention, legal holds.

Plain values shared by every source, the pages, the data map and erasure; they
are importable from ``privacy_center.sources`` too.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


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
    # The law that requires keeping rows this long ("Cal. Code Regs. tit. 11, § 7101"): the retention
    # ceiling check (PRIVACY_CENTER_MAX_RETENTION_DAYS) then reports it as required, not as a broken promise.
    law: str = ""

    def __str__(self) -> str:
        if self.days % 365 == 0:
            years = self.days // 365
            return ngettext("%(n)d year", "%(n)d years", years) % {"n": years}
        return ngettext("%(n)d day", "%(n)d days", self.days) % {"n": self.days}


@dataclass(frozen=True)
class LegalHold:
    """Rows that erasure keeps because a law requires it: until a date, or while a condition holds.

    Dated: the date is ``date_field`` of each row plus ``years`` (or ``days``); the retention sweep erases
    the rest on that date. ``from_retention``: the length is the source's entry in
    ``PRIVACY_CENTER_RETENTION_DAYS`` (the app's own sources).

    Conditional: ``condition`` (a ``Q``, a dict of lookups, or a callable taking the row and returning
    whether it must still be kept) keeps the rows it matches, for as long as it matches them ("kept while the
    invoice is unpaid"); the other rows are erased as the source says. The retention sweep skips the rows
    it matches and erases the kept rows of erased customers once it stops matching. ``reason`` may name the
    row's fields (``_("Invoice %(number)s is kept while it is unpaid")``): each row is then described on its
    own. A hold is either dated or conditional.
    """

    reason: Any
    years: int = 0
    days: int = 0
    date_field: str = ""
    law: str = ""  # the law that requires it, cited (the retention ceiling check reads it)
    from_retention: bool = False
    condition: Any = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.condition is not None and (self.years or self.days or self.from_retention):
            raise ValueError("A LegalHold is either dated (years/days) or conditional (condition), not both.")
        if self.condition is not None and not (isinstance(self.condition, models.Q | dict)
                                               or callable(self.condition)):
            raise TypeError("LegalHold.condition must be a Q, a dict of lookups or a callable taking the row.")

    @property
    def conditional(self) -> bool:
        return self.condition is not None

    @property
    def length_days(self) -> int:
        """About how long the hold keeps a row, in days (0: no date; kept while the reason lasts)."""
        return self.years * 365 + self.days

    def row_fields(self) -> list[str]:
        """Fields of the row the reason names (``%(number)s``), to describe each kept row."""
        return list(dict.fromkeys(re.findall(r"%\((\w+)\)s", str(self.reason))))

    def reason_for(self, row: dict[str, Any]) -> str:
        """The reason for one row, its fields filled in."""
        names = self.row_fields()
        text = str(self.reason)
        if not names:
            return text
        return text % {name: "" if row.get(name) is None else row.get(name) for name in names}

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
    # string, integer, number, decimal, boolean, date, datetime, time or json
    type: str = "string"
    # Changing it needs a recent re-authentication (contact data).
    reauth: bool = False


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
    erasure_label: str = ""
    # Why some data outlives an erasure request (a legal hold), if it does.
    kept_reason: str = ""


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
