"""The client's IP address, trusting ``X-Forwarded-For`` only as far as the shop says (one function for all).

``PRIVACY_CENTER_TRUSTED_PROXY_COUNT`` (default 0) is how many reverse proxies in front of the
site append to ``X-Forwarded-For``. With 0 the header is ignored and ``REMOTE_ADDR`` is the
client: anyone can send the header, so believing it would let a new value per request reset
every per-IP limit. With n > 0 the client is the n-th address from the right, the one the
outermost trusted proxy saw (the same rule as DRF's ``NUM_PROXIES`` and allauth's
``ALLAUTH_TRUSTED_PROXY_COUNT``; ``privacy_center.W021`` warns when those disagree with it).
The app's own send limits, the adapter and the API throttles all call ``client_ip``.
"""

from __future__ import annotations

import ipaddress

from .app_settings import app_settings


def _valid(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The address of the client that sent ``request`` (a Django or DRF request); ``None`` if unknown."""
    request = getattr(request, "_request", request)
    remote = _valid(request.META.get("REMOTE_ADDR"))
    count = app_settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count <= 0 or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if not hops:
        return remote
    # Fewer hops than trusted proxies: the request did not come through all of them; the leftmost one is
    # still what the first proxy we trust saw.
    return _valid(hops[-min(count, len(hops))]) or remote
