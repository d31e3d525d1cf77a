"""Staff actions: one entry point for the admin (buttons and bulk actions) and the staff API.

``perform`` checks the "process privacy requests" permission and the transition table,
runs the action, and so every staff action becomes a timeline event with its actor.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import COPY_TYPES, PrivacyRequest, VerificationMethod
from ..transitions import TRANSITIONS, IllegalTransition, check
from . import approval, automation, core
from .messages import post_message

PROCESS_PERMISSION = "privacy_requests.process_privacyrequest"
VIEW_PERMISSION = "privacy_requests.view_privacyrequest"
DOWNLOAD_PERMISSION = "privacy_requests.download_customer_export"


def can_process(user) -> bool:
    return bool(user and user.is_active and user.is_staff and user.has_perm(PROCESS_PERMISSION))


def can_view(user) -> bool:
    return bool(user and user.is_active and user.is_staff
                and (user.has_perm(VIEW_PERMISSION) or user.has_perm(PROCESS_PERMISSION)))


def can_download_exports(user) -> bool:
    return bool(user and user.is_active and user.is_staff and user.has_perm(DOWNLOAD_PERMISSION))


def perform(req: PrivacyRequest, action: str, *, actor, reason: str = "", until: dt.date | None = None,
            ) -> PrivacyRequest:
    """Run a staff ``action`` on ``req``. Raises ``PermissionDenied`` or ``IllegalTransition``."""
    if not can_process(actor):
        raise PermissionDenied(_("You may view privacy requests but not process them."))
    if action not in TRANSITIONS:
        raise IllegalTransition(action, req.status)
    with transaction.atomic():
        req = PrivacyRequest.objects.select_for_update().get(pk=req.pk)
        check(action, req.status)
        if action == "assign_to_me":
            return core.assign(req, actor, actor=actor)
        if action == "unassign":
            return core.assign(req, None, actor=actor)
        if action == "verify":
            method = VerificationMethod.AGENT_PROOF if req.is_agent else VerificationMethod.STAFF
            if req.is_guest and req.type in COPY_TYPES and req.order_proof_at is None:
                # Staff checked the person by other means; the copy may be released.
                req.order_proof_at = timezone.now()
            return core.apply_verification(req, method, actor=actor)
        if action in ("run", "start", "complete", "approve_rectification"):
            approval.ensure_approved(req, action)
        if action == "approve":
            return automation.approve(req, actor=actor)
        if action == "run":
            return automation.run_automation(req, actor=actor)
        if action == "start":
            return core.transition(req, "start", actor=actor)
        if action == "complete":
            if req.type == "erasure" and not automation.erasure_happened(req):
                raise IllegalTransition("complete", req.status, _(
                    "No erasure of this person's data has completed: use Run now to start it (or reject the "
                    "request with a reason). The request completes by itself when the erasure ran."))
            return core.complete(req, actor=actor, outcome=reason)
        if action == "reject":
            return core.reject(req, reason=reason, actor=actor)
        if action == "cancel":
            return core.transition(req, "cancel", actor=actor, reason=reason)
        if action == "extend":
            return core.extend(req, reason=reason, until=until, actor=actor)
        if action == "request_verification":
            return core.transition(req, "request_verification", actor=actor, reason=reason)
        if action == "approve_rectification":
            return automation.approve_rectification(req, actor=actor)
        if action == "retry":
            return automation.retry_erasure(req, actor=actor)
    raise IllegalTransition(action, req.status)


def perform_bulk(queryset, action: str, *, actor) -> tuple[int, list[str]]:
    """Run ``action`` on each request on its own; returns (done, errors per reference)."""
    done, errors = 0, []
    for req in queryset.order_by("pk"):
        try:
            perform(req, action, actor=actor)
            done += 1
        except IllegalTransition as exc:
            errors.append(f"{req.reference}: {exc}")
    return done, errors


def reply(req: PrivacyRequest, body: str, *, actor):
    if not can_process(actor):
        raise PermissionDenied(_("You may view privacy requests but not process them."))

    return post_message(req, body, author=actor, from_staff=True)
