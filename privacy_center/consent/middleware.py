"""``PrivacySignalsMiddleware``: Global Privacy Control, Do-Not-Track and consent bookkeeping.

Put it after ``AuthenticationMiddleware`` (and allauth's ``AccountMiddleware``).
On every request it:

- sets ``request.privacy_gpc`` / ``request.privacy_dnt`` (honoured signals) and
  ``request.privacy_opted_out`` (GPC, or the opt-out cookie of the "Your privacy choices" page,
  which is honoured exactly like GPC from here on) and, when
  one is present, rewrites the request's consent cookie so that templates and
  django-cookie-consent see the declined groups during this very request;
- declines those groups in the browser's consent cookie (one ``Set-Cookie``, only
  while the cookie does not say so already);
- records the signal once per subject: a cache entry per browser says it was
  done, so a request on a warm cache makes **no database query** (and does not
  even touch ``request.user``);
- records changes django-cookie-consent's own views make to the consent cookie,
  and writes account choices carried over at login into this browser's cookie;
- remembers the language a logged-in customer switches to (the response sets the language
  cookie), for the e-mails written to them later (``services.language``).

It runs on every request, so the settings it needs are read once into a snapshot
that Django's ``setting_changed`` signal (``override_settings``) throws away.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from cookie_consent.conf import settings as cc_settings
from cookie_consent.util import dict_to_cookie_str, parse_cookie_str, set_cookie_dict_to_response
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseBase

from ..app_settings import app_settings
from ..services.language import remember_user_language
from .services import browser_signals
from .services.cookies import apply_queued_updates, decline_value, record_cookie_set_by_response


@dataclass(frozen=True)
class _Config:
    honor_gpc: bool
    honor_dnt: bool
    consent_cookie: str
    decline: str
    gpc_groups: tuple[str, ...]
    dnt_groups: tuple[str, ...]
    browser_cookies: tuple[str, str]
    language_cookie: str
    opt_out_cookie: str


@lru_cache(maxsize=1)
def _config() -> _Config:
    return _Config(
        honor_gpc=app_settings.HONOR_GPC,
        honor_dnt=app_settings.HONOR_DNT,
        consent_cookie=cc_settings.COOKIE_CONSENT_NAME,
        decline=decline_value(),
        gpc_groups=tuple(browser_signals.groups_declined_by("gpc")),
        dnt_groups=tuple(browser_signals.groups_declined_by("dnt")),
        browser_cookies=browser_signals.cookie_names(),
        language_cookie=settings.LANGUAGE_COOKIE_NAME,
        opt_out_cookie=app_settings.OPT_OUT_COOKIE_NAME,
    )


@receiver(setting_changed)
def _forget_config(**kwargs) -> None:
    _config.cache_clear()
    browser_signals.forget_recorded()


class PrivacySignalsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        config = _config()
        meta = request.META
        gpc = config.honor_gpc and meta.get("HTTP_SEC_GPC") == "1"
        dnt = config.honor_dnt and meta.get("HTTP_DNT") == "1"
        request.privacy_gpc, request.privacy_dnt = gpc, dnt  # type: ignore[attr-defined]  # per-request state, read with getattr
        # An opt-out made on the choices page: the same declined groups as GPC (recorded when it was made).
        opted_out = gpc or request.COOKIES.get(config.opt_out_cookie) == "1"
        request.privacy_opted_out = opted_out  # type: ignore[attr-defined]  # per-request state, read with getattr
        if not (opted_out or dnt):
            response = self.get_response(request)
            self._bookkeeping(request, response, config)
            return response

        name = config.consent_cookie
        groups = config.dnt_groups if dnt else config.gpc_groups
        raw = request.COOKIES.get(name, "")
        declined_cookie = None
        if not self._declines(raw, groups, config.decline):
            declined_cookie = {**parse_cookie_str(raw), **dict.fromkeys(groups, config.decline)}
            request.COOKIES[name] = dict_to_cookie_str(declined_cookie)

        response = self.get_response(request)

        if declined_cookie is not None and name not in response.cookies:
            # Views that set the cookie themselves already kept the signal's groups declined.
            set_cookie_dict_to_response(response, declined_cookie)
            # Recorded with the signal's method below.
            request._privacy_consent_recorded = True  # type: ignore[attr-defined]  # per-request state, read with getattr
        for kind, present in (("gpc", gpc), ("dnt", dnt)):
            if present and not browser_signals.already_recorded(request, kind, config.browser_cookies):
                browser_signals.honor_signal(request, response, kind)
        self._bookkeeping(request, response, config)
        return response

    @staticmethod
    def _declines(raw: str, groups: tuple[str, ...], decline: str) -> bool:
        """Does the raw consent cookie (``a=v|b=v``) already decline every group? (No parsing: hot path.)"""
        padded = f"|{raw}|"
        for group in groups:
            if f"|{group}={decline}|" not in padded:
                return False
        return True

    @staticmethod
    def _bookkeeping(request: HttpRequest, response: HttpResponseBase, config: _Config) -> None:
        if config.language_cookie in response.cookies:
            # A language switch (Django's set_language, or the shop's own): a logged-in customer's later
            # e-mails are written in it. Only then is ``request.user`` read.
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                remember_user_language(user, response.cookies[config.language_cookie].value)
        if config.consent_cookie in response.cookies:
            record_cookie_set_by_response(request, response)
        elif getattr(request, "_privacy_cookie_updates", None):
            apply_queued_updates(request, response)
