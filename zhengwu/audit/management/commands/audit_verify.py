"""Verify the audit trail's SM3 hash chain; exit 1 and name the first broken link if any."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from tqdm import tqdm

from zhengwu.audit.models import AuditEntry
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
            return
        self.stdout.write(self.style.ERROR(result.problem.message))
        self.stdout.write(f"此前 {result.count} 条记录完整。")
        sys.exit(1)
