"""Communication preferences: channels, topics, double opt-in, one-click unsubscribe.

Every way a subscription can start (the preferences page, the newsletter form,
the API) goes through ``subscribe``, which refuses addresses on the suppression
list and subjects who objected to marketing. Every marketing e-mail goes through
``send_marketing_email``, which adds RFC 8058 one-click unsubscribe headers with
a signed token that works logged out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from ...adapter import get_adapter
from ...app_settings import app_settings
from ...hashing import normalize_email
from ...models import PrivacyEvent
from ...services.language import language_of, remember_language, written_in
from ...services.restriction import get_flags, may_process
from ...services.suppression import is_suppressed
from ...services.timeline import record_event
from ...signals import preference_changed
from ...subjects import Subject
from ..models import Method, PreferenceChange, Subscription

CONFIRM_SALT = "privacy_center.consent.confirm"
UNSUBSCRIBE_SALT = "privacy_center.consent.unsubscribe"


class SubscriptionRefused(Exception):
    """The address is suppressed or its owner objected to marketing."""


def channel_labels() -> dict[str, str]:
    return {code: str(label) for code, label in app_settings.COMMUNICATION_CHANNELS}


def topic_labels() -> dict[str, str]:
    return {code: str(label) for code, label in app_settings.COMMUNICATION_TOPICS}


def subject_of(subscription: Subscription) -> Subject:
    if subscription.user_id is not None:
        return Subject(user=subscription.user, email=subscription.email)
    return Subject.for_email(subscription.email)


def may_subscribe(email: str, user=None) -> bool:
    """Neither suppressed nor objected to marketing (checked wherever a subscription starts)."""
    subject = Subject(user=user, email=normalize_email(email)) if user is not None else Subject.for_email(email)
    return not is_suppressed(email) and may_process(subject, "marketing")


def marketing_blocks(email: str, user=None) -> list[str]:
    """Why marketing may not reach this person, as codes the preferences page words: ``objected``,
    ``erasure_pending``, ``restricted`` (processing restricted) and ``suppressed`` (the do-not-contact list).
    Empty when ``may_subscribe`` is true."""
    subject = Subject(user=user, email=normalize_email(email)) if user is not None else Subject.for_email(email)
    flags = get_flags(subject)
    reasons = [code for code, flag in (("objected", "objected_to_marketing"), ("erasure_pending", "erasure_pending"),
                                       ("restricted", "processing_restricted")) if flags[flag]]
    if is_suppressed(email):
        reasons.append("suppressed")
    return reasons


def subscriptions_for_user(user) -> list[Subscription]:
    emails = Subject.for_user(user).emails
    return list(Subscription.objects.filter(Q(user=user) | Q(email__in=emails)).order_by("channel"))


# -- tokens ---------------------------------------------------------------------------
def confirm_token(subscription: Subscription) -> str:
    # The creation time is signed in, so a link from an earlier (expired) sign-up never confirms a later one.
    return signing.dumps({"s": subscription.pk, "t": subscription.created_at.timestamp()}, salt=CONFIRM_SALT,
                         compress=True)


def unsubscribe_token(subscription: Subscription) -> str:
    return signing.dumps(subscription.pk, salt=UNSUBSCRIBE_SALT)


def subscription_from_unsubscribe_token(token: str) -> Subscription | None:
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return Subscription.objects.filter(pk=pk).select_related("user").first()


def subscription_from_confirm_token(token: str) -> Subscription | None:
    """The pending sign-up the link confirms; None if the link is forged, expired or stale."""
    try:
        payload = signing.loads(token, salt=CONFIRM_SALT, max_age=dt.timedelta(hours=app_settings.SIGNUP_CONFIRM_HOURS))
    except signing.BadSignature:
        return None
    sub = Subscription.objects.filter(pk=payload.get("s")).select_related("user").first()
    if sub is None or abs(sub.created_at.timestamp() - payload.get("t", 0)) > 0.001:
        return None
    return sub


# -- changes ------------------------------------------------------------------------------
def _log(sub: Subscription, subscribed: bool, *, method: str, source: str) -> None:
    subject = subject_of(sub)
    PreferenceChange.objects.create(
        subscription=sub, subject_key=subject.key, channel=sub.channel, topics=list(sub.topics),
        subscribed=subscribed, opt_in=sub.opt_in if subscribed else "", method=method, source=source,
    )
    label = channel_labels().get(sub.channel, sub.channel)
    if subscribed:
        kind, summary = PrivacyEvent.Kind.MARKETING_OPT_IN, f"Subscribed to {label} ({sub.get_opt_in_display()})"
    else:
        kind, summary = PrivacyEvent.Kind.MARKETING_OPT_OUT, f"Unsubscribed from {label}"
    record_event(subject, kind, summary, method=method, data={
        "channel": sub.channel, "topics": list(sub.topics), "opt_in": sub.opt_in if subscribed else "",
        "source": source,
    })
    transaction.on_commit(lambda: preference_changed.send(
        sender=Subscription, subject=subject, channel=sub.channel, topic=None, subscribed=subscribed, method=method,
    ))


def subscribe(email: str, channel: str, *, topics: Iterable[str] = (), user=None, method: str, source: str,
              request=None) -> Subscription:
    """Start (or update) a subscription: double opt-in channels send a confirmation link first.

    Raises ``SubscriptionRefused`` for a suppressed address or a subject who objected to marketing.
    """
    if channel not in channel_labels():
        raise ValueError(f"Unknown channel: {channel}")
    topics = [t for t in topic_labels() if t in set(topics)]
    email = normalize_email(email)
    if not may_subscribe(email, user):
        raise SubscriptionRefused(email)
    double = channel in app_settings.DOUBLE_OPT_IN_CHANNELS
    with transaction.atomic():
        sub, created = Subscription.objects.select_for_update().get_or_create(
            email=email, channel=channel, defaults={"user": user, "topics": topics, "source": source},
        )
        if user is not None and sub.user_id is None:
            sub.user = user
        if sub.status == Subscription.Status.ACTIVE:
            if sub.topics != topics:
                sub.topics = topics
                sub.save()
                _log(sub, True, method=method, source=source)
            return sub
        sub.topics, sub.source = topics, source
        if double:
            if sub.status != Subscription.Status.PENDING or created or _expired(sub):
                sub.created_at = timezone.now()
            sub.status = Subscription.Status.PENDING
            sub.save()
            token = confirm_token(sub)
            _send_confirmation(sub, token, request)  # outbox: delivered once the sign-up is committed
        else:
            _activate(sub, Subscription.OptIn.SINGLE, method=method, source=source)
    return sub


def _expired(sub: Subscription) -> bool:
    return sub.created_at < timezone.now() - dt.timedelta(hours=app_settings.SIGNUP_CONFIRM_HOURS)


def _activate(sub: Subscription, opt_in: str, *, method: str, source: str) -> None:
    now = timezone.now()
    sub.status, sub.opt_in, sub.confirmed_at, sub.unsubscribed_at = Subscription.Status.ACTIVE, opt_in, now, None
    sub.save()
    _log(sub, True, method=method, source=source)


def _send_confirmation(sub: Subscription, token: str, request) -> None:
    url = get_adapter().build_absolute_uri(request, reverse("privacy_center:newsletter_confirm", args=[token]))
    get_adapter().send_mail("privacy_center/consent/email/confirm", sub.email, {
        "confirm_url": url, "channel": channel_labels().get(sub.channel, sub.channel),
        "hours": app_settings.SIGNUP_CONFIRM_HOURS,
    })


def confirm(sub: Subscription, *, request=None) -> Subscription:
    """Confirm a pending sign-up (double opt-in), then send the welcome e-mail."""
    with transaction.atomic():
        sub = Subscription.objects.select_for_update().get(pk=sub.pk)
        if sub.status == Subscription.Status.ACTIVE:
            return sub
        if sub.status != Subscription.Status.PENDING or _expired(sub):
            raise SubscriptionRefused(sub.email)
        if not may_subscribe(sub.email, sub.user):
            raise SubscriptionRefused(sub.email)
        _activate(sub, Subscription.OptIn.CONFIRMED, method=Method.EMAIL, source=sub.source)
        if request is not None and sub.user_id is None:
            # The address is proven now: the newsletters to come are written in the language it was confirmed in.
            remember_language(Subject.for_email(sub.email), getattr(request, "LANGUAGE_CODE", None))
    send_marketing_email(sub, "privacy_center/consent/email/welcome", {}, request=request)
    return sub


def unsubscribe(sub: Subscription, *, method: str, source: str) -> Subscription:
    """Stop a subscription (pending or active). Idempotent."""
    with transaction.atomic():
        sub = Subscription.objects.select_for_update().get(pk=sub.pk)
        if sub.status == Subscription.Status.UNSUBSCRIBED:
            return sub
        was_active = sub.status == Subscription.Status.ACTIVE
        sub.status, sub.unsubscribed_at = Subscription.Status.UNSUBSCRIBED, timezone.now()
        sub.save()
        if was_active:
            _log(sub, False, method=method, source=source)
    return sub


def update_preferences(user, channels: Iterable[str], topics: Iterable[str], *, method: str, source: str,
                       request=None) -> list[Subscription]:
    """Make the user's subscriptions match ``channels`` and ``topics``. Raises ``SubscriptionRefused``."""
    wanted = set(channels)
    current = {s.channel: s for s in subscriptions_for_user(user)}
    for channel in channel_labels():
        sub = current.get(channel)
        live = sub is not None and sub.status != Subscription.Status.UNSUBSCRIBED
        if channel in wanted:
            subscribe(user.email, channel, topics=topics, user=user, method=method, source=source, request=request)
        elif sub is not None and live:
            unsubscribe(sub, method=method, source=source)
    return subscriptions_for_user(user)


def purge_expired_signups() -> int:
    """Drop sign-ups never confirmed in time; re-subscriptions that lapse go back to unsubscribed."""
    cutoff = timezone.now() - dt.timedelta(hours=app_settings.SIGNUP_CONFIRM_HOURS)
    stale = Subscription.objects.filter(status=Subscription.Status.PENDING, created_at__lt=cutoff)
    lapsed = stale.filter(confirmed_at__isnull=False).update(status=Subscription.Status.UNSUBSCRIBED)
    deleted, _ = stale.filter(confirmed_at__isnull=True).delete()
    return lapsed + deleted


# -- sending -------------------------------------------------------------------------------
def unsubscribe_headers(sub: Subscription, request=None) -> tuple[str, dict[str, str]]:
    """The unsubscribe URL and RFC 2369 / RFC 8058 headers for one subscription."""
    token = unsubscribe_token(sub)
    url = get_adapter().build_absolute_uri(request, reverse("privacy_center:unsubscribe", args=[token]))
    targets = [f"<{url}>"]
    if app_settings.UNSUBSCRIBE_MAILTO:
        targets.append(f"<mailto:{app_settings.UNSUBSCRIBE_MAILTO}?{urlencode({'subject': f'unsubscribe {token}'})}>")
    return url, {"List-Unsubscribe": ", ".join(targets), "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def send_marketing_email(sub: Subscription, template_prefix: str, context: dict, *, request=None) -> bool:
    """Send one marketing e-mail if the subscription is active and marketing is allowed; returns whether sent."""
    if sub.status != Subscription.Status.ACTIVE or not may_subscribe(sub.email, sub.user):
        return False
    language = language_of(subject_of(sub))
    with written_in(language):  # the channel's label too, not only the templates
        url, headers = unsubscribe_headers(sub, request)
        get_adapter().send_mail(template_prefix, sub.email, {
            **context, "subscription": sub, "unsubscribe_url": url,
            "channel": channel_labels().get(sub.channel, sub.channel),
        }, headers=headers, language=language)
    return True
