"""Every URL pattern of the project, with the objects to fill its parameters and how each role is answered.

``all_routes()`` walks the root URLconf (nothing is listed by hand), so a route added anywhere shows
up here; ``EXPECTED`` must then say what each role gets, or ``test_routes`` fails naming it.
Outcomes: ``ok`` (2xx, or a redirect that is not to a login page), ``login`` (a redirect to a login
page, or 401/403 from the API for anonymous callers), ``reauth`` (to /accounts/reauthenticate/),
``denied`` (403), ``missing`` (404), ``bad`` (400), ``method`` (405).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

ROLES = ("owner", "anonymous", "other", "staff", "viewer", "officer")


@dataclass(frozen=True)
class Route:
    pattern: str
    name: str
    params: tuple[str, ...]


_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>")


def all_routes() -> list[Route]:
    def walk(patterns, prefix="", ns=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                inner = f"{ns}:{p.namespace}".strip(":") if p.namespace else ns
                yield from walk(p.url_patterns, prefix + str(p.pattern), inner)
            elif isinstance(p, URLPattern):
                text = prefix + str(p.pattern)
                name = f"{ns}:{p.name}".strip(":") if p.name else f"{ns}:<{text}>".strip(":")
                params = tuple(m.group(2) or m.group(3) for m in _PARAM.finditer(text))
                yield Route(text, name, params)

    return list(walk(get_resolver().url_patterns))


def classify(response) -> str:
    code = response.status_code
    location = response.get("Location", "")
    if 300 <= code < 400:
        if "/reauthenticate/" in location:
            return "reauth"
        if "/login/" in location:
            return "login"
        return "ok"
    if code < 300:
        return "ok"
    return {400: "bad", 401: "login", 403: "denied", 404: "missing", 405: "method", 429: "limited"}.get(code, str(code))


def guessed_token() -> str:
    return secrets.token_urlsafe(24)


def fill(route: Route, world: dict) -> str:
    """The route's URL with its parameters taken from the owner's objects (tokens are guessed)."""
    name = route.name
    values = {
        "slug": world["product"].slug, "product_id": str(world["product"].pk), "number": world["order"].number,
        "uuid": str(world["request"].uuid), "source": "shop_demo.address", "proof_id": "1",
        "app_label": "shop_demo", "url": "no-such-page/",
        # allauth's reset link: a base-36 user id (token_urlsafe's "_" would make the URL not match at all)
        "uidb36": secrets.token_hex(4),
    }
    if name in ("privacy_center:export_detail", "privacy_center:export_download",
                "privacy_center_api:export_detail"):
        values["pk"] = str(world["export"].pk)
    elif name.startswith("admin:privacy_requests_privacyrequest_"):
        values["pk"] = str(world["request"].pk)
    else:
        values["pk"] = str(world["address"].pk)
    if "object_id" in route.params:
        values["object_id"] = str(world["admin_objects"].get(name.rsplit("_", 1)[0], 1))

    def sub(match: re.Match) -> str:
        param = match.group(2) or match.group(3)
        return values.get(param) or guessed_token()

    text = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: values.get(m.group(1)) or guessed_token(), route.pattern)
    text = re.sub(r"<(?:(\w+):)?(\w+)>", sub, text)
    return "/" + text.replace("^", "").replace("$", "")
