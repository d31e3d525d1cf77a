"""Configuration mistakes of the consent feature, reported by ``manage.py check``."""

from __future__ import annotations

from django.conf import settings
from django.core import checks

MIDDLEWARE = "privacy_center.consent.middleware.PrivacySignalsMiddleware"
AUTH_MIDDLEWARE = "django.contrib.auth.middleware.AuthenticationMiddleware"
OVERRIDES = "privacy_center.consent"  # holds templates/cookie_consent/, which must win over cookie_consent's own


@checks.register(checks.Tags.compatibility)
def check_consent_setup(app_configs, **kwargs) -> list[checks.CheckMessage]:
    messages: list[checks.CheckMessage] = []
    middleware = list(settings.MIDDLEWARE)
    if MIDDLEWARE not in middleware:
        messages.append(checks.Warning(
            "PrivacySignalsMiddleware is not installed: Global Privacy Control is not honoured.",
            hint=f"Add '{MIDDLEWARE}' to MIDDLEWARE after AuthenticationMiddleware.", id="privacy_center.W201"))
    elif AUTH_MIDDLEWARE in middleware and middleware.index(MIDDLEWARE) < middleware.index(AUTH_MIDDLEWARE):
        messages.append(checks.Error(
            "PrivacySignalsMiddleware must come after AuthenticationMiddleware.",
            hint="It records signals for the logged-in user.", id="privacy_center.E201"))
    apps = list(settings.INSTALLED_APPS)
    if "cookie_consent" not in apps:
        messages.append(checks.Error("privacy_center.consent needs django-cookie-consent ('cookie_consent').",
                                     id="privacy_center.E202"))
    elif OVERRIDES in apps and apps.index("cookie_consent") < apps.index(OVERRIDES):
        messages.append(checks.Warning(
            f"'cookie_consent' is listed before '{OVERRIDES}': its own templates (which fail accessibility "
            "checks) shadow privacy_center's overrides.",
            hint="List 'cookie_consent' after the privacy_center apps in INSTALLED_APPS.", id="privacy_center.W202"))
    return messages
