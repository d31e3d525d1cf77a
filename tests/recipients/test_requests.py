"""A request is complete only when every recipient is told, or staff recorded why not."""

from __future__ import annotations

import pytest

from privacy_center.models import RecipientNotification
from privacy_center.requests.models import PrivacyRequest, Status
from privacy_center.requests.services import core
from privacy_center.services import notifications

pytestmark = pytest.mark.django_db


def test_an_erasure_request_waits_for_the_staff_task_then_completes(receiver, shop_customer, settings, mailoutbox,
                                                                   django_capture_on_commit_callbacks):
    from privacy_center.erasure.models import SubjectErasure
    from privacy_center.erasure.services.core import execute_erasure

    settings.PRIVACY_CENTER_ERASURE_COOLING_OFF_DAYS = 14
    req = core.submit_request("erasure", user=shop_customer, verification="reauthentication").request
    erasure = SubjectErasure.objects.get(subject_key=f"user:{shop_customer.pk}")
    SubjectErasure.objects.filter(pk=erasure.pk).update(due_at=erasure.requested_at)
    with django_capture_on_commit_callbacks(execute=True):
        execute_erasure(erasure.pk)
    req = PrivacyRequest.objects.get(pk=req.pk)
    # Four webhooks acknowledged; the accountants are a staff task: not complete yet, and it says why.
    assert req.status == Status.IN_PROGRESS
    assert req.events.filter(summary__contains="completes when these recipients are told: Our accountants").exists()
    with pytest.raises(Exception, match="still to be told: Our accountants"):
        core.complete(req, outcome="done")

    task = RecipientNotification.objects.get(recipient="accountants")
    with django_capture_on_commit_callbacks(execute=True):
        notifications.resolve(task, told=False, note="The books for this customer hold no personal data beyond "
                                                      "invoice numbers.")
    req = PrivacyRequest.objects.get(pk=req.pk)
    assert req.status == Status.COMPLETED
    assert "- PostNord Sverige AB (delivery): Sent and acknowledged" in req.outcome
    assert "- Our accountants (bookkeeping): Not told (staff recorded why)" in req.outcome
    completion = [m for m in mailoutbox if "is complete" in m.body]
    assert len(completion) == 1 and "Sent and acknowledged" in completion[0].body


def test_the_request_page_and_the_admin_show_each_recipients_state(receiver, customer, make_order, client,
                                                                  admin_client, django_capture_on_commit_callbacks):
    make_order(user=customer)
    receiver.fail_next = 1  # the first webhook fails once: it shows as retrying, and the request waits
    with django_capture_on_commit_callbacks(execute=True):
        req = core.submit_request("restriction", user=customer, verification="reauthentication").request
    req = PrivacyRequest.objects.get(pk=req.pk)
    states = dict(RecipientNotification.objects.values_list("recipient", "status"))
    assert sorted(states.values()) == ["acknowledged", "acknowledged", "retrying"]
    assert req.status == Status.IN_PROGRESS

    client.force_login(customer)
    page = client.get(f"/privacy/requests/{req.uuid}/").content.decode()
    assert "Those who received your data" in page
    assert page.count("Sent and acknowledged") == 2 and "Failed, retrying" in page
    console = admin_client.get(f"/admin/privacy_requests/privacyrequest/{req.pk}/change/").content.decode()
    assert "Recipients told" in console and "Failed, retrying" in console

    # The retry succeeds: the page says so and the request completes, listing each recipient.
    from django.utils import timezone

    from privacy_center.models import OutboxMessage
    from privacy_center.services import outbox

    OutboxMessage.objects.filter(status="pending").update(next_attempt_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        outbox.sweep()
    req = PrivacyRequest.objects.get(pk=req.pk)
    assert req.status == Status.COMPLETED
    assert req.outcome.count("Sent and acknowledged") == 3
    assert client.get(f"/privacy/requests/{req.uuid}/").content.decode().count("Sent and acknowledged") >= 3
