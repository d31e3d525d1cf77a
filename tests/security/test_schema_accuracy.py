"""Issue 10.13: the OpenAPI schema says what the server does, for the cases a client meets first.

Each answer is validated against the schema served at /api/schema/ (``jsonschema``), so a response the
schema forbids, or a request the schema allows and the server refuses, fails here with its route named.
The generated run over every operation is ``test_schemathesis.py``.
"""

from __future__ import annotations

import jsonschema
import pytest
import yaml
from rest_framework.test import APIClient

from privacy_center.models import Export

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    return yaml.safe_load(client.get("/api/schema/").content)


def _response_schema(schema: dict, path: str, method: str, code: str) -> dict:
    body = schema["paths"][path][method]["responses"][code]["content"]["application/json"]["schema"]
    return {**body, "components": schema["components"]}


def _validate(schema: dict, instance, path: str, method: str, code: str) -> None:
    # OpenAPI 3.0's `nullable` is not JSON Schema: turn it into a type union before validating.
    def convert(node):
        if isinstance(node, dict):
            node = {k: convert(v) for k, v in node.items()}
            if node.pop("nullable", False):
                return {"anyOf": [node, {"type": "null"}]}
            return node
        if isinstance(node, list):
            return [convert(v) for v in node]
        return node

    full = convert(_response_schema(schema, path, method, code))
    jsonschema.validate(instance, full)  # local `#/components/...` references resolve in the same document


def test_an_export_still_being_prepared_has_no_download_url_and_the_schema_allows_it(api, customer, schema):
    export = Export.objects.create(user=customer, subject_key=f"user:{customer.pk}", status="running")
    body = api.get(f"/api/privacy/exports/{export.pk}/").json()
    assert body["download_url"] is None
    _validate(schema, body, "/api/privacy/exports/{id}/", "get", "200")


def test_starting_an_export_answers_202_as_documented(api, schema):
    response = api.post("/api/privacy/exports/")
    assert response.status_code == 202
    assert "202" in schema["paths"]["/api/privacy/exports/"]["post"]["responses"]
    _validate(schema, response.json(), "/api/privacy/exports/", "post", "202")


def test_an_empty_cancel_token_is_refused_by_the_schema_and_the_server_alike(schema):
    token = schema["components"]["schemas"]["Cancel"]["properties"]["token"]
    assert token["minLength"] == 1
    response = APIClient().post("/api/privacy/erasure/cancel/", {"token": ""}, format="json")
    assert response.status_code == 400 and "token" in response.json()
    _validate(schema, response.json(), "/api/privacy/erasure/cancel/", "post", "400")


def test_an_unknown_cancel_token_is_not_found_with_the_documented_body(schema):
    response = APIClient().post("/api/privacy/erasure/cancel/", {"token": "not-a-token"}, format="json")
    assert response.status_code == 404
    _validate(schema, response.json(), "/api/privacy/erasure/cancel/", "post", "404")


def _enum(schema: dict, node: dict) -> list:
    """The enum of a property, following drf-spectacular's ``allOf: [$ref: ...Enum]`` components."""
    node = node.get("items", node)
    for ref in [node.get("$ref")] + [part.get("$ref") for part in node.get("allOf", [])]:
        if ref:
            return schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]["enum"]
    return node["enum"]


def test_erasure_confirmation_accepts_only_true_and_the_schema_says_so(schema):
    assert _enum(schema, schema["components"]["schemas"]["Schedule"]["properties"]["confirm"]) == [True]


def test_request_bodies_name_their_fields_and_refuse_nul(schema):
    components = schema["components"]["schemas"]
    for name in ("Cancel", "Schedule", "Preferences", "ConsentChoices"):
        assert components[name]["additionalProperties"] is False, name
    assert components["Cancel"]["properties"]["token"]["pattern"] == "^[^\\x00]*$"


def test_preferences_list_the_shops_own_channels(schema):
    from privacy_center.consent.services.preferences import channel_labels

    channels = schema["components"]["schemas"]["Preferences"]["properties"]["channels"]
    assert set(_enum(schema, channels)) == set(channel_labels())
