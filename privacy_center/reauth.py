"""Recent re-authentication, from allauth, for pages and the API.

Pages use allauth's own ``reauthentication_required`` decorator (it keeps a
POST and replays it after the password is confirmed). The API cannot redirect,
so ``RecentlyReauthenticated`` answers a 403 JSON with a clear reason instead.

allauth's ``did_recently_reauthenticate`` lives in an internal module; the
dependency is pinned to ``django-allauth>=65.21,<66`` and covered by a test.
A fresh login does not count: only ``/accounts/reauthenticate/`` (or MFA).
"""

from __future__ import annotations

import math

from allauth.account import app_settings as allauth_settings
from allauth.account.decorators import reauthentication_required
from allauth.account.internal.flows.reauthentication import did_recently_reauthenticate
from django.utils.translation import ngettext
from rest_framework.permissions import BasePermission

__all__ = ["reauthentication_required", "recently_reauthenticated", "reauthentication_message",
           "RecentlyReauthenticated"]


def recently_reauthenticated(request) -> bool:
    """True when the user confirmed their password (or MFA) within the allowed window."""
    django_request = getattr(request, "_request", request)
    if not django_request.user.is_authenticated:
        return False
    return did_recently_reauthenticate(django_request)


def reauthentication_message() -> str:
    """What an API client is told: where to confirm the password, and for how long it counts
    (allauth's ``ACCOUNT_REAUTHENTICATION_TIMEOUT``, read now, so the text follows the setting)."""
    minutes = max(1, math.ceil(allauth_settings.REAUTHENTICATION_TIMEOUT / 60))
    return ngettext(
        "This action needs a recent re-authentication: confirm your password at /accounts/reauthenticate/ "
        "and try again within %(minutes)d minute.",
        "This action needs a recent re-authentication: confirm your password at /accounts/reauthenticate/ "
        "and try again within %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


class RecentlyReauthenticated(BasePermission):
    code = "reauthentication_required"

    @property
    def message(self) -> str:  # read by DRF's permission_denied when has_permission is False
        return reauthentication_message()

    def has_permission(self, request, view) -> bool:
        return recently_reauthenticated(request)
