"""Settings for the demo shop.

Embedded defaults (SQLite, Celery eager, console email, a local secret made on
first run) so that the demo starts with nothing installed but Python. The
environment switches each part to the real service:

- ``DATABASE_URL`` (e.g. ``postgres://postgres@127.0.0.1:5432/test``)
- ``CELERY_BROKER_URL`` (e.g. ``redis://127.0.0.1:6379/0``): tasks go to a worker
- ``REDIS_URL``: the shared cache (rate limits, cookie-consent cache)
- ``EMAIL_HOST`` / ``EMAIL_PORT``: SMTP instead of the console
- ``DJANGO_SECRET_KEY``: the secret key
"""

import os
import secrets
from pathlib import Path

import dj_database_url
import django
from django.utils.translation import gettext_lazy as _

from privacy_center.celery import beat_schedule

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SHOP_DEMO_VAR_DIR", BASE_DIR / "var"))


def _local_secret_key() -> str:
    """Make a secret on first run and keep it outside the repository."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or _local_secret_key()
DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.usersessions",
    "rest_framework",
    "drf_spectacular",
    "privacy_center",
    "privacy_center.erasure",
    "privacy_center.consent",
    # After privacy_center: its overrides of cookie_consent's templates (which fail axe) must win.
    "cookie_consent",
    "privacy_center.requests",
    "shop_demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # 400 for a NUL character anywhere in the request (PostgreSQL cannot store it: it was a 500).
    "privacy_center.middleware.RejectNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Cache-Control: private, no-store on every page and API response that may hold personal data.
    "privacy_center.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "privacy_center.consent.middleware.PrivacySignalsMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "shop_demo.middleware.VisitLogMiddleware",
]

# --- Content-Security-Policy -------------------------------------------------------
# Scripts only from the site itself, plus the one inline script (Consent Mode defaults) by nonce.
# Inline styles stay allowed: the admin and e-mail previews use style attributes, and a style
# cannot send data away the way a script can. Django 6 has CSP built in; on 5.2, django-csp.
_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "NONCE"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
_CSP_CONTEXT_PROCESSOR: list[str] = []
if django.VERSION >= (6, 0):
    from django.utils.csp import CSP

    SECURE_CSP = {k: [CSP.NONCE if v == "NONCE" else v for v in vs] for k, vs in _CSP.items()}
    MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                      "django.middleware.csp.ContentSecurityPolicyMiddleware")
    _CSP_CONTEXT_PROCESSOR = ["django.template.context_processors.csp"]  # the nonce in templates (security.W027)
else:
    from csp.constants import NONCE

    CONTENT_SECURITY_POLICY = {"DIRECTIVES": {k: [NONCE if v == "NONCE" else v for v in vs]
                                              for k, vs in _CSP.items()}}
    MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                      "csp.middleware.CSPMiddleware")

ROOT_URLCONF = "shop_demo.urls"
WSGI_APPLICATION = "shop_demo.wsgi.application"
ASGI_APPLICATION = "shop_demo.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "privacy_center.context_processors.privacy_center",
                *_CSP_CONTEXT_PROCESSOR,
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=0
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "shop_demo.validators.PersonalDetailsPasswordValidator"},
]

LANGUAGE_CODE = "en"
# Each language in its own name, as a customer looks for it in the switcher (not translated).
LANGUAGES = [("en", "English"), ("sv", "Svenska"), ("vi", "Tiếng Việt"), ("zh-hans", "简体中文")]
# The shop's catalog (shop_demo/ and the root templates/); privacy_center ships its own in privacy_center/locale.
LOCALE_PATHS = [BASE_DIR / "shop_demo" / "locale"]
# The shop is in Stockholm: pages show its time (zone named), and legal days are counted there.
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Exports and proof files: a folder outside MEDIA_ROOT, never served by URL.
    "privacy_center": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(VAR_DIR / "private"), "base_url": None},
    },
}

LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "account_login"

# --- django-allauth --------------------------------------------------------
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# Mandatory: sign-up then answers alike for a taken and a new address (privacy_center.W031); the
# confirmation link is printed by the console e-mail backend when no SMTP server is configured.
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True  # the link opened in the browser that signed up signs in
ACCOUNT_UNIQUE_EMAIL = True
# One address per account, changed by verifying the new one ("change email").
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/300s/key"}
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# Adding or changing an e-mail address, changing the password: only after confirming the password
# (a stolen session must not take the account over; privacy_center.W020 warns without it).
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "shop_demo.adapter.ShopAccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "shop_demo.forms.SignupExtraForm"
USERSESSIONS_TRACK_ACTIVITY = True

# --- e-mail ------------------------------------------------------------------
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = "Filament & Form <privacy@filament-form.example>"

# --- Celery ------------------------------------------------------------------
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# Periodic scans of privacy_center (due erasures, retention, reminders, expiry), shipped by the app for the
# installed feature apps; run with `celery -A shop_demo beat`.
CELERY_BEAT_SCHEDULE = beat_schedule(INSTALLED_APPS)

# --- client IPs ------------------------------------------------------------------
# Reverse proxies in front of the site that append to X-Forwarded-For (0: none, the header is ignored).
# DRF's throttles and allauth read the same number (privacy_center.W021 warns when they differ).
PRIVACY_CENTER_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_PROXY_COUNT = PRIVACY_CENTER_TRUSTED_PROXY_COUNT

# --- DRF -----------------------------------------------------------------------
REST_FRAMEWORK = {
    "NUM_PROXIES": PRIVACY_CENTER_TRUSTED_PROXY_COUNT,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_RATES": {"privacy_center": "60/min", "privacy_center_guest": "10/hour"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "django-privacy-center API",
    "DESCRIPTION": "Customers' own data, exports, erasure, requests, consents and preferences.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Every operation's 400/403/404/405/429 answers documented (privacy_center.api.schema).
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "privacy_center.api.schema.document_errors",
                             "privacy_center.api.schema.tighten_input"],
    "ENUM_NAME_OVERRIDES": {
        "ExportStatusEnum": "privacy_center.models.exports.Export.Status",
        "ErasureStatusEnum": "privacy_center.erasure.models.SubjectErasure.Status",
        "RequestStatusEnum": "privacy_center.requests.models.Status",
        "SubscriptionStatusEnum": "privacy_center.consent.models.Subscription.Status",
        "ErasureActionEnum": "privacy_center.declarations.Erasure",
    },
}

# --- django-cookie-consent ---------------------------------------------------------
COOKIE_CONSENT_NAME = "cookie_consent"
COOKIE_CONSENT_SECURE = False
# Its LogItem has no user, session or IP: privacy_center.consent keeps the consent records instead.
COOKIE_CONSENT_LOG_ENABLED = False

# --- privacy_center ---------------------------------------------------------------
PRIVACY_CENTER_BASE_TEMPLATE = "base.html"
PRIVACY_CENTER_ADAPTER = "shop_demo.privacy_adapter.ShopPrivacyAdapter"
# Established in Sweden: Swedish public holidays count for GDPR periods and the shop's promises.
PRIVACY_CENTER_SHOP_COUNTRY = "SE"
# Customers under 18 are told they may remove their reviews (Cal. Bus. & Prof. Code § 22581).
PRIVACY_CENTER_BIRTH_DATE_FIELD = "profile.birth_date"
# The shop's own promises, shorter than the law (from the policies the demo follows).
PRIVACY_CENTER_REQUEST_PROMISES = {
    "erasure": {"days": 30, "text": _("We erase your data within 30 days at most, and do not use it meanwhile.")},
    "opt_out_sale": {"days": 15, "text": _("We honour an opt-out of sale or sharing within 15 days at most.")},
}
# The demo's own newsletter topics (the library's defaults are neutral).
PRIVACY_CENTER_COMMUNICATION_TOPICS = [
    ("new_filaments", _("New filaments")),
    ("deals", _("Deals and discounts")),
    ("printing_tips", _("Printing tips")),
]
PRIVACY_CENTER_CONTROLLER = {
    "name": "Filament & Form AB",
    "address": "Sveavägen 1, 111 57 Stockholm, Sweden",
    "email": "privacy@filament-form.example",
    "officer": "Ada Lindqvist, privacy officer",
    "supervisory_authority": "Integritetsskyddsmyndigheten (IMY), imy.se",
}

# --- shop_demo ---------------------------------------------------------------------
SHOP_DEMO_VISIT_LOG = os.environ.get("SHOP_DEMO_VISIT_LOG", "1") == "1"
# One receiver for every recipient's webhook (see shop_demo/privacy.py); unset: recipients are told by e-mail.
SHOP_DEMO_RECIPIENT_WEBHOOK_URL = os.environ.get("SHOP_DEMO_RECIPIENT_WEBHOOK_URL", "")
SHOP_DEMO_RECIPIENT_WEBHOOK_SECRET = os.environ.get("SHOP_DEMO_RECIPIENT_WEBHOOK_SECRET", "")
PRIVACY_CENTER_SECURITY_MEASURES = [
    _("TLS for every connection; disks encrypted at rest (Hetzner)."),
    _("Staff accounts with two-factor sign-in; access to personal data limited to the privacy team."),
    _("Keyed hashes instead of addresses in erasure tombstones and the suppression list."),
    _("Daily encrypted backups, kept 30 days; erasures re-applied after a restore from the tombstones."),
    _("A hash-chained audit timeline of every privacy event."),
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"privacy_center": {"handlers": ["console"], "level": "INFO"}},
}
