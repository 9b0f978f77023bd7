"""Production settings: behind a TLS-terminating reverse proxy, on PostgreSQL.

Required environment: SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL.
``manage.py check --deploy`` reports nothing with these settings.
"""

import os

from django.core.exceptions import ImproperlyConfigured

if not os.environ.get("SECRET_KEY"):
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment in production.")
if not os.environ.get("ALLOWED_HOSTS"):
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in the environment in production.")

from .base import *  # noqa: E402,F403

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS]  # noqa: F405
# Static files: collected (``sendassure serve --production`` does it, as does
# ``sendassure manage collectstatic``) under hashed names with gzip and Brotli copies;
# WhiteNoise serves those with a year's immutable caching.
WHITENOISE_USE_FINDERS = False
# GOV.UK Frontend's files with compressed copies, made by ``serve --production``
# (unhashed names, so WhiteNoise's short caching applies to them).
if (VAR_DIR / "govuk-frontend" / "govuk-frontend.min.css").exists():  # noqa: F405
    WHITENOISE_ROOT = VAR_DIR / "govuk-frontend"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
