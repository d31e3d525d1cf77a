"""The overview and "My data" pages: contents, pagination, corrections, re-authentication, access."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from privacy_center.models import PrivacyEvent
from privacy_center.signals import personal_data_corrected
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_overview_shows_categories_counts_purposes_and_retention(logged_in_client, customer, make_order):
    make_order(user=customer)
    response = logged_in_client.get("/privacy/?all=1")  # with the empty sections (visit log)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    for text in ("Commercial information", "Orders", "Bookkeeping law: 7 years", "Visit logs are kept 90 days",
                 "Deliver your order and handle returns"):
        assert text in html


def test_data_index_lists_every_source(logged_in_client, customer, make_order):
    from privacy_center.registry import site

    order = make_order(user=customer)
    html = logged_in_client.get("/privacy/data/?all=1").content.decode()  # empty sections too
    for source in site:
        assert str(source.label) in html
    assert order.number in html
    assert customer.profile.national_id not in html
    assert customer.profile.national_id[-4:] in html


def test_source_page_paginates(logged_in_client, customer, bulk_orders, settings):
    settings.PRIVACY_CENTER_PAGE_SIZE = 10
    orders = bulk_orders(customer, 25)
    html = logged_in_client.get("/privacy/data/shop_demo.order/").content.decode()
    assert "page 1 of 3" in html and 'rel="next"' in html
    assert orders[0].number in html and orders[15].number not in html
    page3 = logged_in_client.get("/privacy/data/shop_demo.order/?page=3").content.decode()
    assert orders[24].number in page3 and orders[0].number not in page3
    assert logged_in_client.get("/privacy/data/shop_demo.order/?page=99").status_code == 200
    assert logged_in_client.get("/privacy/data/shop_demo.order/?page=x").status_code == 200


def test_unknown_source_is_404(logged_in_client):
    assert logged_in_client.get("/privacy/data/nope.nothing/").status_code == 404


@pytest.mark.parametrize("path", ["/privacy/", "/privacy/data/", "/privacy/data/shop_demo.order/"])
def test_queries_do_not_grow_with_data(client, make_user, bulk_orders, path):
    light, heavy = make_user(), make_user()
    bulk_orders(light, 10)
    bulk_orders(heavy, 10_000)

    counts = []
    for user in (light, heavy):
        client.force_login(user)
        client.get(path)  # warm caches (sessions, content types)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_correcting_phone_needs_reauthentication(client, customer):
    client.force_login(customer)
    profile = customer.profile
    url = f"/privacy/data/shop_demo.customerprofile/{profile.pk}/"
    prefix = f"row{profile.pk}"
    data = {f"{prefix}-phone": "+46 70 999 88 77", f"{prefix}-birth_date": "1990-05-17",
            f"{prefix}-country": "SE", "page": "1"}

    response = client.post(url, data)
    assert response.status_code == 302 and "/accounts/reauthenticate/" in response["Location"]
    profile.refresh_from_db()
    assert profile.phone != "+46 70 999 88 77"

    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    personal_data_corrected.connect(receiver)
    try:
        # allauth replays the suspended POST once the password is confirmed.
        response = client.post(f"/accounts/reauthenticate/?next={url}", {"password": PASSWORD, "next": url})
        assert response.status_code == 302
        profile.refresh_from_db()
    finally:
        personal_data_corrected.disconnect(receiver)
    assert profile.phone == "+46 70 999 88 77"
    event = PrivacyEvent.objects.get(kind=PrivacyEvent.Kind.DATA_CORRECTED)
    assert event.data == {"source": "shop_demo.customerprofile", "pk": str(profile.pk), "fields": ["phone"]}
    assert "+46 70 999 88 77" not in event.summary
    assert received and received[0]["changes"]["phone"]["new"] == "+46 70 999 88 77"
    assert received[0]["source"] == "shop_demo.customerprofile"


def test_correcting_a_review_needs_no_reauthentication(logged_in_client, customer, product):
    from django.utils import timezone

    from shop_demo.models import Review

    review = Review.objects.create(user=customer, product=product, display_name="Ada", rating=4, title="Ok",
                                   body="Fine.", created_at=timezone.now())
    p = f"row{review.pk}"
    response = logged_in_client.post(f"/privacy/data/shop_demo.review/{review.pk}/",
                                     {f"{p}-display_name": "Ada L.", f"{p}-title": "Good", f"{p}-body": "Better."})
    assert response.status_code == 302
    assert response["Location"] == "/privacy/data/shop_demo.review/?page=1"
    review.refresh_from_db()
    assert (review.title, review.body) == ("Good", "Better.")


def test_invalid_correction_shows_errors(logged_in_client, customer, product):
    from django.utils import timezone

    from shop_demo.models import Review

    review = Review.objects.create(user=customer, product=product, display_name="Ada", rating=4, title="Ok",
                                   body="Fine.", created_at=timezone.now())
    p = f"row{review.pk}"
    response = logged_in_client.post(f"/privacy/data/shop_demo.review/{review.pk}/",
                                     {f"{p}-display_name": "Ada", f"{p}-title": "x" * 500, f"{p}-body": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "at most 120 characters" in html and "This field is required" in html
    review.refresh_from_db()
    assert review.title == "Ok"
    assert not PrivacyEvent.objects.filter(kind=PrivacyEvent.Kind.DATA_CORRECTED).exists()


def test_non_editable_fields_cannot_be_changed(logged_in_client, customer):
    profile = customer.profile
    p = f"row{profile.pk}"
    logged_in_client.post(f"/privacy/data/shop_demo.customerprofile/{profile.pk}/",
                          {f"{p}-phone": profile.phone, f"{p}-country": "SE", f"{p}-national_id": "000000-0000",
                           f"{p}-birth_date": "1990-05-17"})
    profile.refresh_from_db()
    assert profile.national_id != "000000-0000"


def test_cannot_correct_another_customers_row(logged_in_client, other_customer):
    profile = other_customer.profile
    p = f"row{profile.pk}"
    url = f"/privacy/data/shop_demo.customerprofile/{profile.pk}/"
    assert logged_in_client.get(url).status_code == 404
    assert logged_in_client.post(url, {f"{p}-phone": "1", f"{p}-country": "SE"}).status_code == 404
    assert logged_in_client.get("/privacy/data/shop_demo.order/not-a-number/").status_code == 404


def test_read_only_source_has_no_edit_page(logged_in_client, customer, make_order):
    order = make_order(user=customer)
    assert logged_in_client.get(f"/privacy/data/shop_demo.order/{order.pk}/").status_code == 404


@pytest.mark.parametrize("path", ["/privacy/", "/privacy/data/", "/privacy/data/shop_demo.order/",
                                  "/privacy/data/shop_demo.customerprofile/1/"])
def test_anonymous_is_sent_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_other_customer_sees_only_their_own(client, customer, other_customer, make_order):
    mine = make_order(user=customer)
    client.force_login(other_customer)
    for path in ("/privacy/", "/privacy/data/", "/privacy/data/shop_demo.order/"):
        html = client.get(path).content.decode()
        assert mine.number not in html and "ada@example.com" not in html
