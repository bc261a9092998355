"""GMG Registry settings: one file, every deployment-specific value from the environment.

Local defaults are safe for a developer machine (SQLite file, local-memory cache, DEBUG on);
production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from gmg.env import env_bool, env_int, env_list, env_str
from gmg.security import DEVELOPMENT_SECRET_KEY

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=True)
SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# The public site URL used in feeds, sitemaps and API links when no request is at hand.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "modeltranslation",  # before the admin, so that translated fields get their admin widgets
    "registry.apps.RegistryAdminConfig",  # django.contrib.admin, with the registry's own admin site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "corsheaders",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "reversion",
    "django_prose_editor",
    "registry",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # Cached answers for requests that cannot be signed in, before sessions, language, CSRF and auth run.
    "registry.cache.ResponseCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language: the URL's prefix on the site; ?lang=, then Accept-Language, in the API (registry/i18n.py).
    "registry.i18n.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Innermost: public or private Cache-Control by viewer, ETag and 304 (registry.cache).
    "registry.cache.CacheHeadersMiddleware",
]

ROOT_URLCONF = "gmg.urls"
WSGI_APPLICATION = "gmg.wsgi.application"
ASGI_APPLICATION = "gmg.asgi.application"

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
                "registry.context_processors.site",
            ],
        },
    },
]


def _database(url):
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("CONN_MAX_AGE", 60))
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL={url!r} cannot be parsed: {exc}") from None
    if not config.get("ENGINE"):
        raise ImproperlyConfigured(f"DATABASE_URL={url!r} names no known database engine.")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # SQLite has no row locks. IMMEDIATE takes the write lock when a transaction begins, so a
        # second writer waits (up to `timeout` seconds) for the first to commit, then reads the new
        # version and gets a version conflict (412) — not "database is locked" (500) half-way through.
        config.setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
    if config["ENGINE"] == "django.db.backends.postgresql" and env_bool("DATABASE_PREPARED_STATEMENTS", True):
        # Parameters sent apart from the SQL (server-side binding), and a query run the fifth time on a
        # connection becomes a prepared statement (psycopg's prepare_threshold): PostgreSQL then parses
        # and plans it once per connection, not at every request (0.5-1 ms of the backend's CPU a page
        # at scale 100). A pooler in transaction mode must keep prepared statements per server connection
        # (PgBouncer >= 1.21 with max_prepared_statements); with an older one, set this to 0.
        # A search is never prepared: its plan depends on the words (gmg.postgres.Cursor).
        from gmg.postgres import Cursor

        config.setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5, cursor_factory=Cursor)
    return config


DATABASES = {"default": _database(env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Database router ---------------------------------------------------------------------------------
# An optional read replica (PostgreSQL streaming replica) takes the reads of anonymous GET/HEAD
# requests; writes, transactions, signed-in users and commands use the primary (gmg.db_router).
if env_str("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = _database(env_str("DATABASE_REPLICA_URL"))
    # Tests see the replica as the primary itself, so the router can run under test.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["gmg.db_router.PrimaryReplicaRouter"]


# Caches/Sessions --------------------------------------------------------------------------------
# Redis (CACHE_URL or REDIS_URL) holds the cache, the API throttle counts and cached sessions for
# every app server. Its outage costs speed, not availability: gmg.cache.ResilientRedisCache turns a
# failed call into a miss and logs it, and sessions are also written to the database.
#
# How long one Redis call may wait before it counts as an outage (connect and read), in milliseconds.
REDIS_TIMEOUT_SECONDS = env_int("REDIS_TIMEOUT_MS", 500) / 1000


def _cache(url):
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {
            "BACKEND": "gmg.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "gmg"),
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT_SECONDS, "socket_timeout": REDIS_TIMEOUT_SECONDS},
        }
    if url.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if url.startswith("dummy://"):
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(f"CACHE_URL={url!r}: use redis://, rediss://, locmem:// or dummy://.")


CACHES = {"default": _cache(env_str("CACHE_URL") or env_str("REDIS_URL") or "")}
# Django's session stores, reading only session keys Django could have made (gmg/sessions).
SESSION_ENGINE = "gmg.sessions.db"
if CACHES["default"]["BACKEND"] == "gmg.cache.ResilientRedisCache":
    # Read from Redis, written through to the database: a Redis restart signs nobody out.
    SESSION_ENGINE = "gmg.sessions.cached_db"
# Seconds a public page may be cached by the server and by browsers.
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 300)
# Anonymous responses cached server-side (registry.cache), keyed by the content version so never stale.
RESPONSE_CACHE = env_bool("RESPONSE_CACHE", default=True)
RESPONSE_CACHE_ALIAS = "default"
# Never looked up: the probes must not touch the database before their own checks (the lookup reads the
# content version, so with the database down /readyz could not say which part failed), and the admin is
# never anonymous content.
RESPONSE_CACHE_SKIP = ("/healthz", "/readyz", "/admin/")
RESPONSE_CACHE_SECONDS = env_int("RESPONSE_CACHE_SECONDS", 3600)  # only evicts: a write makes entries unreachable
# s-maxage: how long a CDN or reverse proxy may serve a public response without asking (see README, purging).
SHARED_CACHE_SECONDS = env_int("SHARED_CACHE_SECONDS", 60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The six official languages of the United Nations, each named in itself (the language switcher's labels).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ar", "العربية"),
    ("zh-hans", "中文"),
    ("ru", "Русский"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60  # the switcher's choice outlives the browser session
TIME_ZONE = "UTC"
USE_I18N = True
# Content fields (names, descriptions, bodies) in every language: a text not yet translated is shown in English.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
MODELTRANSLATION_AUTO_POPULATE = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Storage ------------------------------------------------------------------------------------------
# Uploads (logos, PDFs) on S3-compatible object storage when a bucket is named, so app servers keep
# no files of their own; otherwise the local MEDIA_ROOT. Credentials may also come from the usual
# AWS_* variables or an instance role, which boto3 reads itself.
if env_str("S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET"),
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "region_name": env_str("S3_REGION") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": env_str("S3_CUSTOM_DOMAIN") or None,
            "location": env_str("S3_PREFIX", "media"),
            # Private bucket, links signed for an hour, never overwrite a file of the same name.
            "default_acl": None,
            "querystring_auth": env_bool("S3_SIGNED_URLS", default=True),
            "querystring_expire": 3600,
            "file_overwrite": False,
        },
    }

LOGIN_URL = "admin:login"
# A URL typed without a scheme is https (Django 6's default; every agency site here is https).
FORMS_URLFIELD_ASSUME_HTTPS = True

# API --------------------------------------------------------------------------------------------
API_PAGE_SIZE = 50
API_MAX_PAGE_SIZE = 200
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "registry.api.authentication.HashedTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_THROTTLE_ANON", "120/min"),
        "user": env_str("API_THROTTLE_USER", "600/min"),
    },
}
if env_bool("API_THROTTLE", default=True):
    REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = [
        "registry.api.throttling.AnonThrottle",
        "registry.api.throttling.UserThrottle",
    ]

SPECTACULAR_SETTINGS = {
    "TITLE": "GMG Registry API",
    "DESCRIPTION": "Open data on the Global Migration Group (2006–2018): member agencies, the rotating "
    "chair, joint statements, working groups, events and publications.\n\n"
    f"The whole registry is also published as versioned downloads (JSON, a Frictionless data package, "
    f"Popolo JSON) under CC BY 4.0: {SITE_URL}/data/",
    "EXTERNAL_DOCS": {
        "description": "Open data downloads: the whole published registry as JSON, CSV and Popolo",
        "url": f"{SITE_URL}/data/",
    },
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Request bodies leave out read-only fields (url, html_url, sources...); responses mark them required.
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "PrecisionEnum": "registry.models.Precision",
        "StatusEnum": "registry.models.Status",
        "BodyEnum": "registry.models.Body",
        "AgencyKindEnum": "registry.models.AgencyKind",
        "StatementKindEnum": "registry.models.StatementKind",
        "EventKindEnum": "registry.models.EventKind",
        "PublicationKindEnum": "registry.models.PublicationKind",
        "LanguageEnum": "registry.models.Language",
        "RoleEnum": "registry.models.Role",
        "LevelEnum": "registry.models.Level",
    },
}

# Anonymous clients may read the API from any origin; writes need a session or token anyway.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")

# Logging/Requests ---------------------------------------------------------------------------------
# One JSON line per request on stderr (gmg.middleware.RequestLogMiddleware: method, path, status,
# duration, user, request id); the request id is also sent back as X-Request-ID and shown on error pages.
MIDDLEWARE = ["gmg.middleware.RequestLogMiddleware", *MIDDLEWARE]
if "replica" in DATABASES:
    MIDDLEWARE.insert(1, "gmg.middleware.ReplicaReadsMiddleware")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"bare": {"format": "%(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "requests": {"class": "logging.StreamHandler", "formatter": "bare"},
    },
    "loggers": {"gmg.request": {"handlers": ["requests"], "level": "INFO", "propagate": False}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Security ---------------------------------------------------------------------------------------
# Everything a production deployment needs to pass `manage.py check --deploy --fail-level WARNING`
# and the project's own security tests (tests/security/). Each value can be changed from the
# environment; the README's "Security settings" table lists them.
from datetime import timedelta  # noqa: E402

from csp.constants import NONCE, NONE, SELF  # noqa: E402

from gmg.security import check_secret_key  # noqa: E402

if not DEBUG:
    check_secret_key(SECRET_KEY)

INSTALLED_APPS += ["csp", "axes", "django_otp", "django_otp.plugins.otp_totp"]
# Just outside SecurityMiddleware: after the request log and the replica routing (gmg.middleware),
# which must wrap everything else, so that the log times these too and no read escapes the routing.
_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")
MIDDLEWARE[_security:_security] = ["gmg.security.PermissionsPolicyMiddleware", "csp.middleware.CSPMiddleware"]
_auth = MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware")
MIDDLEWARE[_auth + 1 : _auth + 1] = [
    "django_otp.middleware.OTPMiddleware",
    "registry.two_factor.RequireTwoFactorMiddleware",
]
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # last, as django-axes requires

# HTTPS: redirect, HSTS and cookies only over TLS. Behind a TLS-terminating proxy set BEHIND_TLS_PROXY=1
# (the proxy must overwrite X-Forwarded-Proto), or the redirect loops.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY") else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Health probes come from the load balancer or the container runtime over plain http.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]  # the operator chose not to preload: a decision, not an oversight
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
# `__Host-` cookies are only accepted over https, for this exact host and path /: no subdomain
# can set or read them. Local http development keeps the plain names.
SESSION_COOKIE_NAME = "sessionid" if DEBUG else "__Host-sessionid"
CSRF_COOKIE_NAME = "csrftoken" if DEBUG else "__Host-csrftoken"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
# Sliding idle timeout: each request renews the session; an hour without one signs the user out.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_TIMEOUT", 3600)
SESSION_SAVE_EVERY_REQUEST = True

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), interest-cohort=()"
)
TIPTAP_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
# No 'unsafe-inline': the few inline blocks (the admin's form media, the change list's style, the
# API docs' style) carry the per-request nonce, and one fixed <style> is allowed by its hash.
# JSON-LD is data, not script, and needs neither.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        # The hash is Tiptap's editor stylesheet, which django-prose-editor's editor.js injects as a
        # <style> element without a nonce; tests/browser/test_content_security_policy.py fails if an
        # upgrade changes it.
        "style-src": [SELF, NONCE, TIPTAP_STYLE_HASH],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Request bodies: 1 MiB of form or JSON data (a 413 in the API), JSON at most 32 levels deep (a 400).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("REQUEST_BODY_MAX_BYTES", 1024 * 1024)
API_JSON_MAX_DEPTH = env_int("API_JSON_MAX_DEPTH", 32)
# Uploaded files (PDFs, logos): checked by content, refused above this size.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 20 * 1024 * 1024)

# Addresses: how many proxies of ours append to X-Forwarded-For (0 = ignore the header). One rule
# (gmg.security.client_ip) for the API throttles and the login lockout.
NUM_PROXIES = env_int("NUM_PROXIES", 0)
REST_FRAMEWORK["NUM_PROXIES"] = NUM_PROXIES
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["auth_failure"] = env_str("API_AUTH_FAILURE_RATE", "10/min")

# API tokens (registry.models.ApiToken): stored as SHA-256, valid for this many days by default.
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 90)

# Login lockout (django-axes), stored in the database so every app server sees the same attempts.
# Five failures for one username from one address lock that pair; twenty from one address lock the
# address. Nobody can lock an editor out from elsewhere, and every lock lifts after the cool-off
# (or when an admin deletes the attempt under Axes → Access attempts).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_HANDLER = "registry.lockout.LockoutHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "gmg.security.client_ip"
AXES_LOCKOUT_TEMPLATE = "registry/lockout.html"
AXES_VERBOSE = False

# Two-factor (django-otp, TOTP): any staff user may add an authenticator; with this on, Publishers must.
OTP_REQUIRED_FOR_PUBLISHERS = env_bool("OTP_REQUIRED_FOR_PUBLISHERS", default=False)
OTP_TOTP_ISSUER = "GMG Registry"

# Uploaded files are served by Django only in development or when asked (SERVE_MEDIA=1), with
# Content-Disposition and nosniff (registry.views.media); production serves MEDIA_ROOT from the web server.
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=DEBUG)
# django-axes logs every login at INFO; keep its warnings (lockouts) only.
LOGGING.setdefault("loggers", {})["axes"] = {"level": "WARNING"}
