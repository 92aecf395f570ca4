"""Login, logout and failed-login entries, from Django's authentication signals.

These are Django's own signals for events that happen inside ``django.contrib.auth``; reacting
to a framework signal we do not send ourselves is the exception style rule 9 allows.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest

from zhengwu.core.masking import mask_text

from .context import Actor, client_ip
from .models import AuditAction
from .services import audit_record, object_label


def _ip(request: HttpRequest | None) -> str | None:
    return client_ip(request) if request is not None else None


def _on_logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    actor = Actor(user_id=user.pk, label=user.get_username(), ip_address=_ip(request))
    audit_record(
        action=AuditAction.LOGIN,
        object_type=user._meta.label,
        object_id=user.pk,
        object_repr=object_label(user),
        actor=actor,
    )


def _on_logged_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is None or not getattr(user, "is_authenticated", False):
        return
    actor = Actor(user_id=user.pk, label=user.get_username(), ip_address=_ip(request))
    audit_record(
        action=AuditAction.LOGOUT,
        object_type=user._meta.label,
        object_id=user.pk,
        object_repr=object_label(user),
        actor=actor,
    )


def _on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    user_model = get_user_model()
    attempted = credentials.get("username") or credentials.get(user_model.USERNAME_FIELD) or ""
    # A citizen logs in with a mobile number: it is personal data, so it is written masked.
    masked = mask_text(str(attempted))[:150]
    audit_record(
        action=AuditAction.LOGIN_FAILED,
        object_type=settings.AUTH_USER_MODEL,
        object_id="",
        object_repr=masked,
        changes={"username": masked},
        actor=Actor(user_id=None, label="匿名", ip_address=_ip(request)),
    )


def connect() -> None:
    user_logged_in.connect(_on_logged_in, dispatch_uid="zhengwu.audit.login")
    user_logged_out.connect(_on_logged_out, dispatch_uid="zhengwu.audit.logout")
    user_login_failed.connect(_on_login_failed, dispatch_uid="zhengwu.audit.login_failed")
