"""The suppression list: keyed hashes of addresses that marketing must never re-add.

Newsletter sign-up, marketing opt-in and imports call ``is_suppressed`` first.
"""

from __future__ import annotations

from ..hashing import email_hash
from ..models import SuppressedEmail


def suppress(email: str, reason: str) -> SuppressedEmail:
    entry, _ = SuppressedEmail.objects.get_or_create(email_hash=email_hash(email), defaults={"reason": reason})
    return entry


def is_suppressed(email: str) -> bool:
    return SuppressedEmail.objects.filter(email_hash=email_hash(email)).exists()


def unsuppress(email: str) -> int:
    """Remove an address (the person explicitly opted in again, confirmed by double opt-in)."""
    deleted, _ = SuppressedEmail.objects.filter(email_hash=email_hash(email)).delete()
    return deleted
