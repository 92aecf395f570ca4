"""`zhengwu scheduler`: run periodic jobs. Safe to start several: each job runs once per interval."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from zhengwu.core.scheduler import holder_id, job_specs, jobs_register, scheduler_tick


class Command(BaseCommand):
    help = "运行定时任务（可同时启动多个进程，数据库锁保证每个任务每个周期只运行一次）。"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="只检查并运行一轮到期任务后退出")
        parser.add_argument("--poll", type=float, default=5.0, help="检查间隔（秒）")

    def handle(self, *args: Any, **options: Any) -> None:
        specs = job_specs()
        jobs_register(specs)
        holder = holder_id()
        self.stdout.write(f"调度器 {holder} 已启动，共 {len(specs)} 个定时任务。")
        while True:
            close_old_connections()
            for name, status in scheduler_tick(specs, holder=holder).items():
                self.stdout.write(f"{name}: {status}")
            if options["once"]:
                return
            time.sleep(options["poll"])
