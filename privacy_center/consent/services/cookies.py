"""Cookie choices on top of django-cookie-consent, with per-subject consent records.

django-cookie-consent keeps the choice in one cookie and logs nothing about who
made it. Every change of a group's state goes through ``record_changes`` here,
which writes a ``ConsentRecord`` (and a timeline event for logged-in users), so
the shop can prove who consented to what, when, under which policy version and how.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from typing import Any

from cookie_consent.cache import all_cookie_groups
from cookie_consent.conf import settings as cc_settings
from cookie_consent.util import get_cookie_dict_from_request, parse_cookie_str, set_cookie_dict_to_response
from django.db import transaction
from django.http import HttpRequest, HttpResponseBase

from ...app_settings import app_settings
from ...models import PrivacyEvent
from ...recipients import Event
from ...services import notifications
from ...services.timeline import record_event
from ...signals import consent_changed
from ...subjects import Subject
from ..models import ConsentRecord, Method
from .policy import policy_version

_VISITOR_RE = re.compile(r"^[0-9a-f]{32}$")
VISITOR_MAX_AGE = 395 * 24 * 3600  # 13 months, as long as consent is commonly kept


def decline_value() -> str:
    """The value django-cookie-consent stores for a declined group (read each time: settings can change)."""
    return cc_settings.COOKIE_CONSENT_DECLINE  # type: ignore[misc]  # an appconf setting the stubs do not know


# -- who: users and anonymous visitors -------------------------------------------
def get_visitor_id(request: HttpRequest) -> str | None:
    """The visitor id from this request's cookie (or one made earlier in this request)."""
    made = getattr(request, "_privacy_visitor_id", None)
    if made:
        return made
    value = request.COOKIES.get(app_settings.VISITOR_COOKIE_NAME, "")
    return value if _VISITOR_RE.match(value) else None


def ensure_visitor_id(request: HttpRequest, response: HttpResponseBase | None) -> str:
    """The visitor id, made and set on the response when the browser has none yet."""
    visitor = get_visitor_id(request)
    if visitor is None:
        visitor = uuid.uuid4().hex
        request._privacy_visitor_id = visitor  # type: ignore[attr-defined]  # per-request state, read with getattr
    if response is not None and request.COOKIES.get(app_settings.VISITOR_COOKIE_NAME) != visitor:
        response.set_cookie(
            app_settings.VISITOR_COOKIE_NAME, visitor, max_age=VISITOR_MAX_AGE, httponly=True,
            samesite="Lax", secure=cc_settings.COOKIE_CONSENT_SECURE,
        )
    return visitor


def subject_key_for(request: HttpRequest, response: HttpResponseBase | None) -> tuple[str, Any]:
    """(subject key, user or None) for the person making this request."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}", user
    return f"visitor:{ensure_visitor_id(request, response)}", None


# -- state -------------------------------------------------------------------------
def optional_groups() -> Mapping:
    """Optional cookie groups by varname, from django-cookie-consent's cache (no query when warm)."""
    return all_cookie_groups()


def _state(value: str | None, group) -> bool | None:
    if value is None:
        return None
    if value == decline_value():
        return False
    # Consent to an older version of the group (before a cookie was added) is no consent.
    return True if value >= group.get_version() else None


def choices_from_cookie(cookie_dict: Mapping[str, str]) -> dict[str, bool | None]:
    """Each optional group's state in a parsed consent cookie: True, False or None (undecided)."""
    return {varname: _state(cookie_dict.get(varname), group) for varname, group in optional_groups().items()}


def current_choices(request: HttpRequest) -> dict[str, bool | None]:
    """The visitor's current choice per optional group (browser signals already applied)."""
    return choices_from_cookie(get_cookie_dict_from_request(request))


def consent_mode_state(choices: Mapping[str, bool | None]) -> dict[str, str]:
    """Google Consent Mode v2 values: granted only for groups explicitly accepted."""
    return {
        kind: "granted" if choices.get(varname) is True else "denied"
        for kind, varname in app_settings.CONSENT_MODE.items()
    }


# -- changes ---------------------------------------------------------------------------
def signal_locked_groups(request: HttpRequest) -> set[str]:
    """Groups a browser signal (GPC, honoured DNT) or the choices page's opt-out keeps declined whatever is
    chosen."""
    locked: set[str] = set()
    if getattr(request, "privacy_gpc", False) or getattr(request, "privacy_opted_out", False):
        locked.update(app_settings.MARKETING_COOKIE_GROUPS)
    if getattr(request, "privacy_dnt", False):
        locked.update(app_settings.MARKETING_COOKIE_GROUPS + app_settings.ANALYTICS_COOKIE_GROUPS)
    return locked


def apply_choices(
    request: HttpRequest, response: HttpResponseBase, choices: Mapping[str, bool], *, method: str
) -> list[ConsentRecord]:
    """Set the consent cookie on ``response`` to ``choices`` and record what changed.

    Unknown group names are ignored; groups a browser signal declines stay declined.
    """
    groups = optional_groups()
    locked = signal_locked_groups(request)
    old = get_cookie_dict_from_request(request)
    new = dict(old)
    for varname, granted in choices.items():
        group = groups.get(varname)
        if group is None:
            continue
        if granted and varname not in locked:
            new[varname] = group.get_version()
        else:
            new[varname] = decline_value()
            if group.is_deletable:
                for cookie in group.cookie_set.all():
                    response.delete_cookie(cookie.name, cookie.path, cookie.domain or None)
    set_cookie_dict_to_response(response, new)
    return record_changes(request, response, old, new, method=method)


def record_changes(
    request: HttpRequest, response: HttpResponseBase | None, old: Mapping[str, str], new: Mapping[str, str],
    *, method: str,
) -> list[ConsentRecord]:
    """Write a consent record for every group whose state differs between two cookie values."""
    request._privacy_consent_recorded = True  # type: ignore[attr-defined]  # per-request state, read with getattr
    before, after = choices_from_cookie(old), choices_from_cookie(new)
    changed = {g: state for g, state in after.items() if state is not None and state != before.get(g)}
    if not changed:
        return []
    key, user = subject_key_for(request, response)
    groups = optional_groups()
    return [
        _record(key, user, varname, granted, method=method, group_version=groups[varname].get_version())
        for varname, granted in changed.items()
    ]


def record_cookie_set_by_response(request: HttpRequest, response: HttpResponseBase) -> list[ConsentRecord]:
    """Record a change django-cookie-consent's own views (or its JS bar) made to the consent cookie."""
    morsel = response.cookies.get(cc_settings.COOKIE_CONSENT_NAME)
    if morsel is None or getattr(request, "_privacy_consent_recorded", False):
        return []
    method = Method.BANNER if request.headers.get("X-Cookie-Consent-Fetch") else Method.SETTINGS
    return record_changes(request, response, get_cookie_dict_from_request(request), parse_cookie_str(morsel.value),
                          method=method)


def _record(key: str, user, group: str, granted: bool, *, method: str, group_version: str = "",
            version: str | None = None, data: dict | None = None) -> ConsentRecord:
    version = policy_version() if version is None else version
    with transaction.atomic():
        before = (ConsentRecord.objects.filter(subject_key=key, group=group).order_by("-id")
                  .values_list("granted", flat=True).first())
        record = ConsentRecord.objects.create(
            subject_key=key, user=user, group=group, granted=granted, method=method,
            policy_version=version, group_version=group_version,
        )
        if user is not None and before is True and not granted:
            # A withdrawal (not a first "no"): recipients that got data under this consent are told (Art. 7(3), 19).
            notifications.notify(Subject(user=user), Event.CONSENT_WITHDRAWN, about=f"consent:{record.pk}",
                                 consent_group=group)
        if user is not None:
            kind = PrivacyEvent.Kind.CONSENT_GIVEN if granted else PrivacyEvent.Kind.CONSENT_WITHDRAWN
            verb = "accepted" if granted else "declined"
            record_event(
                Subject(user=user), kind, f"Cookies '{group}' {verb} ({Method(method).label})", method=method,
                data={"group": group, "granted": granted, "policy_version": version, **(data or {})},
            )
    subject = Subject(user=user) if user is not None else None
    consent_changed.send(sender=ConsentRecord, subject=subject, subject_key=key, group=group, granted=granted,
                         method=method, policy_version=version)
    return record


def record_signal_decline(key: str, user, groups: list[str], *, method: str) -> list[ConsentRecord]:
    """Record that a browser signal declined ``groups`` (those that exist)."""
    existing = optional_groups()
    return [
        _record(key, user, g, False, method=method, group_version=existing[g].get_version())
        for g in groups if g in existing
    ]


# -- history and login ------------------------------------------------------------------
def latest_by_group(subject_key: str) -> dict[str, ConsentRecord]:
    latest: dict[str, ConsentRecord] = {}
    for record in ConsentRecord.objects.filter(subject_key=subject_key).order_by("-created_at", "-id")[:200]:
        latest.setdefault(record.group, record)
    return latest


def carry_over_at_login(request: HttpRequest, user) -> dict[str, bool]:
    """Make the most recent choice win between this browser's visitor records and the account.

    The visitor's newer choices are copied to the account; the account's newer choices
    are returned (and queued for the middleware to write into this browser's cookie).
    """
    user_key = f"user:{user.pk}"
    user_latest = latest_by_group(user_key)
    visitor = get_visitor_id(request)
    visitor_latest = latest_by_group(f"visitor:{visitor}") if visitor else {}
    groups = optional_groups()
    browser = current_choices(request)
    to_browser: dict[str, bool] = {}
    for varname, group in groups.items():
        mine, theirs = user_latest.get(varname), visitor_latest.get(varname)
        if theirs is not None and (mine is None or theirs.created_at > mine.created_at):
            _record(user_key, user, varname, theirs.granted, method=Method.LOGIN, group_version=theirs.group_version,
                    version=theirs.policy_version,
                    data={"chosen_at": theirs.created_at.isoformat(), "chosen_by": theirs.method})
        elif mine is not None and browser.get(varname) != mine.granted:
            still_valid = not mine.granted or mine.group_version >= group.get_version()
            if still_valid:
                to_browser[varname] = mine.granted
    if to_browser:
        request._privacy_cookie_updates = to_browser  # type: ignore[attr-defined]  # per-request state, read with getattr
    return to_browser


def apply_queued_updates(request: HttpRequest, response: HttpResponseBase) -> None:
    """Write account choices queued at login into the consent cookie (no new records: nothing changed)."""
    updates = getattr(request, "_privacy_cookie_updates", None)
    if not updates:
        return
    groups = optional_groups()
    new = get_cookie_dict_from_request(request)
    for varname, granted in updates.items():
        if varname in groups:
            new[varname] = groups[varname].get_version() if granted else decline_value()
    set_cookie_dict_to_response(response, new)


def history(subject_key: str, limit: int = 50) -> list[ConsentRecord]:
    return list(ConsentRecord.objects.filter(subject_key=subject_key).order_by("-created_at", "-id")[:limit])
