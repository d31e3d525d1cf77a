"""Rate limits of the privacy API: per user (or IP for guests), with defaults a shop may override.

``DEFAULT_THROTTLE_RATES`` is read on each request, not at import (DRF's
``SimpleRateThrottle.THROTTLE_RATES`` is fixed at import, which breaks
``override_settings``), and a scope the shop did not configure falls back to
the default here instead of failing.
"""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle

from ..client_ip import client_ip

DEFAULT_RATES = {
    "privacy_center": "60/min",
    "privacy_center_export": "10/hour",
    "privacy_center_correction": "30/hour",
}


class ClientIPMixin:
    """Anonymous callers are told apart by ``privacy_center.client_ip``, never by a header they choose.

    DRF's own ``get_ident`` believes the whole ``X-Forwarded-For`` when ``NUM_PROXIES`` is unset,
    so a new header value per request would reset the limit.
    """

    def get_ident(self, request) -> str:
        return client_ip(request) or "unknown"


class PrivacyCenterThrottle(ClientIPMixin, UserRateThrottle):
    """Reads and corrections of one's own data: ``privacy_center`` (default 60/min)."""

    scope = "privacy_center"

    def get_rate(self) -> str | None:
        rates = api_settings.DEFAULT_THROTTLE_RATES or {}
        rate = rates.get(self.scope, DEFAULT_RATES.get(self.scope))
        return str(rate) if rate is not None else None


class ExportThrottle(PrivacyCenterThrottle):
    """Starting exports: ``privacy_center_export`` (default 10/hour); each builds a whole ZIP."""

    scope = "privacy_center_export"


class CorrectionThrottle(PrivacyCenterThrottle):
    """Corrections: ``privacy_center_correction`` (default 30/hour)."""

    scope = "privacy_center_correction"


class PrivacyScopedThrottle(ClientIPMixin, ScopedRateThrottle):
    """DRF's ``ScopedRateThrottle`` (the view's ``throttle_scope``), keyed on the client IP for guests."""


class PrivacyAnonThrottle(ClientIPMixin, AnonRateThrottle):
    """Anonymous calls per client IP; subclasses set ``rate``."""
