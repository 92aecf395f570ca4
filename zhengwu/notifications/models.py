"""The notification outbox: one row per message, written in the caller's transaction.

The row is the retry mechanism and the record that a notice was sent. Delivery happens after
commit in the task worker (``tasks.deliver_notification``) and again from the scheduler's
``notifications.retry_pending`` job for anything still pending.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengwu.core.fields import EncryptedField


class Channel(models.TextChoices):
    SMS = "sms", _("短信")
    EMAIL = "email", _("电子邮件")
    WECHAT = "wechat", _("微信")
    SITE = "site", _("站内消息")


class NotificationStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")


class Notification(models.Model):
    channel = models.CharField(_("渠道"), max_length=16, choices=Channel.choices)
    recipient = EncryptedField(_("接收人"), kind="contact")
    template_code = models.CharField(_("模板"), max_length=64)
    subject = models.CharField(_("标题"), max_length=200, blank=True)
    body = EncryptedField(_("内容"), kind="message")
    status = models.CharField(
        _("状态"),
        max_length=16,
        choices=NotificationStatus.choices,
        default=NotificationStatus.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.TextField(_("最近错误"), blank=True)
    provider_message_id = models.CharField(_("服务商消息ID"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("下次尝试"), null=True, blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("通知")
        verbose_name_plural = _("通知")

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.template_code} → {self.recipient}"
