"""Browser tests: Playwright's sync API driving Debian's chromium (never `playwright install`).

Run them with the other tests, or alone: `.venv/bin/pytest tests/browser -m browser`.
They need the vendored assets (`npm ci && scripts/vendor-assets.sh`) and `/usr/bin/chromium`.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an asyncio loop in this thread; the ORM calls the tests make
# (creating users, force_login) would otherwise raise SynchronousOnlyOperation.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "var" / "screenshots"
VENDORED = [
    ROOT / "static" / "vendor" / "htmx" / "htmx.min.js",
    ROOT / "static" / "vendor" / "echarts" / "echarts.min.js",
]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--lang=zh-CN",
]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    return path


@pytest.fixture(scope="session")
def vendored_assets() -> None:
    missing = [str(p.relative_to(ROOT)) for p in VENDORED if not p.is_file()]
    if missing:
        pytest.fail(
            f"missing vendored assets {missing}: run `npm ci && scripts/vendor-assets.sh`",
            pytrace=False,
        )


@pytest.fixture(scope="module")
def browser(chromium_path: str, vendored_assets: None, django_db_setup: None) -> Iterator[object]:
    from django.db import connections

    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API leaves an asyncio loop running in this thread, and asgiref then
    # hands Django a *different* connection object (context-local instead of thread-local).
    # Give it the serialized test data so transactional tests can still restore the
    # migration-seeded rows (calendar, groups) after each flush.
    serialized = {
        alias: getattr(connections[alias], "_test_serialized_contents", None)
        for alias in connections
    }
    with sync_api.sync_playwright() as playwright:
        for alias, contents in serialized.items():
            if contents is not None:
                connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageRecord:
    """What one page did: every request URL, console errors, CSP violations, JS errors."""

    page: object
    origin: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        own = urlsplit(self.origin)
        return [
            url
            for url in self.requests
            if not url.startswith(("data:", "blob:", "about:"))
            and (urlsplit(url).scheme, urlsplit(url).netloc) != (own.scheme, own.netloc)
        ]

    def assert_clean(self, *, allow_console: tuple[str, ...] = ()) -> None:
        assert self.csp_violations == [], self.csp_violations
        assert self.page_errors == [], self.page_errors
        errors = [e for e in self.console_errors if not any(a in e for a in allow_console)]
        assert errors == [], errors
        assert self.failed_requests == [], self.failed_requests
        assert self.foreign_requests() == [], self.foreign_requests()

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def open_page(browser, live_server) -> Iterator[Callable[..., PageRecord]]:
    """`open_page(path, user=None, viewport=DESKTOP)` → a PageRecord after the page loaded."""
    contexts = []

    def open_(
        path: str = "/",
        *,
        user=None,
        viewport: dict[str, int] = DESKTOP,
        mobile: bool = False,
    ) -> PageRecord:
        context = browser.new_context(
            viewport=viewport,
            device_scale_factor=2 if mobile else 1,
            is_mobile=mobile,
            has_touch=mobile,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
        )
        contexts.append(context)
        if user is not None:
            context.add_cookies([_session_cookie(user, live_server.url)])
        page = context.new_page()
        record = PageRecord(page=page, origin=live_server.url)
        page.on("request", lambda request: record.requests.append(request.url))
        page.on(
            "requestfailed",
            lambda request: record.failed_requests.append(f"{request.url} {request.failure}"),
        )
        page.on("pageerror", lambda error: record.page_errors.append(str(error)))

        def on_console(message) -> None:
            text = message.text
            if "Content Security Policy" in text:
                record.csp_violations.append(text)
            elif message.type == "error":
                record.console_errors.append(text)

        page.on("console", on_console)
        page.goto(live_server.url + path, wait_until="networkidle")
        return record

    yield open_
    for context in contexts:
        context.close()


def _session_cookie(user, base_url: str) -> dict[str, object]:
    """Log `user` in through Django's test client and hand its session cookie to the browser."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": base_url,
        "httpOnly": True,
        "sameSite": "Lax",
    }
