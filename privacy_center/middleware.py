"""Request hygiene for every page and API call: NUL bytes refused, personal responses never cached.

``RejectNulBytesMiddleware`` answers 400 to a request carrying a NUL character in its path, query,
headers, form fields or JSON body. PostgreSQL cannot store NUL in text, so without this every view
that saves or filters on such a value (a search, an order number, the shop's visit log) failed
with a 500; refusing it once, at the edge, covers the shop's own views too. Uploaded files may
hold NULs (a PDF does) and are not looked at.

``PrivateCacheMiddleware`` adds ``Cache-Control: private, no-store`` to every response made for a
logged-in user or a verified guest, to every privacy page and API response, and to any response
whose view set ``request.privacy_personal`` (see ``privacy_center.decorators.personal_page``), so
a shared proxy or the browser's back-forward cache never keeps someone's data.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.http import HttpResponseBadRequest, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from rest_framework.views import APIView

from .app_settings import app_settings

NUL = "\x00"


def _contains_nul(value) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_contains_nul(k) or _contains_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_contains_nul(v) for v in value)
    return False


def _any_nul(values: Iterable[str]) -> bool:
    return any(NUL in v for v in values)


def request_has_nul(request) -> bool:
    """Whether the path, query string, headers, cookies, form fields or JSON body hold a NUL character."""
    if NUL in request.path or NUL in request.path_info:
        return True
    if _any_nul(k for k in request.GET) or _any_nul(v for vs in request.GET.lists() for v in vs[1]):
        return True
    if _any_nul(v for k, v in request.META.items() if k.startswith("HTTP_") and isinstance(v, str)):
        return True
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return False
    content_type = request.content_type or ""
    if content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        return _any_nul(request.POST) or _any_nul(v for vs in request.POST.lists() for v in vs[1])
    body = request.body
    if b"\x00" in body:
        return True
    if b"\\u0000" in body.lower() and "json" in content_type:
        try:
            return _contains_nul(json.loads(body))
        except ValueError:
            return False  # not JSON after all: the view's own parser answers 400
    return False


def _is_api_view(request) -> bool:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False

    view_class = getattr(match.func, "cls", None) or getattr(match.func, "view_class", None)
    return isinstance(view_class, type) and issubclass(view_class, APIView)


class RejectNulBytesMiddleware:
    """400 with a clear message for any request carrying a NUL character (put it early in MIDDLEWARE)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if request_has_nul(request):
            message = _("The request contains a NUL character (\\u0000 or %00), which is never valid here.")
            accept = request.headers.get("Accept", "")
            if "json" in accept or "json" in (request.content_type or "") or _is_api_view(request):
                response = JsonResponse({"detail": message}, status=400)
            else:
                response = HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
            patch_cache_control(response, private=True, no_store=True)
            return response
        return self.get_response(request)


def is_personal(request) -> bool:
    """Whether the response to ``request`` may hold someone's personal data."""
    if getattr(request, "privacy_personal", False):
        return True
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    session = getattr(request, "session", None)
    if session is not None and any(key.startswith("privacy_center") for key in session.keys()):
        return True
    match = getattr(request, "resolver_match", None)
    namespaces = set(match.namespaces) if match is not None else set()
    return bool(namespaces & set(app_settings.PRIVATE_URL_NAMESPACES))


class PrivateCacheMiddleware:
    """``Cache-Control: private, no-store`` on every response that may hold personal data."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_personal(request):
            patch_cache_control(response, private=True, no_store=True)
            if "max-age" in response.get("Cache-Control", "") or "public" in response.get("Cache-Control", ""):
                # A view asked for caching, but the page is personal: private and no-store win.
                response["Cache-Control"] = "private, no-store"
        return response
