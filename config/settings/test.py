"""Test settings: fast hashing, in-memory email, immediate tasks, fixed test keys.

The database is `TEST_DATABASE_URL` when set (PostgreSQL pass), otherwise SQLite.
"""

import os

os.environ["ZHENGWU_IGNORE_DOTENV"] = "1"
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-key")
os.environ.setdefault(
    "ZHENGWU_SM4_KEYS", "t1=0123456789abcdeffedcba9876543210,t0=00000000000000000000000000000001"
)
os.environ.setdefault("ZHENGWU_SM4_ACTIVE_KEY_ID", "t1")
os.environ.setdefault("ZHENGWU_BLIND_INDEX_KEY", "a1a2a3a4a5a6a7a8a9aaabacadaeafb0")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_SESSION_COOKIE_SECURE", "false")
os.environ.setdefault("DJANGO_CSRF_COOKIE_SECURE", "false")
os.environ.setdefault("ZHENGWU_LOG_LEVEL", "WARNING")
os.environ.setdefault("ZHENGWU_ALLOW_DEMO", "true")
os.environ.setdefault("ZHENGWU_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
# SQLite tests run on an in-memory database; PostgreSQL on a throwaway test_<name> database.
os.environ["DATABASE_URL"] = (
    os.environ.get("TEST_DATABASE_URL") or "sqlite:///:memory:"
)  # see below

from .base import *

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ZHENGWU_SMS_CHANNEL = "memory"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# SQLite tests use a file, not memory: the live server, worker threads and serialized rollback
# then see one database exactly as the embedded deployment does (WAL, busy timeout).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["NAME"] = str(VAR_DIR / "test.sqlite3")
    # one file per process, so two test runs in the same checkout never share a database
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
