from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyRequestsConfig(AppConfig):
    name = "privacy_center.requests"
    label = "privacy_requests"
    verbose_name = _("Privacy center: requests")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # app loading: these import models, and apps.py is imported before the app registry is ready
        from . import checks, receivers  # noqa: F401  (registers the checks, connects the receivers)
