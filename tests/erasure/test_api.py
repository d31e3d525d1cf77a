"""Erasure API: plan, scheduling behind a recent re-authentication (403 JSON otherwise), cancel by token."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from privacy_center.erasure.models import SubjectErasure
from privacy_center.erasure.services.core import cancel_token, schedule_erasure
from privacy_center.subjects import Subject

pytestmark = pytest.mark.django_db

PLAN, ERASE, CANCEL = "/api/privacy/erasure/plan/", "/api/privacy/erasure/", "/api/privacy/erasure/cancel/"


def test_anonymous_gets_403_everywhere_but_cancel(client):
    assert client.get(PLAN).status_code == 403
    assert client.post(ERASE, {"confirm": True, "email": "x@example.com"},
                       content_type="application/json").status_code == 403
    response = client.post(CANCEL, {"token": "nope"}, content_type="application/json")
    assert response.status_code == 404
    assert SubjectErasure.objects.count() == 0


def test_plan_is_the_callers_own(client, shop_customer, bystander):
    client.force_login(bystander)
    data = client.get(PLAN).json()
    sources = {s["name"]: s for s in data["plan"]["sources"]}
    assert sources["shop_demo.order"]["count"] == 1
    assert sources["shop_demo.visitlog"]["count"] == 1
    assert data["cooling_off_days"] == 14 and data["pending"] is None
    holds = sources["shop_demo.order"]["holds"]
    assert holds and holds[0]["until"].endswith("-12-31")
    assert "then erased" in sources["shop_demo.order"]["sentence"]


def test_schedule_needs_recent_reauthentication(client, shop_customer):
    client.force_login(shop_customer)
    response = client.post(ERASE, {"confirm": True}, content_type="application/json")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    assert "re-authentication" in response.json()["detail"]
    assert SubjectErasure.objects.count() == 0


def test_schedule_needs_confirm(client, shop_customer, reauthenticate):
    client.force_login(shop_customer)
    reauthenticate(client)
    response = client.post(ERASE, {"confirm": False}, content_type="application/json")
    assert response.status_code == 400 and "confirm" in response.json()
    assert SubjectErasure.objects.count() == 0


def test_schedule_needs_the_typed_email_like_the_page(client, shop_customer, reauthenticate):
    client.force_login(shop_customer)
    reauthenticate(client)
    missing = client.post(ERASE, {"confirm": True}, content_type="application/json")
    assert missing.status_code == 400 and "email" in missing.json()
    wrong = client.post(ERASE, {"confirm": True, "email": "someone@else.example"}, content_type="application/json")
    assert wrong.status_code == 400
    assert wrong.json()["email"] == ["This does not match your account. Type it exactly as shown."]
    unconfirmed = client.post(ERASE, {"confirm": False, "email": shop_customer.email},
                              content_type="application/json")
    assert unconfirmed.status_code == 400 and "confirm" in unconfirmed.json()
    assert SubjectErasure.objects.count() == 0
    assert get_user_model().objects.get(pk=shop_customer.pk).is_active
    typed = shop_customer.email.upper()  # typed as the page accepts it: case does not matter
    assert client.post(ERASE, {"confirm": True, "email": typed}, content_type="application/json").status_code == 202


def test_schedule_and_cancel(client, shop_customer, reauthenticate):
    client.force_login(shop_customer)
    reauthenticate(client)
    response = client.post(ERASE, {"confirm": True, "email": shop_customer.email}, content_type="application/json")
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "scheduled"
    assert not get_user_model().objects.get(pk=shop_customer.pk).is_active
    assert client.get(PLAN).status_code == 403  # the calling session ended too

    erasure = SubjectErasure.objects.get(pk=body["id"])
    response = client.post(CANCEL, {"token": cancel_token(erasure)}, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert get_user_model().objects.get(pk=shop_customer.pk).is_active
    again = client.post(CANCEL, {"token": cancel_token(erasure)}, content_type="application/json")
    assert again.status_code == 404  # no pending erasure answers to a used token


def test_a_token_cancels_only_its_own_erasure(client, customer, other_customer):
    mine = schedule_erasure(Subject.for_user(customer), method="test")
    theirs = schedule_erasure(Subject.for_user(other_customer), method="test")
    client.post(CANCEL, {"token": cancel_token(mine)}, content_type="application/json")
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.status == "cancelled" and theirs.status == "scheduled"
