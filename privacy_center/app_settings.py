"""Every ``PRIVACY_CENTER_*`` setting, with its default, read when used.

Shaped like ``allauth/usersessions/app_settings.py``: one property per setting,
looked up on ``django.conf.settings`` at access time so that
``override_settings`` works and nothing is fixed at import.

Use: ``from privacy_center.app_settings import app_settings``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from .regime_table import CALENDARS, COUNTRY_REGIMES, REGIMES

# The app's own sources' retention, by source name (PRIVACY_CENTER_RETENTION_DAYS overrides any of them).
DEFAULT_RETENTION_DAYS: dict[str, int] = {
    "privacy_center.privacyevent": 3 * 365,
    "privacy_center.subjectflags": 3 * 365,
    "privacy_center.recipientnotification": 3 * 365,
    "privacy_center.export": 365,
    "privacy_center.outboxmessage": 30,
    "privacy_consent.consentrecord": 3 * 365,
    "privacy_center.accuracydispute": 3 * 365,
}


class AppSettings:
    prefix = "PRIVACY_CENTER_"

    def _setting(self, name: str, default: Any) -> Any:
        return getattr(settings, self.prefix + name, default)

    @property
    def BASE_TEMPLATE(self) -> str:
        """Template the privacy pages extend; the shop's own layout."""
        return self._setting("BASE_TEMPLATE", "privacy_center/layout.html")

    @property
    def BASE_BLOCK(self) -> str:
        """The block of ``BASE_TEMPLATE`` that privacy pages fill (the layout's main content)."""
        return self._setting("BASE_BLOCK", "content")

    @property
    def STRICT_COVERAGE(self) -> bool:
        """Turn the coverage gate's warnings (W001) into errors (E001) so CI fails."""
        return self._setting("STRICT_COVERAGE", False)

    @property
    def COVERAGE_IGNORE(self) -> list[str]:
        """``app_label.Model`` or ``app_label.Model.field`` the coverage gate skips."""
        return list(self._setting("COVERAGE_IGNORE", []))

    @property
    def SKIP_BUILTIN_SOURCES(self) -> list[str]:
        """Names of built-in sources not to register (``"admin.logentry"``): the project declares that data
        itself or keeps none. A project's own source of the same name replaces a built-in one anyway."""
        return list(self._setting("SKIP_BUILTIN_SOURCES", []))

    @property
    def BIRTH_DATE_FIELD(self) -> str:
        """Where the customer's birth date is, as a dotted path from the user (``"profile.birth_date"``): the
        adapter's ``is_minor`` reads it, and customers under 18 are told they may remove what they posted
        (Cal. Bus. & Prof. Code § 22581). Empty: the shop does not know ages (the right is still offered)."""
        return str(self._setting("BIRTH_DATE_FIELD", ""))

    @property
    def STORAGE_ALIAS(self) -> str:
        """``STORAGES`` alias for exports and proof files: private, never public media."""
        return self._setting("STORAGE_ALIAS", "privacy_center")

    @property
    def EXPORT_EXPIRY_HOURS(self) -> int:
        """Hours an export can be downloaded before it is deleted."""
        return int(self._setting("EXPORT_EXPIRY_HOURS", 72))

    @property
    def EXPORT_MAX_DOWNLOADS(self) -> int:
        """Downloads allowed before an export expires."""
        return int(self._setting("EXPORT_MAX_DOWNLOADS", 5))

    @property
    def EXPORT_START_TIMEOUT_MINUTES(self) -> int:
        """Minutes an export may wait for its task to start before it is marked failed (so it never blocks)."""
        return int(self._setting("EXPORT_START_TIMEOUT_MINUTES", 30))

    @property
    def EXPORT_CHUNK_SIZE(self) -> int:
        """Rows fetched at a time from an export's cursor (one query per source; memory stays bounded by it)."""
        return int(self._setting("EXPORT_CHUNK_SIZE", 2000))

    @property
    def PAGE_SIZE(self) -> int:
        """Rows per page on the "My data" page and in the API."""
        return int(self._setting("PAGE_SIZE", 25))

    @property
    def HASH_KEY(self) -> str:
        """Secret for keyed hashes (suppression list, tombstones, anonymizers).

        Set it separately (check ``privacy_center.W030`` warns on deploy when it is not), so
        rotating SECRET_KEY keeps the suppression list working. Unset, a key derived from
        SECRET_KEY is used (never SECRET_KEY itself).
        """
        value = self._setting("HASH_KEY", "")
        if value:
            return value

        return salted_hmac("privacy_center.hash_key", "keyed hashes", secret=settings.SECRET_KEY,
                           algorithm="sha256").hexdigest()

    def hash_key_is_set(self) -> bool:
        """Whether the shop set PRIVACY_CENTER_HASH_KEY (not a derived fallback)."""
        return bool(self._setting("HASH_KEY", ""))

    @property
    def CONTROLLER(self) -> dict[str, str]:
        """Who is responsible: name, address, email, officer, supervisory_authority."""
        return dict(self._setting("CONTROLLER", {}))

    @property
    def SITE_URL(self) -> str:
        """Absolute base (``https://shop.example``) for links in e-mails sent outside a request (tasks).

        Empty: the origin of the last request seen is used, then ``http://127.0.0.1:8000``;
        ``check --deploy`` warns while it is empty or local (``privacy_center.W025``).
        """
        return self._setting("SITE_URL", "")

    @property
    def ADAPTER(self) -> str:
        """Dotted path of the adapter class (see ``privacy_center.adapter``)."""
        return self._setting("ADAPTER", "privacy_center.adapter.DefaultPrivacyAdapter")

    # -- outbox (privacy_center.services.outbox) -----------------------------------
    @property
    def OUTBOX_MAX_ATTEMPTS(self) -> int:
        """Delivery attempts of an outgoing message before it becomes a dead letter staff retry."""
        return max(1, int(self._setting("OUTBOX_MAX_ATTEMPTS", 8)))

    @property
    def OUTBOX_RETRY_BACKOFF(self) -> int:
        """Seconds before the first retry; each further retry waits twice as long (30 s, 1 min, 2 min ...)."""
        return int(self._setting("OUTBOX_RETRY_BACKOFF", 30))

    @property
    def OUTBOX_SENDING_TIMEOUT(self) -> int:
        """Seconds after which a message still marked "being sent" counts as interrupted (dead letter)."""
        return int(self._setting("OUTBOX_SENDING_TIMEOUT", 600))

    # -- recipients (privacy_center.recipients, services.notifications) ------------
    @property
    def RECIPIENT_WEBHOOK_TIMEOUT(self) -> float:
        """Seconds (a number; fractions allowed) a recipient's webhook may take to answer before the attempt
        counts as failed and is retried: a slow receiver never holds a worker longer."""
        return self._setting("RECIPIENT_WEBHOOK_TIMEOUT", 10)

    @property
    def RECIPIENT_MAX_ATTEMPTS(self) -> int:
        """Delivery attempts of a notification to a recipient before it is a dead letter staff retry.

        With the default backoff (30 s, doubling) 13 attempts span about 34 hours: at least a day of outage.
        """
        return max(1, int(self._setting("RECIPIENT_MAX_ATTEMPTS", 13)))

    @property
    def RECIPIENT_RETRY_BACKOFF(self) -> int:
        """Seconds before a notification's first retry; each further retry waits twice as long."""
        return int(self._setting("RECIPIENT_RETRY_BACKOFF", 30))

    @property
    def SECURITY_MEASURES(self) -> list[str]:
        """The technical and organisational security measures the record of processing lists (Art. 30(1)(g))."""
        value = self._setting("SECURITY_MEASURES", [])
        return [value] if isinstance(value, str) else [str(v) for v in value]

    @property
    def DATA_SUBJECT_CATEGORIES(self) -> list[str]:
        """Categories of data subjects for the record of processing (default: customers, guests, visitors)."""
        return [str(v) for v in self._setting("DATA_SUBJECT_CATEGORIES", [])]

    # -- consent, signals, communication (privacy_center.consent) ------------------
    @property
    def VISITOR_COOKIE_NAME(self) -> str:
        """Cookie holding an anonymous visitor's random id, set only when a choice is recorded."""
        return self._setting("VISITOR_COOKIE_NAME", "privacy_visitor")

    @property
    def OPT_OUT_COOKIE_NAME(self) -> str:
        """Cookie that remembers, in this browser, an opt-out made on the "Your privacy choices" page; while
        it is there, every request is treated like one carrying ``Sec-GPC: 1``."""
        return self._setting("OPT_OUT_COOKIE_NAME", "privacy_opt_out")

    @property
    def HONOR_GPC(self) -> bool:
        """Treat ``Sec-GPC: 1`` as an opt-out of sale/sharing and of marketing cookies."""
        return bool(self._setting("HONOR_GPC", True))

    @property
    def HONOR_DNT(self) -> bool:
        """Treat ``DNT: 1`` as declining analytics and marketing cookies."""
        return bool(self._setting("HONOR_DNT", False))

    @property
    def GPC_LAST_UPDATE(self) -> str:
        """``lastUpdate`` of ``/.well-known/gpc.json`` (ISO date the shop's GPC handling last changed)."""
        return self._setting("GPC_LAST_UPDATE", "2026-11-23")

    @property
    def SIGNAL_CACHE_TIMEOUT(self) -> int:
        """Seconds the middleware remembers that a browser signal was already recorded."""
        return int(self._setting("SIGNAL_CACHE_TIMEOUT", 30 * 24 * 3600))

    @property
    def MARKETING_COOKIE_GROUPS(self) -> list[str]:
        """Cookie groups (varnames) that GPC declines: advertising, sale and sharing."""
        return list(self._setting("MARKETING_COOKIE_GROUPS", ["marketing"]))

    @property
    def ANALYTICS_COOKIE_GROUPS(self) -> list[str]:
        """Cookie groups that Do-Not-Track declines in addition to the marketing ones."""
        return list(self._setting("ANALYTICS_COOKIE_GROUPS", ["analytics"]))

    @property
    def CONSENT_MODE(self) -> dict[str, str]:
        """Google Consent Mode v2 type -> cookie group varname that grants it."""
        return dict(self._setting("CONSENT_MODE", {
            "ad_storage": "marketing",
            "ad_user_data": "marketing",
            "ad_personalization": "marketing",
            "analytics_storage": "analytics",
        }))

    @property
    def COMMUNICATION_CHANNELS(self) -> list[tuple[str, Any]]:
        """(code, label) of the channels customers can subscribe to."""
        return [tuple(c) for c in self._setting("COMMUNICATION_CHANNELS", [
            ("newsletter", _("Newsletter")),
            ("marketing_email", _("Offers by e-mail")),
            ("sms", _("Text messages (SMS)")),
            ("postal", _("Postal mail")),
        ])]

    @property
    def COMMUNICATION_TOPICS(self) -> list[tuple[str, Any]]:
        """(code, label) of the topics customers can choose within a channel."""
        return [tuple(t) for t in self._setting("COMMUNICATION_TOPICS", [
            ("news", _("News and new products")),
            ("offers", _("Offers and discounts")),
            ("tips", _("Tips and guides")),
        ])]

    @property
    def DOUBLE_OPT_IN_CHANNELS(self) -> list[str]:
        """Channels that need a confirmed (double) opt-in by e-mail link."""
        return list(self._setting("DOUBLE_OPT_IN_CHANNELS", ["newsletter"]))

    @property
    def SIGNUP_CONFIRM_HOURS(self) -> int:
        """Hours a newsletter confirmation link works; unconfirmed sign-ups are then purged."""
        return int(self._setting("SIGNUP_CONFIRM_HOURS", 72))

    @property
    def UNSUBSCRIBE_MAILTO(self) -> str:
        """Address for ``List-Unsubscribe``'s mailto; defaults to the controller's e-mail."""
        return self._setting("UNSUBSCRIBE_MAILTO", "") or self.CONTROLLER.get("email", "")

    # -- requests (privacy_center.requests, privacy_center.regimes) -----------------
    @property
    def REGIMES(self) -> dict[str, dict[str, Any]]:
        """Legal clocks by code (see ``privacy_center.regimes``): the built-in table
        (``privacy_center.regime_table.REGIMES``, each with its citation), merged with the shop's.

        A shop adds a regime or overrides one by code; ``None`` removes a default.
        """
        merged = {**REGIMES, **self._setting("REGIMES", {})}
        return {code: spec for code, spec in merged.items() if spec is not None}

    @property
    def CALENDARS(self) -> dict[str, dict[str, Any]]:
        """Business-day calendars by name (``privacy_center.regime_table.CALENDARS``): a country's public
        holidays from the ``holidays`` package, a weekend, the shop's own ``holidays`` ("MM-DD" or ISO
        dates) and ``not_holidays``: names of package holidays the law counting the period does not list.
        A shop's entry is merged over the built-in one of the same name, so it extends it."""
        shop = self._setting("CALENDARS", {})
        return {name: {**CALENDARS.get(name, {}), **shop.get(name, {})} for name in {**CALENDARS, **shop}}

    @property
    def SHOP_COUNTRY(self) -> str:
        """ISO 3166 code (``"SE"``) of the country where
        the shop is established: its public holidays count for GDPR periods (Regulation 1182/71 Art. 2) and
        for the shop's own promises. Empty: weekends only."""
        return str(self._setting("SHOP_COUNTRY", ""))

    @property
    def CLOCK_TIME_ZONE(self) -> str:
        """The zone in which the day of receipt is counted (a regime's ``time_zone`` overrides it):
        defaults to the shop's ``TIME_ZONE``."""
        return self._setting("CLOCK_TIME_ZONE", None) or settings.TIME_ZONE

    @property
    def DEFAULT_REGIMES(self) -> list[str]:
        """Regimes that apply to every request (where the shop is established)."""
        return list(self._setting("DEFAULT_REGIMES", ["gdpr"]))

    @property
    def COUNTRY_REGIMES(self) -> dict[str, list[str]]:
        """Extra regimes by the customer's country (ISO 3166 code, or ``"US-CA"``):
        ``privacy_center.regime_table.COUNTRY_REGIMES`` merged with the shop's."""
        return {**COUNTRY_REGIMES, **self._setting("COUNTRY_REGIMES", {})}

    @property
    def REQUEST_PROMISES(self) -> dict[str, dict[str, Any]]:
        """The shop's own shorter clocks by request type: ``{"erasure": {"days": 30, "text": "..."}}``,
        counted from receipt in the shop's calendar (``"shop"``), never stretched by waits."""
        return dict(self._setting("REQUEST_PROMISES", {}))

    @property
    def REQUEST_REAUTH_TYPES(self) -> list[str]:
        """Request types a logged-in customer files only after a recent re-authentication."""
        return list(self._setting("REQUEST_REAUTH_TYPES", ["access", "portability", "rectification", "erasure"]))

    @property
    def REQUEST_MANUAL_TYPES(self) -> list[str]:
        """Request types that, once verified, wait for staff to press "Run now" (rectification and "other"
        always do): e.g. ``["erasure"]`` to look at the erasure preview before it starts."""
        return list(self._setting("REQUEST_MANUAL_TYPES", []))

    @property
    def REQUEST_TYPES(self) -> dict[str, dict[str, Any]]:
        """Options by request type: ``{"erasure": {"staff_approval": True}}``. ``staff_approval``: once
        verified, the request waits until staff approve it in the admin (or reject it with a reason the
        customer is told); the customer is told so on the confirmation page, in the acknowledgement and on
        the request page, with what happens after approval."""
        return {str(k): dict(v) for k, v in dict(self._setting("REQUEST_TYPES", {})).items()}

    def needs_staff_approval(self, request_type: str) -> bool:
        """Whether requests of this type wait for a staff approval (``REQUEST_TYPES``)."""
        return bool(self.REQUEST_TYPES.get(str(request_type), {}).get("staff_approval"))

    @property
    def REQUEST_REMINDER_DAYS(self) -> int:
        """Staff are reminded this many days before a request is due (and again when overdue)."""
        return int(self._setting("REQUEST_REMINDER_DAYS", 5))

    @property
    def REQUEST_STAFF_EMAILS(self) -> list[str]:
        """Where reminders for unassigned requests go (default: the controller's address)."""
        default = [self.CONTROLLER["email"]] if self.CONTROLLER.get("email") else []
        return list(self._setting("REQUEST_STAFF_EMAILS", default))

    @property
    def REQUEST_RETENTION_MONTHS(self) -> int:
        """Months closed requests are kept before the sweep purges them; never less than 24 (CCPA)."""
        return max(24, int(self._setting("REQUEST_RETENTION_MONTHS", 24)))

    @property
    def REQUEST_REFERENCE_PREFIX(self) -> str:
        """Prefix of request references: ``PR-2026-000123``."""
        return self._setting("REQUEST_REFERENCE_PREFIX", "PR")

    @property
    def GUEST_LINK_MAX_AGE(self) -> int:
        """Seconds a guest's verification link stays valid (it works once)."""
        return int(self._setting("GUEST_LINK_MAX_AGE", 24 * 3600))

    @property
    def GUEST_SESSION_MAX_AGE(self) -> int:
        """Seconds a verified guest may follow their requests without a new link."""
        return int(self._setting("GUEST_SESSION_MAX_AGE", 3600))

    @property
    def REQUEST_RATE_LIMITS(self) -> dict[str, tuple[int, int]]:
        """(count, seconds) per client IP, per case-folded e-mail and per user for filing requests."""
        defaults = {"ip": (10, 3600), "email": (3, 3600), "user": (10, 3600), "order_proof": (5, 3600)}
        return {k: tuple(v) for k, v in {**defaults, **self._setting("REQUEST_RATE_LIMITS", {})}.items()}

    @property
    def FREE_COPIES_PER_YEAR(self) -> int:
        """Copies of their data (access/portability) a subject gets free in 12 months."""
        return int(self._setting("FREE_COPIES_PER_YEAR", 1))

    @property
    def EXTRA_COPY_NOTE(self) -> str:
        """What a customer is told when a copy is beyond the free ones (never a silent refusal)."""
        return self._setting(
            "EXTRA_COPY_NOTE",
            "You already received your free copy this year. We will still provide this one; "
            "we may charge a reasonable fee for the work and will tell you before we do.",
        )

    @property
    def PROOF_MAX_BYTES(self) -> int:
        """Largest proof file (authorized agents' signed permission) accepted."""
        return int(self._setting("PROOF_MAX_BYTES", 5 * 1024 * 1024))

    @property
    def PROOF_CONTENT_TYPES(self) -> dict[str, str]:
        """Accepted proof files: content type -> file extension."""
        return dict(self._setting("PROOF_CONTENT_TYPES", {
            "application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg",
        }))

    @property
    def REQUEST_DOCUMENTS_MAX(self) -> int:
        """How many supporting documents a customer may attach to one request (each checked like a proof
        file: ``PROOF_MAX_BYTES`` and ``PROOF_CONTENT_TYPES``); 0 hides the upload."""
        return int(self._setting("REQUEST_DOCUMENTS_MAX", 3))

    @property
    def ORDER_PROOF(self) -> dict[str, str] | None:
        """How the default adapter checks a guest's proof of order:
        ``{"model": "shop.Order", "email": "email", "number": "number", "postcode": "billing_postcode"}``.
        ``None``: no proof is ever accepted (override ``verify_order_proof`` in the adapter instead).
        """
        return self._setting("ORDER_PROOF", None)


    # -- erasure and retention (privacy_center.erasure) ------------------------------
    @property
    def ERASURE_COOLING_OFF_DAYS(self) -> int:
        """Days between "delete my account" and the erasure; the account is deactivated meanwhile. 0: at once."""
        return max(0, int(self._setting("ERASURE_COOLING_OFF_DAYS", 14)))

    @property
    def ERASURE_USER_ACTION(self) -> str:
        """What erasure does to the user row: ``"delete"`` it, or ``"anonymize"`` it (keeps foreign keys)."""
        return self._setting("ERASURE_USER_ACTION", "delete")

    @property
    def ERASURE_MAX_RETRIES(self) -> int:
        """Times the erasure task is retried after a failure before it stays failed (staff are shown why)."""
        return int(self._setting("ERASURE_MAX_RETRIES", 5))

    @property
    def ERASURE_TOMBSTONE_LOG(self) -> str:
        """File each erasure's tombstone (keyed hashes only) is appended to, outside the database, so that
        ``privacy_reapply_erasures --file`` works after a restore from a backup older than the erasure.
        Empty: tombstones are kept in the database only."""
        return self._setting("ERASURE_TOMBSTONE_LOG", "")

    @property
    def RETENTION_BATCH_SIZE(self) -> int:
        """Rows per statement in retention sweeps and legal-hold releases."""
        return int(self._setting("RETENTION_BATCH_SIZE", 50000))

    @property
    def RETENTION_DAYS(self) -> dict[str, int]:
        """Days each source keeps its rows, by source name: the app's own sources' defaults
        (``privacy_center.app_settings.DEFAULT_RETENTION_DAYS``: the timeline, consent records and notices to
        recipients 3 years, copies of data 1 year, e-mails 30 days) merged with the shop's.

        An entry sets the source's ``Retention.days`` (the sweep deletes or anonymizes older rows) and the length
        of a legal hold declared ``from_retention=True`` (what an erasure keeps, and how long). Any registered
        source may be named; an unknown name fails ``manage.py check`` (``privacy_center.E050``). Requests
        follow ``PRIVACY_CENTER_REQUEST_RETENTION_MONTHS`` instead (at least 24 months, the law's minimum)."""
        return {**DEFAULT_RETENTION_DAYS, **{k: int(v) for k, v in self._setting("RETENTION_DAYS", {}).items()}}

    @property
    def MAX_RETENTION_DAYS(self) -> int | None:
        """The longest the shop promises to keep personal data ("no purpose requires keeping your information
        longer than 2 years": 730). ``manage.py check`` then lists every source that keeps rows longer: a
        warning (``privacy_center.W050``), or, when the declaration cites the law that requires it
        (``Retention(law=...)``, ``LegalHold(law=...)``), information (``privacy_center.I050``).
        ``None``: no promise, no check."""
        value = self._setting("MAX_RETENTION_DAYS", None)
        return None if value is None else int(value)

    @property
    def EDITABLE_FIELDS(self) -> dict[str, list[str]]:
        """Fields customers may correct in place, by source name, replacing what the source declares
        (``{"auth.user": ["last_name"]}``: "you may correct your data, except your name" without replacing
        the built-in source; ``[]``: nothing). My data, the API and rectification requests follow it; a
        source or field the registry does not know fails ``manage.py check`` (``privacy_center.E005``)."""
        return {name: list(fields) for name, fields in self._setting("EDITABLE_FIELDS", {}).items()}

    @property
    def INACTIVE_ACCOUNT_DAYS(self) -> int | None:
        """Days without a login after which an account is erased (``None``: never)."""
        value = self._setting("INACTIVE_ACCOUNT_DAYS", 2 * 365)
        return None if value is None else int(value)

    @property
    def INACTIVE_WARNING_DAYS(self) -> int:
        """Days before an inactive account's erasure that its owner is warned by e-mail."""
        return int(self._setting("INACTIVE_WARNING_DAYS", 30))

    # -- web security (privacy_center.middleware, client_ip, limits, content_security) ---------------
    @property
    def TRUSTED_PROXY_COUNT(self) -> int:
        """Reverse proxies in front of the site that append to ``X-Forwarded-For``; 0: the header is ignored."""
        return max(0, int(self._setting("TRUSTED_PROXY_COUNT", 0)))

    @property
    def PRIVATE_URL_NAMESPACES(self) -> list[str]:
        """URL namespaces whose every response gets ``Cache-Control: private, no-store``."""
        return list(self._setting("PRIVATE_URL_NAMESPACES", ["privacy_center", "privacy_center_api"]))

    @property
    def SEND_LIMITS(self) -> dict[str, tuple[int, int]]:
        """(count, seconds) for each action that sends mail or starts work, per canonical address (``*_email``),
        per client IP (``*_ip``) or per user (``*_user``). A shop overrides any of them by name."""
        defaults = {
            "newsletter_email": (3, 3600), "newsletter_ip": (20, 3600),
            "contact_email": (5, 3600), "contact_ip": (20, 3600),
            "request_message_user": (20, 3600), "request_message_ip": (60, 3600),
            "export_user": (5, 3600), "export_ip": (30, 3600),
            "guest_email": (3, 3600), "guest_ip": (10, 3600),
        }
        return {k: tuple(v) for k, v in {**defaults, **self._setting("SEND_LIMITS", {})}.items()}

    @property
    def MESSAGE_MAX_LENGTH(self) -> int:
        """Longest message a customer, guest or staff member may send on a request (pages and API alike)."""
        return int(self._setting("MESSAGE_MAX_LENGTH", 4000))


app_settings = AppSettings()
