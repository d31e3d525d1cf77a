"""What verified requests do by type: flags, copies, erasure, corrections, categories."""

from __future__ import annotations

import pytest

from privacy_center.requests.models import PrivacyRequest, RequestEvent, Status
from privacy_center.requests.services import core, staff
from privacy_center.requests.transitions import IllegalTransition
from privacy_center.services.restriction import get_flags, may_process
from privacy_center.signals import personal_data_corrected, request_completed, request_submitted, request_verified
from privacy_center.subjects import Subject

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("request_type", "flag", "purpose"), [
    ("restriction", "processing_restricted", "analytics"),
    ("objection", "objected_to_marketing", "marketing"),
    ("opt_out_sale", "opted_out_of_sale", "sale"),
    ("withdraw_consent", "objected_to_marketing", "newsletter"),
])
def test_flags_applied_at_once_and_confirmed(request_type, flag, purpose, customer, mailoutbox):
    subject = Subject.for_user(customer)
    assert may_process(subject, purpose)
    req = core.submit_request(request_type, user=customer, verification="session").request
    req.refresh_from_db()
    assert get_flags(subject)[flag] is True
    assert not may_process(subject, purpose)
    assert req.status == Status.COMPLETED
    assert req.events.filter(kind=RequestEvent.Kind.AUTOMATION).exists()
    assert mailoutbox[-1].subject == f"Your privacy request {req.reference} is complete"
    assert req.outcome in mailoutbox[-1].body


def test_signals_sent(customer):
    seen = []

    def listen(signal):
        def receiver(sender, request, **kwargs):
            seen.append((signal, request.reference))
        return receiver

    receivers = {s: listen(n) for n, s in [("submitted", request_submitted), ("verified", request_verified),
                                          ("completed", request_completed)]}
    for signal, receiver in receivers.items():
        signal.connect(receiver)
    try:
        req = core.submit_request("objection", user=customer, verification="session").request
    finally:
        for signal, receiver in receivers.items():
            signal.disconnect(receiver)
    assert [name for name, _ in seen] == ["verified", "completed", "submitted"]
    assert {ref for _, ref in seen} == {req.reference}


def test_know_categories_answered_from_the_registry(customer, make_order):
    make_order(user=customer)
    req = core.submit_request("know_categories", user=customer, verification="session").request
    req.refresh_from_db()
    assert req.status == Status.COMPLETED
    assert "Shared with" in req.outcome


def test_access_builds_an_export_and_completes_with_its_link(customer, make_order, mailoutbox,
                                                             django_capture_on_commit_callbacks):
    make_order(user=customer)
    with django_capture_on_commit_callbacks(execute=True):
        req = core.submit_request("access", user=customer, verification="reauthentication").request
    req.refresh_from_db()
    assert req.export_id
    assert req.status == Status.COMPLETED
    completion = next(m for m in mailoutbox if m.subject == f"Your privacy request {req.reference} is complete")
    assert f"/privacy/exports/{req.export_id}/" in completion.body


def test_erasure_starts_the_cooling_off_and_completes_when_erased(customer, django_capture_on_commit_callbacks,
                                                                   settings):
    settings.PRIVACY_CENTER_ERASURE_COOLING_OFF_DAYS = 14
    req = core.submit_request("erasure", user=customer, verification="reauthentication").request
    req.refresh_from_db()
    assert req.status == Status.IN_PROGRESS
    assert req.events.filter(summary__startswith="Erasure scheduled").exists()
    customer.refresh_from_db()
    assert customer.is_active is False
    from privacy_center.erasure.models import SubjectErasure
    from privacy_center.erasure.services.core import execute_erasure

    erasure = SubjectErasure.objects.get(subject_key=f"user:{customer.pk}")
    SubjectErasure.objects.filter(pk=erasure.pk).update(due_at=erasure.requested_at)
    with django_capture_on_commit_callbacks(execute=True):
        execute_erasure(erasure.pk)
    req = PrivacyRequest.objects.get(pk=req.pk)
    assert req.status == Status.COMPLETED
    # The profile went to Klarna, told by e-mail (no webhook configured): the outcome says so.
    assert req.outcome == ("Your data was erased.\nThose who received your data:\n"
                           "- Klarna Bank AB (credit checks for invoices): Sent")


def test_manual_types_wait_for_run_now(customer, officer, settings, django_capture_on_commit_callbacks):
    settings.PRIVACY_CENTER_REQUEST_MANUAL_TYPES = ["erasure"]
    settings.PRIVACY_CENTER_ERASURE_COOLING_OFF_DAYS = 0
    req = core.submit_request("erasure", email="guest-erase@example.com", verification="email_link").request
    req.refresh_from_db()
    assert req.status == Status.VERIFIED
    with django_capture_on_commit_callbacks(execute=True):
        staff.perform(req, "run", actor=officer)
    req.refresh_from_db()
    assert req.status == Status.COMPLETED


def test_rectification_waits_for_approval_then_applies_and_tells_processors(customer, officer):
    changes = [{"source": "auth.user", "pk": customer.pk, "field": "last_name", "value": "Lovelace"}]
    req = core.submit_request("rectification", user=customer, verification="reauthentication",
                              proposed_changes=changes).request
    req.refresh_from_db()
    assert req.status == Status.VERIFIED
    customer.refresh_from_db()
    assert customer.last_name != "Lovelace"
    told = []

    def receiver(sender, subject, source, pk, changes, actor, **kwargs):
        told.append((source, pk, changes, actor))

    personal_data_corrected.connect(receiver)
    try:
        staff.perform(req, "approve_rectification", actor=officer)
    finally:
        personal_data_corrected.disconnect(receiver)
    customer.refresh_from_db()
    req.refresh_from_db()
    assert customer.last_name == "Lovelace"
    assert req.status == Status.COMPLETED
    assert told and told[0][0] == "auth.user" and told[0][2]["last_name"]["new"] == "Lovelace"
    assert told[0][3] == officer


def test_rectification_of_a_field_that_is_not_editable_is_refused(customer, officer):
    from django.core.exceptions import ValidationError

    from privacy_center.requests.services.automation import validate_changes

    with pytest.raises(ValidationError):
        validate_changes(Subject.for_user(customer), [{"source": "auth.user", "pk": customer.pk, "field": "email",
                                                        "value": "x@example.com"}])
    req = core.submit_request("rectification", user=customer, verification="reauthentication",
                              details="My address is wrong").request
    with pytest.raises(IllegalTransition, match="No correction was proposed"):
        staff.perform(req, "approve_rectification", actor=officer)
