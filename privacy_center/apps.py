from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyCenterConfig(AppConfig):
    name = "privacy_center"
    verbose_name = _("Privacy center")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from . import checks, integration_checks  # noqa: F401  (registers the system checks)
        from .registry import autodiscover
        from .services.sessions import forget_session, remember_session

        autodiscover()
        # Notifications to recipients follow their outgoing messages' delivery.
        from .services.notifications import connect_outbox

        connect_outbox()
        # The index of each user's sessions, so erasure ends them without reading anyone else's.
        user_logged_in.connect(remember_session, dispatch_uid="privacy_center.remember_session")
        user_logged_out.connect(forget_session, dispatch_uid="privacy_center.forget_session")
