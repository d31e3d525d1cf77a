"""Filing requests: merging duplicates, the free copy, verification, and running the type once verified.

The entry point pages, the API, the admin, tasks and commands call, so one rule, one event and one e-mail
result whichever way a thing is done. The layers below it: ``status`` (the transition table, clocks,
closing), ``automation`` (what each type does), ``emails``, ``messages``, ``proofs`` and ``events``; none of
them imports this module. The names of ``status`` and ``events`` are re-exported here for callers that file
and then move a request.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ... import regimes
from ...adapter import get_adapter
from ...app_settings import app_settings
from ...hashing import normalize_email
from ...models import PrivacyEvent
from ...services import accuracy
from ...services.language import supported
from ...services.timeline import record_event as record_privacy_event
from ...signals import request_submitted, request_verified
from ..models import (
    COPY_TYPES,
    OPEN_STATUSES,
    PrivacyRequest,
    RequestEvent,
    RequestType,
    Status,
    VerificationMethod,
)
from .automation import run_automation
from .emails import send_acknowledgement as send_acknowledgement_mail
from .events import actor_role, add_event
from .messages import post_message
from .status import (
    assign,
    cancel,
    complete,
    extend,
    pause_clock,
    refresh_due,
    reject,
    request_notifications,
    resume_clock,
    transition,
    waiting_recipients,
)

__all__ = [
    "Filing", "actor_role", "add_event", "apply_verification", "assign", "cancel", "complete", "contest_for_request",
    "copies_this_year", "decide_free_copy", "extend", "find_duplicate", "next_reference", "pause_clock",
    "refresh_due", "reject", "request_notifications", "resume_clock", "submit_request", "transition",
    "waiting_recipients",
]

Kind = RequestEvent.Kind


def next_reference(req: PrivacyRequest) -> str:
    year = timezone.localdate(req.received_at).year
    return f"{app_settings.REQUEST_REFERENCE_PREFIX}-{year}-{req.pk:06d}"


# -- filing ---------------------------------------------------------------------------


@dataclass
class Filing:
    request: PrivacyRequest
    created: bool  # False: merged into an open request of the same type
    extra_copy: bool = False  # beyond the free copies of the year (told, not refused)


def find_duplicate(request_type: str, *, user=None, email: str = "") -> PrivacyRequest | None:
    qs = PrivacyRequest.objects.filter(type=request_type, status__in=OPEN_STATUSES)
    if user is not None:
        qs = qs.filter(user=user)
    else:
        qs = qs.filter(user__isnull=True, email__iexact=email)
    return qs.order_by("received_at", "id").first()


def copies_this_year(*, user=None, email: str = "", exclude_pk: int | None = None) -> int:
    """Free copies the subject used in the last 12 months: a cancelled request, or one rejected before any
    copy was made (an agent's unproven request, say), used none."""
    since = timezone.now() - dt.timedelta(days=365)
    qs = (PrivacyRequest.objects.filter(free_copy=True, received_at__gte=since).exclude(status=Status.CANCELLED)
          .exclude(status=Status.REJECTED, export_id=""))
    qs = qs.filter(user=user) if user is not None else qs.filter(user__isnull=True, email__iexact=email)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.count()


def submit_request(
    request_type: str,
    *,
    user=None,
    email: str = "",
    name: str = "",
    details: str = "",
    country: str | None = None,
    verification: str = "",
    role: str = "customer",
    agent: dict[str, str] | None = None,
    proposed_changes: list[dict[str, Any]] | None = None,
    send_acknowledgement: bool = True,
    language: str | None = None,
) -> Filing:
    """File a request, or merge it into an open one of the same type by the same subject.

    ``language`` is the requester's (default: the active language, the page's they filed on); e-mails
    about the request are written in it when the customer's account remembers none.

    ``verification`` names how identity is already proven (a recent re-authentication,
    say); without it the request waits for verification (guests and agents), unless
    an applicable regime needs none for this type (CCPA opt-out of sale).
    """
    if request_type not in RequestType.values:
        raise ValueError(f"Unknown request type {request_type!r}")
    if user is not None:
        email = email or getattr(user, user.get_email_field_name(), "") or ""
        # A custom user model need not have get_full_name (AbstractBaseUser does not).
        full_name = getattr(user, "get_full_name", None)
        name = name or (full_name() if callable(full_name) else "")
        if country is None:
            country = get_adapter().get_subject_country(user) or ""
    email = normalize_email(email) if email else ""
    if user is None and not email:
        raise ValueError("A request needs a user or an e-mail address.")

    with transaction.atomic():
        duplicate = None if agent else find_duplicate(request_type, user=user, email=email)
        if duplicate is not None:
            duplicate = PrivacyRequest.objects.select_for_update().get(pk=duplicate.pk)
            add_event(duplicate, Kind.MERGED, _("The same request was filed again and merged into this one."),
                      role=role, data={"details": details[:1000]} if details else {})
            if details:
                post_message(duplicate, details, author=user, from_staff=False, record=False)
            return Filing(duplicate, created=False)

        now = timezone.now()
        codes = regimes.regimes_for_country(country)
        req = PrivacyRequest(
            type=request_type, user=user, email=email, name=name[:150], details=details, country=country or "",
            regimes=codes, received_at=now,
            proposed_changes=proposed_changes or [],
            language=supported(language if language is not None else translation.get_language()) or "",
        )
        req.subject_key = req.subject().key
        req.reference = f"tmp-{req.uuid.hex}"  # replaced by the numbered reference once the row has an id
        if agent:
            req.agent_name = agent.get("name", "")[:150]
            req.agent_email = normalize_email(agent.get("email", ""))
            req.agent_relationship = agent.get("relationship", "")[:200]
        refresh_due(req)
        deadline = regimes.compute_deadline(codes, now, request_type)
        if not verification and deadline.no_verification and not agent:
            verification = VerificationMethod.NOT_REQUIRED
        extra_copy = False
        # An agent is not yet shown to act for the subject: whether this copy is free is decided (and told)
        # once staff accept the agent's proof, so the acknowledgement says nothing about the subject's year.
        if request_type in COPY_TYPES and not agent:
            extra_copy = copies_this_year(user=user, email=email) >= app_settings.FREE_COPIES_PER_YEAR
            req.free_copy = not extra_copy
        req.save()
        req.reference = next_reference(req)
        PrivacyRequest.objects.filter(pk=req.pk).update(reference=req.reference)

        add_event(req, Kind.SUBMITTED, _("Request %(reference)s received.") % {"reference": req.reference},
                  actor=user, role=role, to_status=Status.SUBMITTED,
                  data={"regimes": codes, "due": req.due_at.isoformat(), "regime": req.regime})
        if request_type in COPY_TYPES and not agent:
            _record_free_copy(req, extra_copy)
        record_privacy_event(req.subject(), PrivacyEvent.Kind.REQUEST_SUBMITTED,
                             _("Request %(reference)s filed: %(type)s") % {
                                 "reference": req.reference, "type": req.get_type_display()},
                             method=role, data={"reference": req.reference, "type": request_type}, actor=user)

        if send_acknowledgement:  # first, so that it arrives before any completion
            send_acknowledgement_mail(req, extra_copy=extra_copy)
        if verification:
            apply_verification(req, verification, actor=user, role=role)
        else:
            transition(req, "request_verification", role="system")

    request_submitted.send(sender=PrivacyRequest, request=req)
    return Filing(req, created=True, extra_copy=extra_copy)


def contest_for_request(req: PrivacyRequest, *, actor=None) -> None:
    """A verified rectification request restricts the data it says is wrong until it closes (GDPR Art.
    18(1)(a)): each proposed change's source, record and field, or all the subject's data if it names none."""
    subject = req.subject()
    targets = {(str(c.get("source") or ""), str(c.get("pk") or ""), str(c.get("field") or ""))
               for c in req.proposed_changes} or {("", "", "")}
    for source, row, field in sorted(targets):
        accuracy.contest(subject, origin=accuracy.Origin.REQUEST, source=source, row=row, field=field,
                         reference=req.reference, note=req.details[:2000], actor=actor)


def _record_free_copy(req: PrivacyRequest, extra_copy: bool) -> None:
    if extra_copy:
        add_event(req, Kind.FREE_COPY, app_settings.EXTRA_COPY_NOTE, role="system")
    else:
        add_event(req, Kind.FREE_COPY, _("This is your free copy of the year."), role="system")


def decide_free_copy(req: PrivacyRequest) -> bool:
    """An agent's copy request, once verified: is it the subject's free copy? Returns whether it is extra."""
    used = copies_this_year(user=req.user, email=req.email, exclude_pk=req.pk)
    extra_copy = used >= app_settings.FREE_COPIES_PER_YEAR
    req.free_copy = not extra_copy
    PrivacyRequest.objects.filter(pk=req.pk).update(free_copy=req.free_copy)
    _record_free_copy(req, extra_copy)
    return extra_copy


def apply_verification(req: PrivacyRequest, method: str, *, actor=None, role: str | None = None) -> PrivacyRequest:
    """Mark the requester's identity as proven and run what the type does at once."""
    first_time = req.verified_at is None
    req.verification_method = method
    req.verified_at = timezone.now()
    req.verification_nonce = ""
    transition(req, "verify", actor=actor, role=role, data={"method": method},
               summary=_("Verified: %(method)s") % {"method": VerificationMethod(method).label})
    if first_time and req.is_agent and req.type in COPY_TYPES:
        decide_free_copy(req)
    if first_time and req.type == RequestType.RECTIFICATION:
        contest_for_request(req, actor=actor)
    request_verified.send(sender=PrivacyRequest, request=req)
    if first_time:  # after a clarification, staff decide whether to run it again ("Run now")
        run_automation(req, actor=actor, automatic=True)
    return req


