"""Send limits: how often one address, one client IP or one user may make the shop send mail or start work.

Every form and API call that sends an e-mail or starts a job (newsletter sign-up, contact form,
request messages, starting an export, the guest portal) calls ``check_send(action, ...)`` before
doing anything; pages and API share the same counters, so neither is a way around the other.

An address is counted under its canonical form (``canonical_address``): Unicode NFKC (a
full-width ``ｅｘａｍｐｌｅ.org`` is delivered to ``example.org``), the domain in IDNA, case
folded, and without a ``+tag`` (delivered to the same mailbox). The IP is the one from
``privacy_center.client_ip``. Counts are fixed windows in Django's default cache (Redis in
production, shared between processes), under keyed hashes, never the address itself.
"""

from __future__ import annotations

import time
import unicodedata

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from .app_settings import app_settings
from .client_ip import client_ip
from .hashing import keyed_hash


class RateLimited(Exception):
    """Too many attempts in the current window; ``retry_after`` is in seconds."""

    def __init__(self, message=None, retry_after: int = 0) -> None:
        self.message = message or _("Too many attempts. Please wait a while and try again.")
        self.retry_after = retry_after
        super().__init__(str(self.message))


def _domain(domain: str) -> str:
    labels = []
    for label in domain.strip(".").split("."):
        try:
            labels.append(label.encode("idna").decode("ascii") if label else label)
        except UnicodeError:
            labels.append(label)
    return ".".join(labels).lower()


def canonical_address(email: str) -> str:
    """The mailbox an address is delivered to: ``Ada+News@ＥＸＡＭＰＬＥ.org`` -> ``ada@example.org``."""
    text = unicodedata.normalize("NFKC", email or "").strip()
    text = unicodedata.normalize("NFKC", text.casefold())
    local, at, domain = text.rpartition("@")
    if not at:
        return text
    local = local.split("+", 1)[0] or local
    return f"{local}@{_domain(domain)}"


def _bucket_key(scope: str, value: str, window: int) -> str:
    return f"privacy_center:limit:{scope}:{keyed_hash(scope + ':' + value)[:32]}:{int(time.time() // window)}"


def hit(scope: str, value: str | None, limit: int, window: int) -> tuple[bool, int]:
    """Count one attempt for ``value`` in ``scope``; (still within the limit, seconds left in the window)."""
    if not value:
        return True, 0
    key = _bucket_key(scope, value, window)
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 1)
        count = 1
    return count <= limit, window - int(time.time() % window)


def check_send(action: str, *, request=None, email: str | None = None, user=None) -> None:
    """Count one ``action`` for the address, the client IP and the user; raise ``RateLimited`` past any limit.

    Every scope configured for the action in ``PRIVACY_CENTER_SEND_LIMITS`` (``<action>_email``,
    ``<action>_ip``, ``<action>_user``) is counted, even once one is over, so that a flood from
    many addresses still fills the IP's count.
    """
    limits = app_settings.SEND_LIMITS
    values = {
        "email": canonical_address(email) if email else None,
        "ip": client_ip(request) if request is not None else None,
        "user": str(user.pk) if user is not None and getattr(user, "is_authenticated", False) else None,
    }
    blocked, retry_after = False, 0
    for kind, value in values.items():
        scope = f"{action}_{kind}"
        if scope not in limits or value is None:
            continue
        ok, left = hit(scope, value, *limits[scope])
        if not ok:
            blocked, retry_after = True, max(retry_after, left)
    if blocked:
        raise RateLimited(retry_after=retry_after)
