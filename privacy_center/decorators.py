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

from django.core.exceptions import ObjectDoesNotExist
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from .limits import RateLimited
from .reauth import reauthentication_required
from .registry import NotRegistered, site
from .sources import ModelSource
from .subjects import Subject


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


def _same(current, posted: str) -> bool:
    if current is None or current is False:
        current = ""
    return str(current).strip() == posted.strip()


def changes_contact_data(request, source_name: str, pk_kwarg: str = "pk") -> bool:
    """Whether this POST changes contact data of the user's row of ``source_name`` (URL kwarg ``pk_kwarg``).

    Form fields are matched to the source's fields by name. A new row (no ``pk`` in the URL) is the
    customer's own new data, not a change of how the account is reached, and does not count.
    """
    if request.method != "POST" or not request.user.is_authenticated:
        return False
    match = getattr(request, "resolver_match", None)
    pk = match.kwargs.get(pk_kwarg) if match is not None else None
    if pk is None:
        return False
    try:
        source = site.get(source_name)
    except NotRegistered:
        return True  # misconfigured: ask rather than let a change through
    if not isinstance(source, ModelSource):
        return True
    try:
        row = source.get_object(Subject.for_user(request.user), pk)
    except ObjectDoesNotExist:  # the model's own DoesNotExist is a subclass
        return False  # not theirs: the view answers 404
    for path in source.contact_fields():
        if "__" in path or path not in request.POST:
            continue
        if not _same(getattr(row, path), request.POST.get(path, "")):
            return True
    return False


def contact_data_reauthentication(source_name: str, *, pk_kwarg: str = "pk"):
    """Decorate a shop view that edits one row of a registered source: changing its contact data
    (as the declaration says) needs a recent re-authentication, like on the privacy pages and in the API.

    The POST is kept by allauth and replayed once the customer confirmed their password::

        @login_required
        @contact_data_reauthentication("shop_demo.address")
        def address_edit(request, pk): ...
    """
    return reauthentication_required(enabled=lambda request: changes_contact_data(request, source_name, pk_kwarg))
