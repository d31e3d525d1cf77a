"""A failed erasure makes its request "Failed" (a real status), says what happened to the customer and staff,
and staff retry it; the erasure API asks for the same confirmation as the page (see tests/erasure/test_api.py)."""

from __future__ import annotations

import pytest

from privacy_center.erasure.models import SubjectErasure
from privacy_center.erasure.services.core import execute_erasure
from privacy_center.requests.models import OPEN_STATUSES, PrivacyRequest, Status
from privacy_center.requests.services import core, staff
from privacy_center.requests.transitions import IllegalTransition

pytestmark = pytest.mark.django_db
LIST = "/admin/privacy_requests/privacyrequest/"


@pytest.fixture
def failed_request(customer, settings, monkeypatch):
    settings.PRIVACY_CENTER_ERASURE_COOLING_OFF_DAYS = 14
    req = core.submit_request("erasure", user=customer, verification="reauthentication").request
    erasure = SubjectErasure.objects.get(subject_key=f"user:{customer.pk}")
    SubjectErasure.objects.filter(pk=erasure.pk).update(due_at=erasure.requested_at)

    def broken(*args, **kwargs):
        raise RuntimeError("the orders table is locked")

    with monkeypatch.context() as patch:
        patch.setattr("privacy_center.erasure.services.core.erase_subject", broken)
        with pytest.raises(RuntimeError):
            execute_erasure(erasure.pk)
    return PrivacyRequest.objects.get(pk=req.pk), erasure


def test_a_failed_erasure_fails_its_request_and_says_what_happened(failed_request, client, customer, officer):
    req, erasure = failed_request
    assert req.status == Status.FAILED and Status.FAILED in OPEN_STATUSES  # still due: staff must act
    assert "nothing was erased" in req.outcome
    assert SubjectErasure.objects.get(pk=erasure.pk).status == SubjectErasure.Status.FAILED
    # The customer (whose account is inactive during the cooling-off) sees it on the request: as staff would.
    customer.is_active = True
    customer.save(update_fields=["is_active"])
    client.force_login(customer)
    page = client.get(f"/privacy/requests/{req.uuid}/").content.decode()
    assert "<dd>Failed</dd>" in page
    assert "The erasure failed and nothing was erased" in page
    assert "orders table is locked" not in page  # the technical error is for staff
    client.force_login(officer)
    admin = client.get(f"{LIST}{req.pk}/change/").content.decode()
    assert "Failed" in admin and "orders table is locked" in admin
    assert 'value="retry"' in admin
    assert 'value="complete"' not in admin  # nothing was erased: it cannot be completed


def test_staff_retry_runs_the_erasure_again(failed_request, officer, customer, django_capture_on_commit_callbacks):
    from django.contrib.auth import get_user_model

    req, erasure = failed_request
    with django_capture_on_commit_callbacks(execute=True):
        staff.perform(req, "retry", actor=officer)
    assert SubjectErasure.objects.get(pk=erasure.pk).status == SubjectErasure.Status.COMPLETED
    assert not get_user_model().objects.filter(pk=customer.pk).exists()
    req = PrivacyRequest.objects.get(pk=req.pk)
    assert req.status == Status.COMPLETED
    assert req.events.filter(summary="Erasure tried again").exists()
    assert req.outcome.startswith("Your data was erased.")


def test_an_automatic_retry_that_succeeds_completes_the_failed_request(failed_request,
                                                                       django_capture_on_commit_callbacks):
    req, erasure = failed_request
    with django_capture_on_commit_callbacks(execute=True):
        assert execute_erasure(erasure.pk).status == "completed"
    req = PrivacyRequest.objects.get(pk=req.pk)
    assert req.status == Status.COMPLETED
    assert req.events.filter(summary="The erasure ran on a later attempt").exists()


def test_only_failed_requests_can_be_retried_and_only_by_processing_staff(failed_request, customer, viewer,
                                                                          officer, make_request):
    from django.core.exceptions import PermissionDenied

    req, _erasure = failed_request
    with pytest.raises(PermissionDenied):
        staff.perform(req, "retry", actor=viewer)
    other = make_request("other", email="someone@example.com")
    with pytest.raises(IllegalTransition):
        staff.perform(other, "retry", actor=officer)
    with pytest.raises(IllegalTransition):
        staff.perform(other, "fail", actor=officer)  # the system's, not a staff button
