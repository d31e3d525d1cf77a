"""While a customer contests their data (a rectification request, or "this is wrong" on My data), the shop
may use it only to store it and to handle the request (GDPR Art. 18(1)(a)); completing or rejecting lifts it."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from privacy_center.models import AccuracyDispute, PrivacyEvent
from privacy_center.requests.models import Status
from privacy_center.requests.services import core, staff
from privacy_center.services import accuracy
from privacy_center.services.restriction import exclude_restricted, may_process, respects_restriction
from privacy_center.subjects import Subject

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user):
    from django.contrib.auth.models import Permission

    user = make_user(email="officer@shop.example")
    user.is_staff = True
    user.save()
    user.user_permissions.add(*Permission.objects.filter(
        codename__in=["view_privacyrequest", "process_privacyrequest", "view_accuracydispute",
                      "change_accuracydispute"]))
    return get_user_model().objects.get(pk=user.pk)


def _rectification(customer, **kwargs):
    changes = [{"source": "auth.user", "pk": customer.pk, "field": "last_name", "value": "Lovelace"}]
    return core.submit_request("rectification", user=customer, verification="reauthentication",
                               proposed_changes=changes, **kwargs).request


def test_a_pending_rectification_restricts_all_but_storage(customer, other_customer):
    subject = Subject.for_user(customer)
    assert may_process(subject, "marketing")
    req = _rectification(customer)
    assert req.status == Status.VERIFIED
    assert not may_process(subject, "marketing")
    assert not may_process(subject, "recommendations")
    assert may_process(subject, "storage") and may_process(subject, "request_handling")
    # Narrowed to one source: the contested account is restricted, the orders are not.
    assert not may_process(subject, "marketing", source="auth.user")
    assert may_process(subject, "marketing", source="shop_demo.order")
    # Another customer is unaffected.
    assert may_process(Subject.for_user(other_customer), "marketing")
    users = get_user_model().objects.all()
    assert set(exclude_restricted(users, "marketing", user_field="pk")) == set(users) - {customer}
    assert customer in exclude_restricted(users, "marketing", user_field="pk", source="shop_demo.order")
    assert customer not in exclude_restricted(users, "marketing", user_field="pk", source="auth.user")
    # The timeline says what happened.
    event = PrivacyEvent.objects.get(kind=PrivacyEvent.Kind.ACCURACY_CONTESTED)
    assert req.reference in event.summary and "only to store it" in event.summary


def test_completing_the_correction_lifts_the_restriction(customer, officer):
    req = _rectification(customer)
    staff.perform(req, "approve_rectification", actor=officer)
    req.refresh_from_db()
    assert req.status == Status.COMPLETED
    subject = Subject.for_user(customer)
    assert may_process(subject, "marketing")
    dispute = AccuracyDispute.objects.get(reference=req.reference)
    assert dispute.outcome == AccuracyDispute.Outcome.CORRECTED and dispute.closed_by == officer
    lifted = PrivacyEvent.objects.get(kind=PrivacyEvent.Kind.ACCURACY_RESOLVED)
    assert "was corrected" in lifted.summary and "lifted" in lifted.summary


def test_rejecting_the_request_lifts_it_too(customer, officer):
    req = _rectification(customer)
    core.reject(req, reason="The name on file matches your passport.", actor=officer)
    assert may_process(Subject.for_user(customer), "marketing")
    assert "found it correct" in PrivacyEvent.objects.get(kind=PrivacyEvent.Kind.ACCURACY_RESOLVED).summary


def test_cancelling_lifts_it_as_withdrawn(customer):
    req = _rectification(customer)
    core.cancel(req, actor=customer)
    assert may_process(Subject.for_user(customer), "marketing")
    assert AccuracyDispute.objects.get().outcome == AccuracyDispute.Outcome.WITHDRAWN


def test_an_unverified_request_restricts_nothing_yet(make_user):
    guest = core.submit_request("rectification", email="guest@example.com", details="My address is wrong").request
    assert guest.status == Status.AWAITING_VERIFICATION
    assert may_process(Subject.for_email("guest@example.com"), "marketing")
    core.apply_verification(guest, "email_link")
    subject = Subject.for_email("guest@example.com")
    assert not may_process(subject, "marketing")
    # No change proposed: all the guest's data is contested.
    assert not may_process(subject, "marketing", source="shop_demo.order")


def test_tasks_queued_before_are_dropped(customer):
    ran = []

    @respects_restriction("marketing", source="auth.user")
    def send_offer(user_id):
        ran.append(user_id)
        return "sent"

    @respects_restriction("marketing", source="shop_demo.order")
    def order_survey(user_id):
        ran.append(("survey", user_id))
        return "sent"

    _rectification(customer)
    assert send_offer(customer.pk) is None
    assert order_survey(customer.pk) == "sent"
    assert ran == [("survey", customer.pk)]


def test_two_disputes_lift_only_when_both_close(customer):
    subject = Subject.for_user(customer)
    first = accuracy.contest(subject, origin="my_data", source="auth.user", field="first_name")
    second = accuracy.contest(subject, origin="my_data", source="shop_demo.customerprofile", field="phone")
    assert accuracy.contest(subject, origin="my_data", source="auth.user", field="first_name") == first
    accuracy.resolve(first, "rejected")
    assert not may_process(subject, "marketing")
    assert may_process(subject, "marketing", source="auth.user")
    accuracy.resolve(second, "corrected")
    assert may_process(subject, "marketing")


# -- what the customer and staff see -------------------------------------------------------------------


def test_marking_data_as_wrong_on_my_data(logged_in_client, customer):
    page = "/privacy/data/auth.user/"
    html = logged_in_client.get(page).content.decode()
    assert "Is something here wrong?" in html and 'name="contest-field"' in html
    response = logged_in_client.post("/privacy/data/auth.user/contest/", {
        "contest-row": str(customer.pk), "contest-field": "first_name", "contest-note": "I am Augusta, not Test."})
    assert response.status_code == 302 and response["Location"] == page
    subject = Subject.for_user(customer)
    assert not may_process(subject, "marketing", source="auth.user")
    assert may_process(subject, "marketing", source="shop_demo.order")
    dispute = AccuracyDispute.objects.get()
    assert (dispute.source, dispute.row, dispute.field, dispute.note) == (
        "auth.user", str(customer.pk), "first_name", "I am Augusta, not Test.")

    html = logged_in_client.get(page).content.decode()
    assert "you contest Your account (first name)" in html and "only to store it" in html
    timeline = logged_in_client.get("/privacy/timeline/").content.decode()
    assert "You marked Your account (first name) as wrong" in timeline

    # Withdrawn by the customer: used again, and the timeline says so.
    response = logged_in_client.post(f"/privacy/data/auth.user/contest/{dispute.pk}/withdraw/")
    assert response.status_code == 302
    assert may_process(subject, "marketing")
    assert "You withdrew your objection" in logged_in_client.get("/privacy/timeline/").content.decode()


def test_a_whole_source_can_be_contested(logged_in_client, customer, make_order):
    make_order(user=customer)
    assert logged_in_client.post("/privacy/data/shop_demo.order/contest/", {}).status_code == 302
    subject = Subject.for_user(customer)
    assert not may_process(subject, "marketing", source="shop_demo.order")
    assert may_process(subject, "marketing", source="auth.user")
    assert "you contest Orders" in logged_in_client.get("/privacy/data/shop_demo.order/").content.decode()


def test_nobody_contests_or_withdraws_for_someone_else(client, customer, other_customer):
    response = client.post("/privacy/data/auth.user/contest/", {})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(customer)
    # Another customer's record: not found, nothing restricted.
    response = client.post("/privacy/data/auth.user/contest/", {"contest-row": str(other_customer.pk)})
    assert response.status_code == 404
    assert not AccuracyDispute.objects.exists()
    theirs = accuracy.contest(Subject.for_user(other_customer), origin="my_data", source="auth.user")
    assert client.post(f"/privacy/data/auth.user/contest/{theirs.pk}/withdraw/").status_code == 404
    assert not may_process(Subject.for_user(other_customer), "marketing")
    # A field the source does not have: a clear error, nothing restricted.
    response = client.post("/privacy/data/auth.user/contest/", {"contest-field": "password"}, follow=True)
    assert "Please check the form" in response.content.decode()
    assert may_process(Subject.for_user(customer), "marketing")


def test_the_form_needs_its_csrf_token(customer):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(customer)
    assert client.post("/privacy/data/auth.user/contest/", {}).status_code == 403
    assert not AccuracyDispute.objects.exists()


def test_the_request_page_and_the_admin_say_what_is_restricted(client, customer, officer):
    req = _rectification(customer)
    client.force_login(customer)
    html = client.get(f"/privacy/requests/{req.uuid}/").content.decode()
    assert "While we check your correction, we use Your account (last name) only to store it" in html

    staff_client = type(client)()
    staff_client.force_login(officer)
    admin = staff_client.get(f"/admin/privacy_requests/privacyrequest/{req.pk}/change/").content.decode()
    assert "Restricted until this request is completed or rejected: Your account (last name)" in admin
    listing = staff_client.get("/admin/privacy_center/accuracydispute/").content.decode()
    assert req.reference in listing

    staff.perform(req, "approve_rectification", actor=officer)
    html = client.get(f"/privacy/requests/{req.uuid}/").content.decode()
    assert "While we check your correction" not in html and "has been lifted" in html


def test_staff_lift_a_my_data_mark_in_the_admin(client, customer, officer):
    dispute = accuracy.contest(Subject.for_user(customer), origin="my_data", source="auth.user", field="last_name")
    client.force_login(officer)
    response = client.post("/admin/privacy_center/accuracydispute/", {
        "action": "mark_correct_as_it_was", "_selected_action": [dispute.pk]})
    assert response.status_code == 302
    assert may_process(Subject.for_user(customer), "marketing")
    event = PrivacyEvent.objects.get(kind=PrivacyEvent.Kind.ACCURACY_RESOLVED)
    assert "We checked Your account (last name) and found it correct" in event.summary
