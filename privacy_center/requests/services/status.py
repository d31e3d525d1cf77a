"""Moving a request through the transition table, its clocks, and closing it (complete, reject, cancel).

Below filing and automation: it imports the e-mails, proofs and events it writes, and nothing that runs a
request's type.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ... import regimes
from ...models import PrivacyEvent, RecipientNotification
from ...services import accuracy
from ...services.notifications import open_for
from ...services.timeline import record_event as record_privacy_event
from ...signals import request_completed
from ..models import CLOSED_STATUSES, PrivacyRequest, RequestEvent, RequestType, Status
from ..transitions import IllegalTransition, check
from .emails import send_completion, send_extension, send_rejection
from .events import add_event
from .proofs import delete_proofs

Kind = RequestEvent.Kind


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


def _on_closed(req: PrivacyRequest, *, actor=None) -> None:
    delete_proofs(req, actor=actor)
    if req.type == RequestType.RECTIFICATION:
        outcome = {Status.COMPLETED.value: accuracy.Outcome.CORRECTED,
                   Status.REJECTED.value: accuracy.Outcome.REJECTED}.get(req.status, accuracy.Outcome.WITHDRAWN)
        accuracy.resolve_request(req.reference, outcome, actor=actor)
    record_privacy_event(req.subject(), PrivacyEvent.Kind.REQUEST_CLOSED,
                         _("Request %(reference)s %(status)s") % {
                             "reference": req.reference, "status": Status(req.status).label.lower()},
                         data={"reference": req.reference, "status": req.status, "outcome": req.outcome[:300]},
                         actor=actor)
    if req.status == Status.COMPLETED:
        request_completed.send(sender=PrivacyRequest, request=req)


def extend(req: PrivacyRequest, *, reason: str, until: dt.date | None = None, actor=None) -> PrivacyRequest:
    """Extend within the legal maximum, only once and only before the first deadline (GDPR Art. 12(3))."""
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
    if not reason.strip():
        raise IllegalTransition("reject", req.status, _("A rejection needs a reason the requester is told."))
    transition(req, "reject", actor=actor, reason=reason,
               summary=_("Rejected: %(reason)s") % {"reason": reason})
    send_rejection(req)
    return req


def waiting_recipients(req: PrivacyRequest) -> list:
    """Notifications to recipients about this request's subject, made while it was open, not yet settled."""
    return open_for([req.subject_key], since=req.received_at) if req.subject_key else []


def request_notifications(req: PrivacyRequest) -> list:
    """The notifications to recipients caused while the request was open (its Art. 19 part)."""
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
        raise IllegalTransition("complete", req.status, reason=_(
            "Not complete yet: these recipients are still to be told: %(names)s. Wait for the deliveries, or "
            "record on each notification that staff told them or why not.") % {
            "names": ", ".join(sorted({n.recipient_label for n in waiting}))})
    transition(req, "complete", actor=actor, role=role, reason=outcome,
               summary=_("Completed") + (f": {outcome}" if outcome else ""))
    send_completion(req, links=links or {})
    return req
