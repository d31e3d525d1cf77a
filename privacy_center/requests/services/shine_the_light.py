"""California's "Shine the Light" law (Cal. Civ. Code § 1798.83): who received a customer's personal information
for their own direct marketing in the preceding calendar year.

The answer names each such third party (a ``Recipient`` declared with ``direct_marketing = True``) with its postal
address, what it markets when its name does not say, and the categories of the customer's personal information
it received. It is built from the registry's declarations: the sources that held data about the customer during
that year and the recipients each names. The app keeps no log of each disclosure to a recipient (its
notifications record corrections and erasures passed on, not disclosures), and the answer says so.

The law obliges a shop to answer a customer only once per calendar year (§ 1798.83(b)(1)); a second request of
the same year is declined with that reason, and a logged-in customer is told so before filing it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ...registry import site
from ..models import PrivacyRequest, RequestType, Status


def _year_start(year: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, 1, 1))


def answered_this_year(*, user=None, email: str = "", when: dt.datetime | None = None,
                       exclude_pk: int | None = None) -> PrivacyRequest | None:
    """The customer's Shine the Light request already answered in the calendar year of ``when`` (default: now)."""
    year = timezone.localtime(when or timezone.now()).year
    qs = PrivacyRequest.objects.filter(type=RequestType.SHINE_THE_LIGHT, status=Status.COMPLETED,
                                       received_at__gte=_year_start(year), received_at__lt=_year_start(year + 1))
    qs = qs.filter(user=user) if user is not None else qs.filter(user__isnull=True, email__iexact=email)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.order_by("received_at").first()


def once_a_year_message(earlier: PrivacyRequest) -> str:
    next_year = timezone.localtime(earlier.received_at).year + 1
    return _("We already answered your Shine the Light request %(reference)s this calendar year; the law asks us "
             "to answer it once a year. You can ask again from %(date)s.") % {
        "reference": earlier.reference, "date": date_format(dt.date(next_year, 1, 1), "DATE_FORMAT")}


def _held_during(source, subject, year_end: dt.datetime) -> bool:
    """Whether the source held data about the subject before the year ended (its dated rows, else any row)."""
    retention = getattr(source, "retention", None)
    date_field = getattr(retention, "date_field", "") if retention else ""
    if date_field and hasattr(source, "get_queryset"):
        return source.get_queryset(subject).filter(**{f"{date_field}__lt": year_end}).exists()
    return bool(source.count(subject))


def direct_marketing_recipients(subject, year: int) -> list[dict[str, Any]]:
    """Each declared direct-marketing recipient of a source that held the subject's data in ``year``."""
    found: dict[str, dict[str, Any]] = {}
    year_end = _year_start(year + 1)
    for source in site:
        marketers = [r for r in site.recipients_of(source) if r.direct_marketing]
        if not marketers or not _held_during(source, subject, year_end):
            continue
        for recipient in marketers:
            entry = found.setdefault(recipient.name, {
                "name": str(recipient.label), "address": str(recipient.address),
                "examples": str(recipient.marketing_examples), "categories": []})
            categories = [str(c) for c in recipient.data_categories] or [source.describe().category_label]
            for category in categories:
                if category not in entry["categories"]:
                    entry["categories"].append(category)
    return sorted(found.values(), key=lambda e: e["name"])


def answer(req: PrivacyRequest) -> str:
    """The written answer for the calendar year before the request's."""
    year = timezone.localtime(req.received_at).year - 1
    rows = direct_marketing_recipients(req.subject(), year)
    basis = _("This answer is based on what our records declare we share with each third party; we keep no "
              "log of each individual disclosure.")
    if not rows:
        return "\n".join([_("In %(year)s we did not disclose your personal information to third parties for "
                            "their own direct marketing.") % {"year": year}, basis])
    lines = [_("Third parties that received your personal information for their own direct marketing in "
               "%(year)s:") % {"year": year}]
    for row in rows:
        line = _("%(name)s, %(address)s. Categories: %(categories)s.") % {
            "name": row["name"], "address": row["address"], "categories": "; ".join(row["categories"])}
        if row["examples"]:
            line += " " + _("They market: %(examples)s.") % {"examples": row["examples"]}
        lines.append(f"- {line}")
    lines.append(basis)
    return "\n".join(lines)
