"""Import one year's holidays from the State Council notice text or a CSV file.

zhengwu calendar_import --year 2027 --notice notice.txt [--reference 文号]
zhengwu calendar_import --year 2027 --csv days.csv        (rows: 日期,类型(休/班),名称)
... --dry-run   shows the parsed preview and changes nothing
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from zhengwu.core.models import CalendarSource
from zhengwu.core.notice import ParsedCalendar, csv_parse, notice_parse
from zhengwu.core.services import calendar_year_import


def _read(path: str) -> str:
    try:
        raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise CommandError(
            _("无法读取文件%(path)s：%(error)s") % {"path": path, "error": exc}
        ) from exc
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CommandError(_("文件%(path)s的编码无法识别，请使用UTF-8。") % {"path": path})


class Command(BaseCommand):
    help = "导入某一年的法定节假日和调休安排（国务院办公厅通知原文或CSV）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="年份，如2027")
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--notice", metavar="FILE", help="通知原文文本文件（- 表示标准输入）")
        source.add_argument("--csv", metavar="FILE", help="CSV文件：日期,类型(休/班),名称")
        parser.add_argument("--reference", default="", help="通知文号")
        parser.add_argument("--dry-run", action="store_true", help="只显示解析结果，不写入")

    def handle(self, *args: Any, **options: Any) -> None:
        year: int = options["year"]
        if options["notice"]:
            text = _read(options["notice"])
            parsed = notice_parse(text, year=year)
            source = CalendarSource.NOTICE
        else:
            text = _read(options["csv"])
            parsed = csv_parse(text, year=year)
            source = CalendarSource.MANUAL
        self._preview(parsed)
        if parsed.errors:
            raise CommandError(
                _("解析出错，未导入：\n%(errors)s") % {"errors": "\n".join(parsed.errors)}
            )
        if options["dry_run"]:
            self.stdout.write(_("（试运行，未写入数据库）"))
            return
        try:
            calendar_year_import(
                year=year,
                days=parsed.entries,
                source=source,
                notice_reference=options["reference"],
                notice_text=text,
            )
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _("已导入%(year)d年：放假%(h)d天，调休上班%(m)d天。")
                % {"year": year, "h": parsed.holiday_count, "m": parsed.makeup_count}
            )
        )

    def _preview(self, parsed: ParsedCalendar) -> None:
        self.stdout.write(_("日期\t星期\t类型\t名称"))
        for day in parsed.days:
            self.stdout.write(
                f"{day.date.isoformat()}\t{day.weekday}\t{day.kind_label}\t{day.entry.name}"
            )
        self.stdout.write(
            _("共放假%(h)d天，调休上班%(m)d天。")
            % {"h": parsed.holiday_count, "m": parsed.makeup_count}
        )
