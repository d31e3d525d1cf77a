"""Authorized agents: a request on someone's behalf, with proof that staff check before anything is done."""

from __future__ import annotations

from django.db import transaction

from . import ratelimit
from .core import Filing, submit_request
from .guest import RateLimited
from .proofs import attach_proof


def agent_submit(*, agent_name: str, agent_email: str, relationship: str, subject_name: str, subject_email: str,
                 request_type: str, details: str, proof, ip: str | None) -> Filing:
    """File the request (awaiting staff verification) and store the proof privately. Raises ``RateLimited``."""
    if not ratelimit.hit_all(ip=ip, email=agent_email):
        raise RateLimited("rate limited")
    with transaction.atomic():
        filing = submit_request(
            request_type, email=subject_email, name=subject_name, details=details, role="agent",
            agent={"name": agent_name, "email": agent_email, "relationship": relationship},
        )
        attach_proof(filing.request, proof, role="agent")
    return filing
