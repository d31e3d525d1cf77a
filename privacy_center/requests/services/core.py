"""Filing requests, moving them through the transition table, and their clocks.

The only code that writes ``PrivacyRequest`` rows and ``RequestEvent`` rows: pages, the
API, the admin, tasks and commands all call these functions, so one rule, one event
and one e-mail result whichever way a thing is done.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ... import regimes
from ...app_settings import app_settings
from ...hashing import normalize_email
from ...models import PrivacyEvent
from ...services import accuracy
from ...services.language import supported
from ...services.timeline import record_event as record_privacy_event
from ...signals import request_submitted
from ..models import (
    CLOSED_STATUSES,
    COPY_TYPES,
    OPEN_STATUSES,
    PrivacyRequest,
    RequestEvent,
    RequestType,
    Status,
    VerificationMethod,
)
from ..transitions import check

Kind = RequestEvent.Kind


def actor_role(actor, default: str = "system") -> str:
    if actor is not None and getattr(actor, "is_authenticated", False):
        return "staff" if actor.is_staff else "customer"
    return default


def add_event(
    req: PrivacyRequest,
    kind: str,
    summary: str,
    *,
    actor=None,
    role: str | None = None,
    data: dict[str, Any] | None = None,
    from_status: str = "",
    to_status: str = "",
    public: bool = True,
) -> RequestEvent:
    """Append one event to the request's timeline."""
    return RequestEvent.objects.create(
        request=req,
        kind=kind,
        summary=str(summary)[:300],
        data=data or {},
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_role=role or actor_role(actor),
        from_status=from_status,
        to_status=to_status,
        public=public,
    )


# -- clocks -------------------------------------------------------------------------


def _paused_days(req: PrivacyRequest, now: dt.datetime | None = None) -> int:
    days = req.paused_days
    if req.paused_since is not None:
        now = now or timezone.now()
        days += max((timezone.localdate(now) - timezone.localdate(req.paused_since)).days, 0)
    return days


def refresh_due(req: PrivacyRequest) -> None:
    """Recompute the due date from the regimes (receipt time, identity arrival, pauses) beside the shop's
    promise; an extension, once granted, stands."""
    deadline = regimes.compute_deadline(req.regimes, req.received_at, req.type, paused_days=req.paused_days,
                                        identity_at=req.identity_received_at)
    req.regime = deadline.regime
    req.original_due_at = deadline.due
    req.legal_due_at = deadline.legal_due
    req.due_moment = deadline.due_moment
    req.promise = deadline.promise[:300]
    req.promise_due_at = deadline.promise_due
    req.acknowledge_by = deadline.acknowledge_by
    req.due_at = max(req.extended_until, deadline.due) if req.extended_until else deadline.due


def pause_clock(req: PrivacyRequest) -> None:
    if req.paused_since is None:
        req.paused_since = timezone.now()


def resume_clock(req: PrivacyRequest, *, identity_arrived: bool = False) -> None:
    """The requester answered; ``identity_arrived``: with the identity information asked for."""
    if identity_arrived and req.identity_received_at is None:
        req.identity_received_at = timezone.now()
    if req.paused_since is not None:
        req.paused_days = _paused_days(req)
        req.paused_since = None
    refresh_due(req)


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
            from ...adapter import get_adapter

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
                from .messages import post_message

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
            from .emails import send_acknowledgement

            send_acknowledgement(req, extra_copy=extra_copy)
        if verification:
            apply_verification(req, verification, actor=user, role=role)
        else:
            transition(req, "request_verification", role="system")

    request_submitted.send(sender=PrivacyRequest, request=req)
    return Filing(req, created=True, extra_copy=extra_copy)


# -- moving through the table ---------------------------------------------------------------


def transition(req: PrivacyRequest, action: str, *, actor=None, role: str | None = None, reason: str = "",
               summary: str = "", data: dict[str, Any] | None = None) -> PrivacyRequest:
    """Apply a status change from ``TRANSITIONS`` (raises ``IllegalTransition``) and record it."""
    t = check(action, req.status)
    old = req.status
    if t.target is None or t.target == old:
        add_event(req, Kind.STATUS, summary or str(t.label), actor=actor, role=role, data=data or {})
        return req
    if old == Status.AWAITING_VERIFICATION:
        # Verified for the first time after waiting: the identity information asked for has arrived.
        resume_clock(req, identity_arrived=action == "verify"
                     and not req.events.filter(kind=Kind.STATUS, to_status=Status.VERIFIED).exists())
    req.status = t.target
    if t.target == Status.AWAITING_VERIFICATION:
        pause_clock(req)
    if t.target in CLOSED_STATUSES:
        req.closed_at = timezone.now()
        if reason:
            req.outcome = reason
    req.save()
    text = summary or _("Status: %(old)s → %(new)s") % {
        "old": Status(old).label, "new": Status(t.target).label}
    payload = dict(data or {})
    if reason:
        payload["reason"] = reason
    add_event(req, Kind.STATUS, text, actor=actor, role=role, from_status=old, to_status=t.target, data=payload)
    if t.target in CLOSED_STATUSES:
        _on_closed(req, actor=actor)
    return req


def contest_for_request(req: PrivacyRequest, *, actor=None) -> None:
    """A verified rectification request restricts the data it says is wrong until it closes (GDPR Art.
    18(1)(a)): each proposed change's source, record and field, or all the subject's data if it names none."""
    subject = req.subject()
    targets = {(str(c.get("source") or ""), str(c.get("pk") or ""), str(c.get("field") or ""))
               for c in req.proposed_changes} or {("", "", "")}
    for source, row, field in sorted(targets):
        accuracy.contest(subject, origin=accuracy.Origin.REQUEST, source=source, row=row, field=field,
                         reference=req.reference, note=req.details[:2000], actor=actor)


def _on_closed(req: PrivacyRequest, *, actor=None) -> None:
    from .proofs import delete_proofs

    delete_proofs(req, actor=actor)
    if req.type == RequestType.RECTIFICATION:
        outcome = {Status.COMPLETED: accuracy.Outcome.CORRECTED, Status.REJECTED: accuracy.Outcome.REJECTED}.get(
            req.status, accuracy.Outcome.WITHDRAWN)
        accuracy.resolve_request(req.reference, outcome, actor=actor)
    record_privacy_event(req.subject(), PrivacyEvent.Kind.REQUEST_CLOSED,
                         _("Request %(reference)s %(status)s") % {
                             "reference": req.reference, "status": Status(req.status).label.lower()},
                         data={"reference": req.reference, "status": req.status, "outcome": req.outcome[:300]},
                         actor=actor)
    if req.status == Status.COMPLETED:
        from ...signals import request_completed

        request_completed.send(sender=PrivacyRequest, request=req)


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
    from ...signals import request_verified

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
        from .automation import run_automation

        run_automation(req, actor=actor, automatic=True)
    return req


def extend(req: PrivacyRequest, *, reason: str, until: dt.date | None = None, actor=None) -> PrivacyRequest:
    """Extend within the legal maximum, only once and only before the first deadline (GDPR Art. 12(3))."""
    from ..transitions import IllegalTransition

    check("extend", req.status)
    if not reason.strip():
        raise IllegalTransition("extend", req.status, _("An extension needs a reason the requester is told."))
    if req.extended_until:
        raise IllegalTransition("extend", req.status, _("This request was already extended."))
    today = timezone.localdate()
    first = req.legal_due_at or req.original_due_at  # the law's first period, not the shop's promise
    if today > first:
        raise IllegalTransition("extend", req.status,
                                _("An extension must be told within the first period (due %(due)s).")
                                % {"due": date_format(first, "DATE_FORMAT")})
    limit = regimes.extension_limit(req.regimes, req.received_at, req.type, paused_days=_paused_days(req),
                                    identity_at=req.identity_received_at)
    if limit <= first:
        raise IllegalTransition("extend", req.status,
                                _("The law that applies (%(regime)s) allows no extension for this request.")
                                % {"regime": req.regime})
    until = until or limit
    if until > limit:
        raise IllegalTransition("extend", req.status, _("The legal maximum is %(date)s.")
                                % {"date": date_format(limit, "DATE_FORMAT")})
    if until <= req.due_at:
        raise IllegalTransition("extend", req.status, _("The new date must be after the current due date."))
    req.extended_until = until
    req.extension_reason = reason
    req.due_at = until
    req.save(update_fields=["extended_until", "extension_reason", "due_at", "updated_at"])
    add_event(req, Kind.EXTENDED, _("Deadline extended to %(date)s: %(reason)s")
              % {"date": date_format(until, "DATE_FORMAT"), "reason": reason},
              actor=actor, data={"until": until.isoformat(), "reason": reason, "limit": limit.isoformat()})
    from .emails import send_extension

    send_extension(req)
    return req


def assign(req: PrivacyRequest, assignee, *, actor=None) -> PrivacyRequest:
    check("assign_to_me" if assignee is not None else "unassign", req.status)
    req.assignee = assignee
    req.save(update_fields=["assignee", "updated_at"])
    text = _("Assigned to %(name)s") % {"name": assignee.get_username()} if assignee else _("Unassigned")
    add_event(req, Kind.ASSIGNED, text, actor=actor, public=False)
    return req


def cancel(req: PrivacyRequest, *, actor=None, role: str = "customer") -> PrivacyRequest:
    return transition(req, "cancel", actor=actor, role=role, summary=_("Cancelled by the requester"))


def reject(req: PrivacyRequest, *, reason: str, actor=None) -> PrivacyRequest:
    from ..transitions import IllegalTransition

    if not reason.strip():
        raise IllegalTransition("reject", req.status, _("A rejection needs a reason the requester is told."))
    transition(req, "reject", actor=actor, reason=reason,
               summary=_("Rejected: %(reason)s") % {"reason": reason})
    from .emails import send_rejection

    send_rejection(req)
    return req


def waiting_recipients(req: PrivacyRequest) -> list:
    """Notifications to recipients about this request's subject, made while it was open, not yet settled."""
    from ...services.notifications import open_for

    return open_for([req.subject_key], since=req.received_at) if req.subject_key else []


def request_notifications(req: PrivacyRequest) -> list:
    """The notifications to recipients caused while the request was open (its Art. 19 part)."""
    from ...models import RecipientNotification

    if not req.subject_key:
        return []
    qs = RecipientNotification.objects.filter(subject_key=req.subject_key, created_at__gte=req.received_at)
    if req.closed_at:
        qs = qs.filter(created_at__lte=req.closed_at)
    return list(qs.select_related("message").order_by("created_at", "recipient_label")[:200])


def complete(req: PrivacyRequest, *, actor=None, outcome: str = "", links: dict[str, str] | None = None,
             role: str | None = None) -> PrivacyRequest:
    """Close the request as done; refused while a recipient is still to be told (Art. 19 is part of it)."""
    waiting = waiting_recipients(req)
    if waiting:
        from ..transitions import IllegalTransition

        raise IllegalTransition("complete", req.status, reason=_(
            "Not complete yet: these recipients are still to be told: %(names)s. Wait for the deliveries, or "
            "record on each notification that staff told them or why not.") % {
            "names": ", ".join(sorted({n.recipient_label for n in waiting}))})
    transition(req, "complete", actor=actor, role=role, reason=outcome,
               summary=_("Completed") + (f": {outcome}" if outcome else ""))
    from .emails import send_completion

    send_completion(req, links=links or {})
    return req
