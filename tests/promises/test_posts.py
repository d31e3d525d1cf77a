"""Minors' posts (Cal. Bus. & Prof. Code § 22581): a customer removes their own posts (the demo's reviews, declared
``user_content``) without deleting the account; customers under 18 are told of the right; a request type exists."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from privacy_center.models import PrivacyEvent
from privacy_center.requests.models import RequestType, Status
from shop_demo.models import Review

pytestmark = pytest.mark.django_db
PAGE = "/privacy/posts/"


@pytest.fixture
def write_review(product):
    def factory(user, title="Great filament"):
        return Review.objects.create(user=user, product=product, display_name="Ada L.", rating=5, title=title,
                                     body="Prints cleanly at 210 °C.", created_at=timezone.now())

    return factory


def test_the_customer_removes_their_own_reviews_and_keeps_the_account(client, customer, other_customer,
                                                                       write_review):
    write_review(customer)
    write_review(customer, title="Second")
    theirs = write_review(other_customer)
    client.force_login(customer)
    data_page = client.get("/privacy/data/").content.decode()
    assert "What you posted" in data_page and "Reviews: 2" in data_page and PAGE in data_page
    page = client.get(PAGE).content.decode()
    assert "2 posts, deleted" in page and "does not remove copies that others made" in page
    response = client.post(PAGE, {"confirm": "on"}, follow=True)
    assert "What you posted was removed: Reviews: 2 deleted." in response.content.decode()
    assert not Review.objects.filter(user=customer).exists()
    assert Review.objects.filter(pk=theirs.pk).exists()  # only their own rows
    assert get_user_model().objects.filter(pk=customer.pk).exists()  # the account stays
    event = PrivacyEvent.objects.get(kind=PrivacyEvent.Kind.POSTS_REMOVED, subject_key=f"user:{customer.pk}")
    assert event.data["removed"] == [{"source": "shop_demo.review", "count": 2, "how": "delete"}]
    assert "Your posts removed" in client.get("/privacy/timeline/").content.decode()


def test_without_the_confirmation_nothing_is_removed(client, customer, write_review):
    write_review(customer)
    client.force_login(customer)
    response = client.post(PAGE, {})
    assert response.status_code == 400
    assert "Tick the box to confirm" in response.content.decode()
    assert Review.objects.filter(user=customer).count() == 1


def test_anonymous_visitors_and_forged_posts_remove_nothing(customer, write_review):
    write_review(customer)
    anonymous = Client()
    assert anonymous.get(PAGE).status_code == 302
    assert anonymous.post(PAGE, {"confirm": "on"}).status_code == 302
    forged = Client(enforce_csrf_checks=True)
    forged.force_login(customer)
    assert forged.post(PAGE, {"confirm": "on"}).status_code == 403
    assert Review.objects.filter(user=customer).count() == 1


def test_customers_under_18_are_told_of_the_right(client, make_user, write_review):
    today = timezone.localdate()
    minor = make_user(birth_date=today.replace(year=today.year - 16))
    adult = make_user(birth_date=dt.date(1990, 5, 17))
    for user in (minor, adult):
        write_review(user)
    client.force_login(minor)
    for url in ("/privacy/", "/privacy/data/", PAGE):
        assert "You are under 18" in client.get(url).content.decode(), url
    client.force_login(adult)
    for url in ("/privacy/", "/privacy/data/", PAGE):
        assert "You are under 18" not in client.get(url).content.decode(), url
    assert "Remove what I posted" in client.get("/privacy/data/").content.decode()  # offered to all


def test_the_adapter_reads_the_declared_birth_date_field(settings, make_user):
    from privacy_center.adapter import get_adapter

    today = timezone.localdate()
    seventeen = make_user(birth_date=today.replace(year=today.year - 18) + dt.timedelta(days=1))
    eighteen = make_user(birth_date=today.replace(year=today.year - 18))
    assert get_adapter().is_minor(seventeen) is True
    assert get_adapter().is_minor(eighteen) is False
    settings.PRIVACY_CENTER_BIRTH_DATE_FIELD = ""
    assert get_adapter().is_minor(seventeen) is None


def test_asked_by_form_the_request_removes_them(customer, write_review, make_request):
    write_review(customer)
    req = make_request(RequestType.REMOVE_POSTS, user=customer)
    assert req.status == Status.COMPLETED
    assert "Reviews: 1 deleted" in req.outcome
    assert not Review.objects.filter(user=customer).exists()


def test_an_impossible_anonymize_declaration_fails_the_checks():
    from privacy_center import register
    from privacy_center.checks import check_user_content
    from privacy_center.sources import ModelSource

    @register
    class AnonymousReviews(ModelSource):
        class Meta:
            model = Review
            name = "test.reviews_anonymized"
            user_path = "user"  # required on Review: cannot be cleared
            fields = ["title"]
            user_content = True
            remove = "anonymize"

    errors = check_user_content(None)
    assert [e.id for e in errors] == ["privacy_center.E060"] and "nullable" in errors[0].msg
