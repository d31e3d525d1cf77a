"""Settings of the second test shop ("Northwind Goods"), written as a ``startproject`` shop following the README.

Nothing like the demo: an e-mail-only custom user model (``store.User``), a ``Customer`` profile that
orders point at with ``SET_NULL``, shipments two hops from the customer, guest orders by e-mail, a layout
whose main block is ``main`` (not ``content``), Django's own login views. Its suite runs in its own
process (the user model differs): ``tests/test_second_shop.py`` starts it.

``DATABASE_URL`` names the database as in the demo; this shop appends ``_shop2`` to the name, so that both
suites can share a PostgreSQL server without sharing a test database.
"""

import os
from pathlib import Path

import dj_database_url
import django

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "shop2-tests-only-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "shop2.example"]

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
    "privacy_center.erasure",
    "privacy_center.consent",
    "cookie_consent",
    "privacy_center.requests",
    "tests.shop2.store",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "privacy_center.consent.middleware.PrivacySignalsMiddleware",
]

ROOT_URLCONF = "tests.shop2.urls"
AUTH_USER_MODEL = "store.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "privacy_center.context_processors.privacy_center",
            ],
        },
    },
]


def _database() -> dict:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(BASE_DIR / "shop2.sqlite3")}
    config = dj_database_url.parse(url, conn_max_age=0)
    config["NAME"] = f"{config['NAME']}_shop2"
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # tests only: fast

LANGUAGE_CODE = "en"
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
STATIC_URL = "/static/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "privacy_center": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(BASE_DIR / "private"), "base_url": None},
    },
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEFAULT_FROM_EMAIL = "Northwind Goods <privacy@northwind.example>"

# allauth serves re-authentication (privacy pages ask for it); signing in uses Django's own views.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"  # allauth's sign-up page is mounted: it must not reveal taken addresses (W031)
ACCOUNT_UNIQUE_EMAIL = True

CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = "memory://"

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "NUM_PROXIES": 0,
}
PRIVACY_CENTER_TRUSTED_PROXY_COUNT = 0
ALLAUTH_TRUSTED_PROXY_COUNT = 0
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# E-mails from allauth go through privacy_center's outbox, as every e-mail of the app does.
ACCOUNT_ADAPTER = "privacy_center.contrib.account_adapter.OutboxAccountAdapter"

# A plain policy: scripts from the site only (privacy_center's inline script carries the nonce).
_CSP = {"default-src": ["'self'"], "script-src": ["'self'", "NONCE"], "style-src": ["'self'", "'unsafe-inline'"],
        "frame-ancestors": ["'none'"], "object-src": ["'none'"]}
if django.VERSION >= (6, 0):
    from django.utils.csp import CSP

    SECURE_CSP = {k: [CSP.NONCE if v == "NONCE" else v for v in vs] for k, vs in _CSP.items()}
    MIDDLEWARE.insert(1, "django.middleware.csp.ContentSecurityPolicyMiddleware")
    TEMPLATES[0]["OPTIONS"]["context_processors"].append("django.template.context_processors.csp")
else:
    from csp.constants import NONCE

    CONTENT_SECURITY_POLICY = {"DIRECTIVES": {k: [NONCE if v == "NONCE" else v for v in vs]
                                              for k, vs in _CSP.items()}}
    MIDDLEWARE.insert(1, "csp.middleware.CSPMiddleware")
COOKIE_CONSENT_LOG_ENABLED = False

PRIVACY_CENTER_BASE_TEMPLATE = "shop2/layout.html"
PRIVACY_CENTER_BASE_BLOCK = "main"
PRIVACY_CENTER_SITE_URL = "https://shop2.example"
PRIVACY_CENTER_CONTROLLER = {"name": "Northwind Goods AB", "email": "privacy@northwind.example"}
PRIVACY_CENTER_STRICT_COVERAGE = True
PRIVACY_CENTER_SHOP_COUNTRY = "SE"

# privacy_center's periodic tasks (due erasures, retention, expiry, the outbox sweep), as check W026 asks.
from privacy_center.celery import beat_schedule  # noqa: E402

CELERY_BEAT_SCHEDULE = beat_schedule(INSTALLED_APPS)
