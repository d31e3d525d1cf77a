"""Consent records, privacy signals, communication subscriptions and policy versions.

django-cookie-consent's ``LogItem`` has no user, session or address, so it proves
nothing about a person: ``ConsentRecord`` is the proof, one row per change of a
cookie group for one subject (a user, or a random visitor id for anonymous
visitors). Rows are never updated.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Method(models.TextChoices):
    """How a consent or preference change was made."""

    BANNER = "banner", _("Cookie banner")
    SETTINGS = "settings", _("Settings page")
    API = "api", _("API")
    GPC = "gpc", _("Global Privacy Control")
    DNT = "dnt", _("Do Not Track")
    LOGIN = "login", _("Carried over at login")
    EMAIL = "email", _("E-mail link")
    FORM = "form", _("Sign-up form")
    CHOICES_PAGE = "choices", _("Your privacy choices page")


class ConsentRecord(models.Model):
    # "user:<id>" or "visitor:<random id>"
    subject_key = models.CharField(_("subject"), max_length=80, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
        related_name="+", verbose_name=_("user"),
    )
    group = models.CharField(_("cookie group"), max_length=32)
    granted = models.BooleanField(_("granted"))
    method = models.CharField(_("method"), max_length=16, choices=Method.choices)
    policy_version = models.CharField(_("policy version"), max_length=32, blank=True)
    group_version = models.CharField(_("cookie group version"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        app_label = "privacy_consent"
        ordering = ["-created_at", "-id"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent log")
        indexes = [models.Index(fields=["subject_key", "group", "-created_at"])]

    def __str__(self) -> str:
        state = _("granted") if self.granted else _("withdrawn")
        return f"{self.group}: {state}"


class PrivacySignal(models.Model):
    """A browser privacy signal (GPC, DNT) or the opt-out page, honoured for a subject: recorded once."""

    class Kind(models.TextChoices):
        GPC = "gpc", _("Global Privacy Control")
        DNT = "dnt", _("Do Not Track")
        # The "Your privacy choices" / "Do not sell or share" page: honoured like GPC from then on.
        OPT_OUT = "optout", _("Opt-out of sale and sharing")

    subject_key = models.CharField(_("subject"), max_length=80)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
        related_name="+", verbose_name=_("user"),
    )
    kind = models.CharField(_("signal"), max_length=8, choices=Kind.choices)
    first_seen_at = models.DateTimeField(_("first seen"), default=timezone.now)

    class Meta:
        app_label = "privacy_consent"
        verbose_name = _("privacy signal")
        verbose_name_plural = _("privacy signals")
        constraints = [models.UniqueConstraint(fields=["subject_key", "kind"], name="privacy_signal_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.subject_key})"


class Subscription(models.Model):
    """One address on one communication channel, with the topics chosen."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        ACTIVE = "active", _("Subscribed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    class OptIn(models.TextChoices):
        SINGLE = "single", _("Single opt-in")
        CONFIRMED = "confirmed", _("Confirmed (double) opt-in")

    email = models.EmailField(_("e-mail"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
        related_name="+", verbose_name=_("user"),
    )
    channel = models.CharField(_("channel"), max_length=32)
    topics = models.JSONField(_("topics"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    opt_in = models.CharField(_("opt-in"), max_length=16, choices=OptIn.choices, blank=True)
    source = models.CharField(_("where"), max_length=32, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        app_label = "privacy_consent"
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [models.UniqueConstraint(fields=["email", "channel"], name="subscription_email_channel")]
        indexes = [
            models.Index(fields=["user", "channel"]),
            # A guest's subscriptions by address (the source's ``email__iexact``).
            models.Index(Upper("email"), name="privacy_subscription_email_up"),
        ]

    def __str__(self) -> str:
        return f"{self.channel}: {self.get_status_display()}"


# The version list is cached (``services.policy.all_policies``: the layout asks on every page); saving or
# deleting a version forgets it. Kept here so the model never imports the service layer.
POLICIES_KEY = "privacy_center:policies:v1"


def forget_cached_policies() -> None:
    cache.delete(POLICIES_KEY)


class PrivacyPolicyQuerySet(models.QuerySet):
    def in_effect(self):
        return self.filter(effective_at__lte=timezone.now())


class PrivacyPolicy(models.Model):
    version = models.CharField(_("version"), max_length=32, unique=True)
    effective_at = models.DateTimeField(_("takes effect"))
    summary = models.TextField(_("summary of changes"), blank=True)
    is_material = models.BooleanField(
        _("material change"), default=False,
        help_text=_("Logged-in customers are asked to review a material change."),
    )
    content = models.TextField(_("text"), blank=True)
    url = models.URLField(_("address of the full text"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = PrivacyPolicyQuerySet.as_manager()

    class Meta:
        app_label = "privacy_consent"
        ordering = ["-effective_at", "-id"]
        get_latest_by = "effective_at"
        verbose_name = _("privacy policy version")
        verbose_name_plural = _("privacy policy versions")

    def __str__(self) -> str:
        return self.version

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        forget_cached_policies()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        forget_cached_policies()
        return result


class PolicyAcknowledgement(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user"),
    )
    policy = models.ForeignKey(PrivacyPolicy, on_delete=models.PROTECT, related_name="acknowledgements",
                               verbose_name=_("policy version"))
    method = models.CharField(_("method"), max_length=16, choices=Method.choices)
    acknowledged_at = models.DateTimeField(_("acknowledged"), default=timezone.now)

    class Meta:
        app_label = "privacy_consent"
        verbose_name = _("policy acknowledgement")
        verbose_name_plural = _("policy acknowledgements")
        constraints = [models.UniqueConstraint(fields=["user", "policy"], name="policy_ack_once")]

    def __str__(self) -> str:
        return f"{self.user} – {self.policy}"


class PreferenceChange(models.Model):
    """Log of communication-preference changes (guests included): append-only, for staff."""

    subscription = models.ForeignKey(Subscription, on_delete=models.SET_NULL, null=True, related_name="changes",
                                     verbose_name=_("subscription"))
    subject_key = models.CharField(_("subject"), max_length=80, db_index=True)
    channel = models.CharField(_("channel"), max_length=32)
    topics = models.JSONField(_("topics"), default=list, blank=True)
    subscribed = models.BooleanField(_("subscribed"))
    opt_in = models.CharField(_("opt-in"), max_length=16, blank=True)
    method = models.CharField(_("method"), max_length=16, choices=Method.choices)
    source = models.CharField(_("where"), max_length=32, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        app_label = "privacy_consent"
        ordering = ["-created_at", "-id"]
        verbose_name = _("preference change")
        verbose_name_plural = _("preference changes")

    def __str__(self) -> str:
        return f"{self.channel}: {'+' if self.subscribed else '-'}"
