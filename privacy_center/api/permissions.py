"""Who may use the core privacy API: a signed-in customer, for their own data only.

Ownership is enforced by looking rows up through the caller's subject (another
customer's id is a 404, never a 403 that would confirm it exists).
``RecentlyReauthenticated`` (``privacy_center.reauth``) guards contact-data
corrections; it is applied per change in the view, since only some fields need it.
"""

from __future__ import annotations

from rest_framework.permissions import IsAuthenticated

from ..reauth import RecentlyReauthenticated

__all__ = ["IsCustomer", "RecentlyReauthenticated"]


class IsCustomer(IsAuthenticated):
    """A signed-in, active user: the subject of their own data."""

    def has_permission(self, request, view) -> bool:
        return super().has_permission(request, view) and request.user.is_active
