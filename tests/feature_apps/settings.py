"""A bare project with privacy_center's core and the feature apps named in ``PRIVACY_TEST_FEATURES``.

``PRIVACY_TEST_FEATURES=erasure,consent`` installs those two; empty installs the core alone. No
shop_demo: the core must work in a project that has none of the demo's apps.
"""

import os
import tempfile

_features = [f for f in os.environ.get("PRIVACY_TEST_FEATURES", "").split(",") if f]
_private = tempfile.mkdtemp(prefix="privacy-feature-apps-")

SECRET_KEY = "feature-apps-test-only"
DEBUG = False
ALLOWED_HOSTS = ["testserver"]
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "rest_framework",
    "drf_spectacular",
    "privacy_center",
    *[f"privacy_center.{feature}" for feature in _features],
    *(["cookie_consent"] if "consent" in _features else []),
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    *(["privacy_center.consent.middleware.PrivacySignalsMiddleware"] if "consent" in _features else []),
    "csp.middleware.CSPMiddleware",
]
CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'"], "object-src": ["'none'"]}}
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
PRIVACY_CENTER_SHOP_COUNTRY = "SE"
ACCOUNT_ADAPTER = "privacy_center.contrib.account_adapter.OutboxAccountAdapter"
ROOT_URLCONF = "tests.feature_apps.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
        "privacy_center.context_processors.privacy_center",
    ]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
USE_TZ = True
STATIC_URL = "/static/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": _private}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "privacy_center": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                       "OPTIONS": {"location": _private, "base_url": None}},
}
CELERY_TASK_ALWAYS_EAGER = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "NUM_PROXIES": 0,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {"privacy_center": "600/min", "privacy_center_guest": "600/min"},
}

from privacy_center.celery import beat_schedule  # noqa: E402  (reads INSTALLED_APPS above)

CELERY_BEAT_SCHEDULE = beat_schedule(INSTALLED_APPS)
