"""Signed, expiring, single-use tokens on Django's signing, for links sent by e-mail.

A token carries a purpose, an object id and a random nonce; the nonce is also
stored on the object, and using the token replaces it, so a link works once.
The signature (salted per purpose) stops forgery; ``max_age`` stops old links.
Guests (subjects without an account) get their export through such a link;
the requests feature uses the same helpers for guest access requests.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError

from .app_settings import app_settings
from .models import Export

SALT_PREFIX = "privacy_center.tokens."


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


def dumps(purpose: str, obj_id: Any, nonce: str) -> str:
    return signing.dumps({"id": str(obj_id), "n": nonce}, salt=SALT_PREFIX + purpose, compress=False)


def loads(purpose: str, token: str, max_age: int) -> tuple[str, str] | None:
    """``(object id, nonce)`` of a valid, unexpired token for ``purpose``; ``None`` otherwise."""
    try:
        payload = signing.loads(token, salt=SALT_PREFIX + purpose, max_age=max_age)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    if not isinstance(payload, dict) or not payload.get("n") or not payload.get("id"):
        return None
    return payload["id"], payload["n"]


# -- guest export downloads ----------------------------------------------------------

EXPORT_PURPOSE = "export-download"


def _export_max_age() -> int:
    return app_settings.EXPORT_EXPIRY_HOURS * 3600


def make_export_token(export) -> str:
    """A new download link for the export; earlier links stop working."""
    nonce = new_nonce()
    Export.objects.filter(pk=export.pk).update(download_nonce=nonce)
    export.download_nonce = nonce
    return dumps(EXPORT_PURPOSE, export.pk, nonce)


def export_for_token(token: str):
    """The export a still-unused, unexpired token names, or ``None``."""
    found = loads(EXPORT_PURPOSE, token, _export_max_age())
    if found is None:
        return None
    export_id, nonce = found
    try:
        return Export.objects.filter(pk=export_id, download_nonce=nonce).exclude(download_nonce="").first()
    except (ValueError, ValidationError):  # a signed but malformed id
        return None


def use_export_token(token: str):
    """Consume the token: the export once, ``None`` if it was used, forged or expired.

    The nonce is cleared by a conditional UPDATE, so two simultaneous uses
    cannot both succeed.
    """
    export = export_for_token(token)
    if export is None:
        return None
    used = Export.objects.filter(pk=export.pk, download_nonce=export.download_nonce).update(download_nonce="")
    return export if used else None
