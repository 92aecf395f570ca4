"""Delivery channels. The only code in the project that talks to SMS/email/WeChat providers.

A channel is registered under a name and takes a ready-to-send message. Dev default is
``console`` (prints to the worker log); ``file`` appends JSON lines; ``memory`` keeps messages
in a list for tests. Real provider adapters are added by the notification hub.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils import timezone

from zhengwu.core.masking import mask

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class OutgoingMessage:
    notification_id: int
    channel: str
    recipient: str
    subject: str
    body: str


class DeliveryError(Exception):
    """A delivery failed; ``retryable`` tells whether trying again can help."""

    def __init__(self, message: str, *, retryable: bool = True) -> None:
        super().__init__(message)
        self.retryable = retryable


class ChannelBackend(Protocol):
    def send(self, message: OutgoingMessage) -> str:
        """Deliver the message; return the provider's message id (or "")."""


_registry: dict[str, Callable[[], ChannelBackend]] = {}


def register(name: str) -> Callable[[Callable[[], ChannelBackend]], Callable[[], ChannelBackend]]:
    def decorator(factory: Callable[[], ChannelBackend]) -> Callable[[], ChannelBackend]:
        _registry[name] = factory
        return factory

    return decorator


def get_backend(name: str) -> ChannelBackend:
    try:
        return _registry[name]()
    except KeyError:
        raise DeliveryError(f"unknown channel backend {name!r}", retryable=False) from None


def _dev_visible(text: str, kind: str) -> str:
    """Dev channels show plaintext only with DEBUG on; otherwise (a misconfigured production
    server) codes and numbers are masked instead of landing in logs and files."""
    return text if settings.DEBUG else mask(kind, text)


@register("console")
class ConsoleBackend:
    def send(self, message: OutgoingMessage) -> str:
        recipient = _dev_visible(message.recipient, "contact")
        body = _dev_visible(message.body, "message")
        sys.stdout.write(f"[{message.channel}] → {recipient}: {message.subject} {body}\n")
        sys.stdout.flush()
        return f"console-{message.notification_id}"


@register("file")
class FileBackend:
    def send(self, message: OutgoingMessage) -> str:
        path = Path(settings.ZHENGWU_NOTIFY_FILE_PATH)
        path.parent.mkdir(parents=True, exist_ok=True)
        record = {
            "at": timezone.now().isoformat(),
            "id": message.notification_id,
            "channel": message.channel,
            "recipient": _dev_visible(message.recipient, "contact"),
            "subject": message.subject,
            "body": _dev_visible(message.body, "message"),
        }
        with path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        return f"file-{message.notification_id}"


class MemoryBackend:
    """Test channel: keeps every message in ``MemoryBackend.outbox``."""

    outbox: list[OutgoingMessage] = []

    def send(self, message: OutgoingMessage) -> str:
        MemoryBackend.outbox.append(message)
        return f"memory-{message.notification_id}"


register("memory")(MemoryBackend)


def backend_name_for(channel: str) -> str:
    if channel == "sms":
        return str(settings.ZHENGWU_SMS_CHANNEL)
    if channel == "email":
        return "email"
    return "console"


@register("email")
class DjangoEmailBackend:
    def send(self, message: OutgoingMessage) -> str:
        from django.core.mail import send_mail

        send_mail(message.subject, message.body, None, [message.recipient], fail_silently=False)
        return ""
