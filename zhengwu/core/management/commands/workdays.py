"""Working-day arithmetic from the command line (contract relied on by other checks).

    zhengwu workdays add 2025-09-26 20             → prints exactly “2025-10-30”
    zhengwu workdays add 2025-09-26 20 --explain   → the date, then the explanation lines
    zhengwu workdays between 2025-09-26 2025-10-30 → prints “20”

A year without calendar data fails with a non-zero exit and a message naming the year.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from zhengwu.core.selectors import load_calendar
from zhengwu.core.workdays import (
    CalendarYearMissing,
    Pause,
    add_workdays,
    workdays_between,
)


def _parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("日期“%(value)s”格式错误，应为YYYY-MM-DD。") % {"value": value}
        ) from None


def _parse_pause(value: str) -> Pause:
    parts = value.split(":", 2)
    if len(parts) < 2:
        raise CommandError(
            _("暂停期间“%(value)s”格式错误，应为 开始日:结束日[:原因]。") % {"value": value}
        )
    start, end = _parse_date(parts[0]), _parse_date(parts[1])
    if end < start:
        raise CommandError(_("暂停结束日不能早于暂停开始日。"))
    return Pause(start=start, end=end, reason=parts[2] if len(parts) == 3 else "")


class Command(BaseCommand):
    help = "工作日计算：workdays add 起算日 工作日数 / workdays between 起算日 截止日"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="起算日次日起算N个工作日后的到期日")
        add.add_argument("start", help="起算日 YYYY-MM-DD")
        add.add_argument("days", type=int, help="工作日数（0表示当日）")
        add.add_argument("--explain", action="store_true", help="同时输出逐日说明")
        add.add_argument("--extension", type=int, default=0, help="延期工作日数")
        add.add_argument(
            "--pause",
            action="append",
            default=[],
            metavar="START:END[:REASON]",
            help="暂停计时期间（含首尾），可重复",
        )
        between = sub.add_parser("between", help="起算日之后至截止日（含）之间的工作日数")
        between.add_argument("start", help="起算日 YYYY-MM-DD")
        between.add_argument("end", help="截止日 YYYY-MM-DD")
        between.add_argument("--pause", action="append", default=[], metavar="START:END[:REASON]")

    def handle(self, *args: Any, **options: Any) -> None:
        pauses = tuple(_parse_pause(p) for p in options["pause"])
        start = _parse_date(options["start"])
        try:
            if options["action"] == "add":
                days = int(options["days"])
                extension = int(options["extension"])
                if days < 0 or extension < 0:
                    raise CommandError(_("工作日数不能为负数。"))
                result = add_workdays(
                    start, days, load_calendar(), pauses=pauses, extension_days=extension
                )
                self.stdout.write(result.due_date.isoformat())
                if options["explain"]:
                    for line in result.explain():
                        self.stdout.write(line)
            else:
                end = _parse_date(options["end"])
                self.stdout.write(str(workdays_between(start, end, load_calendar(), pauses=pauses)))
        except CalendarYearMissing as exc:
            raise CommandError(exc.message) from exc
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
