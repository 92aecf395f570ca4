"""All settings, read from the environment with production-safe defaults.

There is no production.py: production *is* base plus environment (style.md §8).
"""

from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR, env

# --- core -------------------------------------------------------------------------------------
SECRET_KEY = env("DJANGO_SECRET_KEY")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
VAR_DIR = Path(env.str("ZHENGWU_VAR_DIR", default=str(BASE_DIR / "var")))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # third party
    "rest_framework",
    "drf_spectacular",
    "django_filters",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    # ours (core first: it is the leaf everything else builds on)
    "zhengwu.core",
    "zhengwu.audit",
    "zhengwu.organisations",
    "zhengwu.accounts",
    "zhengwu.notifications",
    "zhengwu.portal",
    "zhengwu.workbench",
    "zhengwu.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "zhengwu.audit.middleware.AuditContextMiddleware",
    # axes last: it turns a lock-out into a response
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "zhengwu.workbench.context_processors.navigation",
                "zhengwu.core.context_processors.calendar_status",
            ],
        },
    },
]

# --- database ---------------------------------------------------------------------------------
# SQLite (WAL) is the embedded default; PostgreSQL via postgres://… is production (ADR 0002).
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'zhengwu.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets the web server, worker and scheduler read while one of them writes;
            # IMMEDIATE transactions + a busy timeout turn lock contention into waiting, not errors.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("ZHENGWU_SQLITE_BUSY_TIMEOUT", default=20),
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "zhengwu",
    }
}

# --- auth -------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "zhengwu.accounts.backends.PhoneOrUsernameBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "zhengwu.accounts.validators.CharacterClassPasswordValidator"},
]

# Session timeout: idle sessions end after 30 minutes (every request renews it).
SESSION_COOKIE_AGE = env.int("ZHENGWU_SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# django-axes: lock an account+address after 5 failed logins for 30 minutes.
AXES_FAILURE_LIMIT = env.int("ZHENGWU_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("ZHENGWU_LOGIN_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_ENABLE_ADMIN = True
AXES_VERBOSE = False
AXES_USERNAME_CALLABLE = "zhengwu.accounts.backends.axes_username"
AXES_CLIENT_IP_CALLABLE = "zhengwu.audit.context.client_ip"
# Number of reverse proxies in front of the site that append to X-Forwarded-For (0 = none).
ZHENGWU_TRUSTED_PROXY_COUNT = env.int("ZHENGWU_TRUSTED_PROXY_COUNT", default=0)

# --- i18n -------------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文"))]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- static and media -------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- security ---------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("DJANGO_CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = False
# Government intranet host names cannot be on the browsers' public HSTS preload list.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https")
    if env.bool("DJANGO_BEHIND_TLS_PROXY", default=False)
    else None
)
# Strict CSP: only our own scripts and styles; no inline code anywhere (style.md, stack.md §2.4).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- personal-data protection (SM4 at rest, SM3 blind index) -----------------------------------
# Keys are hex strings of 32 characters (128 bits). Several keys may be listed for rotation;
# new values are always written with the active one. See docs/security.md.
ZHENGWU_SM4_KEYS = env.dict("ZHENGWU_SM4_KEYS", default={})
ZHENGWU_SM4_ACTIVE_KEY_ID = env("ZHENGWU_SM4_ACTIVE_KEY_ID", default="")
ZHENGWU_BLIND_INDEX_KEY = env("ZHENGWU_BLIND_INDEX_KEY", default="")

# --- SMS codes and rate limits ----------------------------------------------------------------
ZHENGWU_SMS_CODE_TTL_SECONDS = env.int("ZHENGWU_SMS_CODE_TTL_SECONDS", default=300)
ZHENGWU_SMS_CODE_MAX_ATTEMPTS = env.int("ZHENGWU_SMS_CODE_MAX_ATTEMPTS", default=5)
ZHENGWU_SMS_PER_PHONE_INTERVAL_SECONDS = env.int(
    "ZHENGWU_SMS_PER_PHONE_INTERVAL_SECONDS", default=60
)
ZHENGWU_SMS_PER_PHONE_PER_DAY = env.int("ZHENGWU_SMS_PER_PHONE_PER_DAY", default=10)
ZHENGWU_SMS_PER_IP_PER_HOUR = env.int("ZHENGWU_SMS_PER_IP_PER_HOUR", default=20)

# Plaintext reveals of personal data allowed per staff member per hour (each one is audited).
ZHENGWU_REVEALS_PER_HOUR = env.int("ZHENGWU_REVEALS_PER_HOUR", default=30)

# --- notifications (minimal outbox; the notification hub extends it) ---------------------------
# "console" prints messages to the worker's log; "file" appends JSON lines to NOTIFY_FILE_PATH.
ZHENGWU_SMS_CHANNEL = env("ZHENGWU_SMS_CHANNEL", default="console")
ZHENGWU_NOTIFY_FILE_PATH = Path(
    env.str("ZHENGWU_NOTIFY_FILE_PATH", default=str(VAR_DIR / "outbox.jsonl"))
)

# --- background work --------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": env("ZHENGWU_TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "notifications"],
    }
}

# --- email ------------------------------------------------------------------------------------
EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="zhengwu@localhost")

# --- REST API ---------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": "60/minute", "user": "600/minute"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "政务服务与政务公开平台 API",
    "DESCRIPTION": "zhengwu 平台的 REST 接口",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
}

# --- logging ----------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_personal_data": {"()": "zhengwu.core.masking.MaskPersonalDataFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["mask_personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": env("ZHENGWU_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
    },
}

# Allow `zhengwu demo` with DEBUG off (the demo's accounts have published passwords).
ZHENGWU_ALLOW_DEMO = env.bool("ZHENGWU_ALLOW_DEMO", default=False)

# --- periodic jobs (run by `zhengwu scheduler`; see zhengwu/core/scheduler.py) -----------------
ZHENGWU_SCHEDULED_JOBS = {
    "notifications.retry_pending": {
        "callable": "zhengwu.notifications.services.notifications_retry_pending",
        "interval": 60,
        # up to 200 provider sends per sweep: the lease must outlast the slowest sweep
        "lease": 900,
    },
    "accounts.purge_sms_codes": {
        "callable": "zhengwu.accounts.services.sms_codes_purge",
        "interval": 24 * 3600,
    },
    "core.calendar_check": {
        "callable": "zhengwu.core.jobs.calendar_check",
        "interval": 24 * 3600,
    },
}
