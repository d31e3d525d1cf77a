"""The consent feature's settings (defaults and overrides) and its system checks."""

from __future__ import annotations

import pytest

from privacy_center.app_settings import app_settings

DEFAULTS = {
    "VISITOR_COOKIE_NAME": "privacy_visitor",
    "HONOR_GPC": True,
    "HONOR_DNT": False,
    "GPC_LAST_UPDATE": "2026-11-23",
    "SIGNAL_CACHE_TIMEOUT": 30 * 24 * 3600,
    "MARKETING_COOKIE_GROUPS": ["marketing"],
    "ANALYTICS_COOKIE_GROUPS": ["analytics"],
    "DOUBLE_OPT_IN_CHANNELS": ["newsletter"],
    "SIGNUP_CONFIRM_HOURS": 72,
}


@pytest.mark.parametrize(("name", "default"), DEFAULTS.items())
def test_defaults(name, default):
    assert getattr(app_settings, name) == default


def test_list_defaults_and_controller_fallback():
    assert [c for c, _ in app_settings.COMMUNICATION_CHANNELS] == ["newsletter", "marketing_email", "sms", "postal"]
    assert [t for t, _ in app_settings.COMMUNICATION_TOPICS] == ["new_filaments", "deals", "printing_tips"]  # demo's
    assert app_settings.CONSENT_MODE == {"ad_storage": "marketing", "ad_user_data": "marketing",
                                         "ad_personalization": "marketing", "analytics_storage": "analytics"}
    assert app_settings.UNSUBSCRIBE_MAILTO == "privacy@filament-form.example"  # the controller's address


def test_library_topics_are_neutral(settings):
    del settings.PRIVACY_CENTER_COMMUNICATION_TOPICS
    assert [(code, str(label)) for code, label in app_settings.COMMUNICATION_TOPICS] == [
        ("news", "News and new products"), ("offers", "Offers and discounts"), ("tips", "Tips and guides")]


def test_overrides_are_read_late(settings):
    settings.PRIVACY_CENTER_COMMUNICATION_TOPICS = [("resin", "Resin")]
    settings.PRIVACY_CENTER_SIGNUP_CONFIRM_HOURS = "24"
    settings.PRIVACY_CENTER_UNSUBSCRIBE_MAILTO = "leave@example.com"
    settings.PRIVACY_CENTER_GPC_LAST_UPDATE = "2027-01-01"
    assert app_settings.COMMUNICATION_TOPICS == [("resin", "Resin")]
    assert app_settings.SIGNUP_CONFIRM_HOURS == 24
    assert app_settings.UNSUBSCRIBE_MAILTO == "leave@example.com"
    assert app_settings.GPC_LAST_UPDATE == "2027-01-01"


def test_custom_topics_reach_the_forms(settings):
    from privacy_center.consent.forms import PreferencesForm

    settings.PRIVACY_CENTER_COMMUNICATION_TOPICS = [("resin", "Resin")]
    assert PreferencesForm().fields["topics"].choices == [("resin", "Resin")]


def test_checks_pass_on_the_demo_and_catch_misconfiguration(settings, monkeypatch):
    from types import SimpleNamespace

    from privacy_center.consent import checks

    assert checks.check_consent_setup(None) == []
    ours = "privacy_center.consent.middleware.PrivacySignalsMiddleware"
    mw = [m for m in settings.MIDDLEWARE if m != ours]
    apps = list(settings.INSTALLED_APPS)

    def run(middleware, installed=apps):
        monkeypatch.setattr(checks, "settings", SimpleNamespace(MIDDLEWARE=middleware, INSTALLED_APPS=installed))
        return [m.id for m in checks.check_consent_setup(None)]

    assert run(mw) == ["privacy_center.W201"]
    assert run([ours, *mw]) == ["privacy_center.E201"]
    assert run([*mw, ours]) == []
    others = [a for a in apps if a != "cookie_consent"]
    assert run([*mw, ours], ["cookie_consent", *others]) == ["privacy_center.W202"]
    # After the core but before the consent app, which holds the template overrides: still shadowed.
    between = [a for a in others if a != "privacy_center.consent"]
    between[between.index("privacy_center") + 1:0] = ["cookie_consent", "privacy_center.consent"]
    assert run([*mw, ours], between) == ["privacy_center.W202"]
    assert run([*mw, ours], others) == ["privacy_center.E202"]
