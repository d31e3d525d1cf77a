from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyCenterConfig(AppConfig):
    name = "privacy_center"
    verbose_name = _("Privacy center")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks, integration_checks  # noqa: F401  (registers the system checks)
        from .registry import autodiscover

        autodiscover()
