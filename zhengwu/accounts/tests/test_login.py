from __future__ import annotations

import re

from django.conf import settings
from django.urls import reverse

import pytest

from zhengwu.accounts.roles import Role
from zhengwu.accounts.tests.factories import PASSWORD, CitizenFactory, staff_user

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")


def test_staff_password_login_goes_to_workbench(client):
    staff_user(username="clerk", roles=[Role.WINDOW_STAFF])
    response = client.post(
        LOGIN + "?kind=staff",
        {"mode": "password", "kind": "staff", "username": "clerk", "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("workbench:home")


def test_staff_is_locked_out_after_five_failures(client):
    staff_user(username="clerk", roles=[Role.WINDOW_STAFF])
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN, {"mode": "password", "kind": "staff", "username": "clerk", "password": "wrong"}
        )
    response = client.post(
        LOGIN, {"mode": "password", "kind": "staff", "username": "clerk", "password": PASSWORD}
    )
    assert response.status_code in (403, 429)
    assert "锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_citizen_password_login_by_phone(client):
    citizen = CitizenFactory.create()
    response = client.post(
        LOGIN,
        {
            "mode": "password",
            "kind": "citizen",
            "username": citizen.user.phone.reveal(),
            "password": PASSWORD,
        },
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == citizen.user.pk


def test_citizen_cannot_use_staff_entry_with_phone(client):
    citizen = CitizenFactory.create()
    response = client.post(
        LOGIN,
        {
            "mode": "password",
            "kind": "staff",
            "username": citizen.user.phone.reveal(),
            "password": PASSWORD,
        },
    )
    assert response.status_code == 200
    assert "账号或密码不正确" in response.content.decode()


def test_sms_login_flow(client, sms_outbox, django_capture_on_commit_callbacks):
    citizen = CitizenFactory.create()
    phone = citizen.user.phone.reveal()
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            LOGIN, {"mode": "sms", "kind": "citizen", "phone": phone, "send_code": "1"}
        )
    assert sent.status_code == 200
    code = re.search(r"验证码为(\d{6})", sms_outbox[-1].body).group(1)
    response = client.post(LOGIN, {"mode": "sms", "kind": "citizen", "phone": phone, "code": code})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == citizen.user.pk


def test_login_page_masks_nothing_and_leaks_nothing(client):
    page = client.get(LOGIN)
    assert page.status_code == 200
    assert "短信验证码" in page.content.decode()


def test_logout_requires_post(client):
    citizen = CitizenFactory.create()
    client.force_login(citizen.user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_session_times_out_when_idle():
    assert settings.SESSION_COOKIE_AGE <= 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_next_parameter_cannot_redirect_off_site(client):
    staff_user(username="clerk", roles=[Role.WINDOW_STAFF])
    response = client.post(
        LOGIN + "?kind=staff&next=https://evil.example/",
        {
            "mode": "password",
            "kind": "staff",
            "username": "clerk",
            "password": PASSWORD,
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] == reverse("workbench:home")


def test_axes_never_stores_a_phone_number_in_clear(client):
    from axes.models import AccessAttempt

    citizen = CitizenFactory.create()
    phone = citizen.user.phone.reveal()
    client.post(LOGIN, {"mode": "password", "kind": "citizen", "username": phone, "password": "x"})
    attempt = AccessAttempt.objects.get()
    assert phone not in attempt.username
    assert attempt.username.startswith(phone[:3] + "****" + phone[-4:] + "#")


def test_client_address_behind_trusted_proxies(rf, settings):
    from zhengwu.audit.context import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9", REMOTE_ADDR="10.0.0.1")
    settings.ZHENGWU_TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.1"  # no proxy configured: the header is ignored
    settings.ZHENGWU_TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.9"  # the entry our proxy appended, not the forged one
    forged = rf.get("/", HTTP_X_FORWARDED_FOR="not-an-ip", REMOTE_ADDR="10.0.0.1")
    assert client_ip(forged) == "10.0.0.1"
