"""`zhengwu demo`: load the demo county (idempotent) and print the demo logins."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from zhengwu.demo.services import demo_load, demo_logins


class Command(BaseCommand):
    help = "加载演示县数据（可重复运行，不会产生重复数据）并列出演示账号。"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--logins-only", action="store_true", help="只列出演示账号，不加载数据")
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="在 DEBUG 关闭的环境中也加载（演示账号使用公开的密码，生产环境切勿使用）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not (settings.DEBUG or settings.ZHENGWU_ALLOW_DEMO or options["allow_production"]):
            raise CommandError(
                "演示数据含公开密码的管理员账号，不能在生产环境（DEBUG 关闭）加载。"
                "确需加载请加 --allow-production。"
            )
        if not options["logins_only"]:
            demo_load(log=lambda m: self.stdout.write(f"  {m}"))
        self.stdout.write(self.style.SUCCESS("演示账号（密码均相同）："))
        logins = demo_logins()
        width = max(len(label) for label, _u, _p in logins)
        for label, username, password in logins:
            self.stdout.write(f"  {label.ljust(width, '　')}  账号 {username:<14} 密码 {password}")
