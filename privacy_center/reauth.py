"""Recent re-authentication, from allauth, for pages and the API.

Pages use allauth's own ``reauthentication_required`` decorator (it keeps a
POST and replays it after the password is confirmed). The API cannot redirect,
so ``RecentlyReauthenticated`` answers a 403 JSON with a clear reason instead.

allauth's ``did_recently_reauthenticate`` lives in an internal module; the
dependency is pinned to ``django-allauth>=65.21,<66`` and covered by a test.
A fresh login does not count: only ``/accounts/reauthenticate/`` (or MFA).
"""

from __future__ import annotations

from allauth.account.decorators import reauthentication_required
from allauth.account.internal.flows.reauthentication import did_recently_reauthenticate
from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

__all__ = ["reauthentication_required", "recently_reauthenticated", "RecentlyReauthenticated"]


def recently_reauthenticated(request) -> bool:
    """True when the user confirmed their password (or MFA) within the allowed window."""
    django_request = getattr(request, "_request", request)
    if not django_request.user.is_authenticated:
        return False
    return did_recently_reauthenticate(django_request)


class RecentlyReauthenticated(BasePermission):
    message = _(
        "This action needs a recent re-authentication: confirm your password at /accounts/reauthenticate/ "
        "and try again within 5 minutes."
    )
    code = "reauthentication_required"

    def has_permission(self, request, view) -> bool:
        return recently_reauthenticated(request)
