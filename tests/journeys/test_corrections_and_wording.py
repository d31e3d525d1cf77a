"""Issue 11, journeys 4 and 10: corrections are validated like the shop validates (country from its list,
postcode and phone by its rules), the national ID stays masked on the row page; the request page shows what
the customer wrote; the timeline says how in words."""

from __future__ import annotations

import re

import pytest

from .conftest import confirm_password, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_address_correction_refuses_nonsense_with_clear_messages(web, visit, make_user):
    from shop_demo.models import Address

    ada = make_user(email="ada@example.com")
    address = Address.objects.create(user=ada, full_name="Ada Lovelace", line1="Storgatan 1", postcode="753 20",
                                     city="Uppsala", country="SE")
    log_in(web, "ada@example.com")
    web.goto(f"/privacy/data/shop_demo.address/{address.pk}/")
    visit(web, "correct your data")
    main = web.locator("main")
    main.get_by_label(re.compile("^postcode", re.I)).fill("!!!??")
    country = main.get_by_label(re.compile("^country", re.I))
    assert country.evaluate("el => el.tagName") == "SELECT"  # the shop's list, not free text
    main.get_by_role("button", name="Save corrections").click()
    visit(web, "correct your data")
    assert web.get_by_text("Enter a postcode with letters and digits").is_visible()
    address.refresh_from_db()
    assert address.postcode == "753 20"
    main.get_by_label(re.compile("^postcode", re.I)).fill("752 37")
    main.get_by_label(re.compile("^country", re.I)).select_option("NO")
    main.get_by_role("button", name="Save corrections").click()
    web.wait_for_load_state()
    if "/accounts/reauthenticate/" in web.url:  # an address is contact data: the password first
        confirm_password(web)
    visit(web, "address book")
    address.refresh_from_db()
    assert (address.postcode, address.country) == ("752 37", "NO")


def test_profile_row_page_masks_the_national_id_and_timeline_says_how(web, visit, make_user):
    ada = make_user(email="ada@example.com", national_id="19900517-1234")
    log_in(web, "ada@example.com")
    web.goto(f"/privacy/data/shop_demo.customerprofile/{ada.profile.pk}/")
    visit(web, "correct your data")
    assert "19900517-1234" not in web.content()
    main = web.locator("main")
    main.get_by_label(re.compile("^country", re.I)).select_option("SE")
    main.get_by_label(re.compile("^birth date", re.I)).fill("2999-01-01")
    main.get_by_role("button", name="Save corrections").click()
    visit(web, "correct your data")
    assert web.get_by_text("Your birth date cannot be in the future.").is_visible()
    assert "19900517-1234" not in web.content()

    web.goto("/privacy/timeline/")
    visit(web, "timeline")
    assert "privacy_page" not in web.locator("main").inner_text()


def test_request_page_shows_what_the_customer_wrote(web, visit, make_user):
    from privacy_center.requests.services.core import submit_request

    ada = make_user(email="ada@example.com")
    filing = submit_request("other", user=ada, details="Why did you e-mail my work address?", verification="session")
    log_in(web, "ada@example.com")
    web.goto(f"/privacy/requests/{filing.request.uuid}/")
    visit(web, "request")
    assert web.get_by_text("Why did you e-mail my work address?").is_visible()
