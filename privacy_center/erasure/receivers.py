"""Signal receivers of erasure; they never raise into the sender."""

from __future__ import annotations

import logging

from .services.retention import cancel_inactivity_warnings

logger = logging.getLogger("privacy_center.erasure")


def keep_active_account(sender, request=None, user=None, **kwargs) -> None:
    """Logging in again cancels a pending inactive-account erasure (the warning e-mail says so)."""
    try:
        cancel_inactivity_warnings(user)
    except Exception:  # a login must never fail because of this
        logger.exception("could not cancel inactivity warnings of user %s", getattr(user, "pk", None))
