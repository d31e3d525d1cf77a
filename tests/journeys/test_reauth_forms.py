"""Issue 11, journey 2: allauth's re-authentication in the middle of each protected form, also after a
validation error. allauth replays the kept POST on /accounts/reauthenticate/; every form names its own
``action``, so the corrected form posts back to its page (it used to post to the re-authentication URL:
password again, then the home page, nothing done)."""

from __future__ import annotations

import re

import pytest

from .conftest import confirm_password, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_delete_account_through_reauth_after_a_mistake(web, visit, make_user, make_order):
    from privacy_center.erasure.models import SubjectErasure

    ada = make_user(email="ada@example.com")
    make_order(user=ada)
    log_in(web, "ada@example.com")
    web.goto("/privacy/delete/")
    visit(web, "delete my account")
    web.get_by_label(re.compile("I understand")).check()
    web.get_by_label(re.compile("Type your e-mail address")).fill("ada@exampel.com")  # a typo
    web.locator("main form").get_by_role("button", name="Delete my account").click()
    confirm_password(web)
    visit(web, "delete my account")  # the replayed POST shows the mistake, the typed data kept
    assert web.get_by_label(re.compile("I understand")).is_checked()
    assert web.get_by_text(re.compile("does not match|type", re.I)).first.is_visible()
    assert not SubjectErasure.objects.exists()
    web.get_by_label(re.compile("Type your e-mail address")).fill("ada@example.com")
    web.locator("main form").get_by_role("button", name="Delete my account").click()
    web.wait_for_load_state()
    assert "/accounts/reauthenticate/" not in web.url
    visit(web, "account deletion")
    assert SubjectErasure.objects.get().status == "scheduled"


def test_request_through_reauth_after_a_mistake(web, visit, make_user):
    from privacy_center.requests.models import PrivacyRequest

    make_user(email="ada@example.com")
    log_in(web, "ada@example.com")
    web.goto("/privacy/requests/new/")
    visit(web, "privacy request")
    main = web.locator("main")
    main.get_by_label("What do you ask for?").select_option("rectification")  # nothing said: a mistake
    main.get_by_role("button", name="Send the request").click()
    confirm_password(web)
    visit(web, "privacy request")
    assert web.get_by_text("Tell us what to correct").is_visible()
    assert main.get_by_label("What do you ask for?").input_value() == "rectification"
    main.get_by_label(re.compile("Details")).fill("My last name is spelt Lovelace.")
    main.get_by_role("button", name="Send the request").click()
    web.wait_for_load_state()
    assert "/accounts/reauthenticate/" not in web.url and "/privacy/requests/" in web.url
    visit(web)
    req = PrivacyRequest.objects.get()
    assert req.type == "rectification" and "Lovelace" in req.details


def test_correction_through_reauth_after_a_mistake(web, visit, make_user):
    ada = make_user(email="ada@example.com")
    log_in(web, "ada@example.com")
    web.goto("/privacy/data/shop_demo.customerprofile/")
    visit(web, "customer profile")
    main = web.locator("main")
    main.get_by_label(re.compile("^phone number", re.I)).fill("not a phone")
    main.get_by_role("button", name="Save corrections").click()
    visit(web, "correct")
    assert web.get_by_text("Please fix the fields marked below.").is_visible()
    main.get_by_label(re.compile("^phone number", re.I)).fill("+46 70 555 66 77")
    main.get_by_role("button", name="Save corrections").click()
    confirm_password(web)
    visit(web, "customer profile")
    ada.profile.refresh_from_db()
    assert ada.profile.phone == "+46 70 555 66 77"


def test_shop_profile_edit_through_reauth_after_a_mistake(web, visit, make_user):
    ada = make_user(email="ada@example.com")
    log_in(web, "ada@example.com")
    web.goto("/shop/account/edit/")
    confirm_password(web)  # the page itself asks first
    visit(web)
    main = web.locator("main")
    main.get_by_label(re.compile("^phone number", re.I)).fill("abc")
    main.locator("form#profile-form").get_by_role("button").first.click()
    visit(web)
    main.get_by_label(re.compile("^phone number", re.I)).fill("+46 70 555 66 78")
    main.locator("form#profile-form").get_by_role("button").first.click()
    web.wait_for_load_state()
    ada.profile.refresh_from_db()
    assert ada.profile.phone == "+46 70 555 66 78"
