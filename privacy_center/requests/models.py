"""Privacy requests, their append-only event timeline, messages and proof files.

A ``PrivacyRequest`` is what a customer, guest or authorized agent asks for (a copy,
an erasure, an opt-out ...). Its status only moves through ``transitions.TRANSITIONS``;
every step is a ``RequestEvent``, which is never updated or deleted (the ORM refuses,
the admin offers nothing, and on PostgreSQL a trigger refuses too, except for the
retention purge of requests closed more than 24 months ago).
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..app_settings import app_settings
from ..subjects import Subject


class RequestType(models.TextChoices):
    ACCESS = "access", _("Access: a copy of my data")
    PORTABILITY = "portability", _("Portability: my data in a machine-readable file")
    RECTIFICATION = "rectification", _("Rectification: correct my data")
    ERASURE = "erasure", _("Erasure: delete my data")
    RESTRICTION = "restriction", _("Restriction: stop processing my data")
    OBJECTION = "objection", _("Objection: stop marketing and profiling")
    WITHDRAW_CONSENT = "withdraw_consent", _("Withdraw my consent")
    OPT_OUT_SALE = "opt_out_sale", _("Opt out of sale or sharing")
    KNOW_CATEGORIES = "know_categories", _("Know the categories and recipients of my data")
    SHINE_THE_LIGHT = "shine_the_light", _(
        "Shine the Light: who received my data for their own direct marketing last year")
    REMOVE_POSTS = "remove_posts", _("Remove what I posted (reviews, comments)")
    OTHER = "other", _("Other")


COPY_TYPES = frozenset({RequestType.ACCESS, RequestType.PORTABILITY})
FLAG_TYPES = frozenset({
    RequestType.RESTRICTION, RequestType.OBJECTION, RequestType.WITHDRAW_CONSENT, RequestType.OPT_OUT_SALE,
})


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    AWAITING_VERIFICATION = "awaiting_verification", _("Awaiting verification")
    VERIFIED = "verified", _("Verified")
    IN_PROGRESS = "in_progress", _("In progress")
    # The work the request started failed (an erasure rolled back): still open and due; staff retry it.
    FAILED = "failed", _("Failed")
    COMPLETED = "completed", _("Completed")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES = frozenset({Status.SUBMITTED, Status.AWAITING_VERIFICATION, Status.VERIFIED, Status.IN_PROGRESS,
                           Status.FAILED})
CLOSED_STATUSES = frozenset({Status.COMPLETED, Status.REJECTED, Status.CANCELLED})


class VerificationMethod(models.TextChoices):
    NONE = "", _("Not verified")
    REAUTHENTICATION = "reauthentication", _("Recent re-authentication")
    SESSION = "session", _("Logged-in session")
    EMAIL_LINK = "email_link", _("Link sent to the e-mail address")
    EMAIL_LINK_ORDER = "email_link_order", _("E-mail link and proof of an order")
    AGENT_PROOF = "agent_proof", _("Authorized agent's proof, checked by staff")
    STAFF = "staff", _("Checked by staff")
    NOT_REQUIRED = "not_required", _("Not required for this request type")


class PrivacyRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def closed(self):
        return self.filter(status__in=CLOSED_STATUSES)

    def overdue(self, today: dt.date | None = None):
        return self.open().filter(due_at__lt=today or timezone.localdate())

    def for_user(self, user):
        return self.filter(user=user)

    def for_guest(self, email: str):
        return self.filter(user__isnull=True, email__iexact=email)


class PrivacyRequest(models.Model):
    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    # PR-2026-000123; set right after the row is inserted (it includes the row's id).
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    type = models.CharField(_("type"), max_length=24, choices=RequestType.choices)
    status = models.CharField(_("status"), max_length=24, choices=Status.choices, default=Status.SUBMITTED)
    details = models.TextField(_("details"), blank=True)

    # The subject: a user, a guest's e-mail address, or both (a user's address at filing time).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="privacy_requests", verbose_name=_("customer"),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    # "user:<id>" or "email:<keyed hash>" at filing time: still finds the request after an erasure.
    subject_key = models.CharField(_("subject"), max_length=80, db_index=True, blank=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    country = models.CharField(_("country"), max_length=8, blank=True)
    # The requester's language at filing time (a guest's or an agent's only record of it): e-mails about
    # the request are written in it unless the customer's account says otherwise.
    language = models.CharField(_("language"), max_length=16, blank=True)

    # Authorized agent filing on the subject's behalf.
    agent_name = models.CharField(_("agent's name"), max_length=150, blank=True)
    agent_email = models.EmailField(_("agent's e-mail"), blank=True)
    agent_relationship = models.CharField(_("agent's authority"), max_length=200, blank=True)

    # Clocks.
    regime = models.CharField(_("regime"), max_length=24)
    regimes = models.JSONField(_("applicable regimes"), default=list)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    due_at = models.DateField(_("due"))
    original_due_at = models.DateField(_("first due date"))
    # The earliest legal deadline and the shop's promise, side by side; due_at is the earlier of the two
    # (or the extension). due_moment: the exact end where the law counts in hours.
    legal_due_at = models.DateField(_("legal deadline"), null=True, blank=True)
    due_moment = models.DateTimeField(_("due at"), null=True, blank=True)
    promise = models.CharField(_("our promise"), max_length=300, blank=True)
    promise_due_at = models.DateField(_("promised by"), null=True, blank=True)
    acknowledge_by = models.DateField(_("acknowledge by"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    extended_until = models.DateField(_("extended until"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    paused_since = models.DateTimeField(_("clock paused since"), null=True, blank=True)
    paused_days = models.PositiveIntegerField(_("days paused"), default=0)
    # When the identity information asked for arrived: UK GDPR Art. 12A starts the period then.
    identity_received_at = models.DateTimeField(_("identity information received"), null=True, blank=True)
    last_reminder_on = models.DateField(_("last reminder"), null=True, blank=True)

    # Verification.
    verification_method = models.CharField(
        _("verification"), max_length=24, choices=VerificationMethod.choices, blank=True
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    # Hash of the single-use nonce in the current guest link; emptied when used.
    verification_nonce = models.CharField(max_length=64, blank=True, editable=False)
    order_proof_at = models.DateTimeField(_("proof of order given"), null=True, blank=True)

    # Processing.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="assigned_privacy_requests", verbose_name=_("assignee"),
    )
    free_copy = models.BooleanField(_("free copy"), default=False,
                                    help_text=_("This request uses the subject's free copy of the year."))
    proposed_changes = models.JSONField(_("proposed corrections"), default=list, blank=True)
    export_id = models.CharField(_("export"), max_length=64, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PrivacyRequestQuerySet.as_manager()

    class Meta:
        app_label = "privacy_requests"
        ordering = ["-received_at", "-id"]
        verbose_name = _("privacy request")
        verbose_name_plural = _("privacy requests")
        # Retention sweeps and related lookups use the base manager: it must purge, not cascade, on delete().
        permissions = [
            ("process_privacyrequest", _("Can process privacy requests")),
            ("download_customer_export", _("Can download customer exports")),
        ]
        indexes = [
            models.Index(fields=["status", "due_at"], name="privacy_req_status_due"),
            # The dashboard's open work per type and status (and deadlines), read from the index alone.
            models.Index(fields=["status", "type", "due_at"], name="privacy_req_status_type_due"),
            # The queue (ordered by deadline) filtered to open requests: overdue first, closed ones skipped.
            models.Index(fields=["due_at", "id"], condition=models.Q(status__in=sorted(OPEN_STATUSES)),
                         name="privacy_req_open_due"),
            models.Index(fields=["due_at", "id"], name="privacy_req_due"),
            models.Index(fields=["user", "type", "status"], name="privacy_req_user_type"),
            models.Index(fields=["email", "type", "status"], name="privacy_req_email_type"),
            models.Index(fields=["assignee", "status"], name="privacy_req_assignee"),
            models.Index(fields=["closed_at"], name="privacy_req_closed"),
            models.Index(fields=["-received_at", "-id"], name="privacy_req_received"),
            # A subject's requests by address: the request source and guests' lookups match the e-mail
            # case-insensitively (``email__iexact``, ``UPPER(email)`` on PostgreSQL), which the index on
            # the plain column cannot serve.
            models.Index(Upper("email"), name="privacy_req_email_upper"),
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args, **kwargs):
        # The acknowledgement's time is set by the outbox when the mail server accepts the e-mail,
        # possibly while another process holds this request in memory: a save never clears it.
        if self.acknowledged_at is None and not self._state.adding and not kwargs.get("update_fields"):
            kwargs["update_fields"] = [f.name for f in self._meta.concrete_fields
                                       if not f.primary_key and f.name != "acknowledged_at"]
        return super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_guest(self) -> bool:
        return self.user_id is None

    @property
    def needs_order_proof(self) -> bool:
        """A copy of a guest's data is released only after proof of an order, never on the e-mail alone."""
        return self.is_guest and self.type in COPY_TYPES and self.order_proof_at is None

    @property
    def is_agent(self) -> bool:
        return bool(self.agent_email)

    @property
    def days_left(self) -> int:
        return (self.due_at - timezone.localdate()).days

    @property
    def requester(self) -> str:
        who = self.name or self.email or (str(self.user) if self.user_id else "")
        return f"{who} (via {self.agent_name})" if self.agent_name else who

    def subject(self):
        """The data subject this request is about."""
        if self.user_id is not None:
            return Subject.for_user(self.user)
        return Subject.for_email(self.email)


class RequestEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("Request events are append-only.")

    def delete(self):
        raise TypeError("Request events are append-only.")


class RequestEvent(models.Model):
    """One step in a request's life. Never changed once written."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        MERGED = "merged", _("Duplicate merged")
        VERIFICATION_SENT = "verification_sent", _("Verification link sent")
        STATUS = "status", _("Status changed")
        EXTENDED = "extended", _("Deadline extended")
        ASSIGNED = "assigned", _("Assigned")
        MESSAGE = "message", _("Message")
        ORDER_PROOF = "order_proof", _("Proof of order")
        AUTOMATION = "automation", _("Automatic step")
        RECTIFICATION_APPROVED = "rectification_approved", _("Correction approved")
        FREE_COPY = "free_copy", _("Free copy")
        PROOF = "proof", _("Proof file")
        REMINDER = "reminder", _("Staff reminder")
        EMAIL = "email", _("E-mail sent")
        APPROVED = "approved", _("Approved by staff")

    request = models.ForeignKey(
        PrivacyRequest, on_delete=models.PROTECT, related_name="events", verbose_name=_("request")
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    from_status = models.CharField(_("from"), max_length=24, blank=True)
    to_status = models.CharField(_("to"), max_length=24, blank=True)
    summary = models.CharField(_("summary"), max_length=300)
    data = models.JSONField(_("details"), default=dict, blank=True)
    # No cascade and no constraint: deleting a user (erasure) must not UPDATE append-only rows; a
    # deleted actor reads as None through select_related and ``actor_role`` still says who it was.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, db_constraint=False, null=True, blank=True,
        related_name="+", verbose_name=_("done by"),
    )
    # "customer", "guest", "agent", "staff" or "system": who acted when there is no user.
    actor_role = models.CharField(_("role"), max_length=16)
    # Whether the requester sees this event on their page (staff-only notes are not shown).
    public = models.BooleanField(_("shown to the requester"), default=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    objects = RequestEventQuerySet.as_manager()

    class Meta:
        app_label = "privacy_requests"
        ordering = ["created_at", "id"]
        verbose_name = _("request event")
        verbose_name_plural = _("request events")
        indexes = [models.Index(fields=["request", "created_at", "id"], name="privacy_req_event_order")]

    def __str__(self) -> str:
        return self.summary

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("Request events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Request events are append-only.")


class RequestMessage(models.Model):
    request = models.ForeignKey(
        PrivacyRequest, on_delete=models.CASCADE, related_name="messages", verbose_name=_("request")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("author"),
    )
    from_staff = models.BooleanField(_("from staff"), default=False)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        app_label = "privacy_requests"
        ordering = ["created_at", "id"]
        verbose_name = _("request message")
        verbose_name_plural = _("request messages")

    def __str__(self) -> str:
        return self.body[:60]


class _PrivateStorage(Storage):
    """Delegates to ``storages[app_settings.STORAGE_ALIAS]`` on every call.

    A ``FileField`` resolves its storage once, when the model class is created; proof
    files must follow the setting as it is when they are written and deleted.
    """

    def _target(self) -> Storage:
        return storages[app_settings.STORAGE_ALIAS]

    def open(self, name, mode="rb"):
        return self._target().open(name, mode)

    def save(self, name, content, max_length=None):
        return self._target().save(name, content, max_length=max_length)

    def delete(self, name):
        return self._target().delete(name)

    def exists(self, name):
        return self._target().exists(name)

    def size(self, name):
        return self._target().size(name)

    def url(self, name):
        return self._target().url(name)

    def path(self, name):
        return self._target().path(name)

    def listdir(self, path):
        return self._target().listdir(path)

    def get_available_name(self, name, max_length=None):
        return self._target().get_available_name(name, max_length=max_length)

    def generate_filename(self, filename):
        return self._target().generate_filename(filename)


_private_storage = _PrivateStorage()


def private_storage() -> Storage:
    """The private storage for proof files (see ``_PrivateStorage``)."""
    return _private_storage


def proof_upload_to(instance: ProofAttachment, filename: str) -> str:
    # Unguessable and free of the uploader's file name (which may itself be personal data).
    folder = "documents" if instance.kind == ProofAttachment.Kind.DOCUMENT else "proofs"
    return f"privacy_requests/{folder}/{secrets.token_urlsafe(32)}{instance.extension}"


class ProofAttachment(models.Model):
    """A file sent with a request: an agent's signed permission, or a supporting document the customer
    attached (a receipt, a letter). Stored privately; deleted (file and row) when the request closes."""

    class Kind(models.TextChoices):
        PROOF = "proof", _("Authorized agent's proof")
        DOCUMENT = "document", _("Supporting document")

    request = models.ForeignKey(
        PrivacyRequest, on_delete=models.CASCADE, related_name="proofs", verbose_name=_("request")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PROOF)
    file = models.FileField(_("file"), storage=private_storage, upload_to=proof_upload_to, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        app_label = "privacy_requests"
        verbose_name = _("proof file")
        verbose_name_plural = _("proof files")

    def __str__(self) -> str:
        return self.original_name

    @property
    def extension(self) -> str:
        return app_settings.PROOF_CONTENT_TYPES.get(self.content_type, ".bin")
