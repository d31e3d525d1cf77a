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


app_settings = AppSettings()
