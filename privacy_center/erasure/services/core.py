"""Account deletion: schedule (cooling-off), cancel, run when due, erase at once.

The only layer that changes erasure state: the delete page, the API, the
management command, the tasks and the requests workflow all call these. During
the cooling-off the account is deactivated (allauth then shows its "inactive"
page instead of signing in), every session is ended, the ``erasure_pending``
flag stops marketing, and the e-mailed link cancels it all.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from ...adapter import get_adapter
from ...app_settings import app_settings
from ...celery import enqueue_on_commit
from ...models import PrivacyEvent
from ...services.language import language_of, written_in
from ...services.restriction import set_flags
from ...services.timeline import record_event
from ...signals import erasure_cancelled, erasure_failed, erasure_scheduled
from ...subjects import Subject
from ..models import SubjectErasure
from .executor import end_user_sessions, erase_subject
from .planner import plan_erasure

logger = logging.getLogger("privacy_center.erasure")

CANCEL_SALT = "privacy_center.erasure.cancel"
EMAIL_PREFIX = "privacy_center/erasure/email/"


@dataclass
class Outcome:
    """What one run did: ``completed``, ``already_completed``, ``cancelled``, ``not_due`` or ``missing``."""

    status: str
    erasure: SubjectErasure | None = None
    receipt: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return {
            "completed": "Erasure completed.",
            "already_completed": "Already erased: nothing changed.",
            "cancelled": "The erasure was cancelled: nothing changed.",
            "not_due": "The erasure is not due yet: nothing changed.",
            "missing": "No such erasure: nothing changed.",
        }[self.status]


# -- reading ---------------------------------------------------------------------------------------


def open_erasure(subject: Subject) -> SubjectErasure | None:
    return SubjectErasure.objects.filter(subject_key=subject.key, status__in=SubjectErasure.OPEN).first()


def subject_of(erasure: SubjectErasure) -> Subject | None:
    """The subject to erase now; ``None`` when neither the account nor an address is left."""
    if erasure.user_id is not None:
        user = get_user_model()._base_manager.filter(pk=erasure.user_id).first()
        if user is not None:
            return Subject.for_user(user)
    if erasure.email:
        return Subject.for_email(erasure.email)
    return None


# -- cancel links ------------------------------------------------------------------------------------


def cancel_token(erasure: SubjectErasure) -> str:
    return signing.dumps({"e": erasure.pk, "t": int(erasure.requested_at.timestamp())}, salt=CANCEL_SALT,
                         compress=True)


def erasure_for_token(token: str) -> SubjectErasure | None:
    """The open erasure a cancel link names, if the link is genuine, unused and the erasure not yet due."""
    max_age = dt.timedelta(days=app_settings.ERASURE_COOLING_OFF_DAYS + 1)
    try:
        data = signing.loads(token, salt=CANCEL_SALT, max_age=max_age)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    erasure = SubjectErasure.objects.filter(pk=data.get("e"), status__in=SubjectErasure.OPEN).first()
    if erasure is None or int(erasure.requested_at.timestamp()) != data.get("t"):
        return None
    if erasure.due_at <= timezone.now():  # the link works until the erasure is due
        return None
    return erasure


def cancel_url(erasure: SubjectErasure, request=None) -> str:
    path = reverse("privacy_center:delete_cancel", args=[cancel_token(erasure)])
    return get_adapter().build_absolute_uri(request, path)


# -- scheduling and cancelling --------------------------------------------------------------------------


def schedule_erasure(
    subject: Subject,
    *,
    method: str,
    actor=None,
    cooling_off_days: int | None = None,
    notify_on_release: bool = False,
    request=None,
) -> SubjectErasure:
    """Start the cooling-off (or erase at once with 0 days); returns the (possibly existing) open erasure."""
    days = app_settings.ERASURE_COOLING_OFF_DAYS if cooling_off_days is None else max(0, cooling_off_days)
    now = timezone.now()
    user = subject.user
    with transaction.atomic():
        existing = open_erasure(subject)
        if existing is not None:
            return existing
        erasure = SubjectErasure.objects.create(
            subject_key=subject.key, user=user, email="" if user is not None else (subject.email or ""),
            method=method, actor=actor if getattr(actor, "is_authenticated", False) else None,
            requested_at=now, due_at=now + dt.timedelta(days=days),
            user_was_active=bool(getattr(user, "is_active", True)), notify_on_release=notify_on_release,
        )
        if user is not None:
            get_user_model()._base_manager.filter(pk=user.pk).update(is_active=False)
            user.is_active = False
            end_user_sessions(user, forget_devices=True)
        set_flags(subject, method=method, actor=actor, erasure_pending=True)
        record_event(subject, PrivacyEvent.Kind.ERASURE_SCHEDULED,
                     f"Erasure scheduled for {erasure.due_at:%Y-%m-%d}", method=method,
                     data={"erasure": erasure.pk, "due_at": erasure.due_at}, actor=actor)
        contact = subject.contact_email
        if days and contact:
            language = language_of(subject)
            with written_in(language):  # the plan's labels too
                context = {"erasure": erasure, "cancel_url": cancel_url(erasure, request), "days": days,
                           "plan": plan_erasure(subject)}
                get_adapter().send_mail(EMAIL_PREFIX + "scheduled", contact, context,  # outbox: sent after commit
                                        language=language)
        transaction.on_commit(lambda: erasure_scheduled.send(sender=SubjectErasure, subject=subject,
                                                             erasure=erasure))
        if not days:
            enqueue_on_commit("privacy_center.erase_subject", erasure.pk)
    return erasure


def cancel_erasure(erasure: SubjectErasure, *, method: str, actor=None) -> bool:
    """Cancel an open erasure and restore the account; ``False`` if it was no longer open."""
    with transaction.atomic():
        locked = SubjectErasure.objects.select_for_update().filter(pk=erasure.pk,
                                                                    status__in=SubjectErasure.OPEN).first()
        if locked is None:
            return False
        locked.status = SubjectErasure.Status.CANCELLED
        locked.cancelled_at = timezone.now()
        locked.save(update_fields=["status", "cancelled_at"])
        subject = subject_of(locked)
        if subject is None:
            return True
        if subject.user is not None:
            get_user_model()._base_manager.filter(pk=subject.user.pk).update(is_active=locked.user_was_active)
        set_flags(subject, method=method, actor=actor, erasure_pending=False)
        record_event(subject, PrivacyEvent.Kind.ERASURE_CANCELLED, "Erasure cancelled", method=method,
                     data={"erasure": locked.pk}, actor=actor)
        contact = subject.contact_email
        if contact:
            get_adapter().send_mail(EMAIL_PREFIX + "cancelled", contact, {"erasure": locked},
                                    language=language_of(subject))
        transaction.on_commit(lambda: erasure_cancelled.send(sender=SubjectErasure, subject=subject,
                                                             erasure=locked))
    erasure.refresh_from_db()
    return True


# -- running ------------------------------------------------------------------------------------------------


def execute_erasure(erasure_id: int, *, now: dt.datetime | None = None) -> Outcome:
    """Run one due erasure, all sources in one transaction. Idempotent; on failure marks it failed and re-raises."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            erasure = SubjectErasure.objects.select_for_update().filter(pk=erasure_id).first()
            if erasure is None:
                return Outcome("missing")
            if erasure.status == SubjectErasure.Status.COMPLETED:
                return Outcome("already_completed", erasure, erasure.receipt)
            if erasure.status == SubjectErasure.Status.CANCELLED:
                return Outcome("cancelled", erasure)
            if erasure.due_at > now:
                return Outcome("not_due", erasure)
            subject = subject_of(erasure)
            if subject is None:  # the account was deleted some other way meanwhile
                erasure.status, erasure.completed_at = SubjectErasure.Status.COMPLETED, now
                erasure.receipt = {"subject": erasure.subject_key, "completed_at": now.isoformat(), "sources": [],
                                   "note": "Nothing was left to erase."}
                erasure.save()
                return Outcome("completed", erasure, erasure.receipt)
            # The address is read now, before it is gone; the receipt is in the outbox when the erasure commits.
            contact = subject.contact_email
            language = language_of(subject)  # read before the erasure deletes it, like the address
            with written_in(language):  # the receipt is theirs: its sentences in their language
                receipt = erase_subject(subject, erasure)
            if contact:
                context = {"receipt": receipt, "erasure": erasure}
                get_adapter().send_mail(EMAIL_PREFIX + "completed", contact, context, language=language)
        logger.info("erasure %s completed", erasure_id)
        return Outcome("completed", erasure, receipt)
    except Exception as exc:
        mark_failed(erasure_id, exc)
        raise


def mark_failed(erasure_id: int, exc: BaseException) -> None:
    reason = f"{type(exc).__name__}: {exc}"[:2000]
    logger.warning("erasure %s failed: %s", erasure_id, reason)
    # The receipt says the erasure did not happen, and why: the transaction rolled every change back.
    receipt = {"status": "failed", "failed_at": timezone.now().isoformat(), "error": reason, "sources": [],
               "note": "Nothing was erased: every change of this attempt was rolled back."}
    updated = SubjectErasure.objects.filter(pk=erasure_id, status__in=SubjectErasure.OPEN).update(
        status=SubjectErasure.Status.FAILED, attempts=F("attempts") + 1, last_error=reason, receipt=receipt,
    )
    erasure = SubjectErasure.objects.filter(pk=erasure_id).first() if updated else None
    subject = subject_of(erasure) if erasure is not None else None
    if subject is not None:
        erasure_failed.send(sender=SubjectErasure, subject=subject, erasure=erasure, error=reason)


def retry_failed_erasure(subject: Subject, *, actor=None) -> SubjectErasure:
    """Staff try a failed erasure again: it is scheduled for now and queued once this transaction commits (the
    automatic retries may have run out). Raises ``ValueError`` when the subject has no failed erasure."""
    erasure = (SubjectErasure.objects.select_for_update()
               .filter(subject_key__in=subject.keys, status=SubjectErasure.Status.FAILED).order_by("-pk").first())
    if erasure is None:
        raise ValueError("No failed erasure to retry.")
    erasure.status = SubjectErasure.Status.SCHEDULED
    erasure.due_at = min(erasure.due_at, timezone.now())
    erasure.save(update_fields=["status", "due_at"])
    record_event(subject, PrivacyEvent.Kind.ERASURE_SCHEDULED, "Failed erasure tried again by staff", method="admin",
                 actor=actor, data={"erasure": erasure.pk, "attempts": erasure.attempts})
    enqueue_on_commit("privacy_center.erase_subject", erasure.pk)
    return erasure


def due_erasure_ids(now: dt.datetime | None = None) -> list[int]:
    now = now or timezone.now()
    retryable = Q(status=SubjectErasure.Status.SCHEDULED) | Q(
        status=SubjectErasure.Status.FAILED, attempts__lt=app_settings.ERASURE_MAX_RETRIES)
    return list(SubjectErasure.objects.filter(retryable, due_at__lte=now).order_by("due_at")
                .values_list("pk", flat=True))


def run_due_erasures(now: dt.datetime | None = None) -> list[int]:
    """Queue every due erasure (the beat task; the database is the schedule, never the broker)."""
    ids = due_erasure_ids(now)
    for erasure_id in ids:
        enqueue_on_commit("privacy_center.erase_subject", erasure_id)
    return ids


def erase_now(subject: Subject, *, method: str, actor=None) -> Outcome:
    """Erase at once, skipping the cooling-off (staff, scripts, inactive accounts, re-application)."""
    now = timezone.now()
    with transaction.atomic():
        erasure = open_erasure(subject)
        if erasure is None:
            erasure = SubjectErasure.objects.create(
                subject_key=subject.key, user=subject.user,
                email="" if subject.user is not None else (subject.email or ""), method=method,
                actor=actor if getattr(actor, "is_authenticated", False) else None,
                requested_at=now, due_at=now,
                user_was_active=bool(getattr(subject.user, "is_active", True)),
            )
        else:
            SubjectErasure.objects.filter(pk=erasure.pk).update(due_at=now)
    return execute_erasure(erasure.pk, now=now)
