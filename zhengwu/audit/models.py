"""Append-only, SM3-hash-chained audit trail.

Each entry's hash covers its own canonical content and the previous entry's hash, so changing
or deleting any row breaks every later link (``zhengwu audit_verify`` names the first one).
Rows are never updated or deleted: the model and its queryset refuse it, and database triggers
(migration 0002) refuse it too. Entries are written only by ``services.audit_record``.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from .chain import GENESIS_HASH


class AuditAction(models.TextChoices):
    CREATE = "create", _("新增")
    UPDATE = "update", _("修改")
    DELETE = "delete", _("删除")
    REVEAL = "reveal", _("查看个人信息明文")
    LOGIN = "login", _("登录")
    LOGIN_FAILED = "login_failed", _("登录失败")
    LOGOUT = "logout", _("退出")
    EXPORT = "export", _("导出")
    CHAIN_REPAIR = "chain_repair", _("审计链头缺失后重建")


class AppendOnlyError(Exception):
    """An attempt to change or delete audit entries (refused here and by database triggers)."""


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    """Refuses bulk changes early, with a clear error, before the database triggers would."""

    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("audit entries cannot be changed")

    def _update(self, values: Any) -> Any:
        raise AppendOnlyError("audit entries cannot be changed")

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> int:
        raise AppendOnlyError("audit entries cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit entries cannot be deleted")

    def _raw_delete(self, using: Any) -> int:
        raise AppendOnlyError("audit entries cannot be deleted")

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[AuditEntry]:
        raise AppendOnlyError("append entries with zhengwu.audit.services.audit_record()")


class AuditEntry(models.Model):
    GENESIS_HASH = GENESIS_HASH

    seq = models.PositiveBigIntegerField(_("序号"), unique=True)
    created_at = models.DateTimeField(_("时间"), db_index=True)
    # Plain values, not foreign keys: deleting a user must not rewrite history.
    actor_id = models.BigIntegerField(_("操作人ID"), null=True, blank=True, db_index=True)
    actor_label = models.CharField(_("操作人"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("来源地址"), null=True, blank=True)
    action = models.CharField(_("操作"), max_length=16, choices=AuditAction.choices)
    object_type = models.CharField(_("对象类型"), max_length=100, db_index=True)
    object_id = models.CharField(_("对象ID"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("对象"), max_length=200, blank=True)
    changes = models.JSONField(_("变更内容"), default=dict, blank=True)
    prev_hash = models.CharField(_("前一条哈希"), max_length=64)
    entry_hash = models.CharField(_("本条哈希"), max_length=64, unique=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")

    def __str__(self) -> str:
        return f"#{self.seq} {self.get_action_display()} {self.object_type}:{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit entries cannot be deleted")


class AuditChainHead(models.Model):
    """Single row holding the chain tail; locked (SELECT … FOR UPDATE) while appending."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=AuditEntry.GENESIS_HASH)

    class Meta:
        verbose_name = _("审计链头")
        verbose_name_plural = _("审计链头")

    def __str__(self) -> str:
        return f"#{self.last_seq}"
