"""One-time form tokens: a second submit of the same form is refused and creates nothing."""

from __future__ import annotations

import secrets

from django.http import HttpRequest

SESSION_KEY = "zhengwu_form_tokens"
MAX_TOKENS = 50


def form_token_issue(request: HttpRequest) -> str:
    token = secrets.token_urlsafe(16)
    tokens: list[str] = list(request.session.get(SESSION_KEY, []))
    tokens.append(token)
    request.session[SESSION_KEY] = tokens[-MAX_TOKENS:]
    return token


def form_token_consume(request: HttpRequest, token: str | None) -> bool:
    """True the first time a token issued to this session is presented, False afterwards."""
    tokens: list[str] = list(request.session.get(SESSION_KEY, []))
    if not token or token not in tokens:
        return False
    tokens.remove(token)
    request.session[SESSION_KEY] = tokens
    request.session.save()
    return True
