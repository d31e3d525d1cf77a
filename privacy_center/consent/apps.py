from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy as _


class PrivacyConsentConfig(AppConfig):
    name = "privacy_center.consent"
    label = "privacy_consent"
    verbose_name = _("Privacy center: consent and preferences")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # app loading: the receivers import models, and apps.py is imported before the app registry is ready
        from . import checks, receivers  # noqa: F401  (checks registers the system checks)

        # Django's signal (not allauth's) so every login path is covered, force_login and admin included.
        user_logged_in.connect(receivers.carry_consent_to_account, dispatch_uid="privacy_consent_login")
