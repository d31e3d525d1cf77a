"""The demo shop's marketing: newsletter sending and "recommended for you", both asking privacy_center first.

- Recipients come from the consent feature's active newsletter subscriptions, minus
  subjects who restricted processing, objected to marketing or are being erased
  (``exclude_restricted``), minus addresses on the suppression list.
- Each message is a task checked again when it runs (``respects_restriction``), so a
  newsletter queued before the customer objected is not sent; a message that passes goes
  through privacy_center's outbox (retried while the mail server is down, never twice).
- Recommendations are personal only when ``may_process(subject, "recommendations")``;
  otherwise everyone sees the same best sellers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from celery import shared_task
from django.core.mail import EmailMessage
from django.db.models import Count, F, Q, Sum

from privacy_center import may_process
from privacy_center.hashing import email_hash
from privacy_center.models import SuppressedEmail
from privacy_center.services.outbox import enqueue_email
from privacy_center.services.restriction import exclude_restricted, respects_restriction
from privacy_center.subjects import Subject

from .models import Order, OrderLine, Product, WishlistItem

PURPOSE_NEWSLETTER = "newsletter"
PURPOSE_RECOMMENDATIONS = "recommendations"


@dataclass(frozen=True)
class Recipient:
    email: str
    user_id: int | None


def newsletter_recipients(chunk_size: int = 500) -> Iterator[Recipient]:
    """Active newsletter subscribers the shop may still market to."""
    from privacy_center.consent.models import Subscription

    subscriptions = Subscription.objects.filter(channel="newsletter", status=Subscription.Status.ACTIVE)
    subscriptions = exclude_restricted(subscriptions, PURPOSE_NEWSLETTER, user_field="user", email_field="email")
    rows = subscriptions.order_by("pk").values_list("email", "user_id")
    chunk: list[tuple[str, int | None]] = []
    for row in rows.iterator(chunk_size=chunk_size):
        chunk.append(row)
        if len(chunk) >= chunk_size:
            yield from _unsuppressed(chunk)
            chunk = []
    yield from _unsuppressed(chunk)


def _unsuppressed(rows: list[tuple[str, int | None]]) -> Iterator[Recipient]:
    """One query per chunk against the suppression list (keyed hashes)."""
    hashes = {email: email_hash(email) for email, _ in rows}
    blocked = set(SuppressedEmail.objects.filter(email_hash__in=hashes.values()).values_list("email_hash", flat=True))
    for email, user_id in rows:
        if hashes[email] not in blocked:
            yield Recipient(email, user_id)


@shared_task(name="shop_demo.send_newsletter_message", acks_late=True)
@respects_restriction(PURPOSE_NEWSLETTER, user_arg="user_id", email_arg="email")
def send_newsletter_message(email: str, subject: str, body: str, user_id: int | None = None) -> bool:
    """One newsletter e-mail; dropped at run time if the subject may no longer receive marketing."""
    enqueue_email(EmailMessage(subject, body, to=[email]), template="shop_demo/newsletter")
    return True


def send_newsletter(subject: str, body: str, *, dry_run: bool = False) -> int:
    """Queue the newsletter for every recipient; returns how many were queued (or would be)."""
    count = 0
    for recipient in newsletter_recipients():
        count += 1
        if not dry_run:
            send_newsletter_message.delay_on_commit(recipient.email, subject, body, user_id=recipient.user_id)
    return count


def best_sellers(limit: int = 4) -> list[Product]:
    """The same for everyone: no personal data used."""
    ranked = (Product.objects.annotate(sold=Sum("orderline__quantity")).filter(stock__gt=0)
              .order_by(F("sold").desc(nulls_last=True), "name"))
    return list(ranked[:limit])


def recommended_for(user, limit: int = 4) -> list[Product]:
    """Products for this customer from their orders and wishlist, if they allow it; best sellers otherwise."""
    if user is None or not getattr(user, "is_authenticated", False):
        return best_sellers(limit)
    if not may_process(Subject.for_user(user), PURPOSE_RECOMMENDATIONS):
        return best_sellers(limit)
    bought = OrderLine.objects.filter(order__in=Order.objects.filter(user=user)).values("product_id")
    wished = WishlistItem.objects.filter(user=user).values("product_id")
    materials = (Product.objects.filter(Q(pk__in=bought) | Q(pk__in=wished)).order_by()
                 .values_list("material", flat=True).distinct())
    picks = (Product.objects.filter(material__in=materials, stock__gt=0)
             .exclude(pk__in=bought).annotate(popularity=Count("orderline")).order_by("-popularity", "name"))
    found = list(picks[:limit])
    if len(found) < limit:
        found += [p for p in best_sellers(limit * 2) if p not in found][: limit - len(found)]
    return found
