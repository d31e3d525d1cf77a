"""The one table of what may happen to a request in which status.

Every status change and staff action is named here with the statuses it may start
from and the status it leads to (``None``: the status stays). ``check()`` raises
``IllegalTransition`` with a sentence a person can read; the API answers it with 409.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import OPEN_STATUSES, Status

S = Status


@dataclass(frozen=True)
class Transition:
    name: str
    label: object
    sources: frozenset[str]
    target: str | None  # None: an action that keeps the status
    staff: bool = True  # needs the "process privacy requests" permission
    needs_reason: bool = False


_OPEN = frozenset(OPEN_STATUSES)

TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        # Waiting for the requester's identity or a clarification; pauses clocks that pause (UK GDPR).
        Transition("request_verification", _("Ask the requester (identity or clarification)"),
                   frozenset({S.SUBMITTED, S.VERIFIED, S.IN_PROGRESS, S.FAILED}), S.AWAITING_VERIFICATION),
        Transition("verify", _("Verify"), frozenset({S.SUBMITTED, S.AWAITING_VERIFICATION}), S.VERIFIED),
        Transition("start", _("Start"), frozenset({S.VERIFIED}), S.IN_PROGRESS),
        Transition("run", _("Run now"), frozenset({S.VERIFIED, S.IN_PROGRESS}), S.IN_PROGRESS),
        Transition("complete", _("Complete"), frozenset({S.VERIFIED, S.IN_PROGRESS}), S.COMPLETED),
        # The work failed (an erasure rolled back): set by the system, with what happened; staff retry.
        Transition("fail", _("Mark as failed"), frozenset({S.VERIFIED, S.IN_PROGRESS}), S.FAILED, staff=False),
        Transition("retry", _("Retry"), frozenset({S.FAILED}), S.IN_PROGRESS),
        Transition("reject", _("Reject"), _OPEN, S.REJECTED, needs_reason=True),
        Transition("cancel", _("Cancel"), _OPEN, S.CANCELLED, staff=False),
        Transition("extend", _("Extend the deadline"), _OPEN, None, needs_reason=True),
        Transition("assign_to_me", _("Assign to me"), _OPEN, None),
        Transition("unassign", _("Unassign"), _OPEN, None),
        # Staff approval, for the types PRIVACY_CENTER_REQUEST_TYPES says need it (services.approval).
        Transition("approve", _("Approve"), _OPEN, None),
        Transition("approve_rectification", _("Approve the correction"), frozenset({S.VERIFIED, S.IN_PROGRESS}),
                   None),
    ]
}

# Actions offered as admin bulk actions (each request is checked on its own).
BULK_ACTIONS = ("assign_to_me", "verify", "approve", "run", "complete")


class IllegalTransition(Exception):
    """The action is not allowed in the request's current status."""

    def __init__(self, action: str, status: str, reason: str = ""):
        self.action, self.status = action, status
        if reason:
            message = reason
        elif action not in TRANSITIONS:
            message = _("Unknown action “%(action)s”.") % {"action": action}
        else:
            message = _("Cannot %(action)s a request that is %(status)s.") % {
                "action": str(TRANSITIONS[action].label).lower(),
                "status": str(Status(status).label).lower() if status in Status.values else status,
            }
        super().__init__(str(message))


def check(action: str, status: str) -> Transition:
    """The transition, or ``IllegalTransition`` if ``action`` cannot start from ``status``."""
    transition = TRANSITIONS.get(action)
    if transition is None or status not in transition.sources:
        raise IllegalTransition(action, status)
    return transition


def allowed(status: str, *, staff: bool = True) -> list[Transition]:
    """Transitions that may start from ``status`` (for buttons)."""
    return [t for t in TRANSITIONS.values() if status in t.sources and (staff or not t.staff)]
