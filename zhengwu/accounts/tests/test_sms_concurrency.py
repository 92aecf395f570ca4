"""Parallel requests for one phone cannot beat the SMS rate limit (real threads, real DB)."""

from __future__ import annotations

import threading

from django.db import connection

import pytest

from zhengwu.accounts.models import SmsCode, SmsCodeStatus, SmsPurpose
from zhengwu.accounts.services import sms_code_send
from zhengwu.core.errors import RateLimited


@pytest.mark.django_db(transaction=True)
def test_parallel_sends_issue_exactly_one_code():
    outcomes: list[str] = []
    barrier = threading.Barrier(6)

    def request() -> None:
        barrier.wait()
        try:
            sms_code_send(phone="13612345678", purpose=SmsPurpose.LOGIN, ip_address="10.9.9.9")
            outcomes.append("sent")
        except RateLimited:
            outcomes.append("limited")
        finally:
            connection.close()

    threads = [threading.Thread(target=request) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["limited"] * 5 + ["sent"]
    assert SmsCode.objects.count() == 1
    assert SmsCode.objects.filter(status=SmsCodeStatus.ACTIVE).count() == 1
