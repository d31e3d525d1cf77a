"""Restriction, objection and opt-out flags, and the one question shop code asks:
``may_process(subject, purpose)``.

Purposes a restricted subject may still be processed for are the ones the law
allows during restriction (storage, legal claims, bookkeeping); everything the
shop marks restrictable stops. Marketing also stops on objection or a pending
erasure; sale/sharing stops on opt-out.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from ..models import PrivacyEvent, SubjectFlags
from ..signals import restriction_changed
from ..subjects import Subject

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
        record_event(subject, PrivacyEvent.Kind.FLAG_CHANGED, summary, method=method, data=changed, actor=actor)
    restriction_changed.send(sender=SubjectFlags, subject=subject, flags=flags, changed=changed, method=method)
    return flags


def restricted_user_ids(purpose: str) -> Iterable[int]:
    """Ids of users the shop may not process for ``purpose``: for ``.exclude(user_id__in=...)``."""
    flags = SubjectFlags.objects.filter(subject_key__startswith="user:")
    conditions = SubjectFlags.objects.none()
    if purpose not in ALLOWED_WHILE_RESTRICTED:
        conditions = conditions | flags.filter(processing_restricted=True) | flags.filter(erasure_pending=True)
    if purpose in MARKETING_PURPOSES:
        conditions = conditions | flags.filter(objected_to_marketing=True)
    if purpose in SALE_PURPOSES:
        conditions = conditions | flags.filter(opted_out_of_sale=True)
    return [int(key.split(":", 1)[1]) for key in conditions.values_list("subject_key", flat=True)]
