"""Parse the State Council notice (国务院办公厅关于20XX年部分节假日安排的通知) and CSV calendars.

Pure functions, no database. Both parsers return a `ParsedCalendar`: the days found (each with
the line it came from, for the preview table) and a list of Chinese error messages. Nothing is
raised for bad input, so the admin preview can show every problem at once; call
`ParsedCalendar.raise_for_errors()` to turn errors into `NoticeParseError`.

Notice format, one item per holiday::

    七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。…
    一、元旦：1月1日（周三）放假1天，不调休。
    一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。
    三、清明节：4月5日放假，与周末连休。

Checks: a stated weekday (周X / 星期X) must be the real weekday; “共N天”/“放假N天” must equal the
length of the range; make-up workdays must fall on a weekend; no date may appear twice.
Holiday days falling on a weekend are kept as holidays, so explanations can name them.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils.translation import gettext as _

from .workdays import CalendarEntry, EntryKind, weekday_name

NAME_MAX_LENGTH = 30  # CalendarDay.name

_NUMERALS = "一二三四五六七八九十"
# An item header, possibly in the middle of a pasted paragraph: “七、国庆节：”.
_ITEM_SPLIT_RE = re.compile(rf"(?<![^\s。；;])(?=[{_NUMERALS}]{{1,3}}、[^：:，,。\n]{{1,20}}[：:])")
# The closing paragraph and the signature end the last item even without a line break.
_FOOTER_SPLIT_RE = re.compile(r"(?<=。)\s*(?=节假日期间|国务院办公厅)")
_ITEM_RE = re.compile(rf"^([{_NUMERALS}]{{1,3}})、\s*([^:]{{1,20}}?)\s*:\s*(.*)$")
_DATE_RE = re.compile(
    r"(?:(?P<y>\d{4})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*日"
    r"(?:\s*\((?P<note>[^)]*)\))?"
)
_WEEKDAY_RE = re.compile(r"(?:周|星期)([一二三四五六日天])")
_WEEKDAY_INDEX = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_COUNT_RE = re.compile(r"(?:共|放假)\s*(\d+)\s*天")
_TITLE_YEAR_RE = re.compile(r"关于\s*(\d{4})\s*年部分节假日安排")
_SENTENCE_SPLIT_RE = re.compile(r"[。;]")


class NoticeParseError(ValueError):
    def __init__(self, errors: Sequence[str]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


@dataclass(frozen=True, slots=True)
class ParsedDay:
    entry: CalendarEntry
    source: str  # the notice line or CSV row the day came from

    @property
    def date(self) -> date:
        return self.entry.date

    @property
    def weekday(self) -> str:
        return weekday_name(self.entry.date)

    @property
    def kind_label(self) -> str:
        return _("放假") if self.entry.kind == EntryKind.HOLIDAY else _("调休上班")


@dataclass(frozen=True, slots=True)
class ParsedCalendar:
    year: int
    days: tuple[ParsedDay, ...]
    errors: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def entries(self) -> list[CalendarEntry]:
        return [d.entry for d in self.days]

    @property
    def holiday_count(self) -> int:
        return sum(1 for d in self.days if d.entry.kind == EntryKind.HOLIDAY)

    @property
    def makeup_count(self) -> int:
        return sum(1 for d in self.days if d.entry.kind == EntryKind.MAKEUP_WORKDAY)

    def raise_for_errors(self) -> None:
        if self.errors:
            raise NoticeParseError(self.errors)


def _md(d: date) -> str:
    return _("%(m)d月%(d)d日") % {"m": d.month, "d": d.day}


def _ymd(d: date) -> str:
    return _("%(y)d年%(m)d月%(d)d日") % {"y": d.year, "m": d.month, "d": d.day}


def entries_problems(*, year: int, entries: Sequence[CalendarEntry]) -> list[str]:
    """Rule checks shared by both parsers and the import service (Chinese messages)."""
    problems: list[str] = []
    if not any(e.kind == EntryKind.HOLIDAY for e in entries):
        problems.append(_("%(year)d年没有任何放假日期，请检查输入。") % {"year": year})
    seen: dict[date, CalendarEntry] = {}
    for e in entries:
        in_year = e.date.year == year
        new_year_eve = e.date.year == year - 1 and e.date.month == 12
        if not (in_year or new_year_eve):
            problems.append(
                _("%(date)s不属于%(year)d年（只允许%(year)d年的日期，以及元旦跨年的上一年12月）。")
                % {"date": _ymd(e.date), "year": year}
            )
        if e.kind == EntryKind.MAKEUP_WORKDAY and e.date.weekday() < 5:
            problems.append(
                _("调休上班日%(date)s是%(weekday)s，不是周末。")
                % {"date": _ymd(e.date), "weekday": weekday_name(e.date)}
            )
        if len(e.name) > NAME_MAX_LENGTH:
            problems.append(
                _("名称“%(name)s”超过%(max)d个字。") % {"name": e.name, "max": NAME_MAX_LENGTH}
            )
        if e.date in seen:
            other = seen[e.date]
            if other.kind != e.kind:
                problems.append(_("%(date)s同时被列为放假和调休上班。") % {"date": _ymd(e.date)})
            else:
                problems.append(_("%(date)s重复出现。") % {"date": _ymd(e.date)})
        else:
            seen[e.date] = e
    return problems


# --- notice text ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Item:
    number: str
    name: str
    body: str  # NFKC-normalised text after the colon
    original: str  # the item as written, for error messages


def _split_items(text: str) -> list[_Item]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _FOOTER_SPLIT_RE.sub("\n", _ITEM_SPLIT_RE.sub("\n", text))
    items: list[_Item] = []
    current: _Item | None = None
    for raw in text.split("\n"):
        original = raw.strip()
        line = unicodedata.normalize("NFKC", original)
        match = _ITEM_RE.match(line)
        if match:
            current = _Item(match.group(1), match.group(2).strip(), match.group(3), original)
            items.append(current)
        elif current is not None and original and not current.body.rstrip().endswith("。"):
            # A hard line break inside an item (text copied from a PDF): join it.
            current.body += line
            current.original += original
        else:
            current = None
    return items


class _ItemParser:
    def __init__(self, item: _Item, year: int) -> None:
        self.item = item
        self.year = year
        self.errors: list[str] = []
        self.holidays: list[date] = []
        self.makeup: list[date] = []

    def error(self, message: str) -> None:
        self.errors.append(
            _("第%(number)s项“%(name)s”：%(message)s（原文：“%(line)s”）")
            % {
                "number": self.item.number,
                "name": self.item.name,
                "message": message,
                "line": self.item.original,
            }
        )

    def parse(self) -> None:
        sentences = [s.strip() for s in _SENTENCE_SPLIT_RE.split(self.item.body) if s.strip()]
        holiday_parts: list[str] = []
        work_parts: list[str] = []
        for sentence in sentences:
            if "放假" in sentence and "上班" in sentence:
                clauses = re.split(r",", sentence)
                cut = next(
                    (i for i, c in enumerate(clauses) if i > 0 and "上班" in c), len(clauses)
                )
                holiday_parts.append(",".join(clauses[:cut]))
                work_parts.append(",".join(clauses[cut:]))
            elif "放假" in sentence:
                holiday_parts.append(sentence)
            elif "上班" in sentence:
                work_parts.append(sentence)
            elif _DATE_RE.search(sentence):
                self.error(
                    _("无法识别“%(sentence)s”（只支持“……放假……”和“……上班”两种写法）。")
                    % {"sentence": sentence}
                )
        if not holiday_parts:
            self.error(_("没有找到放假日期。"))
        for part in holiday_parts:
            self.parse_holiday(part)
        for part in work_parts:
            self.parse_work(part)

    def resolve(
        self, match: re.Match[str], *, default_month: int | None, default_year: int
    ) -> date | None:
        month_text = match.group("m")
        month = int(month_text) if month_text else default_month
        if month is None:
            self.error(_("“%(text)s”缺少月份。") % {"text": match.group(0)})
            return None
        year_text = match.group("y")
        year = int(year_text) if year_text else default_year
        try:
            return date(year, month, int(match.group("d")))
        except ValueError:
            self.error(_("“%(text)s”不是有效日期。") % {"text": match.group(0)})
            return None

    def check_weekday(self, match: re.Match[str], d: date) -> None:
        note = match.group("note") or ""
        found = _WEEKDAY_RE.search(note)
        if found and _WEEKDAY_INDEX[found.group(1)] != d.weekday():
            self.error(
                _("%(text)s标注为%(stated)s，但%(date)s实际是%(real)s。")
                % {
                    "text": _md(d),
                    "stated": found.group(0),
                    "date": _ymd(d),
                    "real": weekday_name(d),
                }
            )

    def parse_holiday(self, sentence: str) -> None:
        matches = list(_DATE_RE.finditer(sentence))
        if not matches or len(matches) > 2:
            self.error(_("无法识别放假日期“%(sentence)s”。") % {"sentence": sentence})
            return
        first = self.resolve(matches[0], default_month=None, default_year=self.year)
        if first is None:
            return
        start = end = first
        if len(matches) == 2:
            # “12月30日至31日” inherits month and year from the start date.
            same_month = not matches[1].group("m")
            last = self.resolve(
                matches[1],
                default_month=first.month,
                default_year=first.year if same_month else self.year,
            )
            if last is None:
                return
            if last < first and not matches[0].group("y") and first.month > last.month:
                # “12月30日至1月1日”: the range crosses into the notice year (元旦).
                first = first.replace(year=first.year - 1)
            if last < first:
                self.error(
                    _("结束日期%(end)s早于开始日期%(start)s。")
                    % {"end": _ymd(last), "start": _ymd(first)}
                )
                return
            start, end = first, last
        self.check_weekday(matches[0], start)
        if len(matches) == 2:
            self.check_weekday(matches[1], end)
        length = (end - start).days + 1
        count = _COUNT_RE.search(sentence)
        if count and int(count.group(1)) != length:
            self.error(
                _("写明共%(stated)s天，但%(start)s至%(end)s实际是%(real)d天。")
                % {
                    "stated": count.group(1),
                    "start": _ymd(start),
                    "end": _ymd(end),
                    "real": length,
                }
            )
        if "与周末连休" in sentence:
            while (start - timedelta(days=1)).weekday() >= 5:
                start -= timedelta(days=1)
            while (end + timedelta(days=1)).weekday() >= 5:
                end += timedelta(days=1)
        d = start
        while d <= end:
            self.holidays.append(d)
            d += timedelta(days=1)

    def parse_work(self, sentence: str) -> None:
        matches = list(_DATE_RE.finditer(sentence))
        if not matches:
            self.error(_("无法识别调休上班日期“%(sentence)s”。") % {"sentence": sentence})
            return
        crosses_year = any(h.month == 1 for h in self.holidays) or any(
            h.year < self.year for h in self.holidays
        )
        month: int | None = None
        for match in matches:
            month_text = match.group("m")
            candidate_month = int(month_text) if month_text else month
            default_year = self.year - 1 if crosses_year and candidate_month == 12 else self.year
            d = self.resolve(match, default_month=month, default_year=default_year)
            if d is None:
                continue
            month = d.month
            self.check_weekday(match, d)
            self.makeup.append(d)

    def entries(self) -> list[ParsedDay]:
        name = self.item.name
        days = [
            ParsedDay(CalendarEntry(d, EntryKind.HOLIDAY, name), self.item.original)
            for d in self.holidays
        ]
        days += [
            ParsedDay(CalendarEntry(d, EntryKind.MAKEUP_WORKDAY, name), self.item.original)
            for d in self.makeup
        ]
        return days


def _finish(year: int, days: list[ParsedDay], errors: list[str]) -> ParsedCalendar:
    errors = errors + entries_problems(year=year, entries=[d.entry for d in days])
    days.sort(key=lambda d: (d.entry.date, d.entry.kind))
    # Keep error order stable and without repeats (a duplicate date is reported once).
    unique = list(dict.fromkeys(errors))
    return ParsedCalendar(year=year, days=tuple(days), errors=tuple(unique))


def notice_parse(text: str, *, year: int) -> ParsedCalendar:
    """Parse the pasted notice text for ``year`` (the whole notice or just its numbered items)."""
    errors: list[str] = []
    title = _TITLE_YEAR_RE.search(unicodedata.normalize("NFKC", text))
    if title and int(title.group(1)) != year:
        errors.append(
            _("通知标题是%(title)s年的安排，但导入的年份是%(year)d年。")
            % {"title": title.group(1), "year": year}
        )
    items = _split_items(text)
    if not items:
        errors.append(
            _(
                "没有找到节假日条目。每条应形如“一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。”"
            )
        )
    days: list[ParsedDay] = []
    for item in items:
        parser = _ItemParser(item, year)
        parser.parse()
        errors.extend(parser.errors)
        days.extend(parser.entries())
    return _finish(year, days, errors)


# --- CSV ------------------------------------------------------------------------------------

_HOLIDAY_WORDS = {"休", "休息", "放假", "holiday"}
_WORK_WORDS = {"班", "上班", "调休上班", "makeup_workday"}
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")


def _parse_csv_date(value: str) -> date | None:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    return None


def csv_parse(text: str, *, year: int) -> ParsedCalendar:
    """Parse CSV rows ``日期,类型(休/班),名称``; a header row is optional."""
    errors: list[str] = []
    days: list[ParsedDay] = []
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    first = True
    for number, row in enumerate(reader, start=1):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        line = ",".join(cells)
        is_first, first = first, False
        day = _parse_csv_date(cells[0])
        if day is None:
            if is_first and not re.search(r"\d", cells[0]):
                continue  # header row such as “日期,类型,名称”
            errors.append(
                _("第%(n)d行：无法识别日期“%(value)s”，请使用2027-01-01格式。（原文：“%(line)s”）")
                % {"n": number, "value": cells[0], "line": line}
            )
            continue
        kind_text = cells[1] if len(cells) > 1 else ""
        if kind_text in _HOLIDAY_WORDS:
            kind = EntryKind.HOLIDAY
        elif kind_text in _WORK_WORDS:
            kind = EntryKind.MAKEUP_WORKDAY
        else:
            errors.append(
                _("第%(n)d行：类型“%(value)s”无法识别，应为“休”或“班”。（原文：“%(line)s”）")
                % {"n": number, "value": kind_text, "line": line}
            )
            continue
        name = cells[2] if len(cells) > 2 else ""
        source = _("第%(n)d行：%(line)s") % {"n": number, "line": line}
        days.append(ParsedDay(CalendarEntry(day, kind, name), source))
    if not days and not errors:
        errors.append(_("CSV中没有任何日期。"))
    return _finish(year, days, errors)
