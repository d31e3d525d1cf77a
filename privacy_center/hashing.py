"""Keyed hashes of personal identifiers (HMAC-SHA256 with PRIVACY_CENTER_HASH_KEY).

Used where the app must recognise a person again without keeping who they are:
the suppression list, erasure tombstones, subject keys of guests.
"""

from __future__ import annotations

import hashlib
import hmac

from .app_settings import app_settings


def normalize_email(email: str) -> str:
    return email.strip().casefold()


def keyed_hash(value: str) -> str:
    key = app_settings.HASH_KEY.encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def email_hash(email: str) -> str:
    return keyed_hash("email:" + normalize_email(email))
