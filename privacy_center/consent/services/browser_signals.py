"""Browser privacy signals: Global Privacy Control and (when the shop says so) Do-Not-Track.

``Sec-GPC: 1`` is an opt-out of sale/sharing (CCPA) and declines the marketing
cookie groups; an honoured ``DNT: 1`` declines analytics and marketing cookies.
The "Your privacy choices" page (``opt_out``) records the same opt-out for a visitor
without an account and sets a cookie; from then on the middleware treats every request
of that browser exactly as one carrying ``Sec-GPC: 1``. Each signal is recorded once per
subject (``PrivacySignal``'s unique constraint);
the middleware remembers in the cache that it was recorded, so a warm request
makes no query.
"""

from __future__ import annotations

import hashlib

from cookie_consent.conf import settings as cc_settings
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponseBase

from ...app_settings import app_settings
from ...models import PrivacyEvent
from ...services.restriction import set_flags
from ...services.timeline import record_event
from ...subjects import Subject
from ..models import Method, PrivacySignal
from .cookies import (
    VISITOR_MAX_AGE,
    apply_choices,
    ensure_visitor_id,
    get_visitor_id,
    optional_groups,
    record_signal_decline,
    subject_key_for,
)

SIGNAL_KEY = "privacy_center:signal:{kind}:{token}"


def _key(kind: str, session: str, visitor: str) -> str | None:
    if not session and not visitor:
        return None
    token = hashlib.sha256(f"{session}|{visitor}".encode()).hexdigest()[:40]
    return SIGNAL_KEY.format(kind=kind, token=token)


def cookie_names() -> tuple[str, str]:
    """(session cookie, visitor cookie): the two cookies that name a browser."""
    return settings.SESSION_COOKIE_NAME, app_settings.VISITOR_COOKIE_NAME


def _browser(request: HttpRequest, names: tuple[str, str] | None = None) -> tuple[str, str]:
    session, visitor = names or cookie_names()
    return request.COOKIES.get(session, ""), request.COOKIES.get(visitor, "")


def _next_browser(request: HttpRequest, response: HttpResponseBase) -> tuple[str, str]:
    """The cookies the browser's next request will carry, counting those this response sets."""
    def value(name: str) -> str:
        morsel = response.cookies.get(name)
        if morsel is not None:
            return "" if morsel["max-age"] == 0 else morsel.value
        return request.COOKIES.get(name, "")

    return value(settings.SESSION_COOKIE_NAME), value(app_settings.VISITOR_COOKIE_NAME)


def groups_declined_by(kind: str) -> list[str]:
    groups = list(app_settings.MARKETING_COOKIE_GROUPS)
    if kind == PrivacySignal.Kind.DNT:
        groups += [g for g in app_settings.ANALYTICS_COOKIE_GROUPS if g not in groups]
    return groups


def honor_signal(request: HttpRequest, response: HttpResponseBase, kind: str) -> PrivacySignal | None:
    """Record ``kind`` for the requester once; returns the new record, or None if it was known."""
    key, user = subject_key_for(request, response)
    try:
        with transaction.atomic():
            signal = PrivacySignal.objects.create(subject_key=key, user=user, kind=kind)
            record_signal_decline(key, user, groups_declined_by(kind), method=kind)
            if user is not None:
                subject = Subject(user=user)
                if kind == PrivacySignal.Kind.GPC:
                    set_flags(subject, method=Method.GPC, opted_out_of_sale=True)
                label = PrivacySignal.Kind(kind).label
                record_event(subject, PrivacyEvent.Kind.SIGNAL_HONORED, f"{label} honoured", method=kind,
                             data={"signal": kind, "declined_cookie_groups": groups_declined_by(kind)})
    except IntegrityError:
        signal = None
    remember(request, response, kind)
    return signal


# Browsers this process already found recorded. "Recorded" never turns back into "not recorded"
# (the database row is unique and kept), so remembering it in-process is safe and spares the
# cache round trip on most requests; the shared cache still answers for other processes.
_recorded: dict[str, None] = {}
_RECORDED_MAX = 10_000


def forget_recorded() -> None:
    _recorded.clear()


def _memo(kind: str, session: str, visitor: str) -> None:
    if len(_recorded) >= _RECORDED_MAX:
        _recorded.clear()
    _recorded[f"{kind}:{session}|{visitor}"] = None


def remember(request: HttpRequest, response: HttpResponseBase, kind: str) -> None:
    """Cache that ``kind`` is recorded, under this request's browser cookies and the next request's."""
    for session, visitor in {_browser(request), _next_browser(request, response)}:
        key = _key(kind, session, visitor)
        if key is not None:
            cache.set(key, True, app_settings.SIGNAL_CACHE_TIMEOUT)
            _memo(kind, session, visitor)


def already_recorded(request: HttpRequest, kind: str, names: tuple[str, str] | None = None) -> bool:
    session, visitor = _browser(request, names)
    if not session and not visitor:
        return False
    if f"{kind}:{session}|{visitor}" in _recorded:
        return True
    if cache.get(_key(kind, session, visitor)) is True:
        _memo(kind, session, visitor)
        return True
    return False


def carry_over_at_login(request: HttpRequest, user) -> None:
    """A GPC signal or an opt-out made while anonymous in this browser applies to the account that logs in."""
    visitor = get_visitor_id(request)
    if not visitor:
        return
    kinds = set(PrivacySignal.objects.filter(
        subject_key=f"visitor:{visitor}", kind__in=[PrivacySignal.Kind.GPC, PrivacySignal.Kind.OPT_OUT],
    ).values_list("kind", flat=True))
    if kinds:
        method = Method.GPC if PrivacySignal.Kind.GPC in kinds else Method.CHOICES_PAGE
        set_flags(Subject(user=user), method=method, opted_out_of_sale=True)


# -- the "Your privacy choices" page -------------------------------------------------
def opted_out(request: HttpRequest) -> bool:
    """Has this browser opted out of sale/sharing, by GPC or on the choices page? (No query.)"""
    return bool(getattr(request, "privacy_opted_out", False) or getattr(request, "privacy_gpc", False))


def opt_out(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Opt this visitor out of the sale and sharing of their data and of targeted advertising, at once.

    Recorded against the visitor (a ``PrivacySignal`` of kind ``optout`` under their visitor id, and
    consent records declining the marketing cookie groups) and, for a logged-in customer, against the
    account too (the ``opted_out_of_sale`` flag that ``may_process`` reads, with a timeline event and the
    recipients told). The response sets the opt-out cookie and declines the groups in the consent cookie,
    so later requests are honoured like ``Sec-GPC: 1``. Returns False when it was already recorded.
    """
    kind = PrivacySignal.Kind.OPT_OUT
    visitor_key = f"visitor:{ensure_visitor_id(request, response)}"
    user = getattr(request, "user", None)
    user = user if user is not None and user.is_authenticated else None
    groups = groups_declined_by(PrivacySignal.Kind.GPC)
    with transaction.atomic():
        _signal, new = PrivacySignal.objects.get_or_create(subject_key=visitor_key, kind=kind)
        if user is not None:
            _signal, new_for_user = PrivacySignal.objects.get_or_create(subject_key=f"user:{user.pk}", kind=kind,
                                                                        defaults={"user": user})
            new = new or new_for_user
            subject = Subject(user=user)
            set_flags(subject, method=Method.CHOICES_PAGE, opted_out_of_sale=True)
            if new_for_user:
                record_event(subject, PrivacyEvent.Kind.SIGNAL_HONORED,
                             "Opted out of sale, sharing and targeted advertising", method=Method.CHOICES_PAGE,
                             data={"signal": kind, "declined_cookie_groups": groups})
        # The consent cookie declines the marketing groups now (a record for each group that changes).
        existing = optional_groups()
        apply_choices(request, response, dict.fromkeys((g for g in groups if g in existing), False),
                      method=Method.CHOICES_PAGE)
    response.set_cookie(
        app_settings.OPT_OUT_COOKIE_NAME, "1", max_age=VISITOR_MAX_AGE, httponly=True, samesite="Lax",
        secure=cc_settings.COOKIE_CONSENT_SECURE,
    )
    return new


