from __future__ import annotations

from django.core.management import call_command
from django.urls import reverse

import pytest

from zhengwu.accounts.models import CitizenProfile, EnterpriseProfile, User
from zhengwu.core.validators import validate_credit_code, validate_org_code
from zhengwu.organisations.models import Department, Window

pytestmark = pytest.mark.django_db


def _counts():
    return {
        m.__name__: m.objects.count()
        for m in (Department, Window, User, CitizenProfile, EnterpriseProfile)
    }


def test_demo_is_idempotent_and_realistic(capsys):
    call_command("demo")
    first = _counts()
    call_command("demo")
    assert _counts() == first
    assert first["Department"] == 49
    bureau = Department.objects.get(name="靖江市行政审批局")
    assert bureau.org_code == "757952943"
    assert bureau.credit_code[8:17] == "757952943"
    for dept in Department.objects.all():
        validate_credit_code(dept.credit_code)
        validate_org_code(dept.org_code)
    out = capsys.readouterr().out
    assert "sysadmin" in out and "Zhengwu@2026" in out


def test_every_demo_login_works(client):
    from zhengwu.demo import county

    call_command("demo")
    accounts = [(u, "staff") for u, *_r in county.STAFF]
    accounts += [(phone, "citizen") for *_r, phone in county.CITIZENS]
    accounts += [(phone, "enterprise") for *_r, phone in county.ENTERPRISES]
    for username, kind in accounts:
        response = client.post(
            reverse("accounts:login"),
            {
                "mode": "password",
                "kind": kind,
                "username": username,
                "password": county.DEMO_PASSWORD,
            },
        )
        assert response.status_code == 302, username
        home = client.get(response["Location"])
        assert home.status_code == 200, username
        client.post(reverse("accounts:logout"))


def test_demo_refuses_production_settings(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    settings.ZHENGWU_ALLOW_DEMO = False
    with pytest.raises(CommandError, match="生产环境"):
        call_command("demo")
    assert not User.objects.filter(username="sysadmin").exists()
