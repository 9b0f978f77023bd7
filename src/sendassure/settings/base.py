"""Settings for local use (the default). Production overrides live in ``production``."""

import os

import dj_database_url

from .paths import GOVUK_FRONTEND_DIR, PACKAGE_DIR, VAR_DIR
from .secret import local_secret_key

VAR_DIR.mkdir(parents=True, exist_ok=True)
(VAR_DIR / "static").mkdir(exist_ok=True)

SECRET_KEY = local_secret_key(VAR_DIR)
DEBUG = os.environ.get("DEBUG", "") == "1"
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "sendassure.core",
    "sendassure.ingest",
    "sendassure.casework",
    "sendassure.benchmarks",
    "sendassure.quality",
    "sendassure.voice",
    "sendassure.health",
    "sendassure.autism",
    "sendassure.enquiries",
    "sendassure.figures",
    "sendassure.plan",
    "sendassure.jobs",
    "sendassure.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "sendassure.core.middleware.BearerTokenMiddleware",
    # PostgreSQL: each view sees only its user's areas' rows (ADR 0015)
    "sendassure.core.middleware.AreaRowSecurityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "sendassure.core.middleware.PermissionMiddleware",
]

ROOT_URLCONF = "sendassure.web.urls"
WSGI_APPLICATION = "sendassure.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [PACKAGE_DIR / "web" / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "sendassure.core.jinja.environment"},
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'sendassure.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web app read while an import writes; a busy writer waits, not fails.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "sign-in"
LOGIN_REDIRECT_URL = "start"

# Sessions live in signed cookies, revoked on the server at sign-out, so a request
# writes nothing to the database (ADR 0011). Idle timeout: the cookie is signed again
# on every response and refused once older than this many seconds.
SESSION_ENGINE = "sendassure.core.sessions"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# django-axes: lock an account (per user name and client address) after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "locked-out.html"
AXES_VERBOSE = False
# Failures are counted at once; a successful sign-in's bookkeeping never waits (ADR 0011).
AXES_HANDLER = "sendassure.core.signin.SignInHandler"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "web" / "static"]
# GOV.UK Frontend's built CSS asks for /assets/...; serve its dist folder at the root.
WHITENOISE_ROOT = GOVUK_FRONTEND_DIR if GOVUK_FRONTEND_DIR.exists() else None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SERVICE_NAME = "SEND improvement assurance"
# Who runs the service: named in every page's footer (a council, its ICB, schools and the
# parent carer forum, not the Crown: no crown or Royal Arms).
PARTNERSHIP_NAME = os.environ.get("SENDASSURE_PARTNERSHIP", "the local area SEND partnership")
# Keep the figures of every area's default view in the fact table, refreshed in the
# transaction of any change to the inputs (imports, establishments, benchmarks).
FIGURES_FACTS = os.environ.get("FIGURES_FACTS", "1") == "1"
SENDASSURE_MAX_UPLOAD_MB = int(os.environ.get("SENDASSURE_MAX_UPLOAD_MB", "200"))
# Evidence library: content-addressed file store and the largest file accepted.
EVIDENCE_ROOT = os.environ.get("SENDASSURE_EVIDENCE_DIR", str(VAR_DIR / "evidence"))
EVIDENCE_MAX_MB = int(os.environ.get("SENDASSURE_EVIDENCE_MAX_MB", "50"))
# Review packs built in the background (sendassure.jobs): one folder of files per job.
PACK_JOBS_ROOT = os.environ.get("SENDASSURE_PACK_DIR", str(VAR_DIR / "packs"))
# Survey comments: a tag count of fewer respondents than this is published as c.
SURVEY_TAG_THRESHOLD = int(os.environ.get("SURVEY_TAG_THRESHOLD", "10"))
DATA_UPLOAD_MAX_NUMBER_FILES = 20
# Where a keyed hash is needed to match people without identifiers (issue 3).
IDENTITY_HASH_KEY = os.environ.get("IDENTITY_HASH_KEY", "")
TRUST_X_FORWARDED_FOR = os.environ.get("TRUST_X_FORWARDED_FOR", "") == "1"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
