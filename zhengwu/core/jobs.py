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
        years = "、".join(str(y) for y in missing)
        message = f"缺少{years}年法定节假日安排，请系统管理员录入。"
        logger.warning(message)
        return message
    return "节假日数据完整"
