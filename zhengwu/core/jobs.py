"""Periodic jobs owned by core (scheduled through settings.ZHENGWU_SCHEDULED_JOBS)."""

from __future__ import annotations

import logging

from django.utils import timezone

logger = logging.getLogger(__name__)


def calendar_check() -> str:
    """Warn in the log (and the job status) when next year's holiday data is missing."""
    from .calendar import calendar_missing_years

    missing = calendar_missing_years(timezone.localdate())
    if missing:
        message = "缺少%s年法定节假日安排，请系统管理员录入。" % "、".join(str(y) for y in missing)
        logger.warning(message)
        return message
    return "节假日数据完整"
