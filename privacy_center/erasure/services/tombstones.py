"""Re-applying erasures after a database restore, from tombstones (keyed hashes only).

A restore from a backup older than an erasure brings the erased rows back. Each
tombstone names the subject by ``keyed_hash("user:<id>")`` and its addresses by
``email_hash``; matching them against the restored data finds whom to erase
again. Keep ``PRIVACY_CENTER_ERASURE_TOMBSTONE_LOG`` outside the database (the
restore replaces the tombstone table too) and pass it with ``--file``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils.dateparse import parse_datetime

from ...hashing import email_hash, keyed_hash
from ...registry import site
from ...sources import ModelSource
from ...subjects import Subject
from ..models import ErasureTombstone, SubjectErasure
from .core import erase_now


@dataclass
class ReapplyReport:
    users: list[int] = field(default_factory=list)
    guest_addresses: int = 0
    tombstones_restored: int = 0
    erased: int = 0


def read_log(path: str | Path) -> list[dict]:
    entries = []
    with open(path, encoding="utf-8") as log:
        for line in log:
            if line.strip():
                entries.append(json.loads(line))
    return entries


def restore_tombstones(entries: list[dict]) -> int:
    """Put tombstones from the log back into the table (a restore lost them); returns how many."""
    known = set(ErasureTombstone.objects.values_list("subject_hash", "erased_at"))
    added = 0
    for entry in entries:
        erased_at = parse_datetime(entry["erased_at"]) or dt.datetime.now(dt.UTC)
        if (entry["subject_hash"], erased_at) in known:
            continue
        ErasureTombstone.objects.create(subject_hash=entry["subject_hash"], email_hashes=entry.get("email_hashes", []),
                                        user_action=entry.get("user_action", ""), erased_at=erased_at)
        added += 1
    return added


def find_subjects() -> tuple[list, list[str]]:
    """Users and guest addresses in today's data that a tombstone says were erased."""
    subject_hashes = set(ErasureTombstone.objects.values_list("subject_hash", flat=True))
    email_hashes: set[str] = set()
    for hashes in ErasureTombstone.objects.values_list("email_hashes", flat=True):
        email_hashes.update(hashes)
    User = get_user_model()
    completed = set(SubjectErasure.objects.filter(status=SubjectErasure.Status.COMPLETED)
                    .values_list("subject_key", flat=True))
    user_ids = [pk for pk in User._base_manager.values_list("pk", flat=True).iterator(chunk_size=5000)
                if keyed_hash(f"user:{pk}") in subject_hashes and f"user:{pk}" not in completed]
    users = list(User._base_manager.filter(pk__in=user_ids))
    addresses: set[str] = set()
    if email_hashes:
        for source in site:
            if isinstance(source, ModelSource) and source.email_path:
                values = source.model._base_manager.values_list(source.email_path, flat=True).distinct()
                for email in values.iterator(chunk_size=5000):
                    if email and email_hash(email) in email_hashes:
                        addresses.add(email.strip().casefold())
    return users, sorted(addresses)


def reapply_erasures(*, dry_run: bool = False, log_path: str | None = None) -> ReapplyReport:
    report = ReapplyReport()
    if log_path and not dry_run:
        report.tombstones_restored = restore_tombstones(read_log(log_path))
    users, addresses = find_subjects()
    report.users = [u.pk for u in users]
    report.guest_addresses = len(addresses)
    if dry_run:
        return report
    for user in users:
        erase_now(Subject.for_user(user), method="reapply")
        report.erased += 1
    for address in addresses:
        erase_now(Subject.for_email(address), method="reapply")
        report.erased += 1
    return report
