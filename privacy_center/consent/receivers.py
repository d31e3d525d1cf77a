"""Signal receivers of the consent feature, connected in ``apps.ready``."""

from __future__ import annotations

from .services import browser_signals, cookies


def carry_consent_to_account(sender, request, user, **kwargs) -> None:
    """Consent given while anonymous follows the account at login; the most recent choice wins."""
    if request is None:
        return
    cookies.carry_over_at_login(request, user)
    browser_signals.carry_over_at_login(request, user)
