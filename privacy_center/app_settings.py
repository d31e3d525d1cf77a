"""Every ``PRIVACY_CENTER_*`` setting, with its default, read when used.

Shaped like ``allauth/usersessions/app_settings.py``: one property per setting,
looked up on ``django.conf.settings`` at access time so that
``override_settings`` works and nothing is fixed at import.

Use: ``from privacy_center.app_settings import app_settings``.
"""

from __future__ import annotations

from typing import Any


class AppSettings:
    prefix = "PRIVACY_CENTER_"

    def _setting(self, name: str, default: Any) -> Any:
        from django.conf import settings

        return getattr(settings, self.prefix + name, default)

    @property
    def BASE_TEMPLATE(self) -> str:
        """Template the privacy pages extend; the shop's own layout."""
        return self._setting("BASE_TEMPLATE", "privacy_center/layout.html")

    @property
    def STRICT_COVERAGE(self) -> bool:
        """Turn the coverage gate's warnings (W001) into errors (E001) so CI fails."""
        return self._setting("STRICT_COVERAGE", False)

    @property
    def COVERAGE_IGNORE(self) -> list[str]:
        """``app_label.Model`` or ``app_label.Model.field`` the coverage gate skips."""
        return list(self._setting("COVERAGE_IGNORE", []))

    @property
    def STORAGE_ALIAS(self) -> str:
        """``STORAGES`` alias for exports and proof files: private, never public media."""
        return self._setting("STORAGE_ALIAS", "privacy_center")

    @property
    def EXPORT_EXPIRY_HOURS(self) -> int:
        """Hours an export can be downloaded before it is deleted."""
        return int(self._setting("EXPORT_EXPIRY_HOURS", 72))

    @property
    def EXPORT_MAX_DOWNLOADS(self) -> int:
        """Downloads allowed before an export expires."""
        return int(self._setting("EXPORT_MAX_DOWNLOADS", 5))

    @property
    def EXPORT_CHUNK_SIZE(self) -> int:
        """Rows read per query while writing an export (keyset pagination)."""
        return int(self._setting("EXPORT_CHUNK_SIZE", 2000))

    @property
    def PAGE_SIZE(self) -> int:
        """Rows per page on the "My data" page and in the API."""
        return int(self._setting("PAGE_SIZE", 25))

    @property
    def HASH_KEY(self) -> str:
        """Secret for keyed hashes (suppression list, tombstones, anonymizers).

        Defaults to SECRET_KEY; set it separately so rotating SECRET_KEY keeps
        the suppression list working.
        """
        from django.conf import settings

        return self._setting("HASH_KEY", settings.SECRET_KEY)

    @property
    def CONTROLLER(self) -> dict[str, str]:
        """Who is responsible: name, address, email, officer, supervisory_authority."""
        return dict(self._setting("CONTROLLER", {}))

    @property
    def SITE_URL(self) -> str:
        """Absolute base for links in e-mails sent outside a request (tasks)."""
        return self._setting("SITE_URL", "http://127.0.0.1:8000")

    @property
    def ADAPTER(self) -> str:
        """Dotted path of the adapter class (see ``privacy_center.adapter``)."""
        return self._setting("ADAPTER", "privacy_center.adapter.DefaultPrivacyAdapter")

    # -- consent, signals, communication (privacy_center.consent) ------------------
    @property
    def VISITOR_COOKIE_NAME(self) -> str:
        """Cookie holding an anonymous visitor's random id, set only when a choice is recorded."""
        return self._setting("VISITOR_COOKIE_NAME", "privacy_visitor")

    @property
    def HONOR_GPC(self) -> bool:
        """Treat ``Sec-GPC: 1`` as an opt-out of sale/sharing and of marketing cookies."""
        return bool(self._setting("HONOR_GPC", True))

    @property
    def HONOR_DNT(self) -> bool:
        """Treat ``DNT: 1`` as declining analytics and marketing cookies."""
        return bool(self._setting("HONOR_DNT", False))

    @property
    def GPC_LAST_UPDATE(self) -> str:
        """``lastUpdate`` of ``/.well-known/gpc.json`` (ISO date the shop's GPC handling last changed)."""
        return self._setting("GPC_LAST_UPDATE", "2026-11-23")

    @property
    def SIGNAL_CACHE_TIMEOUT(self) -> int:
        """Seconds the middleware remembers that a browser signal was already recorded."""
        return int(self._setting("SIGNAL_CACHE_TIMEOUT", 30 * 24 * 3600))

    @property
    def MARKETING_COOKIE_GROUPS(self) -> list[str]:
        """Cookie groups (varnames) that GPC declines: advertising, sale and sharing."""
        return list(self._setting("MARKETING_COOKIE_GROUPS", ["marketing"]))

    @property
    def ANALYTICS_COOKIE_GROUPS(self) -> list[str]:
        """Cookie groups that Do-Not-Track declines in addition to the marketing ones."""
        return list(self._setting("ANALYTICS_COOKIE_GROUPS", ["analytics"]))

    @property
    def CONSENT_MODE(self) -> dict[str, str]:
        """Google Consent Mode v2 type -> cookie group varname that grants it."""
        return dict(self._setting("CONSENT_MODE", {
            "ad_storage": "marketing",
            "ad_user_data": "marketing",
            "ad_personalization": "marketing",
            "analytics_storage": "analytics",
        }))

    @property
    def COMMUNICATION_CHANNELS(self) -> list[tuple[str, Any]]:
        """(code, label) of the channels customers can subscribe to."""
        from django.utils.translation import gettext_lazy as _

        return [tuple(c) for c in self._setting("COMMUNICATION_CHANNELS", [
            ("newsletter", _("Newsletter")),
            ("marketing_email", _("Offers by e-mail")),
            ("sms", _("Text messages (SMS)")),
            ("postal", _("Postal mail")),
        ])]

    @property
    def COMMUNICATION_TOPICS(self) -> list[tuple[str, Any]]:
        """(code, label) of the topics customers can choose within a channel."""
        from django.utils.translation import gettext_lazy as _

        return [tuple(t) for t in self._setting("COMMUNICATION_TOPICS", [
            ("new_filaments", _("New filaments")),
            ("deals", _("Deals and discounts")),
            ("printing_tips", _("Printing tips")),
        ])]

    @property
    def DOUBLE_OPT_IN_CHANNELS(self) -> list[str]:
        """Channels that need a confirmed (double) opt-in by e-mail link."""
        return list(self._setting("DOUBLE_OPT_IN_CHANNELS", ["newsletter"]))

    @property
    def SIGNUP_CONFIRM_HOURS(self) -> int:
        """Hours a newsletter confirmation link works; unconfirmed sign-ups are then purged."""
        return int(self._setting("SIGNUP_CONFIRM_HOURS", 72))

    @property
    def UNSUBSCRIBE_MAILTO(self) -> str:
        """Address for ``List-Unsubscribe``'s mailto; defaults to the controller's e-mail."""
        return self._setting("UNSUBSCRIBE_MAILTO", "") or self.CONTROLLER.get("email", "")


app_settings = AppSettings()
