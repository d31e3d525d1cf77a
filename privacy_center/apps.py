from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from .registry import autodiscover


class PrivacyCenterConfig(AppConfig):
    name = "privacy_center"
    verbose_name = _("Privacy center")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # app loading: these import models, and apps.py is imported before the app registry is ready
        from . import (  # noqa: F401  (registers the system checks)
            checks,
            integration_checks,
            tasks,  # noqa: F401  (registers the shared tasks: services enqueue them by name)
        )

        # app loading: services.language imports models, and apps.py is imported before apps are ready
        from .services.language import remember_language_at_login

        # app loading: services.sessions imports models, and apps.py is imported before apps are ready
        from .services.sessions import forget_session, remember_session

        autodiscover()
        # Notifications to recipients follow their outgoing messages' delivery.
        # app loading: services.notifications imports models, and apps.py is imported before apps are ready
        from .services.notifications import connect_outbox

        connect_outbox()
        # Each deploy (``migrate``) whose declarations changed stores a version of the record of processing.
        # app loading: services.processing_record imports models, and apps.py is imported before apps are ready
        from .services.processing_record import on_post_migrate

        post_migrate.connect(on_post_migrate, sender=self, dispatch_uid="privacy_center.processing_record")
        # The index of each user's sessions, so erasure ends them without reading anyone else's.
        user_logged_in.connect(remember_session, dispatch_uid="privacy_center.remember_session")
        user_logged_out.connect(forget_session, dispatch_uid="privacy_center.forget_session")
        # The language the customer logs in with is the one later e-mails to them are written in.
        user_logged_in.connect(remember_language_at_login, dispatch_uid="privacy_center.remember_language")
