"""Production settings: everything secret or site-specific comes from the environment.

``manage.py check --deploy --settings=shop_demo.settings_production`` is clean
when DJANGO_SECRET_KEY, PRIVACY_CENTER_HASH_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL,
REDIS_URL and CELERY_BROKER_URL are set (PRIVACY_CENTER_SITE_URL defaults to the first
allowed host over https).
"""

import os

from .settings import *  # noqa: F403
from .settings import CACHES, REDIS_URL

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
# Its own secret, so rotating SECRET_KEY keeps the suppression list and tombstones matching.
PRIVACY_CENTER_HASH_KEY = os.environ["PRIVACY_CENTER_HASH_KEY"]
DEBUG = False
ALLOWED_HOSTS = os.environ["DJANGO_ALLOWED_HOSTS"].split(",")
# Links in e-mails sent by tasks: the public address (the first allowed host unless given).
PRIVACY_CENTER_SITE_URL = os.environ.get("PRIVACY_CENTER_SITE_URL") or f"https://{ALLOWED_HOSTS[0]}"

if not REDIS_URL:
    raise RuntimeError("REDIS_URL must be set in production (rate limits and caches are shared).")
COOKIE_CONSENT_CACHE_BACKEND = "default"
CACHES = CACHES

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_REAUTHENTICATION_REQUIRED = True  # as in the demo; privacy_center.W020 warns without it
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
COOKIE_CONSENT_SECURE = True
SECURE_REFERRER_POLICY = "same-origin"
CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS]
CELERY_TASK_ALWAYS_EAGER = False
