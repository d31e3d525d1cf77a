from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConsentConfig(AppConfig):
    name = "privacy_center.consent"
    label = "privacy_consent"
    verbose_name = _("Privacy center: consent and preferences")
    default_auto_field = "django.db.models.BigAutoField"
