"""privacy_center's settings: documented defaults, overrides, read late (never at import)."""

import subprocess
import sys
from pathlib import Path

import pytest

from privacy_center.app_settings import AppSettings, app_settings

ROOT = Path(__file__).resolve().parents[2]
PROPERTIES = sorted(name for name, value in vars(AppSettings).items() if isinstance(value, property))

# Defaults a customer, an officer or a shop developer notices, pinned (their documentation is generated
# from the docstrings: tests/foundation/test_docs.py).
CORE_DEFAULTS = {
    "BASE_TEMPLATE": "privacy_center/layout.html",
    "BASE_BLOCK": "content",
    "STRICT_COVERAGE": False,
    "COVERAGE_IGNORE": [],
    "STORAGE_ALIAS": "privacy_center",
    "EXPORT_EXPIRY_HOURS": 72,
    "EXPORT_MAX_DOWNLOADS": 5,
    "EXPORT_CHUNK_SIZE": 2000,
    "EXPORT_START_TIMEOUT_MINUTES": 30,
    "PAGE_SIZE": 25,
    "CONTROLLER": {},
    "SITE_URL": "",
    "ADAPTER": "privacy_center.adapter.DefaultPrivacyAdapter",
    # erasure: two weeks to change one's mind; the account row is deleted; dormant accounts after two years
    "ERASURE_COOLING_OFF_DAYS": 14,
    "ERASURE_USER_ACTION": "delete",
    "INACTIVE_ACCOUNT_DAYS": 730,
    "INACTIVE_WARNING_DAYS": 30,
    # requests: one free copy a year (GDPR Art. 15(3)), records kept 24 months (CCPA regs § 7101), proofs ≤ 5 MiB
    "FREE_COPIES_PER_YEAR": 1,
    "REQUEST_RETENTION_MONTHS": 24,
    "MESSAGE_MAX_LENGTH": 4000,
    "PROOF_MAX_BYTES": 5 * 1024 * 1024,
    "REQUEST_REAUTH_TYPES": ["access", "portability", "rectification", "erasure"],
    "DEFAULT_REGIMES": ["gdpr"],
    "GUEST_LINK_MAX_AGE": 24 * 3600,
    # consent: Global Privacy Control honoured, Do Not Track not (no law requires it); double opt-in links 3 days
    "HONOR_GPC": True,
    "HONOR_DNT": False,
    "SIGNUP_CONFIRM_HOURS": 72,
    "DOUBLE_OPT_IN_CHANNELS": ["newsletter"],
    # security and delivery: no proxy trusted unless configured; a message is tried 8 times
    "TRUSTED_PROXY_COUNT": 0,
    "OUTBOX_MAX_ATTEMPTS": 8,
}


def _unset(settings, name):
    if hasattr(settings, AppSettings.prefix + name):
        delattr(settings, AppSettings.prefix + name)


def _override_for(default):
    """A valid value of the default's type that differs from it."""
    if isinstance(default, bool):
        return not default
    if isinstance(default, int):
        return default + 7
    if isinstance(default, str):
        return (default or "value") + "-override"
    if isinstance(default, list | tuple):
        if default and isinstance(default[0], list | tuple):
            return [("override", "Override")]
        return ["override.Model"]
    if isinstance(default, dict):
        # Some dict settings merge with their defaults: add a key shaped like an existing one.
        return {**default, "override": next(iter(default.values()), "value")}
    if default is None:
        return {"override": "value"}
    raise AssertionError(f"no override rule for {type(default).__name__}; extend _override_for")


def test_the_core_settings_exist():
    assert set(CORE_DEFAULTS) <= set(PROPERTIES)


# That every setting has a docstring, and appears in the generated settings reference with its default:
# tests/foundation/test_docs.py.


@pytest.mark.parametrize("name", sorted(CORE_DEFAULTS))
def test_core_default(settings, name):
    _unset(settings, name)
    assert getattr(app_settings, name) == CORE_DEFAULTS[name]


def test_hash_key_is_derived_from_secret_key_never_equal_to_it_and_can_be_separate(settings):
    _unset(settings, "HASH_KEY")
    settings.SECRET_KEY = "s3cret-for-this-test"
    derived = app_settings.HASH_KEY
    assert derived and derived != "s3cret-for-this-test" and "s3cret" not in derived
    assert derived == app_settings.HASH_KEY  # stable
    settings.SECRET_KEY = "another-secret"
    assert app_settings.HASH_KEY != derived
    settings.PRIVACY_CENTER_HASH_KEY = "separate-hash-key"
    assert app_settings.HASH_KEY == "separate-hash-key"


@pytest.mark.django_db  # Django 6.1's model checks ask the database about JSONField support
def test_deploy_check_warns_while_the_hash_key_is_derived(settings):
    from django.core import checks

    _unset(settings, "HASH_KEY")
    found = checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])
    assert "privacy_center.W030" in [m.id for m in found]
    settings.PRIVACY_CENTER_HASH_KEY = "a-separate-long-random-secret"
    found = checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])
    assert "privacy_center.W030" not in [m.id for m in found]
    # Not a development warning: plain ``manage.py check`` stays quiet about it.
    _unset(settings, "HASH_KEY")
    assert "privacy_center.W030" not in [m.id for m in checks.run_checks()]


@pytest.mark.parametrize("name", ["ERASURE_COOLING_OFF_DAYS", "HONOR_GPC", "SITE_URL", "COMMUNICATION_TOPICS"])
def test_a_changed_setting_is_read_at_once(settings, name):
    """Settings are read when used (no import-time copy): a test's or a deploy's override takes effect."""
    _unset(settings, name)
    override = _override_for(getattr(app_settings, name))
    setattr(settings, AppSettings.prefix + name, override)
    assert getattr(app_settings, name) == override


def test_demo_overrides_are_read(settings):
    assert app_settings.BASE_TEMPLATE == settings.PRIVACY_CENTER_BASE_TEMPLATE == "base.html"
    assert app_settings.CONTROLLER["name"] == settings.PRIVACY_CENTER_CONTROLLER["name"]
    assert app_settings.CONTROLLER is not settings.PRIVACY_CENTER_CONTROLLER  # a copy: callers cannot mutate it


def test_importing_the_app_reads_no_setting():
    """Importing app_settings without any Django settings configured must not touch them."""
    code = "import privacy_center.app_settings, privacy_center.registry; print('ok')"
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
