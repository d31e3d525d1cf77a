"""Fixed-window rate limits in the cache, per client IP, canonical e-mail address, or user.

Counts live in Django's default cache (Redis in production, shared between processes).
Keys hold a keyed hash, never the address itself. ``hit`` counts an attempt and says
whether it is still within the limit; the same work is done for known and unknown
addresses, so a limit never tells which is which.
"""

from __future__ import annotations

import time

from django.core.cache import cache

from ...app_settings import app_settings
from ...hashing import keyed_hash
from ...limits import canonical_address


def _key(scope: str, value: str) -> str:
    limit, window = app_settings.REQUEST_RATE_LIMITS[scope]
    bucket = int(time.time() // window)
    return f"privacy_requests:rl:{scope}:{keyed_hash(scope + ':' + value)[:32]}:{bucket}"


def hit(scope: str, value: str | None) -> bool:
    """Count one attempt; ``False`` once the scope's limit is passed in the current window."""
    if not value:
        return True
    if scope in ("email", "order_proof"):
        # The mailbox, not the spelling: plus-tags, case and full-width look-alikes share one count.
        value = canonical_address(value)
    limit, window = app_settings.REQUEST_RATE_LIMITS[scope]
    key = _key(scope, str(value))
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 1)
        count = 1
    return count <= limit


def hit_all(**scopes: str | None) -> bool:
    """Count the attempt in every scope (all of them, even past a limit); ``True`` if all are within."""
    results = [hit(scope, value) for scope, value in scopes.items()]
    return all(results)
