from __future__ import annotations

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, value: str | None, default: str) -> str:
    """``value`` if it is a local URL, else ``default`` (no open redirects)."""
    if value and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()},
                                                 require_https=request.is_secure()):
        return value
    return default
