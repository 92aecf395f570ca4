from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

import pytest
import time_machine

from zhengwu.notifications import channels
from zhengwu.notifications.models import Notification, NotificationStatus
from zhengwu.notifications.services import (
    MAX_ATTEMPTS,
    notification_create,
    notification_deliver,
    notifications_retry_pending,
)

pytestmark = pytest.mark.django_db


def test_delivered_after_commit(sms_outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification_create(channel="sms", recipient="13800001234", template_code="t", body="您好")
        assert sms_outbox == []  # nothing leaves before the transaction commits
    assert len(callbacks) == 1
    assert [m.body for m in sms_outbox] == ["您好"]
    assert Notification.objects.get().status == NotificationStatus.SENT


def test_rolled_back_notification_is_never_sent(sms_outbox, django_capture_on_commit_callbacks):
    def create_then_fail() -> None:
        with transaction.atomic():
            notification_create(channel="sms", recipient="13800001234", template_code="t", body="x")
            raise RuntimeError

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        create_then_fail()
    assert sms_outbox == []
    assert not Notification.objects.exists()


def test_delivering_twice_sends_once(sms_outbox):
    n = notification_create(channel="sms", recipient="13800001234", template_code="t", body="x")
    notification_deliver(notification_id=n.pk)
    notification_deliver(notification_id=n.pk)
    assert len(sms_outbox) == 1


def test_failure_is_retried_with_backoff_then_marked_failed(monkeypatch):
    calls = []

    class Flaky:
        def send(self, message):
            calls.append(message)
            raise channels.DeliveryError("网关超时")

    monkeypatch.setitem(channels._registry, "memory", Flaky)
    n = notification_create(channel="sms", recipient="13800001234", template_code="t", body="x")
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for attempt in range(1, MAX_ATTEMPTS + 1):
            traveller.shift(timedelta(hours=2))
            assert notifications_retry_pending() == 1
            n.refresh_from_db()
            assert n.attempts == attempt
        assert n.status == NotificationStatus.FAILED
        assert "网关超时" in n.last_error
        traveller.shift(timedelta(hours=2))
        assert notifications_retry_pending() == 0
    assert len(calls) == MAX_ATTEMPTS


def test_stored_body_and_recipient_are_encrypted_and_masked():
    n = notification_create(
        channel="sms", recipient="13800001234", template_code="t", body="验证码为123456"
    )
    assert "13800001234" not in str(n)
    n.refresh_from_db()
    assert str(n.body) == "验证码为******"
    assert n.body.reveal() == "验证码为123456"


def test_unexpected_error_counts_as_an_attempt_and_does_not_block_others(monkeypatch, sms_outbox):
    class Broken:
        def send(self, message):
            if message.body == "坏":
                raise OSError("磁盘已满")
            return channels.MemoryBackend().send(message)

    monkeypatch.setitem(channels._registry, "memory", Broken)
    bad = notification_create(channel="sms", recipient="13800001234", template_code="t", body="坏")
    good = notification_create(channel="sms", recipient="13800001235", template_code="t", body="好")
    with time_machine.travel(timezone.now() + timedelta(seconds=1)):
        assert notifications_retry_pending() == 2
    bad.refresh_from_db()
    good.refresh_from_db()
    assert bad.attempts == 1
    assert bad.status == NotificationStatus.PENDING
    assert bad.next_attempt_at > timezone.now()  # backed off, not retried every minute
    assert "磁盘已满" in bad.last_error
    assert good.status == NotificationStatus.SENT
    assert [m.body for m in sms_outbox] == ["好"]


def test_dev_channels_mask_codes_without_debug(settings, capsys, tmp_path):
    settings.DEBUG = False
    settings.ZHENGWU_NOTIFY_FILE_PATH = tmp_path / "outbox.jsonl"
    message = channels.OutgoingMessage(
        notification_id=1, channel="sms", recipient="13800001234", subject="", body="验证码为123456"
    )
    channels.ConsoleBackend().send(message)
    channels.FileBackend().send(message)
    printed = capsys.readouterr().out + settings.ZHENGWU_NOTIFY_FILE_PATH.read_text("utf-8")
    assert "123456" not in printed
    assert "13800001234" not in printed
    assert "138****1234" in printed
    settings.DEBUG = True
    channels.ConsoleBackend().send(message)
    assert "123456" in capsys.readouterr().out  # developers see the code they need
