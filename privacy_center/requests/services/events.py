"""The request's own timeline: one small module that imports nothing above the models, so every
service (filing, e-mails, proofs, messages, automation) records events without importing another service."""

from __future__ import annotations

from typing import Any

from ..models import PrivacyRequest, RequestEvent


def actor_role(actor, default: str = "system") -> str:
    if actor is not None and getattr(actor, "is_authenticated", False):
        return "staff" if actor.is_staff else "customer"
    return default


def add_event(
    req: PrivacyRequest,
    kind: str,
    summary: str,
    *,
    actor=None,
    role: str | None = None,
    data: dict[str, Any] | None = None,
    from_status: str = "",
    to_status: str = "",
    public: bool = True,
) -> RequestEvent:
    """Append one event to the request's timeline."""
    return RequestEvent.objects.create(
        request=req,
        kind=kind,
        summary=str(summary)[:300],
        data=data or {},
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_role=role or actor_role(actor),
        from_status=from_status,
        to_status=to_status,
        public=public,
    )
