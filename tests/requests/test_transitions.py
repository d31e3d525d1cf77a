"""The workflow: every action tried on real requests in every status, done (status, event) or refused with a
clear error that changes nothing. ``LEGAL`` is the workflow as staff are told it."""

from __future__ import annotations

import pytest

from privacy_center.requests.models import PrivacyRequest, RequestEvent, Status
from privacy_center.requests.services import core, staff
from privacy_center.requests.transitions import TRANSITIONS, IllegalTransition, allowed, check

LEGAL = {
    "request_verification": {"submitted", "verified", "in_progress", "failed"},
    "verify": {"submitted", "awaiting_verification"},
    "start": {"verified"},
    "run": {"verified", "in_progress"},
    "complete": {"verified", "in_progress"},
    "reject": {"submitted", "awaiting_verification", "verified", "in_progress", "failed"},
    "cancel": {"submitted", "awaiting_verification", "verified", "in_progress", "failed"},
    "extend": {"submitted", "awaiting_verification", "verified", "in_progress", "failed"},
    "assign_to_me": {"submitted", "awaiting_verification", "verified", "in_progress", "failed"},
    "unassign": {"submitted", "awaiting_verification", "verified", "in_progress", "failed"},
    "approve_rectification": {"verified", "in_progress"},
    # An erasure rolled back: the system marks the request failed; staff retry it.
    "fail": {"verified", "in_progress"},
    "retry": {"failed"},
}

PAIRS = [(action, status) for action in sorted(TRANSITIONS) for status in Status.values]


def test_unknown_action_is_refused_clearly():
    with pytest.raises(IllegalTransition, match="Unknown action"):
        check("teleport", "submitted")


def test_closed_statuses_allow_nothing():
    for status in ("completed", "rejected", "cancelled"):
        assert allowed(status) == []


STATUS_CHANGES = [(a, s) for a, s in PAIRS if TRANSITIONS[a].target is not None and a not in ("run",)]


def _request_in(status, make_request, customer):
    """A request of type "other" moved into ``status`` through legal transitions."""
    req = make_request("other", email="someone@example.com", verification="")
    assert req.status == Status.AWAITING_VERIFICATION
    path = {
        "submitted": [],
        "awaiting_verification": [],
        "verified": ["verify"],
        "in_progress": ["verify", "start"],
        "failed": ["verify", "start", "fail"],
        "completed": ["verify", "complete"],
        "rejected": ["reject"],
        "cancelled": ["cancel"],
    }[status]
    if status == "submitted":
        PrivacyRequest.objects.filter(pk=req.pk).update(status="submitted")
        req.refresh_from_db()
    for action in path:
        core.transition(req, action, reason="test reason")
    req.refresh_from_db()
    assert req.status == status
    return req


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "status"), STATUS_CHANGES)
def test_status_changes_on_real_requests(action, status, make_request, customer):
    req = _request_in(status, make_request, customer)
    before = RequestEvent.objects.filter(request=req).count()
    if status in LEGAL[action]:
        core.transition(req, action, reason="because")
        req.refresh_from_db()
        assert req.status == TRANSITIONS[action].target
        event = RequestEvent.objects.filter(request=req).order_by("-id").first()
        assert (event.from_status, event.to_status) == (status, TRANSITIONS[action].target)
    else:
        with pytest.raises(IllegalTransition) as exc:
            core.transition(req, action)
        assert "Cannot" in str(exc.value) and str(Status(status).label).lower() in str(exc.value)
        req.refresh_from_db()
        assert req.status == status
        assert RequestEvent.objects.filter(request=req).count() == before


@pytest.mark.django_db
def test_staff_perform_refuses_illegal_and_records_legal(make_request, officer):
    req = make_request("other", email="x@example.com", verification="")
    with pytest.raises(IllegalTransition):
        staff.perform(req, "complete", actor=officer)
    staff.perform(req, "verify", actor=officer)
    staff.perform(req, "complete", actor=officer, reason="Answered by phone")
    req.refresh_from_db()
    assert req.status == Status.COMPLETED
    assert req.closed_at is not None
    assert req.events.filter(actor=officer).count() >= 2
    with pytest.raises(IllegalTransition):
        staff.perform(req, "reject", actor=officer, reason="too late")
