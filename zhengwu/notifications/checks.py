"""Deployment checks for notifications."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Info, register

DEV_CHANNELS = {"console", "file", "memory"}


@register(deploy=True)
def sms_channel_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    # Info, not Warning, until the notification hub ships real provider adapters.
    channel = settings.ZHENGWU_SMS_CHANNEL
    if not settings.DEBUG and channel in DEV_CHANNELS:
        return [
            Info(
                f"短信通道为开发用通道（{channel}），验证码和通知不会发送到用户手机（内容已脱敏）。",
                hint="在 ZHENGWU_SMS_CHANNEL 中配置短信服务商通道。",
                id="zhengwu.I001",
            )
        ]
    return []
