"""Writing and verifying the hash-chained privacy timeline.

``record_event`` is the only way events are written. The chain is per subject:
each event's hash covers its own content and the previous event's hash.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from ..models import PrivacyEvent
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


@dataclass
class ChainProblem:
    subject_key: str
    event_id: int
    reason: str


def verify_chain(subject_keys: Iterable[str] | None = None) -> list[ChainProblem]:
    """Recompute every hash; return where a chain was altered, reordered or cut."""
    qs = PrivacyEvent.objects.order_by("subject_key", "id")
    if subject_keys is not None:
        qs = qs.filter(subject_key__in=list(subject_keys))
    problems: list[ChainProblem] = []
    current_key, prev = None, ""
    for event in qs.iterator(chunk_size=2000):
        if event.subject_key != current_key:
            current_key, prev = event.subject_key, ""
        if event.prev_hash != prev:
            problems.append(ChainProblem(event.subject_key, event.pk, "previous hash does not match"))
        if _digest(event) != event.hash:
            problems.append(ChainProblem(event.subject_key, event.pk, "content was changed"))
        prev = event.hash
    return problems
