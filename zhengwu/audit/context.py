"""Who is acting, from where: a context variable set per request (or per command/task)."""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

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
    """The client address as seen by Django (REMOTE_ADDR; a trusted proxy must set it)."""
    return request.META.get("REMOTE_ADDR") or None


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
