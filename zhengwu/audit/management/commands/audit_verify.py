"""Verify the audit trail's SM3 hash chain; exit 1 and name the first broken link if any."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from tqdm import tqdm

from zhengwu.audit.models import AuditAction, AuditEntry
from zhengwu.audit.selectors import audit_chain_verify


class Command(BaseCommand):
    help = "核验审计链：按序号逐条重算 SM3 哈希，完整则退出码 0，否则指出第一处断链并退出码 1。"

    def handle(self, *args: Any, **options: Any) -> None:
        total = AuditEntry.objects.count()
        with tqdm(
            total=total, unit="条", desc="核验审计链", disable=not sys.stderr.isatty()
        ) as bar:
            result = audit_chain_verify(progress=bar.update)
        if result.problem is None:
            self.stdout.write(self.style.SUCCESS(f"审计链完整：共 {result.count} 条"))
            self.stdout.write(f"末条哈希（SM3）：{result.last_hash}")
            # A rebuilt head means the head row had vanished: entries after the last surviving
            # one may have been deleted together with it. The chain cannot show that; say so.
            for seq, rebuilt_from in AuditEntry.objects.filter(
                action=AuditAction.CHAIN_REPAIR
            ).values_list("seq", "changes__rebuilt_from_seq"):
                self.stdout.write(
                    self.style.WARNING(
                        f"注意：第 {seq} 条记录表明审计链头曾缺失，已从第 {rebuilt_from} 条重建；"
                        "此前末尾的记录可能被删除，请对照异地保存的末条哈希核查。"
                    )
                )
            return
        self.stdout.write(self.style.ERROR(result.problem.message))
        self.stdout.write(f"此前 {result.count} 条记录完整。")
        sys.exit(1)
