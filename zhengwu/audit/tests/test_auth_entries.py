from __future__ import annotations

from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.urls import reverse

import pytest

from zhengwu.accounts.models import User
from zhengwu.audit.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db

PASSWORD = "Test-Passw0rd!"


@pytest.fixture
def request_from():
    def make(ip: str = "198.51.100.23"):
        request = RequestFactory().post("/accounts/login/", REMOTE_ADDR=ip)
        request.session = SessionStore()
        request.user = AnonymousUser()
        return request

    return make


@pytest.fixture
def clerk() -> User:
    return User.objects.create_user(username="clerk", password=PASSWORD, kind="staff")


def entries(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action).order_by("seq"))


def test_login_and_logout_are_recorded_with_who_and_where(request_from, clerk):
    request = request_from("198.51.100.23")
    login(request, clerk, backend="django.contrib.auth.backends.ModelBackend")
    logout(request)
    [entry_in] = entries(AuditAction.LOGIN)
    [entry_out] = entries(AuditAction.LOGOUT)
    for entry in (entry_in, entry_out):
        assert entry.actor_id == clerk.pk
        assert entry.actor_label == "clerk"
        assert entry.ip_address == "198.51.100.23"
        assert entry.object_type == "accounts.User"
        assert entry.object_id == str(clerk.pk)
    assert entry_out.seq > entry_in.seq


def test_logout_of_an_anonymous_session_writes_nothing(request_from):
    logout(request_from())
    assert entries(AuditAction.LOGOUT) == []


def test_failed_login_records_the_attempted_username_and_address(request_from, clerk):
    assert authenticate(request_from("203.0.113.5"), username="clerk", password="wrong") is None
    [entry] = entries(AuditAction.LOGIN_FAILED)
    assert entry.changes == {"username": "clerk"}
    assert entry.actor_id is None
    assert entry.actor_label == "匿名"
    assert entry.ip_address == "203.0.113.5"
    assert "wrong" not in str(entry.changes)


def test_failed_login_with_a_phone_number_is_masked(request_from):
    authenticate(request_from(), username="13812345678", password="wrong", kind="citizen")
    [entry] = entries(AuditAction.LOGIN_FAILED)
    assert entry.changes == {"username": "138****5678"}
    assert entry.object_repr == "138****5678"
    assert "13812345678" not in str(entry.__dict__)


def test_login_through_the_login_page_is_recorded(client, clerk):
    response = client.post(
        reverse("accounts:login"),
        {"mode": "password", "kind": "staff", "username": "clerk", "password": PASSWORD},
    )
    assert response.status_code == 302
    [entry] = entries(AuditAction.LOGIN)
    assert entry.actor_id == clerk.pk
    assert entry.ip_address == "127.0.0.1"


def test_failed_login_through_the_login_page_is_recorded(client, clerk):
    client.post(
        reverse("accounts:login"),
        {"mode": "password", "kind": "staff", "username": "clerk", "password": "wrong"},
    )
    [entry] = entries(AuditAction.LOGIN_FAILED)
    assert entry.changes == {"username": "clerk"}
    assert entry.ip_address == "127.0.0.1"
