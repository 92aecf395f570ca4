"""`zhengwu demo`: load the demo county (idempotent) and print the demo logins."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from zhengwu.demo.services import demo_load


class Command(BaseCommand):
    help = "加载演示县数据（可重复运行，不会产生重复数据）并列出演示账号。"

    def handle(self, *args: Any, **options: Any) -> None:
        ctx = demo_load(log=lambda m: self.stdout.write(f"  {m}"))
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。演示账号："))
        width = max(len(r) for r, _u, _p in ctx.logins)
        for role, username, password in ctx.logins:
            self.stdout.write(f"  {role.ljust(width, '　')}  账号 {username:<14} 密码 {password}")
