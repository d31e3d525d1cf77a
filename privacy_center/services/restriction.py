"""Restriction, objection and opt-out flags, and the one question shop code asks:
``may_process(subject, purpose)``.

Purposes a restricted subject may still be processed for are the ones the law
allows during restriction (storage, legal claims, bookkeeping); everything the
shop marks restrictable stops. Marketing also stops on objection or a pending
erasure; sale/sharing stops on opt-out.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connections, models, transaction
from django.db.models import F, IntegerField
from django.db.models.functions import Cast, Lower, Substr, Trim

from ..anonymizers import KeyedHashSQL
from ..hashing import email_hash
from ..models import AccuracyDispute, PrivacyEvent, SubjectFlags
from ..registry import site
from ..signals import restriction_changed
from ..subjects import Subject
from . import notifications
from .timeline import record_event

logger = logging.getLogger("privacy_center.restriction")

FLAG_NAMES = ("processing_restricted", "objected_to_marketing", "opted_out_of_sale", "erasure_pending",
              "accuracy_contested")

# Purposes that stop under each flag.
MARKETING_PURPOSES = {"marketing", "newsletter", "profiling", "recommendations", "advertising"}
SALE_PURPOSES = {"sale", "sharing", "advertising"}
# Purposes still allowed while processing is restricted (GDPR Art. 18(2)), and handling the customer's own
# request (checking a contested correction, answering a restriction request).
ALLOWED_WHILE_RESTRICTED = {"storage", "legal_claims", "legal_obligation", "bookkeeping", "request_handling"}


def get_flags(subject: Subject) -> dict[str, bool]:
    """The subject's flags, OR-ed over every key (user and verified addresses)."""
    merged = dict.fromkeys(FLAG_NAMES, False)
    for row in SubjectFlags.objects.filter(subject_key__in=subject.keys).values(*FLAG_NAMES):
        for name in FLAG_NAMES:
            merged[name] = merged[name] or row[name]
    return merged


def data_contested(subject: Subject, source: str | None = None) -> bool:
    """Whether ``source`` (or, without one, any of the subject's data) is contested now (an open accuracy
    dispute about it or about all their data; ``services.accuracy`` opens and closes them)."""
    disputes = AccuracyDispute.objects.filter(subject_key__in=subject.keys, closed_at__isnull=True)
    if source is not None:
        disputes = disputes.filter(models.Q(source=source) | models.Q(source=""))
    return disputes.exists()


def may_process(subject: Subject, purpose: str, *, source: str | None = None) -> bool:
    """May the shop process this subject's data for ``purpose`` now?

    ``source`` (a source's name) narrows the question to that data: data the customer contests
    (``services.accuracy``) is restricted, the rest of their data is not. Without it, any contested data
    restricts the subject (the caller cannot say which data it uses).
    """
    flags = get_flags(subject)
    restricted = flags["processing_restricted"] or flags["erasure_pending"]
    if restricted and purpose not in ALLOWED_WHILE_RESTRICTED:
        return False
    if flags["accuracy_contested"] and purpose not in ALLOWED_WHILE_RESTRICTED:
        if source is None or data_contested(subject, source):
            return False
    if purpose in MARKETING_PURPOSES and (flags["objected_to_marketing"] or flags["erasure_pending"]):
        return False
    if purpose in SALE_PURPOSES and flags["opted_out_of_sale"]:
        return False
    return True


def set_flags(subject: Subject, *, method: str, actor=None, **changes: bool) -> SubjectFlags:
    """Set flags on the subject's main key; records a timeline event and sends ``restriction_changed``."""
    unknown = set(changes) - set(FLAG_NAMES)
    if unknown:
        raise ValueError(f"Unknown flags: {', '.join(sorted(unknown))}")

    with transaction.atomic():
        flags, _ = SubjectFlags.objects.select_for_update().get_or_create(subject_key=subject.key)
        changed = {k: v for k, v in changes.items() if getattr(flags, k) != v}
        if not changed:
            return flags
        for name, value in changed.items():
            setattr(flags, name, value)
        flags.save()
        summary = ", ".join(f"{name.replace('_', ' ')}: {'on' if value else 'off'}" for name, value in changed.items())
        event = record_event(subject, PrivacyEvent.Kind.FLAG_CHANGED, summary, method=method, data=changed,
                             actor=actor)
        tell_recipients(subject, changed, about=f"flags:{event.pk}")
    restriction_changed.send(sender=SubjectFlags, subject=subject, flags=flags, changed=changed, method=method)
    return flags


FLAG_EVENTS = {
    ("processing_restricted", True): "restriction", ("processing_restricted", False): "restriction_lifted",
    ("objected_to_marketing", True): "objection", ("opted_out_of_sale", True): "opt_out_sale",
}


def tell_recipients(subject: Subject, changed: dict[str, bool], *, about: str) -> None:
    """Art. 19 / CCPA: a restriction, its lifting, an objection or an opt-out reaches the recipients of every
    source that holds the subject's data (in the caller's transaction, through the outbox)."""
    events = [FLAG_EVENTS[(name, value)] for name, value in changed.items() if (name, value) in FLAG_EVENTS]
    if events:
        tell_recipients_of(subject, *events, about=about, sources=list(site))


def tell_recipients_of(subject: Subject, *events: str, about: str, sources: Iterable) -> None:
    """Tell the recipients of those ``sources`` that hold the subject's data of each event (through the outbox)."""
    holding = [source for source in sources if source.recipients and source.count(subject)]
    for event in events if holding else ():
        notifications.notify(subject, event, about=about, sources=holding)


def _blocking_flags(purpose: str, *, contested: bool = True) -> models.Q:
    """The flags that forbid ``purpose`` (the same rules as ``may_process``), as a filter on SubjectFlags;
    ``contested=False`` leaves contested accuracy out (the caller checks it for one source)."""
    q = models.Q(pk__in=[])
    if purpose not in ALLOWED_WHILE_RESTRICTED:
        q |= models.Q(processing_restricted=True) | models.Q(erasure_pending=True)
        if contested:
            q |= models.Q(accuracy_contested=True)
    if purpose in MARKETING_PURPOSES:
        q |= models.Q(objected_to_marketing=True) | models.Q(erasure_pending=True)
    if purpose in SALE_PURPOSES:
        q |= models.Q(opted_out_of_sale=True)
    return q


def _blocked_keys(purpose: str, source: str | None, prefix: str) -> list[models.QuerySet]:
    """Querysets of subject keys (``prefix``: "user:" or "email:") the shop may not process for ``purpose``:
    the flags, and with ``source`` the open disputes about that source instead of the contested flag."""
    querysets: list[models.QuerySet] = [SubjectFlags.objects.filter(
        _blocking_flags(purpose, contested=source is None), subject_key__startswith=prefix)]
    if source is not None and purpose not in ALLOWED_WHILE_RESTRICTED:
        querysets.append(AccuracyDispute.objects.filter(
            models.Q(source=source) | models.Q(source=""), closed_at__isnull=True, subject_key__startswith=prefix))
    return querysets


def restricted_user_ids(purpose: str, *, source: str | None = None) -> Iterable[int]:
    """Ids of users the shop may not process for ``purpose``: for ``.exclude(user_id__in=...)``."""
    keys = {key for qs in _blocked_keys(purpose, source, "user:") for key in qs.values_list("subject_key", flat=True)}
    return sorted(int(key.split(":", 1)[1]) for key in keys)


def restricted_users_subquery(purpose: str, *, source: str | None = None) -> models.QuerySet:
    """The same ids as a subquery, so the filter runs in the database however many flags exist."""
    subqueries = [qs.annotate(_user_id=Cast(Substr("subject_key", 6), IntegerField())).values("_user_id")
                  for qs in _blocked_keys(purpose, source, "user:")]
    return subqueries[0] if len(subqueries) == 1 else subqueries[0].union(*subqueries[1:])


def exclude_restricted(
    queryset: models.QuerySet, purpose: str, *, user_field: str | None = "user", email_field: str | None = None,
    source: str | None = None,
) -> models.QuerySet:
    """``queryset`` without rows of subjects the shop may not process for ``purpose``.

    ``user_field`` is the lookup to the user (``"user"``, ``"order__user"``, or ``"pk"`` on the user model);
    ``email_field`` also excludes guests flagged by address (flags keyed by the address's keyed hash).
    ``source`` (the name of the source the rows belong to) excludes, of the customers who contest the
    accuracy of some data, only those who contest this source; without it, all of them.
    """
    if user_field:
        for subquery in _blocked_keys(purpose, source, "user:"):
            ids = subquery.annotate(_user_id=Cast(Substr("subject_key", 6), IntegerField())).values("_user_id")
            queryset = queryset.exclude(**{f"{user_field}__in": ids})
    if email_field:
        flagged = {key for qs in _blocked_keys(purpose, source, "email:")
                   for key in qs.values_list("subject_key", flat=True)}
        if flagged:
            # SQLite hashes in this process; a database server never gets the key (addresses hashed here).
            if connections[queryset.db].vendor == "sqlite":
                hashes = [key.split(":", 1)[1] for key in flagged]
                queryset = queryset.alias(
                    _pc_email_hash=KeyedHashSQL(Lower(Trim(F(email_field))), prefix="email:")
                ).exclude(_pc_email_hash__in=hashes)
            else:  # map the (few) distinct addresses in Python
                blocked = [e for e in queryset.values_list(email_field, flat=True).distinct()
                           if e and f"email:{email_hash(e)}" in flagged]
                queryset = queryset.exclude(**{f"{email_field}__in": blocked})
    return queryset


def respects_restriction(purpose: str, *, user_arg: str = "user_id", email_arg: str | None = None,
                         source: str | None = None) -> Callable:
    """Decorate a task (under ``@shared_task``) so it checks ``may_process`` when it runs, not when queued.

    Work queued before the customer restricted processing is dropped: the function is not called, a log line
    says why and the task returns ``None``. The subject comes from the call's ``user_arg`` (a user id) or
    ``email_arg`` (an address) argument; ``source`` names the data the task uses (see ``may_process``).
    """
    def decorator(func: Callable) -> Callable:
        signature = inspect.signature(func)

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            arguments = signature.bind_partial(*args, **kwargs).arguments
            subject = _subject_from(arguments, user_arg, email_arg)
            if subject is False or (isinstance(subject, Subject) and not may_process(subject, purpose, source=source)):
                logger.info("skipped %s: its subject may not be processed for %s now", func.__qualname__, purpose)
                return None
            return func(*args, **kwargs)

        wrapper.privacy_purpose = purpose  # type: ignore[attr-defined]
        return wrapper

    return decorator


def _subject_from(arguments: dict[str, Any], user_arg: str, email_arg: str | None) -> Subject | None | bool:
    """The call's subject; ``None`` if the call names none, ``False`` if its user no longer exists (erased)."""
    user_id = arguments.get(user_arg)
    if user_id is not None:
        user = get_user_model()._default_manager.filter(pk=user_id).first()
        return Subject.for_user(user) if user is not None else False
    if email_arg and arguments.get(email_arg):
        return Subject.for_email(arguments[email_arg])
    return None
