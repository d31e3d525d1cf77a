"""Contested accuracy (GDPR Art. 18(1)(a)): while a customer says some of their data is wrong and it is
being checked, that data is used only to store it and to handle the question.

A dispute opens when a customer marks data as wrong on My data (``contest``, origin ``my_data``) or files a
rectification request (the requests app calls ``contest`` with the request's reference once the requester
is verified). It closes when staff make the correction or find the data correct (``resolve``; a request's
completion or rejection closes its disputes with ``resolve_request``), or when the customer withdraws it.
``may_process``, ``exclude_restricted`` and ``@respects_restriction`` (``services.restriction``) read it:
``SubjectFlags.accuracy_contested`` is on while the subject has any open dispute. Every step is on the
timeline, in the past tense, and the recipients of the affected data are told of the restriction and of
its lifting (Art. 19).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import AccuracyDispute, PrivacyEvent, SubjectFlags
from ..recipients import Event
from ..registry import site
from ..subjects import Subject
from .restriction import data_contested, tell_recipients_of
from .timeline import record_event

Outcome = AccuracyDispute.Outcome
Origin = AccuracyDispute.Origin


def open_disputes(subject: Subject) -> QuerySet[AccuracyDispute]:
    return AccuracyDispute.objects.filter(subject_key__in=subject.keys, closed_at__isnull=True)


def contested_sources(subject: Subject) -> set[str]:
    """Names of the sources the subject contests now (``""``: all their data)."""
    return set(open_disputes(subject).values_list("source", flat=True))


def is_contested(subject: Subject, source: str | None = None) -> bool:
    """Whether ``source`` (or, without one, any of the subject's data) is contested now."""
    return data_contested(subject, source)


def what(dispute: AccuracyDispute) -> str:
    """The contested data as the customer reads it: "Your account (last name)", "all your data"."""
    if not dispute.source:
        return _("all your data")
    label = str(site.get(dispute.source).label) if site.is_registered(dispute.source) else dispute.source
    if dispute.field and site.is_registered(dispute.source):
        source = site.get(dispute.source)
        field = source.field_label(dispute.field) if hasattr(source, "field_label") else dispute.field
        return _("%(source)s (%(field)s)") % {"source": label, "field": field.lower()}
    return label


def _sources(names: Iterable[str]) -> list:
    names = set(names)
    if "" in names:
        return list(site)
    return [site.get(name) for name in sorted(names) if site.is_registered(name)]


def _set_flag(subject_key: str, value: bool) -> None:
    flags, _created = SubjectFlags.objects.select_for_update().get_or_create(subject_key=subject_key)
    if flags.accuracy_contested != value:
        flags.accuracy_contested = value
        flags.save(update_fields=["accuracy_contested", "updated_at"])


def contest(subject: Subject, *, origin: str, source: str = "", row: str = "", field: str = "", note: str = "",
            reference: str = "", actor=None) -> AccuracyDispute:
    """Open a dispute: the data is restricted from now until ``resolve``. An open dispute about the same
    data (same source, record, field and request) is returned instead of a second one."""
    with transaction.atomic():
        existing = open_disputes(subject).filter(source=source, row=row, field=field, reference=reference).first()
        if existing is not None:
            return existing
        dispute = AccuracyDispute.objects.create(
            subject_key=subject.key, user=subject.user, source=source, row=str(row)[:64], field=field,
            origin=origin, reference=reference, note=note[:2000], opened_at=timezone.now(),
        )
        _set_flag(subject.key, True)
        if reference:
            summary = _("You contested %(what)s (request %(reference)s): until it is checked we use it only to "
                        "store it and to handle your request.") % {"what": what(dispute), "reference": reference}
        else:
            summary = _("You marked %(what)s as wrong: until it is checked we use it only to store it and to "
                        "handle your request.") % {"what": what(dispute)}
        event = record_event(subject, PrivacyEvent.Kind.ACCURACY_CONTESTED, summary, method=origin, actor=actor,
                             data={"dispute": dispute.pk, "source": source, "field": field, "reference": reference})
        tell_recipients_of(subject, Event.RESTRICTION, about=f"dispute:{event.pk}", sources=_sources([source]))
    return dispute


def resolve(dispute: AccuracyDispute, outcome: str, *, actor=None, method: str = "staff") -> AccuracyDispute:
    """Close an open dispute (corrected, found correct, or withdrawn); lift the restriction if it was the last."""
    if outcome not in (Outcome.CORRECTED, Outcome.REJECTED, Outcome.WITHDRAWN):
        raise ValueError(f"Unknown outcome {outcome!r}")
    with transaction.atomic():
        dispute = AccuracyDispute.objects.select_for_update().get(pk=dispute.pk)
        if not dispute.is_open:
            return dispute
        dispute.closed_at = timezone.now()
        dispute.outcome = outcome
        dispute.closed_by = actor if getattr(actor, "pk", None) else None
        dispute.save(update_fields=["closed_at", "outcome", "closed_by"])
        still_open = AccuracyDispute.objects.filter(subject_key=dispute.subject_key, closed_at__isnull=True).exists()
        if not still_open:
            _set_flag(dispute.subject_key, False)
        texts = {
            Outcome.CORRECTED: _("%(what)s was corrected: the restriction on its use is lifted."),
            Outcome.REJECTED: _("We checked %(what)s and found it correct: the restriction on its use is lifted."),
            Outcome.WITHDRAWN: _("You withdrew your objection to %(what)s: the restriction on its use is lifted."),
        }
        text = texts[Outcome(outcome)] % {"what": what(dispute)}
        event = record_event(dispute.subject_key, PrivacyEvent.Kind.ACCURACY_RESOLVED, text[:1].upper() + text[1:],
                             method=method, actor=actor, user=dispute.user,
                             data={"dispute": dispute.pk, "outcome": outcome, "reference": dispute.reference})
        # A guest's address is not kept on the dispute; the lifting reaches the recipients of a customer's data.
        subject = Subject.for_user(dispute.user) if dispute.user else None
        if subject is not None:
            tell_recipients_of(subject, Event.RESTRICTION_LIFTED, about=f"dispute:{event.pk}",
                               sources=_sources([dispute.source]))
    return dispute


def resolve_request(reference: str, outcome: str, *, actor=None) -> int:
    """Close the disputes a rectification request opened; how many."""
    closed = 0
    for dispute in AccuracyDispute.objects.filter(reference=reference, closed_at__isnull=True):
        resolve(dispute, outcome, actor=actor, method="request")
        closed += 1
    return closed


def for_request(reference: str) -> tuple[list[str], bool]:
    """(what a request restricts now, as the customer reads it; whether a restriction it made was lifted)."""
    disputes = list(AccuracyDispute.objects.filter(reference=reference))
    return [what(d) for d in disputes if d.is_open], any(not d.is_open for d in disputes)
