"""Built-in sources for Django's, allauth's and privacy_center's own personal data.

Each is registered only when its app is installed. Secrets stay out of every
copy: passwords are not listed at all; OAuth tokens are masked; session data
(signed, opaque) is described by its expiry only.
"""

from __future__ import annotations

import re

from allauth.account.models import EmailAddress, EmailConfirmation
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..app_settings import DEFAULT_RETENTION_DAYS
from ..declarations import Category, Erasure, LegalBasis, LegalHold, Retention
from ..hashing import email_hash
from ..models import (
    AccuracyDispute,
    Export,
    OutboxMessage,
    PrivacyEvent,
    RecipientNotification,
    SessionRecord,
    SubjectFlags,
    SubjectLanguage,
    SuppressedEmail,
)
from ..services.language import translate_stored
from ..sources import BaseSource, ModelSource
from ..subjects import Subject

NOTHING = Q(pk__in=[])

# Fields the coverage gate would flag that hold no personal data of their own.
BUILTIN_IGNORES = {
    "admin.logentry.object_id": "the changed object's primary key; the admin log source reaches the subject by it",
    "privacy_center.export.error": "names the failed section and the error's type only, never row values",
    "privacy_center.export.file_name": "a random storage name (exports/<token>.zip), nothing about the person",
    "sessions.session.session_data": "signed, opaque session state; the session source lists the subject's "
                                     "sessions by expiry and erasure deletes them",
}


def builtin_source(name: str) -> type[BaseSource]:
    """The class of one built-in source (``"auth.user"``, ``"account.emailaddress"`` ...), to subclass.

    ``class Account(builtin_source("auth.user")): class Meta: fields = {...}`` keeps every other option
    of the built-in (``Meta`` options are inherited one by one); register it with ``replace=True``.
    """
    for source in builtin_sources():
        if getattr(source, "_meta", {}).get("name") == name:
            return source
    raise LookupError(f"No built-in source named {name!r} (is its app installed?).")


def builtin_sources() -> list[type[BaseSource]]:
    sources: list[type[BaseSource]] = [_user_source()]
    if apps.is_installed("allauth.account"):
        sources += _allauth_account_sources()
    if apps.is_installed("allauth.socialaccount"):
        sources += _socialaccount_sources()
    if apps.is_installed("allauth.usersessions"):
        sources += _usersessions_sources()
    if apps.is_installed("allauth.mfa"):
        sources += _mfa_sources()
    if apps.is_installed("django.contrib.admin"):
        sources.append(_admin_log_source())
    sources += _own_sources()
    return sources


# Never listed, exported or shown: secrets, whatever a custom user model calls them.
SECRET_FIELD = re.compile(r"password|secret|token|(^|_)otp($|_)|hash|(^|_)key($|_)|salt|pin_?code")
# On the account, these name the person and are corrected on "My data".
NAME_FIELD = re.compile(r"(^|_)(first|last|full|given|family|display|sur|nick)?_?name$")


def user_source_fields(user_model) -> dict[str, None]:
    """The account's fields: the login and e-mail fields, then every concrete, non-secret field."""
    names = [user_model.USERNAME_FIELD]
    email = user_model.get_email_field_name()
    concrete = [f for f in user_model._meta.concrete_fields if not f.primary_key and not f.is_relation]
    if any(f.name == email for f in concrete):
        names.append(email)
    names += [f.name for f in concrete if not SECRET_FIELD.search(f.name.lower())]
    return dict.fromkeys(names)


def _user_source() -> type[BaseSource]:
    User = get_user_model()
    model_fields = user_source_fields(User)
    login = {User.USERNAME_FIELD, User.get_email_field_name()}
    editable_fields = [
        name for name in model_fields
        if name not in login and NAME_FIELD.search(name.lower())
        and isinstance(User._meta.get_field(name), models.CharField) and User._meta.get_field(name).editable
    ]

    class UserSource(ModelSource):
        class Meta:
            model = User
            name = "auth.user"
            label = _("Your account")
            description = _("The account you sign in with.")
            user_path = "pk"
            category = Category.IDENTIFIERS
            purposes = [_("Run your customer account")]
            legal_basis = LegalBasis.CONTRACT
            origin = _("You, when you signed up")
            erasure = Erasure.DELETE
            order = 0
            # The model's own fields, found above (a custom user model has others).
            fields = model_fields
            editable = editable_fields

    return UserSource


def _allauth_account_sources() -> list[type[BaseSource]]:
    class EmailAddressSource(ModelSource):
        class Meta:
            model = EmailAddress
            name = "account.emailaddress"
            label = _("E-mail addresses")
            description = _("Addresses on your account; change them on the account e-mail page.")
            user_path = "user"
            fields = {"email": None, "verified": None, "primary": None}
            category = Category.CONTACT
            purposes = [_("Sign you in"), _("Send you messages about your orders and your account")]
            legal_basis = LegalBasis.CONTRACT
            origin = _("You")
            erasure = Erasure.DELETE
            order = 1

    class EmailConfirmationSource(ModelSource):
        class Meta:
            model = EmailConfirmation
            name = "account.emailconfirmation"
            label = _("E-mail confirmations")
            description = _("When we sent links to confirm your addresses.")
            user_path = "email_address__user"
            fields = {"email_address__email": _("E-mail address"), "created": None, "sent": None}
            category = Category.ACCOUNT
            purposes = [_("Confirm that an address is yours")]
            legal_basis = LegalBasis.CONTRACT
            origin = _("Our website")
            erasure = Erasure.DELETE
            order = 2

    return [EmailAddressSource, EmailConfirmationSource]


def _socialaccount_sources() -> list[type[BaseSource]]:
    # allauth.socialaccount is optional: its models import only when it is in INSTALLED_APPS
    from allauth.socialaccount.models import SocialAccount, SocialToken

    class SocialAccountSource(ModelSource):
        class Meta:
            model = SocialAccount
            name = "socialaccount.socialaccount"
            label = _("Connected accounts")
            description = _("Accounts at other services you sign in with, and what they told us about you.")
            user_path = "user"
            fields = {"provider": None, "uid": _("Account id at the provider"), "date_joined": None,
                      "last_login": None, "extra_data": _("Profile data from the provider")}
            category = Category.IDENTIFIERS
            purposes = [_("Sign you in with another service")]
            legal_basis = LegalBasis.CONSENT
            origin = _("The provider you connected")
            erasure = Erasure.DELETE
            order = 3

    class SocialTokenSource(ModelSource):
        class Meta:
            model = SocialToken
            name = "socialaccount.socialtoken"
            label = _("Connected account tokens")
            description = _("Access tokens from connected services; shown masked.")
            user_path = "account__user"
            fields = {"account__provider": _("Provider"), "token": None, "token_secret": None,
                      "expires_at": None}
            masked = ["token", "token_secret"]
            category = Category.ACCOUNT
            purposes = [_("Sign you in with another service")]
            legal_basis = LegalBasis.CONSENT
            origin = _("The provider you connected")
            erasure = Erasure.DELETE
            order = 4

    return [SocialAccountSource, SocialTokenSource]


def _usersessions_sources() -> list[type[BaseSource]]:
    # allauth.usersessions is optional: its models import only when it is in INSTALLED_APPS
    from allauth.usersessions.models import UserSession

    class UserSessionSource(ModelSource):
        class Meta:
            model = UserSession
            name = "usersessions.usersession"
            label = _("Signed-in devices")
            description = _("Where and with which browser you are or were signed in.")
            user_path = "user"
            fields = {"created_at": _("Signed in at"), "last_seen_at": None, "ip": _("IP address"),
                      "user_agent": _("Browser")}
            category = Category.INTERNET_ACTIVITY
            purposes = [_("Keep your account secure"), _("Let you end sessions on other devices")]
            legal_basis = LegalBasis.LEGITIMATE_INTERESTS
            origin = _("Your browser")
            erasure = Erasure.DELETE
            order = 5

    class SessionSource(ModelSource):
        """Django's session rows of the user's signed-in sessions (found through allauth's list and the
        app's own index of logins, ``SessionRecord``)."""

        class Meta:
            model = Session
            name = "sessions.session"
            label = _("Sessions")
            description = _("Sessions that keep you signed in; their contents are technical and not shown.")
            fields = {"expire_date": None}
            category = Category.INTERNET_ACTIVITY
            purposes = [_("Keep you signed in")]
            legal_basis = LegalBasis.CONTRACT
            origin = _("Our website")
            erasure = Erasure.DELETE
            order = 6

        def subject_filter(self, subject: Subject) -> Q:
            if subject.user is None:
                return NOTHING

            keys = UserSession.objects.filter(user=subject.user.pk).values("session_key")
            indexed = SessionRecord.objects.filter(user=subject.user.pk).values("session_key")
            # One IN over the UNION, not two INs joined by OR: PostgreSQL plans the OR as a filter over every
            # session row (linear in all users' sessions), the UNION as a lookup of the user's few keys.
            return Q(session_key__in=keys.union(indexed))

    return [UserSessionSource, SessionSource]


def _mfa_sources() -> list[type[BaseSource]]:
    # allauth.mfa is optional: its models import only when it is in INSTALLED_APPS
    from allauth.mfa.models import Authenticator

    class AuthenticatorSource(ModelSource):
        class Meta:
            model = Authenticator
            name = "mfa.authenticator"
            label = _("Two-factor authentication")
            description = _("Your second factors; their secrets are never shown.")
            user_path = "user"
            fields = {"type": None, "created_at": None, "last_used_at": None}
            category = Category.ACCOUNT
            purposes = [_("Keep your account secure")]
            legal_basis = LegalBasis.CONTRACT
            erasure = Erasure.DELETE
            order = 7

    return [AuthenticatorSource]


def _admin_log_source() -> type[BaseSource]:
    class AdminLogSource(ModelSource):
        """Staff changes to the subject's account: the entry names the account in ``object_repr``."""

        class Meta:
            model = LogEntry
            name = "admin.logentry"
            label = _("Changes staff made to your account")
            description = _("Our staff's log of changes to your account record.")
            fields = {"action_time": None, "action_flag": None, "object_repr": _("Account as shown"),
                      "change_message": None}
            category = Category.ACCOUNT
            purposes = [_("Know who changed what, for security and support")]
            legal_basis = LegalBasis.LEGITIMATE_INTERESTS
            origin = _("Our staff")
            erasure = Erasure.DELETE
            order = 90

        def subject_filter(self, subject: Subject) -> Q:
            # The log points at its object by content type and text id; matching
            # the type by natural key joins instead of a ContentType look-up.
            if subject.user is None:
                return NOTHING
            opts = subject.user._meta
            return Q(content_type__app_label=opts.app_label, content_type__model=opts.model_name,
                     object_id=str(subject.user.pk))

    return AdminLogSource


def _summary_translated(record: dict) -> dict:
    record["summary"] = translate_stored(record.get("summary"))
    return record


class _SummaryInReadersLanguage:
    """The "My data" pages show each timeline entry in the reader's language (the export keeps it as recorded)."""

    def _rows(self, values):
        return map(_summary_translated, super()._rows(values))  # type: ignore[misc]


class _BySubjectKey:
    def subject_filter(self, subject: Subject) -> Q:
        return Q(subject_key__in=subject.keys)


def _own_sources() -> list[type[BaseSource]]:
    accountability = LegalHold(
        reason=_("We must be able to show how we handled your consents and requests (GDPR Art. 5(2))"),
        years=3, date_field="created_at", from_retention=True,
    )

    class TimelineSource(_SummaryInReadersLanguage, ModelSource):
        class Meta:
            model = PrivacyEvent
            name = "privacy_center.privacyevent"
            label = _("Privacy timeline")
            description = _("Consents, choices, requests and copies of your data, in order.")
            fields = {"created_at": None, "kind": None, "summary": None, "method": None, "data": None}
            category = Category.ACCOUNT
            purposes = [_("Prove and respect your privacy choices")]
            legal_basis = LegalBasis.LEGAL_OBLIGATION
            retention = Retention(days=DEFAULT_RETENTION_DAYS["privacy_center.privacyevent"], date_field="created_at",
                                  action="delete",
                                  reason=_("Proof of consent and of how requests were handled"))
            origin = _("You, and our privacy center")
            erasure = Erasure.KEEP
            legal_hold = accountability
            order_by = "-created_at"
            order = 80

        def subject_filter(self, subject: Subject) -> Q:
            q = Q(subject_key__in=subject.keys)
            if subject.user is not None:
                q |= Q(user=subject.user.pk)
            return q


    class FlagsSource(ModelSource):
        class Meta:
            model = SubjectFlags
            name = "privacy_center.subjectflags"
            label = _("Processing restrictions")
            description = _("Restrictions and objections you asked us to respect.")
            fields = {"processing_restricted": None, "objected_to_marketing": None, "opted_out_of_sale": None,
                      "erasure_pending": None, "accuracy_contested": None, "updated_at": None}
            category = Category.INFERENCES
            purposes = [_("Respect your restriction and objection requests")]
            legal_basis = LegalBasis.LEGAL_OBLIGATION
            origin = _("You")
            erasure = Erasure.KEEP
            legal_hold = LegalHold(reason=accountability.reason, years=3, date_field="updated_at",
                                   from_retention=True)
            order = 81

        def subject_filter(self, subject: Subject) -> Q:
            return Q(subject_key__in=subject.keys)

    class SuppressionSource(ModelSource):
        class Meta:
            model = SuppressedEmail
            name = "privacy_center.suppressedemail"
            label = _("Do-not-contact list")
            description = _("A keyed hash of your address, so that marketing never adds you again.")
            fields = {"email_hash": _("Keyed hash of your e-mail address"), "reason": None, "created_at": None}
            category = Category.INFERENCES
            purposes = [_("Never send you marketing again after you opted out or were erased")]
            legal_basis = LegalBasis.LEGITIMATE_INTERESTS
            origin = _("Our privacy center")
            erasure = Erasure.KEEP
            legal_hold = LegalHold(reason=_("Needed to keep you off marketing lists"))
            order = 82

        def subject_filter(self, subject: Subject) -> Q:
            if not subject.emails:
                return NOTHING
            return Q(email_hash__in=[email_hash(e) for e in sorted(subject.emails)])

    class ExportSource(ModelSource):
        class Meta:
            model = Export
            name = "privacy_center.export"
            label = _("Copies of your data")
            description = _("Downloads of your data you asked for; the files expire.")
            user_path = "user"
            email_path = "email"
            fields = {"created_at": None, "status": None, "email": None, "finished_at": None,
                      "downloads": None, "expires_at": None}
            category = Category.ACCOUNT
            purposes = [_("Give you a copy of your data")]
            legal_basis = LegalBasis.LEGAL_OBLIGATION
            retention = Retention(days=DEFAULT_RETENTION_DAYS["privacy_center.export"], date_field="created_at",
                                  action="delete",
                                  reason=_("Record of copies given, for one year"))
            origin = _("You")
            erasure = Erasure.DELETE
            order_by = "-created_at"
            order = 83

    outbox_kept = _("E-mails to you are kept until delivered, then 30 days in case of delivery problems")

    class OutboxSource(ModelSource):
        class Meta:
            model = OutboxMessage
            name = "privacy_center.outboxmessage"
            label = _("E-mails we sent you")
            description = _("Messages from our privacy center to you, while we keep them to make sure they arrive.")
            fields = {"created_at": None, "template": None, "recipient": None, "status": None, "sent_at": None,
                      "last_error": None}
            category = Category.CONTACT
            purposes = [_("Tell you about your requests, copies, deletions and subscriptions")]
            legal_basis = LegalBasis.LEGAL_OBLIGATION
            retention = Retention(days=DEFAULT_RETENTION_DAYS["privacy_center.outboxmessage"], date_field="created_at",
                                  action="delete", reason=outbox_kept)
            origin = _("Our privacy center")
            # Kept through an erasure: the erasure's own receipt is one of them and must still arrive.
            erasure = Erasure.KEEP
            legal_hold = LegalHold(reason=outbox_kept, days=30, date_field="created_at", from_retention=True)
            order_by = "-created_at"
            order = 84

        def subject_filter(self, subject: Subject) -> Q:
            addresses = set(subject.emails)
            if subject.account_email:
                addresses.add(subject.account_email)
            if not addresses:
                return NOTHING
            q = NOTHING
            for address in sorted(addresses):
                q |= Q(recipient__iexact=address)
            return q

    class SessionRecordSource(ModelSource):
        class Meta:
            model = SessionRecord
            name = "privacy_center.sessionrecord"
            label = _("Sign-ins")
            description = _("When you signed in, so that we can sign you out everywhere when you ask.")
            user_path = "user"
            fields = {"created_at": _("Signed in at")}
            category = Category.INTERNET_ACTIVITY
            purposes = [_("End all your sessions when you delete your account")]
            legal_basis = LegalBasis.LEGITIMATE_INTERESTS
            origin = _("Our website")
            erasure = Erasure.DELETE
            order = 7

    class LanguageSource(_BySubjectKey, ModelSource):
        class Meta:
            model = SubjectLanguage
            name = "privacy_center.subjectlanguage"
            label = _("Your language")
            description = _("The language you chose, so that our e-mails to you are written in it.")
            fields = {"language": None, "updated_at": None}
            category = Category.INFERENCES
            purposes = [_("Write to you in your language")]
            legal_basis = LegalBasis.LEGITIMATE_INTERESTS
            origin = _("You")
            erasure = Erasure.DELETE
            order = 85

    NotificationSource = _notification_source(accountability)

    return [TimelineSource, FlagsSource, SuppressionSource, ExportSource, OutboxSource, SessionRecordSource,
            LanguageSource, NotificationSource, _dispute_source()]


def _dispute_source() -> type[BaseSource]:
    """What the customer said is wrong, and what came of it (the restriction while it was checked)."""
    class DisputeSource(_BySubjectKey, ModelSource):
        class Meta:
            model = AccuracyDispute
            name = "privacy_center.accuracydispute"
            label = _("Data you told us is wrong")
            description = _("What you contested, what you told us, and what we found; while we check, we use "
                            "that data only to store it and to handle your request.")
            fields = {"opened_at": None, "source": None, "field": None, "origin": None, "reference": None,
                      "note": None, "outcome": None, "closed_at": None}
            category = Category.ACCOUNT
            purposes = [_("Check data you contested, and not use it meanwhile (GDPR Art. 18(1)(a))")]
            legal_basis = LegalBasis.LEGAL_OBLIGATION
            retention = Retention(days=DEFAULT_RETENTION_DAYS["privacy_center.accuracydispute"],
                                  date_field="opened_at", action="delete",
                                  reason=_("Proof of how we handled what you contested"))
            origin = _("You, and our staff")
            erasure = Erasure.DELETE
            order_by = "-opened_at"
            order = 87

    return DisputeSource


def _notification_source(accountability: LegalHold) -> type[BaseSource]:
    """Notifications to recipients about the subject (kept as proof, like the timeline)."""
    class NotificationSource(ModelSource):
        class Meta:
            model = RecipientNotification
            name = "privacy_center.recipientnotification"
            label = _("Recipients we told")
            description = _("Which recipients of your data we told of your erasure, corrections, restrictions, "
                            "objections and opt-outs, and whether it arrived.")
            fields = {"created_at": None, "recipient_label": None, "event": None, "status": None,
                      "delivered_at": None, "staff_note": None}
            category = Category.ACCOUNT
            purposes = [_("Tell those who received your data of your requests (GDPR Art. 19)")]
            legal_basis = LegalBasis.LEGAL_OBLIGATION
            retention = Retention(days=DEFAULT_RETENTION_DAYS["privacy_center.recipientnotification"],
                                  date_field="created_at", action="delete",
                                  reason=_("Proof that recipients were told"))
            origin = _("Our privacy center")
            erasure = Erasure.KEEP
            legal_hold = accountability
            order_by = "-created_at"
            order = 86

        def subject_filter(self, subject: Subject) -> Q:
            return Q(subject_key__in=subject.keys)

    return NotificationSource
