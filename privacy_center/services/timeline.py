"""Writing and verifying the hash-chained privacy timeline.

``record_event`` is the only way events are written. The chain is per subject:
each event's hash covers its own content and the previous event's hash.
"""

from __future__ import annotations

import hashlib
import heapq
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from ..models import PrivacyEvent, TimelineCheckpoint
from ..subjects import Subject


def _digest(event: PrivacyEvent) -> str:
    payload = {
        "subject": event.subject_key,
        "kind": event.kind,
        "summary": event.summary,
        "method": event.method,
        "data": event.data,
        "actor": event.actor_id,
        "at": event.created_at.isoformat(),
        "prev": event.prev_hash,
    }
    raw = json.dumps(payload, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)
    return hashlib.sha256(raw.encode()).hexdigest()


def record_event(
    subject: Subject | str,
    kind: str,
    summary: str,
    *,
    method: str = "",
    data: dict[str, Any] | None = None,
    actor=None,
    user=None,
) -> PrivacyEvent:
    """Append an event to the subject's timeline and return it."""
    if isinstance(subject, Subject):
        key = subject.key
        user = user if user is not None else subject.user
    else:
        key = subject
    with transaction.atomic():
        last = (
            PrivacyEvent.objects.select_for_update()
            .filter(subject_key=key)
            .order_by("-id")
            .values_list("hash", flat=True)
            .first()
        )
        event = PrivacyEvent(
            subject_key=key,
            user=user,
            kind=kind,
            summary=str(summary)[:300],
            method=method,
            data=json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder)),
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            created_at=timezone.now(),
            prev_hash=last or "",
        )
        event.hash = _digest(event)
        event.save()
    return event


class SubjectEvents:
    """A subject's events across its keys, newest first, for a ``Paginator``: each page is read per key
    along the ``(subject_key, -created_at, -id)`` index and merged, so the first pages cost the same
    whatever the number of events (an ``IN`` over the keys would sort them all on every view)."""

    def __init__(self, subject_keys: Iterable[str], counts: dict[str, int] | None = None):
        """``counts``: events per key when known (``ChainStatus.counts``), else counted in the database."""
        self.keys = list(dict.fromkeys(subject_keys))
        self._counts = {key: counts.get(key, 0) for key in self.keys} if counts is not None else None

    def _per_key(self, key: str):
        return PrivacyEvent.objects.filter(subject_key=key).order_by("-created_at", "-id")

    def count(self) -> int:
        if self._counts is None:
            self._counts = {key: self._per_key(key).count() for key in self.keys}
        return sum(self._counts.values())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1) or index.stop is None:
            raise TypeError("SubjectEvents supports [start:stop] slices only")
        start, stop = index.start or 0, index.stop
        keys = [key for key in self.keys if self._counts is None or self._counts[key]]
        if len(keys) == 1:
            return list(self._per_key(keys[0])[start:stop])
        rows = heapq.merge(*(list(self._per_key(key)[:stop]) for key in keys),
                           key=lambda event: (event.created_at, event.pk), reverse=True)
        return list(rows)[start:stop]


@dataclass
class ChainProblem:
    subject_key: str
    event_id: int
    reason: str


Tip = tuple[int, str, int, int]  # last event id, its hash, problems found, events on the chain


def verify_chain(subject_keys: Iterable[str] | None = None, *, checkpoint: bool = False) -> list[ChainProblem]:
    """Recompute every hash; return where a chain was altered, reordered or cut.

    With ``checkpoint`` the result is stored per subject (``TimelineCheckpoint``): the tip
    verified, when, and how many problems this full check found; the timeline page then
    checks only events added after that tip.
    """
    problems, tips, _ = _verify_full(subject_keys)
    if checkpoint:
        _store_full_checks(tips)
    return problems


def _verify_full(subject_keys: Iterable[str] | None) -> tuple[list[ChainProblem], dict[str, Tip], int]:
    qs = PrivacyEvent.objects.order_by("subject_key", "id")
    if subject_keys is not None:
        qs = qs.filter(subject_key__in=list(subject_keys))
    problems: list[ChainProblem] = []
    tips: dict[str, tuple[int, str, int, int]] = {}  # subject -> (last event id, its hash, problems, events)
    current_key, prev, found, checked, on_chain = None, "", 0, 0, 0
    for event in qs.iterator(chunk_size=2000):
        checked += 1
        if event.subject_key != current_key:
            current_key, prev, found, on_chain = event.subject_key, "", 0, 0
        on_chain += 1
        if event.prev_hash != prev:
            problems.append(ChainProblem(event.subject_key, event.pk, "previous hash does not match"))
            found += 1
        if _digest(event) != event.hash:
            problems.append(ChainProblem(event.subject_key, event.pk, "content was changed"))
            found += 1
        prev = event.hash
        tips[event.subject_key] = (event.pk, event.hash, found, on_chain)
    return problems, tips, checked


def _store_full_checks(tips: dict[str, Tip]) -> list[TimelineCheckpoint]:
    now = timezone.now()
    keys = list(tips)
    stored: list[TimelineCheckpoint] = []
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        existing = {cp.subject_key: cp for cp in TimelineCheckpoint.objects.filter(subject_key__in=chunk)}
        new: list[TimelineCheckpoint] = []
        changed: list[TimelineCheckpoint] = []
        for key in chunk:
            event_id, event_hash, found, count = tips[key]
            cp = existing.get(key) or TimelineCheckpoint(subject_key=key)
            cp.event_id, cp.event_hash, cp.full_checked_at, cp.full_problems = event_id, event_hash, now, found
            cp.event_count = count
            (changed if cp.pk else new).append(cp)
        with transaction.atomic():
            TimelineCheckpoint.objects.bulk_create(new, ignore_conflicts=True)
            TimelineCheckpoint.objects.bulk_update(changed, ["event_id", "event_hash", "event_count",
                                                             "full_checked_at", "full_problems"])
        stored += new + changed
    return stored


def _check_since(cp: TimelineCheckpoint) -> tuple[int, int, PrivacyEvent | None]:
    """Problems from ``cp`` on, how many newer events were recomputed, and the last of them."""
    fresh = checked = 0
    prev, last, anchored = cp.event_hash, None, False
    # The checkpoint's own event first (it must still carry the verified hash), then every newer one.
    since = PrivacyEvent.objects.filter(subject_key=cp.subject_key, pk__gte=cp.event_id).order_by("id")
    for event in since.iterator(chunk_size=2000):
        if not anchored:
            anchored = True
            if event.pk == cp.event_id:
                fresh += event.hash != cp.event_hash  # re-hashed: the chain up to it was rewritten
                continue
            fresh += 1  # the verified tip was deleted
        checked += 1
        fresh += (event.prev_hash != prev) + (_digest(event) != event.hash)
        prev, last = event.hash, event
    if not anchored:
        fresh += 1  # the verified tip (and everything after it) is gone
    return fresh, checked, last


@dataclass
class ChainStatus:
    """What the timeline page verified: the events added since each checkpoint, now; the rest at ``full_checked_at``."""

    problems: int  # found now in new events, plus those the last full check found
    checked_now: int  # events whose hash was recomputed for this answer
    full_checked_at: Any  # the oldest last full check among the subject's chains (None: no events)
    counts: dict[str, int] = field(default_factory=dict)  # events per key, as the check found them

    @property
    def verified(self) -> bool:
        return not self.problems


def verify_recent(subject_keys: Iterable[str]) -> ChainStatus:
    """Verify the subject's chains from their checkpoints on: O(events added since), not O(all events).

    A chain without a checkpoint is verified in full once (and checkpointed). A checkpoint's
    own event must still carry the hash it had when verified: rewriting the chain up to it
    shows here; a change to an older event without rewriting the hashes after it shows at
    the next full check (``privacy_verify_timeline``, daily task), and from then on here.
    """
    keys = list(dict.fromkeys(subject_keys))
    checkpoints = list(TimelineCheckpoint.objects.filter(subject_key__in=keys))
    missing = [key for key in keys if key not in {cp.subject_key for cp in checkpoints}]
    problems = checked = 0
    counts = {key: 0 for key in keys}
    if missing:  # verified in full now: the result is the checkpoint, nothing newer to check
        found, tips, checked = _verify_full(missing)
        problems += len(found)
        fresh_checks = _store_full_checks(tips)
        counts.update({key: tip[3] for key, tip in tips.items()})
        if fresh_checks and not checkpoints:
            return ChainStatus(problems, checked, min(cp.full_checked_at for cp in fresh_checks), counts)
        full = [cp.full_checked_at for cp in checkpoints + fresh_checks]
    else:
        full = [cp.full_checked_at for cp in checkpoints]
    for cp in checkpoints:
        fresh, newer, last = _check_since(cp)
        problems += cp.full_problems + fresh
        checked += newer
        counts[cp.subject_key] = cp.event_count + newer
        if last is not None and not fresh:  # advance only over what verified (compare-and-set)
            TimelineCheckpoint.objects.filter(pk=cp.pk, event_id=cp.event_id).update(
                event_id=last.pk, event_hash=last.hash, event_count=cp.event_count + newer)
    return ChainStatus(problems=problems, checked_now=checked, full_checked_at=min(full) if full else None,
                       counts=counts)
