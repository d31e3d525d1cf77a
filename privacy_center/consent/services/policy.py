"""Privacy policy versions: which one is in effect, who still has to review a material change.

The layout asks on every page whether the logged-in customer has a material
change to review, so both answers come from the cache: the version list is
cached until a version is saved, and each customer's acknowledgement is cached
once looked up.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from ...models import PrivacyEvent
from ...services.timeline import record_event
from ...subjects import Subject
from ..models import POLICIES_KEY, PolicyAcknowledgement, PrivacyPolicy

ACK_KEY = "privacy_center:policy_ack:{user}:{policy}"
TIMEOUT = 3600


def all_policies() -> list:
    """Every version, newest first (cached)."""
    policies = cache.get(POLICIES_KEY)
    if policies is None:
        policies = list(PrivacyPolicy.objects.order_by("-effective_at", "-id"))
        cache.set(POLICIES_KEY, policies, TIMEOUT)
    return policies


def current_policy():
    """The version in effect now, or None when the shop has published none."""
    moment = timezone.now()
    return next((p for p in all_policies() if p.effective_at <= moment), None)


def policy_version() -> str:
    policy = current_policy()
    return policy.version if policy else ""


def material_policy_to_review(user):
    """The latest material version in effect that ``user`` has not acknowledged, else None.

    Customers who joined after it took effect accepted it at sign-up and are not asked.
    """
    if user is None or not user.is_authenticated:
        return None
    moment = timezone.now()
    policy = next((p for p in all_policies() if p.effective_at <= moment and p.is_material), None)
    if policy is None or (user.date_joined and user.date_joined >= policy.effective_at):
        return None
    key = ACK_KEY.format(user=user.pk, policy=policy.pk)
    acknowledged = cache.get(key)
    if acknowledged is None:
        acknowledged = policy.acknowledgements.filter(user=user).exists()
        cache.set(key, acknowledged, TIMEOUT)
    return None if acknowledged else policy


def acknowledge(user, policy, *, method: str):
    """Record that ``user`` reviewed ``policy`` (once); returns the acknowledgement."""
    try:
        with transaction.atomic():
            ack = PolicyAcknowledgement.objects.create(user=user, policy=policy, method=method)
            record_event(Subject(user=user), PrivacyEvent.Kind.POLICY_ACKNOWLEDGED,
                         f"Privacy policy {policy.version} acknowledged", method=method,
                         data={"policy_version": policy.version, "material": policy.is_material})
    except IntegrityError:
        ack = PolicyAcknowledgement.objects.get(user=user, policy=policy)
    cache.set(ACK_KEY.format(user=user.pk, policy=policy.pk), True, TIMEOUT)
    return ack
