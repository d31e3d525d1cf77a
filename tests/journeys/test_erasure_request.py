"""Issue 11, journey 3: "Erasure" filed from the request form goes through the same plan and confirmation as
"Delete my account", and the request follows the erasure's fate (cancelled, completed, failed); staff cannot
complete an erasure request whose erasure did not happen."""

from __future__ import annotations

import re

import pytest

from .conftest import confirm_password, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _file_erasure(web, visit, email):
    web.goto("/privacy/requests/new/")
    visit(web, "privacy request")
    main = web.locator("main")
    main.get_by_label("What do you ask for?").select_option("erasure")
    main.get_by_label(re.compile("Details")).fill("Please delete everything.")
    main.get_by_role("button", name="Send the request").click()
    confirm_password(web)
    # The plan and the confirmation, not an immediate deactivation.
    visit(web, "delete my account")
    assert web.get_by_text(re.compile(r"Orders: \d+ items? will be anonymized")).is_visible()
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.get(email=email).is_active
    web.locator("main form").get_by_role("button", name="Delete my account").click()  # nothing confirmed
    visit(web, "delete my account")
    assert get_user_model().objects.get(email=email).is_active
    web.get_by_label(re.compile("I understand")).check()
    web.get_by_label(re.compile("Type your e-mail address")).fill(email)
    web.locator("main form").get_by_role("button", name="Delete my account").click()
    visit(web, "account deletion")
    assert web.get_by_text(re.compile("will be deleted on")).is_visible()


def test_erasure_request_cancelled_with_the_deletion(web, visit, make_user, make_order, live_server, settings):
    from django.contrib.auth import get_user_model

    from privacy_center.erasure.models import SubjectErasure
    from privacy_center.erasure.services.core import cancel_url
    from privacy_center.requests.models import PrivacyRequest, Status
    from privacy_center.requests.services.staff import perform
    from privacy_center.requests.transitions import IllegalTransition

    settings.PRIVACY_CENTER_SITE_URL = live_server.url
    ada = make_user(email="ada@example.com")
    make_order(user=ada)
    log_in(web, "ada@example.com")
    _file_erasure(web, visit, "ada@example.com")
    req = PrivacyRequest.objects.get()
    erasure = SubjectErasure.objects.get()
    assert req.type == "erasure" and req.status == Status.IN_PROGRESS and "delete everything" in req.details
    assert erasure.status == "scheduled" and not get_user_model().objects.get(pk=ada.pk).is_active

    officer = get_user_model().objects.create_superuser("officer", "officer@shop.example", "Officer-Pass-2026")
    with pytest.raises(IllegalTransition, match="No erasure"):
        perform(req, "complete", actor=officer)

    web.goto(cancel_url(erasure))
    visit(web, "cancel account deletion")
    web.get_by_role("button", name="Keep my account").click()
    visit(web, "cancel account deletion")
    req.refresh_from_db()
    assert req.status == Status.CANCELLED and "nothing was erased" in req.outcome


def test_erasure_request_completed_only_when_erased_and_noted_when_failed(web, visit, make_user, make_order,
                                                                          settings):
    from django.contrib.auth import get_user_model

    from privacy_center.erasure.models import SubjectErasure
    from privacy_center.erasure.services.core import execute_erasure, mark_failed
    from privacy_center.requests.models import PrivacyRequest, Status

    bob = make_user(email="bob@example.com")
    make_order(user=bob)
    log_in(web, "bob@example.com")
    _file_erasure(web, visit, "bob@example.com")
    req = PrivacyRequest.objects.get()
    erasure = SubjectErasure.objects.get()
    mark_failed(erasure.pk, RuntimeError("database went away"))
    req.refresh_from_db()
    assert req.status == Status.FAILED  # a real status, shown to the customer with what happened
    assert req.events.filter(summary__contains="failed and nothing was erased").exists()

    SubjectErasure.objects.filter(pk=erasure.pk).update(due_at=erasure.requested_at)
    assert execute_erasure(erasure.pk).status == "completed"
    req.refresh_from_db()
    # Completed once every recipient told has answered (main's recipients feature); until then staff may
    # complete it only because the erasure really ran now.
    from privacy_center.requests.services.automation import erasure_happened

    assert erasure_happened(req)
    assert req.status in (Status.COMPLETED, Status.IN_PROGRESS)
    assert not get_user_model().objects.filter(pk=bob.pk).exists()
