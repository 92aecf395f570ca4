from __future__ import annotations

import re

from django.db import connection
from django.urls import reverse

import pytest

from zhengwu.accounts.models import CitizenProfile, EnterpriseProfile, SmsPurpose, User, UserKind
from zhengwu.accounts.services import citizen_register, enterprise_register, sms_code_send
from zhengwu.accounts.tests.factories import valid_id_number
from zhengwu.core.errors import UserFacingError
from zhengwu.core.validators import credit_code_check_char

pytestmark = pytest.mark.django_db
PHONE = "13700001111"


def _send_and_read(outbox, phone=PHONE, purpose=SmsPurpose.REGISTER, capture=None) -> str:
    with capture(execute=True):
        sms_code_send(phone=phone, purpose=purpose, ip_address=None)
    return re.search(r"验证码为(\d{6})", outbox[-1].body).group(1)


def test_citizen_registration_encrypts_and_indexes(sms_outbox, django_capture_on_commit_callbacks):
    code = _send_and_read(sms_outbox, capture=django_capture_on_commit_callbacks)
    id_number = valid_id_number(7)
    user = citizen_register(name="王五", id_number=id_number, phone=PHONE, sms_code=code)

    assert user.kind == UserKind.CITIZEN
    profile = CitizenProfile.objects.get(user=user)
    assert profile.id_number.reveal() == id_number
    assert str(profile.id_number) == id_number[:6] + "********" + id_number[-4:]
    with connection.cursor() as cur:
        cur.execute("SELECT id_number FROM accounts_citizenprofile WHERE id = %s", [profile.pk])
        raw = cur.fetchone()[0]
    assert id_number not in raw and raw.startswith("sm4g1$")


@pytest.mark.parametrize(
    ("id_number", "message"),
    [
        ("32128219900101123", "18位"),
        ("321282199001011230", "校验位"),
        ("321282199002301234", "出生日期"),
        ("991282199001011234", "地址码"),
        ("32128219900101123A", "末位"),
    ],
)
def test_invalid_id_number_creates_nothing(
    id_number, message, sms_outbox, django_capture_on_commit_callbacks
):
    if message == "校验位":
        good = valid_id_number(3, birth="19900101")
        id_number = good[:17] + ("0" if good[17] != "0" else "1")
    code = _send_and_read(sms_outbox, capture=django_capture_on_commit_callbacks)
    with pytest.raises(UserFacingError, match=message):
        citizen_register(name="王五", id_number=id_number, phone=PHONE, sms_code=code)
    assert not User.objects.filter(kind=UserKind.CITIZEN).exists()
    # the code was not consumed by a rejected form: the corrected form can still use it
    citizen_register(name="王五", id_number=valid_id_number(8), phone=PHONE, sms_code=code)


def test_wrong_code_creates_nothing(sms_outbox, django_capture_on_commit_callbacks):
    code = _send_and_read(sms_outbox, capture=django_capture_on_commit_callbacks)
    wrong = "000000" if code != "000000" else "111111"
    with pytest.raises(UserFacingError, match="验证码不正确"):
        citizen_register(name="王五", id_number=valid_id_number(9), phone=PHONE, sms_code=wrong)
    assert not User.objects.exists()


def test_same_id_number_cannot_register_twice(sms_outbox, django_capture_on_commit_callbacks):
    id_number = valid_id_number(10)
    code = _send_and_read(sms_outbox, capture=django_capture_on_commit_callbacks)
    citizen_register(name="王五", id_number=id_number, phone=PHONE, sms_code=code)
    code2 = _send_and_read(
        sms_outbox, phone="13700002222", capture=django_capture_on_commit_callbacks
    )
    with pytest.raises(UserFacingError, match="已注册"):
        citizen_register(
            name="王五", id_number=id_number.lower(), phone="13700002222", sms_code=code2
        )
    assert CitizenProfile.objects.count() == 1


def test_enterprise_registration_validates_credit_code(
    sms_outbox, django_capture_on_commit_callbacks
):
    code = _send_and_read(sms_outbox, capture=django_capture_on_commit_callbacks)
    body = "91321282MA1WKH3L7"
    good = body + credit_code_check_char(body)
    bad = body + ("0" if good[-1] != "0" else "1")
    kwargs = {
        "name": "靖江测试有限公司",
        "legal_representative": "王建",
        "agent_name": "钱燕",
        "agent_id_number": valid_id_number(11),
        "phone": PHONE,
        "sms_code": code,
    }
    with pytest.raises(UserFacingError, match="统一社会信用代码校验位不正确"):
        enterprise_register(credit_code=bad, **kwargs)
    assert not EnterpriseProfile.objects.exists()
    user = enterprise_register(credit_code=good.lower(), **kwargs)
    assert user.enterprise.credit_code == good


def test_register_page_double_submit_creates_one_account(
    client, sms_outbox, django_capture_on_commit_callbacks
):
    url = reverse("accounts:register") + "?kind=citizen"
    page = client.get(url)
    token = re.search(r'name="form_token" value="([^"]+)"', page.content.decode()).group(1)
    code = _send_and_read(sms_outbox, capture=django_capture_on_commit_callbacks)
    data = {
        "kind": "citizen",
        "name": "赵六",
        "id_number": valid_id_number(12),
        "phone": PHONE,
        "code": code,
        "form_token": token,
    }
    first = client.post(url, data)
    assert first.status_code == 302
    client.logout()
    second = client.post(url, data)
    assert second.status_code == 200
    assert "请勿重复提交" in second.content.decode()
    assert CitizenProfile.objects.count() == 1


def test_register_page_shows_chinese_error_for_bad_id(client):
    url = reverse("accounts:register") + "?kind=citizen"
    page = client.get(url)
    token = re.search(r'name="form_token" value="([^"]+)"', page.content.decode()).group(1)
    response = client.post(
        url,
        {
            "kind": "citizen",
            "name": "赵六",
            "id_number": "123",
            "phone": PHONE,
            "code": "123456",
            "form_token": token,
        },
    )
    assert response.status_code == 200
    assert "身份证号码应为18位" in response.content.decode()
    assert not User.objects.exists()


def test_registration_does_not_reveal_existing_accounts_without_a_valid_code(
    sms_outbox, django_capture_on_commit_callbacks
):
    id_number = valid_id_number(20)
    code = _send_and_read(sms_outbox, capture=django_capture_on_commit_callbacks)
    citizen_register(name="王五", id_number=id_number, phone=PHONE, sms_code=code)
    # a prober without a code for the phone learns nothing about the registered ID number
    with pytest.raises(UserFacingError) as exc:
        citizen_register(name="某人", id_number=id_number, phone="13700003333", sms_code="123456")
    assert "已注册" not in exc.value.message
    assert "验证码" in exc.value.message
