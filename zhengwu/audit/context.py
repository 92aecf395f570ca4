"""Who is acting, from where: a context variable set per request (or per command/task)."""

from __future__ import annotations

import contextvars
import ipaddress
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    label: str
    ip_address: str | None


SYSTEM = Actor(user_id=None, label="系统", ip_address=None)
_current: contextvars.ContextVar[Actor | HttpRequest | None] = contextvars.ContextVar(
    "zhengwu_audit_actor", default=None
)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, used by the audit trail, SMS rate limits and login lock-out.

    Behind ``ZHENGWU_TRUSTED_PROXY_COUNT`` reverse proxies the address is read from
    X-Forwarded-For, counting that many entries from the right (the entries our own proxies
    appended), so a client cannot forge it by sending its own header. Otherwise REMOTE_ADDR.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = int(getattr(settings, "ZHENGWU_TRUSTED_PROXY_COUNT", 0))
    if proxies <= 0:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    if len(hops) < proxies:
        return remote
    candidate = hops[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def current_actor() -> Actor:
    value = _current.get()
    if value is None:
        return SYSTEM
    if isinstance(value, Actor):
        return value
    user = getattr(value, "user", None)
    if user is not None and user.is_authenticated:
        return Actor(user_id=user.pk, label=user.get_username(), ip_address=client_ip(value))
    return Actor(user_id=None, label="匿名", ip_address=client_ip(value))


@contextmanager
def bind_request(request: HttpRequest) -> Iterator[None]:
    # The request itself is bound (not its user) because authentication happens lazily.
    token = _current.set(request)
    try:
        yield
    finally:
        _current.reset(token)


@contextmanager
def acting_as(actor: Actor) -> Iterator[None]:
    token = _current.set(actor)
    try:
        yield
    finally:
        _current.reset(token)
