"""Delete my account: plan page, re-authentication, confirmation, cooling-off, login blocked, cancel link,
erasure when due (time moved forward), and access rules on every route."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.urls import reverse

from privacy_center import may_process
from privacy_center.erasure.models import SubjectErasure
from privacy_center.erasure.services.core import cancel_token, run_due_erasures
from privacy_center.services.restriction import get_flags
from privacy_center.subjects import Subject
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

DELETE = "/privacy/delete/"


def confirm(client, email="ada@example.com", **extra):
    return client.post(DELETE, {"understood": "on", "confirmation": email, **extra})


def cancel_link(message) -> str:
    return re.search(r"https?://\S+/privacy/delete/cancel/\S+/", message.body).group(0)


def test_anonymous_is_sent_to_login_on_every_page(client):
    for path in (DELETE, "/privacy/restriction/"):
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(DELETE, {}).status_code == 302
    assert SubjectErasure.objects.count() == 0


def test_page_shows_the_plan_in_plain_words(client, shop_customer):
    client.force_login(shop_customer)
    response = client.get(DELETE)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1>") == 1
    assert "Visit log: 5 items will be deleted." in html
    assert "Orders: 3 items will be anonymized" in html
    assert "then erased" in html and "Bookkeeping" in html and "FF-" in html
    assert "do-not-contact list" in html


def test_other_customers_see_only_their_own_plan(client, shop_customer, bystander):
    client.force_login(bystander)
    html = client.get(DELETE).content.decode()
    assert "Visit log: 1 item will be deleted." in html
    assert "Orders: 1 item will be anonymized" in html
    ada_numbers = shop_customer.orders.values_list("number", flat=True)
    assert not any(number in html for number in ada_numbers)


def test_post_needs_a_recent_reauthentication(client, shop_customer):
    client.force_login(shop_customer)
    response = confirm(client)
    assert response.status_code == 302 and "/accounts/reauthenticate/" in response["Location"]
    assert SubjectErasure.objects.count() == 0


def test_post_needs_the_explicit_confirmation(client, shop_customer, reauthenticate):
    client.force_login(shop_customer)
    reauthenticate(client)
    response = client.post(DELETE, {"understood": "on", "confirmation": "someone@else.com"})
    assert response.status_code == 200
    assert "does not match" in response.content.decode()
    response = client.post(DELETE, {"confirmation": "ada@example.com"})
    assert response.status_code == 200
    assert SubjectErasure.objects.count() == 0
    assert get_user_model().objects.get(pk=shop_customer.pk).is_active


def test_cooling_off_cancel_and_erasure_when_due(client, shop_customer, reauthenticate, mailoutbox, clock,
                                                django_capture_on_commit_callbacks):
    client.force_login(shop_customer)
    reauthenticate(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = confirm(client)
    assert response.status_code == 302 and response["Location"] == reverse("privacy_center:delete_scheduled")
    page = client.get(response["Location"]).content.decode()
    assert "will be deleted on" in page

    user = get_user_model().objects.get(pk=shop_customer.pk)
    assert not user.is_active
    assert Session.objects.filter(session_key__in=[client.session.session_key]).count() <= 1
    assert client.get("/privacy/").status_code == 302  # signed out
    subject = Subject.for_user(user)
    assert get_flags(subject)["erasure_pending"]
    assert not may_process(subject, "newsletter")
    erasure = SubjectErasure.objects.get()
    assert (erasure.due_at - erasure.requested_at).days == 14

    # The account cannot sign in during the cooling-off: the page says the deletion is pending, when, and
    # offers to keep the account (only after the right password).
    response = client.post("/accounts/login/", {"login": "ada@example.com", "password": PASSWORD})
    assert response.status_code == 200 and "Your account is being deleted" in response.content.decode()
    assert "Keep my account" in response.content.decode()
    assert "_auth_user_id" not in client.session
    wrong = client.post("/accounts/login/", {"login": "ada@example.com", "password": "wrong-password-1"})
    assert "being deleted" not in wrong.content.decode()

    # The e-mail's link opens a page whose button cancels.
    [scheduled] = mailoutbox
    assert scheduled.to == ["ada@example.com"]
    link = cancel_link(scheduled)
    path = link.split("testserver", 1)[-1] if "testserver" in link else "/" + link.split("/", 3)[3]
    page = client.get(path)
    assert page.status_code == 200 and "Keep my account" in page.content.decode()
    assert SubjectErasure.objects.get().status == "scheduled"  # GET changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(path)
    assert "cancelled" in done.content.decode()
    assert get_user_model().objects.get(pk=user.pk).is_active
    assert not get_flags(subject)["erasure_pending"]
    assert client.post(path).status_code == 404  # used once
    response = client.post("/accounts/login/", {"login": "ada@example.com", "password": PASSWORD})
    assert response.status_code == 302 and "inactive" not in response["Location"]
    assert client.session["_auth_user_id"] == str(user.pk)

    # Delete again, and this time let the cooling-off run out.
    client.force_login(user)
    reauthenticate(client)
    with django_capture_on_commit_callbacks(execute=True):
        confirm(client)
    clock.advance(days=13)
    assert run_due_erasures() == []
    clock.advance(days=1, minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert len(run_due_erasures()) == 1
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    latest = SubjectErasure.objects.filter(status="completed").get()
    assert latest.receipt["totals"]["delete"] > 0
    assert mailoutbox[-1].subject == "Your data has been erased: your receipt"
    # The expired link of the first erasure no longer works.
    assert client.get(path).status_code == 404


def test_cancel_link_expires(client, shop_customer, clock):
    from privacy_center.erasure.services.core import schedule_erasure

    erasure = schedule_erasure(Subject.for_user(shop_customer), method="test")
    path = reverse("privacy_center:delete_cancel", args=[cancel_token(erasure)])
    clock.advance(days=16)
    assert client.get(path).status_code == 404
    assert client.post(path).status_code == 404
    assert client.get(reverse("privacy_center:delete_cancel", args=["forged"])).status_code == 404


def test_zero_days_erases_at_once(client, shop_customer, reauthenticate, settings,
                                  django_capture_on_commit_callbacks):
    settings.PRIVACY_CENTER_ERASURE_COOLING_OFF_DAYS = 0
    client.force_login(shop_customer)
    reauthenticate(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = confirm(client)
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=shop_customer.pk).exists()
    assert "being deleted now" in client.get(response["Location"]).content.decode()


def test_restriction_page_sets_flags(client, customer):
    client.force_login(customer)
    page = client.get("/privacy/restriction/")
    assert page.status_code == 200 and page.content.decode().count("<h1>") == 1
    response = client.post("/privacy/restriction/", {"objected_to_marketing": "on"})
    assert response.status_code == 302
    subject = Subject.for_user(customer)
    assert get_flags(subject)["objected_to_marketing"] and not get_flags(subject)["processing_restricted"]
    assert not may_process(subject, "newsletter") and may_process(subject, "order_fulfilment")
    client.post("/privacy/restriction/", {"processing_restricted": "on"})
    assert not get_flags(subject)["objected_to_marketing"]
    assert not may_process(subject, "order_fulfilment") and may_process(subject, "bookkeeping")


def test_restriction_is_per_account(client, customer, other_customer):
    client.force_login(other_customer)
    client.post("/privacy/restriction/", {"opted_out_of_sale": "on"})
    assert not get_flags(Subject.for_user(customer))["opted_out_of_sale"]
    assert get_flags(Subject.for_user(other_customer))["opted_out_of_sale"]
