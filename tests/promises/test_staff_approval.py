"""Staff approval for any request type (PRIVACY_CENTER_REQUEST_TYPES[type]["staff_approval"]): the customer is
told staff review it and what then happens; nothing is done before approval; rejection tells them why."""

from __future__ import annotations

import pytest
from django.core import mail

from privacy_center.models import Export
from privacy_center.requests.models import PrivacyRequest, RequestEvent, Status
from privacy_center.requests.services import core, staff
from privacy_center.requests.transitions import IllegalTransition

pytestmark = pytest.mark.django_db

LIST = "/admin/privacy_requests/privacyrequest/"


@pytest.fixture(autouse=True)
def _approval(settings):
    settings.PRIVACY_CENTER_REQUEST_TYPES = {"access": {"staff_approval": True},
                                             "objection": {"staff_approval": True}}


def test_an_approved_type_waits_and_the_customer_is_told_everywhere(client, customer, reauthenticate):
    client.force_login(customer)
    reauthenticate(client)
    response = client.post("/privacy/requests/new/", {"type": "access"}, follow=True)
    page = response.content.decode()
    req = PrivacyRequest.objects.get(user=customer, type="access")
    # The confirmation (the request page the customer lands on) says staff review it, and what then happens.
    assert "Our staff review this request before anything is done" in page
    assert "we prepare a copy of your data and send you a link to download it" in page
    assert "If they do not, we tell you why" in page
    ack = next(m for m in mail.outbox if req.reference in m.subject and "received" in m.body.lower())
    assert "Our staff review this request before anything is done" in ack.body
    # Verified, but nothing was done: no export, still verified, a timeline line says why.
    req.refresh_from_db()
    assert req.status == Status.VERIFIED
    assert not Export.objects.filter(user=customer).exists()
    assert req.events.filter(summary__startswith="Waiting for our staff to review").exists()


def test_run_and_complete_are_refused_until_approved_then_it_runs(officer, customer, make_request):
    req = make_request("objection", user=customer)
    assert req.status == Status.VERIFIED
    for action in ("run", "complete"):
        with pytest.raises(IllegalTransition, match="waits for staff approval"):
            staff.perform(req, action, actor=officer)
    staff.perform(req, "approve", actor=officer)
    req.refresh_from_db()
    assert req.status == Status.COMPLETED  # an objection runs at once once approved
    approved = req.events.get(kind=RequestEvent.Kind.APPROVED)
    assert approved.public and approved.actor == officer and "we stop using your data for marketing" in approved.summary
    assert any("approved" in m.subject for m in mail.outbox if req.reference in m.subject)
    with pytest.raises(IllegalTransition):
        staff.perform(req, "approve", actor=officer)


def test_rejection_tells_the_customer_why(officer, customer, make_request):
    req = make_request("access", user=customer)
    staff.perform(req, "reject", actor=officer, reason="We could not match this account to the orders named.")
    req.refresh_from_db()
    assert req.status == Status.REJECTED
    rejected = [m for m in mail.outbox if "declined" in m.subject]
    assert rejected and "We could not match this account" in rejected[-1].body


def test_types_without_approval_run_as_before(customer, make_request):
    req = make_request("restriction", user=customer)
    assert req.status == Status.COMPLETED
    assert not req.events.filter(kind=RequestEvent.Kind.APPROVED).exists()


def test_admin_detail_button_and_bulk_action(client, officer, viewer, customer, make_request):
    req = make_request("access", user=customer)
    client.force_login(officer)
    page = client.get(f"{LIST}{req.pk}/change/").content.decode()
    assert 'value="approve"' in page and "waits for staff approval" in page
    assert 'value="run"' not in page and 'value="complete"' not in page
    response = client.post(f"{LIST}{req.pk}/act/", {"action": "approve"})
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.events.filter(kind=RequestEvent.Kind.APPROVED).exists()
    assert req.status == Status.IN_PROGRESS  # the copy is being prepared now
    second = make_request("objection", user=customer)
    response = client.post(LIST, {"action": "bulk_approve", "_selected_action": [second.pk]})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == Status.COMPLETED
    # Staff who may only view cannot approve.
    client.force_login(viewer)
    third = make_request("objection", email="guest3@example.com")
    client.post(f"{LIST}{third.pk}/act/", {"action": "approve"})
    assert not third.events.filter(kind=RequestEvent.Kind.APPROVED).exists()


def test_misconfigured_request_types_fail_the_checks(settings):
    from privacy_center.requests.checks import check_regimes

    settings.PRIVACY_CENTER_REQUEST_TYPES = {"teleport": {"staff_approval": True},
                                             "erasure": {"staff_aproval": True}}
    errors = [e for e in check_regimes() if e.id == "privacy_center.E104"]
    assert len(errors) == 2 and "staff_aproval" in errors[1].msg + errors[0].msg


def test_default_is_no_approval(settings):
    from privacy_center.app_settings import app_settings

    del settings.PRIVACY_CENTER_REQUEST_TYPES
    assert app_settings.REQUEST_TYPES == {} and not app_settings.needs_staff_approval("erasure")


def test_guest_request_waits_for_approval_after_verification(officer, make_request):
    req = make_request("objection", email="guest@example.com", verification="")
    assert req.status == Status.AWAITING_VERIFICATION
    core.apply_verification(req, "email_link", role="guest")
    req.refresh_from_db()
    assert req.status == Status.VERIFIED
    staff.perform(req, "approve", actor=officer)
    req.refresh_from_db()
    assert req.status == Status.COMPLETED


def test_guest_and_agent_confirmation_pages_say_staff_review(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = client.post("/privacy/requests/guest/", {"email": "someone@example.com", "type": "access"})
    assert "Our staff review this request before anything is done" in page.content.decode()
    page = client.post("/privacy/requests/guest/", {"email": "someone@example.com", "type": "erasure"})
    assert "Our staff review" not in page.content.decode()  # erasure needs no approval here
    proof = SimpleUploadedFile("permission.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    page = client.post("/privacy/requests/agent/", {
        "agent_name": "Lan", "agent_email": "agent@example.com", "relationship": "power of attorney",
        "subject_name": "Minh", "subject_email": "minh@example.com", "type": "objection", "details": "",
        "proof": proof})
    assert "Our staff review this request before anything is done" in page.content.decode()
