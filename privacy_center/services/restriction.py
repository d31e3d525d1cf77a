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

from django.db import connections, models, transaction
from django.db.models import F, IntegerField
from django.db.models.functions import Cast, Lower, Substr, Trim

from ..models import PrivacyEvent, SubjectFlags
from ..signals import restriction_changed
from ..subjects import Subject

logger = logging.getLogger("privacy_center.restriction")

FLAG_NAMES = ("processing_restricted", "objected_to_marketing", "opted_out_of_sale", "erasure_pending")

# Purposes that stop under each flag.
MARKETING_PURPOSES = {"marketing", "newsletter", "profiling", "recommendations", "advertising"}
SALE_PURPOSES = {"sale", "sharing", "advertising"}
# Purposes still allowed while processing is restricted (GDPR Art. 18(2)).
ALLOWED_WHILE_RESTRICTED = {"storage", "legal_claims", "legal_obligation", "bookkeeping"}


def get_flags(subject: Subject) -> dict[str, bool]:
    """The subject's flags, OR-ed over every key (user and verified addresses)."""
    merged = dict.fromkeys(FLAG_NAMES, False)
    for row in SubjectFlags.objects.filter(subject_key__in=subject.keys).values(*FLAG_NAMES):
        for name in FLAG_NAMES:
            merged[name] = merged[name] or row[name]
    return merged


def may_process(subject: Subject, purpose: str) -> bool:
    """May the shop process this subject's data for ``purpose`` now?"""
    flags = get_flags(subject)
    restricted = flags["processing_restricted"] or flags["erasure_pending"]
    if restricted and purpose not in ALLOWED_WHILE_RESTRICTED:
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
    from .timeline import record_event

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
    from ..registry import site
    from . import notifications

    events = [FLAG_EVENTS[(name, value)] for name, value in changed.items() if (name, value) in FLAG_EVENTS]
    if not events:
        return
    holding = [source for source in site if source.recipients and source.count(subject)]
    for event in events:
        notifications.notify(subject, event, about=about, sources=holding)


def _blocking_flags(purpose: str) -> models.Q | None:
    """The flags that forbid ``purpose`` (the same rules as ``may_process``), as a filter on SubjectFlags."""
    q = models.Q(pk__in=[])
    if purpose not in ALLOWED_WHILE_RESTRICTED:
        q |= models.Q(processing_restricted=True) | models.Q(erasure_pending=True)
    if purpose in MARKETING_PURPOSES:
        q |= models.Q(objected_to_marketing=True) | models.Q(erasure_pending=True)
    if purpose in SALE_PURPOSES:
        q |= models.Q(opted_out_of_sale=True)
    return q


def restricted_user_ids(purpose: str) -> Iterable[int]:
    """Ids of users the shop may not process for ``purpose``: for ``.exclude(user_id__in=...)``."""
    keys = SubjectFlags.objects.filter(_blocking_flags(purpose), subject_key__startswith="user:")
    return [int(key.split(":", 1)[1]) for key in keys.values_list("subject_key", flat=True)]


def restricted_users_subquery(purpose: str) -> models.QuerySet:
    """The same ids as a subquery, so the filter runs in the database however many flags exist."""
    return (SubjectFlags.objects.filter(_blocking_flags(purpose), subject_key__startswith="user:")
            .annotate(_user_id=Cast(Substr("subject_key", 6), IntegerField())).values("_user_id"))


def exclude_restricted(
    queryset: models.QuerySet, purpose: str, *, user_field: str | None = "user", email_field: str | None = None,
) -> models.QuerySet:
    """``queryset`` without rows of subjects the shop may not process for ``purpose``.

    ``user_field`` is the lookup to the user (``"user"``, ``"order__user"``, or ``"pk"`` on the user model);
    ``email_field`` also excludes guests flagged by address (flags keyed by the address's keyed hash).
    """
    if user_field:
        queryset = queryset.exclude(**{f"{user_field}__in": restricted_users_subquery(purpose)})
    if email_field:
        flagged = set(
            SubjectFlags.objects.filter(_blocking_flags(purpose), subject_key__startswith="email:")
            .values_list("subject_key", flat=True)
        )
        if flagged:
            from ..anonymizers import KeyedHashSQL

            # SQLite hashes in this process; a database server never gets the key (addresses hashed here).
            if connections[queryset.db].vendor == "sqlite":
                hashes = [key.split(":", 1)[1] for key in flagged]
                queryset = queryset.alias(
                    _pc_email_hash=KeyedHashSQL(Lower(Trim(F(email_field))), prefix="email:")
                ).exclude(_pc_email_hash__in=hashes)
            else:  # map the (few) distinct addresses in Python
                from ..hashing import email_hash

                blocked = [e for e in queryset.values_list(email_field, flat=True).distinct()
                           if e and f"email:{email_hash(e)}" in flagged]
                queryset = queryset.exclude(**{f"{email_field}__in": blocked})
    return queryset


def respects_restriction(purpose: str, *, user_arg: str = "user_id", email_arg: str | None = None) -> Callable:
    """Decorate a task (under ``@shared_task``) so it checks ``may_process`` when it runs, not when queued.

    Work queued before the customer restricted processing is dropped: the function is not called, a log line
    says why and the task returns ``None``. The subject comes from the call's ``user_arg`` (a user id) or
    ``email_arg`` (an address) argument.
    """

    def decorator(func: Callable) -> Callable:
        signature = inspect.signature(func)

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            arguments = signature.bind_partial(*args, **kwargs).arguments
            subject = _subject_from(arguments, user_arg, email_arg)
            if subject is False or (subject is not None and not may_process(subject, purpose)):
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
        from django.contrib.auth import get_user_model

        user = get_user_model()._default_manager.filter(pk=user_id).first()
        return Subject.for_user(user) if user is not None else False
    if email_arg and arguments.get(email_arg):
        return Subject.for_email(arguments[email_arg])
    return None
