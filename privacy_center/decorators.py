"""Helpers for the shop's own views (and privacy_center's): personal pages, contact-data edits, send limits.

- ``personal_page``: the response is marked ``Cache-Control: private, no-store`` (an order page, an
  address book), with or without ``PrivateCacheMiddleware``.
- ``contact_data_reauthentication(source_name)``: a POST that changes a field the source declares as
  contact data (``privacy_center.declarations``) first goes through allauth's re-authentication,
  and is replayed after it, exactly like the privacy pages and the API.
- ``rate_limited_response``: the 429 page shown when ``privacy_center.limits`` refuses a send.
"""

from __future__ import annotations

from functools import wraps

from django.shortcuts import render
from django.utils.cache import patch_cache_control

from .limits import RateLimited


def personal_page(view):
    """Mark a view's responses as personal: never stored by a shared cache or the browser."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.privacy_personal = True
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response

    return wrapped


def rate_limited_response(request, exc: RateLimited, *, back_url: str = ""):
    """A 429 page saying nothing was sent, with ``Retry-After``."""
    minutes = max(1, -(-exc.retry_after // 60))
    response = render(request, "privacy_center/limited.html", {"minutes": minutes, "back_url": back_url},
                      status=429)
    if exc.retry_after:
        response["Retry-After"] = str(exc.retry_after)
    return response
