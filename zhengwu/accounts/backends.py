"""Password login by username (staff) or by mobile number (自然人/法人)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from zhengwu.core.masking import mask_phone
from zhengwu.core.validators import PHONE_RE

from .models import User, UserKind


class PhoneOrUsernameBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        kind: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if not username or not password:
            return None
        username = username.strip()
        if kind in (UserKind.CITIZEN, UserKind.ENTERPRISE) and PHONE_RE.match(username):
            from .services import phone_index

            user = User.objects.filter(kind=kind, phone_index=phone_index(username)).first()
        else:
            user = User.objects.filter(username=username).first()
            if user is not None and kind and user.kind != kind:
                user = None
        if user is None:
            User().set_password(password)  # same work as a real check: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def axes_username(request: HttpRequest | None, credentials: dict[str, Any]) -> str:
    """The name django-axes stores for a failed login. A phone number is stored masked plus a
    short keyed digest, so lock-outs stay per phone but the admin never shows the number."""
    from .services import phone_index

    username = str(credentials.get("username") or "").strip()
    if PHONE_RE.match(username):
        return f"{mask_phone(username)}#{phone_index(username)[:12]}"
    return username
