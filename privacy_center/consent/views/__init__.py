"""The consent feature's pages: validate, call a service, render."""

from .choices import privacy_choices
from .cookies import cookie_settings, gpc_json
from .policy import notice, policy_acknowledge
from .preferences import newsletter, newsletter_confirm, preferences, unsubscribe

__all__ = [
    "cookie_settings", "gpc_json", "privacy_choices", "notice", "policy_acknowledge", "newsletter",
    "newsletter_confirm", "preferences", "unsubscribe",
]
