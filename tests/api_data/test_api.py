"""The core privacy API: summary, sources, rows, corrections, exports; access rules and throttles."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from privacy_center.models import Export, PrivacyEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(customer):
    client = APIClient()
    client.force_login(customer)
    return client


def test_me_summarises_by_category(api, customer, make_order):
    make_order(user=customer, lines=2)
    data = api.get("/api/privacy/me/").json()
    assert data["user"] == {"id": customer.pk, "email": "ada@example.com"}
    assert data["emails"] == ["ada@example.com"]
    commercial = next(c for c in data["categories"] if c["category"] == "commercial")
    counts = {s["name"]: s["count"] for s in commercial["sources"]}
    assert counts["shop_demo.order"] == 1 and counts["shop_demo.orderline"] == 2


def test_sources_describe_fields(api):
    data = api.get("/api/privacy/data/").json()
    profile = next(s for s in data if s["name"] == "shop_demo.customerprofile")
    fields = {f["name"]: f for f in profile["fields"]}
    assert fields["national_id"]["masked"] and not fields["national_id"]["editable"]
    assert fields["phone"]["editable"] and fields["phone"]["reauth"]
    assert profile["count"] == 1


def test_rows_are_paginated_and_masked(api, customer, make_order, settings):
    settings.PRIVACY_CENTER_PAGE_SIZE = 2
    orders = [make_order(user=customer) for _ in range(3)]
    page1 = api.get("/api/privacy/data/shop_demo.order/").json()
    assert page1["count"] == 3 and page1["num_pages"] == 2 and len(page1["results"]) == 2
    assert page1["next"].endswith("?page=2") and page1["previous"] is None
    page2 = api.get(page1["next"]).json()
    assert {r["number"] for r in page1["results"] + page2["results"]} == {o.number for o in orders}
    assert api.get("/api/privacy/data/shop_demo.order/?page=3").status_code == 404
    profile = api.get("/api/privacy/data/shop_demo.customerprofile/").json()["results"][0]
    assert profile["national_id"].startswith("•")


def test_rows_queries_do_not_grow(make_user, bulk_orders):
    counts = []
    for n in (10, 10_000):
        user = make_user()
        bulk_orders(user, n)
        client = APIClient()
        client.force_login(user)
        for path in ("/api/privacy/me/", "/api/privacy/data/", "/api/privacy/data/shop_demo.order/"):
            client.get(path)
        with CaptureQueriesContext(connection) as queries:
            for path in ("/api/privacy/me/", "/api/privacy/data/", "/api/privacy/data/shop_demo.order/"):
                assert client.get(path).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_patch_review_fields(api, customer, product):
    from django.utils import timezone

    from shop_demo.models import Review

    review = Review.objects.create(user=customer, product=product, display_name="Ada", rating=4, title="Ok",
                                   body="Fine.", created_at=timezone.now())
    response = api.patch(f"/api/privacy/data/shop_demo.review/{review.pk}/", {"title": "Great"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Great" and response.json()["body"] == "Fine."
    review.refresh_from_db()
    assert review.title == "Great"
    assert PrivacyEvent.objects.get(kind=PrivacyEvent.Kind.DATA_CORRECTED).method == "api"


def test_patch_validates_and_rejects_non_editable(api, customer, product):
    profile = customer.profile
    url = f"/api/privacy/data/shop_demo.customerprofile/{profile.pk}/"
    response = api.patch(url, {"national_id": "123"}, format="json")
    assert response.status_code == 400 and "national_id" in response.json()
    response = api.patch(url, {"birth_date": "not a date"}, format="json")
    assert response.status_code == 400 and "birth_date" in response.json()


def test_patch_contact_data_needs_reauthentication(api, customer, reauthenticate):
    profile = customer.profile
    url = f"/api/privacy/data/shop_demo.customerprofile/{profile.pk}/"
    response = api.patch(url, {"phone": "+46 70 111 22 33"}, format="json")
    assert response.status_code == 403
    assert "re-authentication" in response.json()["detail"]
    profile.refresh_from_db()
    assert profile.phone != "+46 70 111 22 33"
    # The same value again is no change, so it needs nothing.
    assert api.patch(url, {"phone": profile.phone}, format="json").status_code == 200

    reauthenticate(api)
    assert api.patch(url, {"phone": "+46 70 111 22 33"}, format="json").status_code == 200
    profile.refresh_from_db()
    assert profile.phone == "+46 70 111 22 33"


def test_exports_api(api, customer):
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = api.post("/api/privacy/exports/")
    assert response.status_code == 202
    export_id = response.json()["id"]
    detail = api.get(f"/api/privacy/exports/{export_id}/").json()
    assert detail["status"] == "ready" and detail["progress"] == 100
    assert detail["download_url"].endswith(f"/privacy/exports/{export_id}/download/")
    assert [e["id"] for e in api.get("/api/privacy/exports/").json()] == [export_id]


def test_second_export_request_returns_the_running_one(api, customer):
    first = api.post("/api/privacy/exports/")  # not committed: stays pending
    second = api.post("/api/privacy/exports/")
    assert first.status_code == second.status_code == 202
    assert first.json()["id"] == second.json()["id"]
    assert first.json()["download_url"] is None


def test_other_customer_gets_404(customer, other_customer, make_order):
    order = make_order(user=customer)
    export = Export.objects.create(user=customer, subject_key=f"user:{customer.pk}")
    client = APIClient()
    client.force_login(other_customer)
    assert client.get(f"/api/privacy/exports/{export.pk}/").status_code == 404
    assert client.get("/api/privacy/exports/").json() == []
    assert client.get(f"/api/privacy/data/shop_demo.order/{order.pk}/").status_code == 404
    profile = customer.profile
    url = f"/api/privacy/data/shop_demo.customerprofile/{profile.pk}/"
    assert client.patch(url, {"country": "NO"}, format="json").status_code == 404
    rows = client.get("/api/privacy/data/shop_demo.order/").json()
    assert rows["count"] == 0


@pytest.mark.parametrize("method,path", [
    ("get", "/api/privacy/me/"), ("get", "/api/privacy/data/"), ("get", "/api/privacy/data/shop_demo.order/"),
    ("get", "/api/privacy/data/shop_demo.order/1/"), ("patch", "/api/privacy/data/shop_demo.review/1/"),
    ("get", "/api/privacy/exports/"), ("post", "/api/privacy/exports/"),
    ("get", "/api/privacy/exports/00000000-0000-0000-0000-000000000000/"),
])
def test_anonymous_is_refused(method, path):
    response = getattr(APIClient(), method)(path)
    assert response.status_code == 403


def test_unknown_source_404(api):
    assert api.get("/api/privacy/data/nope.nope/").status_code == 404


def test_export_creation_is_throttled(api, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "privacy_center_export": "2/hour"}}
    codes = [api.post("/api/privacy/exports/").status_code for _ in range(3)]
    assert codes == [202, 202, 429]


def test_schema_of_core_routes_has_no_errors_or_warnings():
    from django.urls import include, path
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.validation import validate_schema

    from privacy_center.api import views

    patterns = [path("api/privacy/", include(([
        path("me/", views.MeView.as_view()),
        path("data/", views.SourceListView.as_view()),
        path("data/<str:source>/", views.SourceRowsView.as_view()),
        path("data/<str:source>/<str:pk>/", views.SourceRowView.as_view()),
        path("exports/", views.ExportListView.as_view()),
        path("exports/<uuid:pk>/", views.ExportDetailView.as_view()),
    ], "privacy_center_api")))]
    GENERATOR_STATS.reset()
    schema = SchemaGenerator(patterns=patterns).get_schema(request=None, public=True)
    assert not GENERATOR_STATS._warn_cache and not GENERATOR_STATS._error_cache
    validate_schema(schema)
    assert set(schema["paths"]) == {
        "/api/privacy/me/", "/api/privacy/data/", "/api/privacy/data/{source}/",
        "/api/privacy/data/{source}/{id}/", "/api/privacy/exports/", "/api/privacy/exports/{id}/",
    }
    row = schema["paths"]["/api/privacy/data/{source}/{id}/"]["patch"]
    assert sorted(p["name"] for p in row["parameters"]) == ["id", "source"]
    assert "202" in schema["paths"]["/api/privacy/exports/"]["post"]["responses"]
