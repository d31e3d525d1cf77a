"""``PrivacySignalsMiddleware``: Global Privacy Control, Do-Not-Track and consent bookkeeping.

Put it after ``AuthenticationMiddleware`` (and allauth's ``AccountMiddleware``).
On every request it:

- sets ``request.privacy_gpc`` / ``request.privacy_dnt`` (honoured signals) and, when
  one is present, rewrites the request's consent cookie so that templates and
  django-cookie-consent see the declined groups during this very request;
- declines those groups in the browser's consent cookie (one ``Set-Cookie``, only
  while the cookie does not say so already);
- records the signal once per subject: a cache entry per browser says it was
  done, so a request on a warm cache makes **no database query** (and does not
  even touch ``request.user``);
- records changes django-cookie-consent's own views make to the consent cookie,
  and writes account choices carried over at login into this browser's cookie.
"""

from __future__ import annotations

from collections.abc import Callable

from cookie_consent.conf import settings as cc_settings
from cookie_consent.util import dict_to_cookie_str, get_cookie_dict_from_request, set_cookie_dict_to_response
from django.http import HttpRequest, HttpResponseBase

from ..app_settings import app_settings
from .services import browser_signals
from .services.cookies import apply_queued_updates, record_cookie_set_by_response


class PrivacySignalsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        meta = request.META
        gpc = meta.get("HTTP_SEC_GPC") == "1" and app_settings.HONOR_GPC
        dnt = meta.get("HTTP_DNT") == "1" and app_settings.HONOR_DNT
        request.privacy_gpc, request.privacy_dnt = gpc, dnt
        declined_cookie = None
        if gpc or dnt:
            groups = browser_signals.groups_declined_by("dnt" if dnt else "gpc")
            declined_cookie = browser_signals.declined_cookie_value(get_cookie_dict_from_request(request), groups)
            if declined_cookie is not None:
                request.COOKIES[cc_settings.COOKIE_CONSENT_NAME] = dict_to_cookie_str(declined_cookie)

        response = self.get_response(request)

        if gpc or dnt:
            self._honor(request, response, gpc=gpc, dnt=dnt, declined_cookie=declined_cookie)
        if cc_settings.COOKIE_CONSENT_NAME in response.cookies:
            record_cookie_set_by_response(request, response)
        elif getattr(request, "_privacy_cookie_updates", None):
            apply_queued_updates(request, response)
        return response

    def _honor(self, request, response, *, gpc: bool, dnt: bool, declined_cookie) -> None:
        if declined_cookie is not None and cc_settings.COOKIE_CONSENT_NAME not in response.cookies:
            # Views that set the cookie themselves already kept the signal's groups declined.
            set_cookie_dict_to_response(response, declined_cookie)
            request._privacy_consent_recorded = True  # recorded below, with the signal's method
        for kind, present in (("gpc", gpc), ("dnt", dnt)):
            if present and not browser_signals.already_recorded(request, kind):
                browser_signals.honor_signal(request, response, kind)
