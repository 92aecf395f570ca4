from __future__ import annotations

import re
from datetime import timedelta

from django.test import override_settings
from django.utils import timezone

import pytest
import time_machine

from zhengwu.accounts.models import SmsCode, SmsCodeStatus, SmsPurpose
from zhengwu.accounts.services import sms_code_send, sms_code_verify
from zhengwu.core.errors import RateLimited, UserFacingError
from zhengwu.notifications.models import Notification, NotificationStatus

pytestmark = pytest.mark.django_db
PHONE = "13912345678"


def _code_from(outbox) -> str:
    return re.search(r"验证码为(\d{6})", outbox[-1].body).group(1)


def test_send_queues_an_sms_delivered_after_commit(sms_outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sms_code_send(phone=PHONE, purpose=SmsPurpose.LOGIN, ip_address="10.1.1.1")
    assert len(sms_outbox) == 1
    assert sms_outbox[0].recipient == PHONE
    notification = Notification.objects.get()
    assert notification.status == NotificationStatus.SENT
    # the code is never stored in clear: only its keyed digest
    code = _code_from(sms_outbox)
    assert code not in SmsCode.objects.get().code_hash


def test_correct_code_is_consumed_once(sms_outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sms_code_send(phone=PHONE, purpose=SmsPurpose.LOGIN, ip_address=None)
    code = _code_from(sms_outbox)
    sms_code_verify(phone=PHONE, purpose=SmsPurpose.LOGIN, code=code)
    with pytest.raises(UserFacingError, match="已使用"):
        sms_code_verify(phone=PHONE, purpose=SmsPurpose.LOGIN, code=code)


def test_five_wrong_codes_lock_that_code(sms_outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sms_code_send(phone=PHONE, purpose=SmsPurpose.LOGIN, ip_address=None)
    code = _code_from(sms_outbox)
    wrong = "000000" if code != "000000" else "111111"
    messages = []
    for _ in range(5):
        with pytest.raises(UserFacingError) as exc:
            sms_code_verify(phone=PHONE, purpose=SmsPurpose.LOGIN, code=wrong)
        messages.append(exc.value.message)
    assert "还可尝试4次" in messages[0]
    assert "已失效" in messages[-1]
    assert SmsCode.objects.get().status == SmsCodeStatus.LOCKED
    with pytest.raises(UserFacingError, match="已失效"):
        sms_code_verify(phone=PHONE, purpose=SmsPurpose.LOGIN, code=code)


def test_expired_code_is_refused(sms_outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sms_code_send(phone=PHONE, purpose=SmsPurpose.LOGIN, ip_address=None)
    code = _code_from(sms_outbox)
    with (
        time_machine.travel(timezone.now() + timedelta(minutes=6)),
        pytest.raises(UserFacingError, match="已过期"),
    ):
        sms_code_verify(phone=PHONE, purpose=SmsPurpose.LOGIN, code=code)


def test_new_code_supersedes_the_old_one(sms_outbox, django_capture_on_commit_callbacks):
    with time_machine.travel("2026-11-20 09:00 +0800", tick=False) as traveller:
        with django_capture_on_commit_callbacks(execute=True):
            sms_code_send(phone=PHONE, purpose=SmsPurpose.LOGIN, ip_address=None)
        old = _code_from(sms_outbox)
        traveller.shift(timedelta(seconds=61))
        with django_capture_on_commit_callbacks(execute=True):
            sms_code_send(phone=PHONE, purpose=SmsPurpose.LOGIN, ip_address=None)
        new = _code_from(sms_outbox)
        if old != new:
            with pytest.raises(UserFacingError):
                sms_code_verify(phone=PHONE, purpose=SmsPurpose.LOGIN, code=old)
        sms_code_verify(phone=PHONE, purpose=SmsPurpose.LOGIN, code=new)


def test_per_phone_interval_limit():
    with time_machine.travel("2026-11-20 09:00 +0800", tick=False) as traveller:
        sms_code_send(phone=PHONE, purpose=SmsPurpose.LOGIN, ip_address=None)
        with pytest.raises(RateLimited, match="秒后再试"):
            sms_code_send(phone=PHONE, purpose=SmsPurpose.REGISTER, ip_address=None)
        assert SmsCode.objects.count() == 1
        traveller.shift(timedelta(seconds=61))
        sms_code_send(phone=PHONE, purpose=SmsPurpose.LOGIN, ip_address=None)
    assert SmsCode.objects.count() == 2


@override_settings(ZHENGWU_SMS_PER_PHONE_PER_DAY=3)
def test_per_phone_daily_limit():
    with time_machine.travel("2026-11-20 09:00 +0800", tick=False) as traveller:
        for _ in range(3):
            sms_code_send(phone=PHONE, purpose=SmsPurpose.LOGIN, ip_address=None)
            traveller.shift(timedelta(minutes=2))
        with pytest.raises(RateLimited, match="今日"):
            sms_code_send(phone=PHONE, purpose=SmsPurpose.LOGIN, ip_address=None)
    assert SmsCode.objects.count() == 3


@override_settings(ZHENGWU_SMS_PER_IP_PER_HOUR=2)
def test_per_address_limit_spans_phones():
    sms_code_send(phone="13900000001", purpose=SmsPurpose.LOGIN, ip_address="10.0.0.9")
    sms_code_send(phone="13900000002", purpose=SmsPurpose.LOGIN, ip_address="10.0.0.9")
    with pytest.raises(RateLimited, match="网络"):
        sms_code_send(phone="13900000003", purpose=SmsPurpose.LOGIN, ip_address="10.0.0.9")
    sms_code_send(phone="13900000003", purpose=SmsPurpose.LOGIN, ip_address="10.0.0.10")
    assert SmsCode.objects.count() == 3


@pytest.mark.parametrize("phone", ["1234", "23912345678", "139123456789", "1391234567a", ""])
def test_invalid_phone_gets_chinese_message_and_sends_nothing(phone):
    with pytest.raises(UserFacingError, match="手机号码"):
        sms_code_send(phone=phone, purpose=SmsPurpose.LOGIN, ip_address=None)
    assert not SmsCode.objects.exists()
    assert not Notification.objects.exists()
