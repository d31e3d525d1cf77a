from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyErasureConfig(AppConfig):
    name = "privacy_center.erasure"
    label = "privacy_erasure"
    verbose_name = _("Privacy center: erasure")
    default_auto_field = "django.db.models.BigAutoField"
