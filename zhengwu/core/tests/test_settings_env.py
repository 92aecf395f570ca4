"""Every environment variable the settings read is documented in .env.example."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def test_env_example_documents_every_variable():
    source = (ROOT / "config" / "settings" / "base.py").read_text(encoding="utf-8")
    used = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z][A-Z0-9_]+)"', source))
    documented = set(
        re.findall(
            r"^([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(encoding="utf-8"), re.M
        )
    )
    assert used, "no variables found: the pattern is broken"
    assert used - documented == set()


def test_production_defaults_are_safe(monkeypatch):
    import importlib

    import config.settings.base as base

    for name in ("DJANGO_DEBUG", "DJANGO_SESSION_COOKIE_SECURE", "DJANGO_SECURE_SSL_REDIRECT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ZHENGWU_IGNORE_DOTENV", "1")
    reloaded = importlib.reload(base)
    try:
        assert reloaded.DEBUG is False
        assert reloaded.SESSION_COOKIE_SECURE is True
        assert reloaded.SECURE_SSL_REDIRECT is True
        assert reloaded.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"] == ["'self'"]
        assert reloaded.TIME_ZONE == "Asia/Shanghai" and reloaded.LANGUAGE_CODE == "zh-hans"
    finally:
        importlib.reload(base)
