"""Issue 10.6: bad input is a 4xx with a clear message, never a 500; NUL characters are refused everywhere."""

from __future__ import annotations

import json

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

NUL_MESSAGE = "NUL character"


def test_non_uuid_id_of_a_uuid_source_is_404(api):
    response = api.get("/api/privacy/data/privacy_center.export/abc/")
    assert response.status_code == 404
    assert api.patch("/api/privacy/data/privacy_center.export/abc/", {}, format="json").status_code == 404


def test_privacy_page_with_non_uuid_id_is_404(logged_in_client):
    assert logged_in_client.get("/privacy/data/privacy_center.export/abc/").status_code == 404


@pytest.mark.parametrize("value", [5, 5.5, True, [1, 2], {"y": 1990}])
def test_json_types_fed_to_a_form_are_a_400(api, customer, value):
    url = f"/api/privacy/data/shop_demo.customerprofile/{customer.profile.pk}/"
    response = api.patch(url, {"birth_date": value}, format="json")
    assert response.status_code == 400
    assert "birth_date" in response.json()
    customer.profile.refresh_from_db()
    assert str(customer.profile.birth_date) == "1990-05-17"


def test_json_null_for_a_required_field_is_a_400(api, customer):
    url = f"/api/privacy/data/shop_demo.customerprofile/{customer.profile.pk}/"
    response = api.patch(url, {"country": None}, format="json")
    assert response.status_code in (200, 400)


def test_nul_in_proposed_changes_is_a_400(api, customer, reauthenticate):
    reauthenticate(api)
    body = {"type": "rectification", "details": "",
            "proposed_changes": [{"source": "shop_demo.customerprofile", "field": "phone", "value": "1\u00002"}]}
    response = api.post("/api/privacy/requests/", body, format="json")
    assert response.status_code == 400
    assert NUL_MESSAGE in response.json()["detail"]


def test_nul_in_a_raw_json_body_is_a_400(api):
    response = api.generic("POST", "/api/privacy/requests/", json.dumps({"type": "other", "details": "a\x00b"}),
                           content_type="application/json")
    assert response.status_code == 400


def test_nul_in_staff_search_is_a_400(client, officer):
    client.force_login(officer)
    response = client.get("/admin/privacy_requests/privacyrequest/?q=%00")
    assert response.status_code == 400
    assert NUL_MESSAGE in response.content.decode()


def test_nul_in_an_order_number_is_a_400(logged_in_client):
    response = logged_in_client.get("/shop/orders/FF%00/")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")


def test_nul_in_a_path_is_never_logged(client, settings):
    from shop_demo.models import VisitLog

    settings.SHOP_DEMO_VISIT_LOG = True
    assert client.get("/shop/products/abc%00def/").status_code == 400
    assert client.get("/shop/products/", HTTP_USER_AGENT="Mozilla\x00").status_code == 400
    assert not VisitLog.objects.exists()
    assert client.get("/shop/products/").status_code == 200
    assert VisitLog.objects.count() == 1


def test_nul_in_a_form_field_is_a_400(client):
    response = client.post("/privacy/newsletter/", {"email": "a\x00@example.org"})
    assert response.status_code == 400


def test_nul_in_an_api_path_answers_json(api):
    response = api.get("/api/privacy/data/shop_demo.order%00/")
    assert response.status_code == 400


def test_uploaded_files_may_hold_nul_bytes(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("proof.pdf", b"%PDF-1.4\x00\x00binary", content_type="application/pdf")
    response = client.post("/privacy/requests/agent/", {"agent_name": "Agent", "proof": pdf})
    assert response.status_code != 400 or NUL_MESSAGE not in response.content.decode()


def test_anonymous_nul_in_api_is_json():
    response = APIClient().post("/api/privacy/erasure/cancel/", {"token": "a\x00"}, format="json")
    assert response.status_code == 400
    assert NUL_MESSAGE in response.json()["detail"]
