from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _

from ..anonymizers import register_sqlite_functions


class PrivacyErasureConfig(AppConfig):
    name = "privacy_center.erasure"
    label = "privacy_erasure"
    verbose_name = _("Privacy center: erasure")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # app loading: the tasks and checks import models, and apps.py is imported before the registry is ready
        from . import checks, tasks  # noqa: F401  (registers the system checks and the shared tasks)

        # app loading: the receivers import models, and apps.py is imported before the app registry is ready
        from .receivers import keep_active_account

        # SQLite runs the keyed hash and IP truncation as SQL functions (set-based anonymization).
        connection_created.connect(register_sqlite_functions, dispatch_uid="privacy_center.anonymizers.sqlite")
        user_logged_in.connect(keep_active_account, dispatch_uid="privacy_center.erasure.keep_active_account")
