"""OpenAPI postprocessing: the error answers every privacy API operation can give, documented once.

Any operation may answer 400 (bad input, a NUL character), 403 (not logged in, CSRF, or a recent
re-authentication needed), 404 (not yours, or no such id), 405 and 429 (a limit); DRF gives them all
the same ``{"detail": "..."}`` body, or ``{field: [messages]}`` for a 400. drf-spectacular documents
only what a view declares, so clients (and schemathesis) saw undocumented codes. Add
``"privacy_center.api.schema.document_errors"`` to ``SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]``
(after ``drf_spectacular.hooks.postprocess_schema_enums``).
"""

from __future__ import annotations

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}, "code": {"type": "string"}},
    "additionalProperties": {"type": "array", "items": {}},
}

DESCRIPTIONS = {
    "400": "Invalid input: the body names each field's problem, or `detail` says what is wrong",
    "403": "Not logged in, no CSRF token, not allowed, or a recent re-authentication is needed (`detail`)",
    "404": "No such record, or not yours",
    "405": "Method not allowed",
    "429": "Too many requests: try again after `Retry-After` seconds",
}


def document_errors(result, generator, request, public):
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("PrivacyError", ERROR)
    ref = {"$ref": "#/components/schemas/PrivacyError"}
    for path, item in result.get("paths", {}).items():
        if not path.startswith("/api/privacy/"):
            continue
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            for code, description in DESCRIPTIONS.items():
                existing = responses.get(code)
                # A 400 is either a field's messages or a `detail`: one schema for both, whatever a view declared.
                if existing is None or "content" not in existing or code == "400":
                    responses[code] = {
                        "description": (existing or {}).get("description") or description,
                        "content": {"application/json": {"schema": ref}},
                    }
    return result


# Refused by every route (``RejectNulBytesMiddleware``), so the schema says so: a NUL-free string.
NUL_FREE = "^[^\\x00]*$"


def _tighten(schema: dict, components: dict, seen: set) -> None:
    """Say in ``schema`` what the server enforces on input: no undeclared properties, no NUL characters."""
    ref = schema.get("$ref")
    if ref:
        name = ref.rsplit("/", 1)[-1]
        if name not in seen and name in components:
            seen.add(name)
            _tighten(components[name], components, seen)
        return
    for key in ("allOf", "oneOf", "anyOf"):
        for part in schema.get(key, []):
            _tighten(part, components, seen)
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        _tighten_object(schema, components, seen)
    elif kind == "array" and isinstance(schema.get("items"), dict):
        _tighten(schema["items"], components, seen)
    elif kind == "string" and not ({"pattern", "enum", "format"} & set(schema)):
        schema["pattern"] = NUL_FREE


def _tighten_object(schema: dict, components: dict, seen: set) -> None:
    if "properties" in schema and "additionalProperties" not in schema:
        schema["additionalProperties"] = False
    for value in schema.get("properties", {}).values():
        _tighten(value, components, seen)
    if isinstance(schema.get("additionalProperties"), dict):
        _tighten(schema["additionalProperties"], components, seen)
        schema.setdefault("propertyNames", {"pattern": NUL_FREE})


def tighten_input(result, generator, request, public):
    """Request bodies and string parameters described as strictly as the server checks them.

    DRF ignores undeclared properties and the middleware refuses NUL characters anywhere, so a schema
    that allowed both let clients send what is then refused. Request components get
    ``additionalProperties: false`` and NUL-free string patterns; so do string path and query parameters.
    Add ``"privacy_center.api.schema.tighten_input"`` to ``SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]``.
    """
    components = result.get("components", {}).get("schemas", {})
    for path, item in result.get("paths", {}).items():
        if not path.startswith("/api/privacy/"):
            continue
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            for parameter in operation.get("parameters", []):
                _tighten(parameter.get("schema", {}), components, set())
            for media in operation.get("requestBody", {}).get("content", {}).values():
                _tighten(media.get("schema", {}), components, set())
    return result
