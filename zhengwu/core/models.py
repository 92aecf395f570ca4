"""Infrastructure models: the working-day calendar and scheduled-job bookkeeping."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarSource(models.TextChoices):
    SEED = "seed", _("chinesecalendar 初始数据")
    NOTICE = "notice", _("国务院办公厅通知导入")
    MANUAL = "manual", _("管理员手工录入")


class CalendarYear(models.Model):
    """A year whose 法定节假日 and 调休上班日 are known. Without a row, deadlines refuse to count."""

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    source = models.CharField(_("来源"), max_length=16, choices=CalendarSource.choices)
    notice_reference = models.CharField(_("通知文号"), max_length=100, blank=True)
    notice_text = models.TextField(_("通知原文"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("节假日年度")
        verbose_name_plural = _("节假日年度")

    def __str__(self) -> str:
        return f"{self.year}年"


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("法定节假日（休息）")
    MAKEUP_WORKDAY = "makeup_workday", _("调休上班日")


class CalendarDay(models.Model):
    """An exception to the Monday–Friday rule: a holiday day off, or a weekend make-up workday."""

    calendar_year = models.ForeignKey(
        CalendarYear, on_delete=models.CASCADE, related_name="days", verbose_name=_("年度")
    )
    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=DayKind.choices)
    name = models.CharField(_("节日名称"), max_length=30, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日/调休日")
        verbose_name_plural = _("节假日/调休日")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} {self.name}".strip()

    @property
    def is_workday(self) -> bool:
        return self.kind == DayKind.MAKEUP_WORKDAY


class JobStatus(models.TextChoices):
    IDLE = "idle", _("空闲")
    RUNNING = "running", _("运行中")
    SUCCEEDED = "succeeded", _("成功")
    FAILED = "failed", _("失败")


class ScheduledJob(models.Model):
    """One periodic job known to the scheduler, with its lease (the database lock) and last run."""

    name = models.CharField(_("任务名"), max_length=100, unique=True)
    interval_seconds = models.PositiveIntegerField(_("间隔（秒）"))
    next_run_at = models.DateTimeField(_("下次运行"), null=True, blank=True)
    locked_by = models.CharField(_("持有者"), max_length=100, blank=True)
    locked_until = models.DateTimeField(_("锁定至"), null=True, blank=True)
    last_started_at = models.DateTimeField(_("上次开始"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("上次结束"), null=True, blank=True)
    last_status = models.CharField(
        _("上次结果"), max_length=16, choices=JobStatus.choices, default=JobStatus.IDLE
    )
    last_message = models.TextField(_("上次输出"), blank=True)
    run_count = models.PositiveIntegerField(_("运行次数"), default=0)

    class Meta:
        ordering = ["name"]
        verbose_name = _("定时任务")
        verbose_name_plural = _("定时任务")

    def __str__(self) -> str:
        return self.name


class RateLimitKey(models.Model):
    """One row per rate-limited subject (e.g. a phone's blind index, a client address).

    Locking the row (``core.ratelimit.rate_limit_lock``) serialises the count-then-insert of
    concurrent requests for the same subject, so limits hold under parallel requests on
    PostgreSQL as well as on SQLite.
    """

    key = models.CharField(_("键"), max_length=120, unique=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("限流键")
        verbose_name_plural = _("限流键")

    def __str__(self) -> str:
        return self.key
