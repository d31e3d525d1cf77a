"""System checks: configuration mistakes fail at ``manage.py check`` with coded messages."""

from __future__ import annotations

from allauth.account import app_settings as account_settings
from allauth.account.adapter import get_adapter
from django.apps import apps
from django.conf import settings
from django.core import checks
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string

from .app_settings import app_settings
from .content_security import BUILTIN_MIDDLEWARE, PACKAGE_MIDDLEWARE, middleware_installed
from .contrib.account_adapter import OutboxAccountAdapter
from .coverage import declaration_problems, uncovered_fields
from .registry import site
from .retention import over_ceiling, unknown_retention_names
from .services.posts import declaration_problems as post_declaration_problems
from .services.webhooks import secret_bytes
from .sources import ModelSource


@checks.register(checks.Tags.compatibility)
def check_storage(app_configs, **kwargs) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    alias = app_settings.STORAGE_ALIAS
    storages = getattr(settings, "STORAGES", {})
    if alias not in storages:
        errors.append(
            checks.Error(
                f"STORAGES has no {alias!r} alias for private exports.",
                hint="Add a private storage (outside MEDIA_ROOT) under that alias, "
                "or name another with PRIVACY_CENTER_STORAGE_ALIAS.",
                id="privacy_center.E010",
            )
        )
    return errors


@checks.register("privacy_center")
def check_coverage(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """The coverage gate: personal-looking fields that no source declares (W001, or E001 when strict)."""
    strict = app_settings.STRICT_COVERAGE
    level, code = (checks.Error, "privacy_center.E001") if strict else (checks.Warning, "privacy_center.W001")
    messages: list[checks.CheckMessage] = []
    for model, fields in uncovered_fields(site, app_configs):
        label = f"{model._meta.app_label}.{model.__name__}"
        messages.append(
            level(
                f"{label} has personal-looking fields that no privacy source declares: {', '.join(fields)}.",
                hint=f"Declare them in a ModelSource (the app's privacy.py), or list '{label}.<field>' in "
                "PRIVACY_CENTER_COVERAGE_IGNORE with the reason they are not personal data.",
                obj=model,
                id=code,
            )
        )
    return messages


@checks.register("privacy_center")
def check_declarations(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Declarations that name a missing field (E002), cannot reach a subject (E003) or edit badly (E004)."""
    return [
        checks.Error(problem.message, hint=problem.hint, obj=problem.source, id=f"privacy_center.{problem.code}")
        for problem in declaration_problems(site)
    ]


@checks.register(checks.Tags.security)
def check_allauth_reauthentication(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """allauth lets a stolen session add and verify a new address without the password (W020).

    The new address becomes primary and a password reset completes the takeover, so a
    shop using allauth's e-mail management must require a recent re-authentication.
    """
    if not apps.is_installed("allauth.account"):
        return []

    if get_adapter().is_reauthentication_required(app="allauth.account"):
        return []
    return [
        checks.Warning(
            "allauth lets a logged-in session add or change the account's e-mail address without "
            "re-authentication: whoever holds a stolen session can take the account over with a password reset.",
            hint="Set ACCOUNT_REAUTHENTICATION_REQUIRED = True (or make the account adapter's "
            "is_reauthentication_required() return True).",
            id="privacy_center.W020",
        )
    ]


@checks.register(checks.Tags.security)
def check_signup_enumeration(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """allauth's sign-up says "already registered" unless e-mail verification is mandatory (W031).

    ``ACCOUNT_PREVENT_ENUMERATION`` can keep sign-up silent only when verification is mandatory: then a
    taken address gets the same "check your inbox" page as a new one, and its owner an e-mail.
    """
    if not apps.is_installed("allauth.account"):
        return []
    try:
        reverse("account_signup")
    except NoReverseMatch:  # allauth's pages are not mounted (the shop signs people up its own way)
        return []

    mandatory = account_settings.EMAIL_VERIFICATION == account_settings.EmailVerificationMethod.MANDATORY
    if mandatory or not account_settings.PREVENT_ENUMERATION:
        return [] if mandatory else [_enumeration_warning("ACCOUNT_PREVENT_ENUMERATION is off")]
    return [_enumeration_warning(f"ACCOUNT_EMAIL_VERIFICATION is {account_settings.EMAIL_VERIFICATION.value!r}")]


def _enumeration_warning(cause: str) -> checks.Warning:
    return checks.Warning(
        f"{cause}: allauth's sign-up form tells anyone who types an address whether it has an account.",
        hint='Set ACCOUNT_EMAIL_VERIFICATION = "mandatory" and leave ACCOUNT_PREVENT_ENUMERATION on; sign-up then '
        "answers alike for taken and new addresses.",
        id="privacy_center.W031",
    )


@checks.register(checks.Tags.security)
def check_trusted_proxies(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """DRF and allauth must trust exactly the proxies privacy_center trusts (W021).

    DRF with ``NUM_PROXIES`` unset believes a client's whole ``X-Forwarded-For`` header, so its
    per-IP throttles (and allauth's login limits) could be reset with a new header per request.
    """
    expected = app_settings.TRUSTED_PROXY_COUNT
    found = {"REST_FRAMEWORK['NUM_PROXIES']": getattr(settings, "REST_FRAMEWORK", {}).get("NUM_PROXIES")}
    if apps.is_installed("allauth"):
        found["ALLAUTH_TRUSTED_PROXY_COUNT"] = getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0)
    if not apps.is_installed("rest_framework"):
        found.pop("REST_FRAMEWORK['NUM_PROXIES']")
    return [
        checks.Warning(
            f"{name} is {value!r} but PRIVACY_CENTER_TRUSTED_PROXY_COUNT is {expected}: client IPs (and every "
            "per-IP limit) would be read differently, and an unset NUM_PROXIES trusts any X-Forwarded-For.",
            hint=f"Set {name} = PRIVACY_CENTER_TRUSTED_PROXY_COUNT (the number of proxies in front of the site).",
            id="privacy_center.W021",
        )
        for name, value in found.items()
        if value != expected
    ]


@checks.register(checks.Tags.security)
def check_content_security_policy(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Pages with personal data need a Content-Security-Policy (W022): Django 6's own, or django-csp on 5.2."""
    if middleware_installed(list(getattr(settings, "MIDDLEWARE", []))):
        return []
    return [
        checks.Warning(
            "No Content-Security-Policy middleware is installed: an injected script on a privacy page could read "
            "and send away the customer's data.",
            hint=f"Add {BUILTIN_MIDDLEWARE!r} (Django 6) or {PACKAGE_MIDDLEWARE!r} (django-csp, Django 5.2) to "
            "MIDDLEWARE with a policy; privacy_center's inline script carries the nonce of either.",
            id="privacy_center.W022",
        )
    ]


@checks.register(checks.Tags.compatibility)
def check_account_adapter(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """allauth's e-mails sent inside the request, outside the outbox (W023)."""
    if not apps.is_installed("allauth.account"):
        return []
    try:
        reverse("account_signup")
    except NoReverseMatch:  # allauth's pages are not mounted (the shop signs people up its own way)
        return []


    try:
        adapter = import_string(account_settings.ADAPTER)
    except ImportError:
        return []  # allauth reports its own setting
    if isinstance(adapter, type) and issubclass(adapter, OutboxAccountAdapter):
        return []
    return [checks.Warning(
        "allauth's account e-mails are sent inside the request: a mail server that is down fails sign-ups "
        "and password resets, and a lost connection loses the e-mail.",
        hint="Set ACCOUNT_ADAPTER to privacy_center.contrib.account_adapter.OutboxAccountAdapter "
        "(or a subclass of it) so they go through the outbox.",
        id="privacy_center.W023",
    )]


@checks.register(checks.Tags.security, deploy=True)
def check_hash_key(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """The keyed hashes' secret derived from SECRET_KEY (W030): rotating SECRET_KEY would break them."""
    if app_settings.hash_key_is_set():
        return []
    return [checks.Warning(
        "PRIVACY_CENTER_HASH_KEY is not set: keyed hashes (the suppression list, erasure tombstones, "
        "pseudonyms) use a key derived from SECRET_KEY, so rotating SECRET_KEY puts erased and opted-out "
        "people back on marketing lists and makes old tombstones unmatchable.",
        hint="Set PRIVACY_CENTER_HASH_KEY to a long random secret of its own, kept like SECRET_KEY "
        "and never rotated without re-hashing.",
        id="privacy_center.W030",
    )]


@checks.register("privacy_center")
def check_user_content(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Sources declared as user content whose removal cannot work as declared (E060)."""
    return [checks.Error(f"Source {source.name!r} is declared as user content, but {problem}.",
                         hint="See Meta.user_content and Meta.remove in privacy_center/sources.py.", obj=source,
                         id="privacy_center.E060")
            for source in site for problem in post_declaration_problems(source)]


@checks.register("privacy_center")
def check_recipients(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Recipients: named but not declared (E040), free text (W040), webhook not https (E041) or unsigned (E042),
    for direct marketing without an address (E043)."""
    messages: list[checks.CheckMessage] = []
    for source, name in site.undeclared_recipients():
        messages.append(checks.Error(
            f"Source {source.name!r} names the recipient {name!r}, which no privacy.py declares.",
            hint="Declare a privacy_center.recipients.Recipient with that name and register it.",
            obj=source, id="privacy_center.E040"))
    for recipient in site.legacy_recipients():
        messages.append(checks.Warning(
            f"A source names the recipient {str(recipient.label)!r} as free text: it is told by staff only.",
            hint="Declare a Recipient (role, country, safeguard, how it is told) and name it by its key.",
            id="privacy_center.W040"))
    for recipient in site.declared_recipients():
        if recipient.direct_marketing and not str(recipient.address).strip():
            messages.append(checks.Error(
                f"Recipient {recipient.name!r} receives data for its own direct marketing but has no address.",
                hint="Cal. Civ. Code § 1798.83 answers with the names and addresses of such recipients: set "
                     "its address.", obj=recipient, id="privacy_center.E043"))
        url = recipient.webhook_url()
        if not url:
            continue
        if not settings.DEBUG and not url.startswith("https://"):
            messages.append(checks.Error(
                f"Recipient {recipient.name!r}: its webhook URL ({recipient.webhook_url_setting}) is not https.",
                hint="Personal data goes to recipients only over TLS outside DEBUG.", obj=recipient,
                id="privacy_center.E041"))
        secret = recipient.webhook_secret()
        problem = "" if secret else f"{recipient.webhook_secret_setting or 'webhook_secret_setting'} is not set"
        if secret:
            try:
                secret_bytes(secret)
            except ValueError as exc:
                problem = str(exc)
        if problem:
            messages.append(checks.Error(
                f"Recipient {recipient.name!r} has a webhook URL but no usable secret: {problem}.",
                hint="Set the secret setting (or environment variable) to 'whsec_' + base64 of 32 random bytes.",
                obj=recipient, id="privacy_center.E042"))
    return messages


@checks.register("privacy_center")
def check_retention_ceiling(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Sources kept longer than the shop's promise (W050; I050 when the law that requires it is cited or the
    hold has no end date), and retention entries naming no source (E050)."""
    messages: list[checks.CheckMessage] = []
    configured = app_settings.RETENTION_DAYS
    for name in unknown_retention_names(configured, {source.name for source in site}):
        messages.append(checks.Error(
            f"PRIVACY_CENTER_RETENTION_DAYS names {name!r}, which is no registered source.",
            hint="Use a source's name (the registry lists them: privacy_center.registry.site).",
            id="privacy_center.E050"))
    for name, days in configured.items():
        if days <= 0:
            messages.append(checks.Error(
                f"PRIVACY_CENTER_RETENTION_DAYS gives {name!r} {days} days; a retention is at least one day.",
                id="privacy_center.E050"))
    ceiling = app_settings.MAX_RETENTION_DAYS
    if ceiling is None:
        return messages
    by_source: dict[str, list] = {}
    for period in over_ceiling(site, ceiling):
        by_source.setdefault(period.source.name, []).append(period)
    for name, periods in by_source.items():
        parts = "; ".join(
            (f"kept with no end date ({p.reason})" if p.days == 0 else f"{p.how} {p.days} days")
            + (f", required by {p.law}" if p.law else "") for p in periods)
        text = f"Source {name!r} keeps rows beyond the promised maximum of {ceiling} days: {parts}."
        if all(p.days == 0 or p.required_by_law for p in periods):
            messages.append(checks.Info(text, obj=name, id="privacy_center.I050"))
        else:
            messages.append(checks.Warning(
                text + " No law that requires it is cited (PRIVACY_CENTER_MAX_RETENTION_DAYS is the shop's promise).",
                hint=f"Shorten it (PRIVACY_CENTER_RETENTION_DAYS = {{{name!r}: {ceiling}}} sets a source's retention "
                "and the legal holds declared from_retention=True), or cite the law that requires it "
                "(Retention(law=...), LegalHold(law=...)).", obj=name, id="privacy_center.W050"))
    return messages


@checks.register("privacy_center")
def check_editable_fields(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """``PRIVACY_CENTER_EDITABLE_FIELDS`` naming a source or a field the registry does not know (E005)."""
    messages: list[checks.CheckMessage] = []
    for name, fields in app_settings.EDITABLE_FIELDS.items():
        source = site.get(name) if site.is_registered(name) else None
        if not isinstance(source, ModelSource):
            messages.append(checks.Error(
                f"PRIVACY_CENTER_EDITABLE_FIELDS names {name!r}, which is no registered model source.",
                hint="Use a model source's name (\"auth.user\", \"shop.address\" ...).", id="privacy_center.E005"))
            continue
        for field in fields:
            if field not in source.field_labels:
                messages.append(checks.Error(
                    f"PRIVACY_CENTER_EDITABLE_FIELDS makes {field!r} of {name!r} editable, but the source does "
                    f"not declare that field ({', '.join(source.field_labels)}).", obj=name,
                    id="privacy_center.E005"))
    return messages
