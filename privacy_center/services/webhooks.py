"""Signed webhooks to recipients, as the Standard Webhooks specification writes them (standardwebhooks.com).

Each request carries ``webhook-id`` (the notification's idempotency id, the same on every retry),
``webhook-timestamp`` (seconds since the epoch, of this attempt) and ``webhook-signature``:
``v1,<base64 of HMAC-SHA256(secret, "<id>.<timestamp>.<body>")>``, where the secret is the bytes of the
base64 after ``whsec_``. A receiver verifies the signature and rejects timestamps far from its clock;
it treats a repeated ``webhook-id`` as already done. Any 2xx answer is the receiver's acknowledgement;
anything else, or no answer within ``PRIVACY_CENTER_RECIPIENT_WEBHOOK_TIMEOUT`` seconds, is a failure the
outbox retries.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
import urllib.error
import urllib.request

from ..app_settings import app_settings

SECRET_PREFIX = "whsec_"


class WebhookError(Exception):
    pass


def secret_bytes(secret: str) -> bytes:
    """The key of a ``whsec_<base64>`` secret; ``ValueError`` if it is not one."""
    if not secret.startswith(SECRET_PREFIX):
        raise ValueError("A webhook secret starts with 'whsec_' followed by base64.")
    try:
        key = base64.b64decode(secret[len(SECRET_PREFIX):], validate=True)
    except ValueError as exc:
        raise ValueError("A webhook secret's part after 'whsec_' must be base64.") from exc
    if len(key) < 24:
        raise ValueError("A webhook secret must hold at least 24 random bytes.")
    return key


def sign(secret: str, webhook_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_bytes(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def verify(secret: str, headers, body: bytes, *, tolerance: int = 300, now: int | None = None) -> bool:
    """What a receiver does (used by the tests and the benchmark's receiver): a valid, recent signature."""
    webhook_id, timestamp = headers.get("webhook-id", ""), headers.get("webhook-timestamp", "")
    try:
        ts = int(timestamp)
    except ValueError:
        return False
    if abs((now or int(time.time())) - ts) > tolerance:
        return False
    expected = sign(secret, webhook_id, ts, body).split(",", 1)[1]
    for candidate in headers.get("webhook-signature", "").split():
        version, _, value = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected):
            return True
    return False


def headers_for(secret: str, webhook_id: str, body: bytes, *, timestamp: int | None = None) -> dict[str, str]:
    ts = int(time.time()) if timestamp is None else timestamp
    return {
        "Content-Type": "application/json", "User-Agent": "django-privacy-center",
        "webhook-id": webhook_id, "webhook-timestamp": str(ts), "webhook-signature": sign(secret, webhook_id, ts, body),
    }


def post(url: str, secret: str, webhook_id: str, body: bytes) -> int:
    """One signed POST; returns the status code of a 2xx answer, raises ``WebhookError`` otherwise."""
    request = urllib.request.Request(url, data=body, method="POST", headers=headers_for(secret, webhook_id, body))
    try:
        with urllib.request.urlopen(request, timeout=float(app_settings.RECIPIENT_WEBHOOK_TIMEOUT)) as response:
            response.read(1024)
            return response.status
    except urllib.error.HTTPError as exc:
        raise WebhookError(f"HTTP {exc.code} from the receiver") from None
    except (urllib.error.URLError, OSError) as exc:  # refused, DNS, timeout
        reason = getattr(exc, "reason", exc)
        raise WebhookError(f"No answer from the receiver: {reason}") from None
