"""The shop's public address, for links in e-mails sent by tasks (no request at hand).

``PRIVACY_CENTER_SITE_URL`` wins. Without it, the origin of the last privacy page a
visitor opened is kept in the default cache and used by later mails, so a shop that
forgot the setting still sends links to itself rather than to localhost. The origin is
taken only from a host Django validated against an explicit ``ALLOWED_HOSTS`` (never
``"*"``), so a forged ``Host`` header cannot plant an address in e-mails.
``check --deploy`` still warns while the setting is empty or local (``privacy_center.W025``).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost

from .app_settings import app_settings

CACHE_KEY = "privacy_center:site_origin"
DEVELOPMENT_URL = "http://127.0.0.1:8000"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "0.0.0.0", "::1", "testserver"}


def site_url() -> str:
    """Base of absolute links built without a request: the setting, the remembered origin, then localhost."""
    return (app_settings.SITE_URL or cache.get(CACHE_KEY) or DEVELOPMENT_URL).rstrip("/")


def remember_origin(request) -> None:
    """Keep the request's origin for later mails, when the setting is empty and the host is trustworthy."""
    if app_settings.SITE_URL or "*" in settings.ALLOWED_HOSTS or not settings.ALLOWED_HOSTS:
        return
    try:
        origin = f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        return
    if cache.get(CACHE_KEY) != origin:
        cache.set(CACHE_KEY, origin, None)


def is_local(url: str) -> bool:
    """Whether a site URL points at this machine or a development name."""
    host = (urlsplit(url).hostname or "").lower()
    return not host or host in LOCAL_HOSTS or host.startswith("127.") or host.endswith((".local", ".localhost"))
