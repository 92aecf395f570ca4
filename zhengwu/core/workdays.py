"""Working-day arithmetic over a calendar that is data (style.md Rule 6). Pure: no database.

The calendar knows, per covered year, the 法定节假日 (days off, including holiday days that fall on
a weekend, so the explanation can name them) and the 调休上班日 (weekend days that are worked).
Every other Monday to Friday is a working day and every other Saturday/Sunday is not.

Counting rule (domain-spec §1.2, 次日起算): N working days from ``start`` means the N-th working day
*after* ``start``; ``start`` itself is never counted. N = 0 means the same day (当场办结).
Pause intervals (特别程序, 征求第三方意见 — 条例 Art 33 ¶3 — and, where a local rule says so,
补正 during review) are inclusive date ranges whose days are not counted; extension days (延期)
add working days after the original period. A *restart* is different: under 政府信息公开条例
Art 30 the reply period runs again in full from the day the 补正 is received (domain-spec §1.2),
so ``restart_on`` moves the start and the explanation says why.

A year without calendar data is never guessed: `CalendarYearMissing` is raised instead.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType

from django.utils.translation import gettext as _

WEEKDAY_NAMES: tuple[str, ...] = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")

# A deadline can be long (e.g. 20 + 20 working days plus pauses), but never years long; this
# bound keeps a wrong input (days=10**9) from looping until the calendar runs out.
MAX_WORKDAYS = 3660
# No calendar reaches this far; the bound turns a mistyped year (9999) into a clear error
# instead of a date overflow.
MAX_YEAR = 2100


def weekday_name(d: date) -> str:
    return WEEKDAY_NAMES[d.weekday()]


def format_date(d: date) -> str:
    """``2025年10月30日（周四）`` — the form used in every explanation line."""
    return _("%(y)d年%(m)d月%(d)d日（%(w)s）") % {
        "y": d.year,
        "m": d.month,
        "d": d.day,
        "w": weekday_name(d),
    }


class CalendarYearMissing(Exception):
    """The calendar has no 节假日/调休 data for ``year``; a deadline through it cannot be computed."""

    code = "calendar_year_missing"

    def __init__(self, year: int) -> None:
        self.year = year
        self.message = _(
            "缺少%(year)d年的法定节假日和调休安排，无法计算期限。"
            "请系统管理员根据国务院办公厅通知录入%(year)d年节假日安排。"
        ) % {"year": year}
        super().__init__(self.message)


class EntryKind(enum.StrEnum):
    """Same values as ``core.models.DayKind`` (kept separate so this module needs no models)."""

    HOLIDAY = "holiday"
    MAKEUP_WORKDAY = "makeup_workday"


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    """One exception to the Monday-to-Friday rule."""

    date: date
    kind: EntryKind
    name: str = ""


class StepKind(enum.StrEnum):
    WORKDAY = "workday"
    MAKEUP_WORKDAY = "makeup_workday"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    PAUSED = "paused"


@dataclass(frozen=True, slots=True)
class Pause:
    """An inclusive interval whose days are not counted (补正, 特别程序, 征求第三方意见 …)."""

    start: date
    end: date
    reason: str = ""

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(_("暂停期间的结束日期不能早于开始日期。"))

    @property
    def label(self) -> str:
        return self.reason or _("暂停计时")

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end


PauseLike = Pause | tuple[date, date]


def _as_pauses(pauses: Iterable[PauseLike]) -> tuple[Pause, ...]:
    result: list[Pause] = []
    for p in pauses:
        result.append(p if isinstance(p, Pause) else Pause(start=p[0], end=p[1]))
    return tuple(result)


def _pause_on(d: date, pauses: Sequence[Pause]) -> Pause | None:
    for p in pauses:
        if p.contains(d):
            return p
    return None


@dataclass(frozen=True, eq=False)
class WorkCalendar:
    """Immutable calendar value: covered years, holiday dates → name, make-up workdays → name."""

    years: frozenset[int]
    holidays: Mapping[date, str]
    makeup_workdays: Mapping[date, str]

    def __post_init__(self) -> None:
        object.__setattr__(self, "years", frozenset(self.years))
        object.__setattr__(self, "holidays", MappingProxyType(dict(self.holidays)))
        object.__setattr__(self, "makeup_workdays", MappingProxyType(dict(self.makeup_workdays)))
        both = set(self.holidays) & set(self.makeup_workdays)
        if both:
            first = min(both)
            raise ValueError(f"{first} is both a holiday and a make-up workday")

    @classmethod
    def from_entries(
        cls, *, years: Iterable[int], entries: Iterable[CalendarEntry]
    ) -> WorkCalendar:
        holidays: dict[date, str] = {}
        makeup: dict[date, str] = {}
        for e in entries:
            (holidays if e.kind == EntryKind.HOLIDAY else makeup)[e.date] = e.name
        return cls(years=frozenset(years), holidays=holidays, makeup_workdays=makeup)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WorkCalendar):
            return NotImplemented
        return (
            self.years == other.years
            and dict(self.holidays) == dict(other.holidays)
            and dict(self.makeup_workdays) == dict(other.makeup_workdays)
        )

    def __hash__(self) -> int:
        return hash(
            (
                self.years,
                frozenset(self.holidays.items()),
                frozenset(self.makeup_workdays.items()),
            )
        )

    def covers(self, year: int) -> bool:
        return year in self.years

    def require(self, d: date) -> None:
        if d.year not in self.years:
            raise CalendarYearMissing(d.year)

    def is_workday(self, d: date) -> bool:
        self.require(d)
        if d in self.makeup_workdays:
            return True
        if d in self.holidays:
            return False
        return d.weekday() < 5

    def entries(self) -> Iterator[CalendarEntry]:
        for d, name in self.holidays.items():
            yield CalendarEntry(date=d, kind=EntryKind.HOLIDAY, name=name)
        for d, name in self.makeup_workdays.items():
            yield CalendarEntry(date=d, kind=EntryKind.MAKEUP_WORKDAY, name=name)


@dataclass(frozen=True, slots=True)
class DeadlineStep:
    """One calendar day walked while counting, with why it did or did not count."""

    date: date
    weekday: str
    kind: StepKind
    ordinal: int | None  # the working-day number this day counts as, None if not counted
    status: str

    @property
    def counted(self) -> bool:
        return self.ordinal is not None

    def line(self) -> str:
        return _("%(date)s：%(status)s") % {"date": format_date(self.date), "status": self.status}


@dataclass(frozen=True, slots=True)
class DeadlineResult:
    start: date
    days: int
    extension_days: int
    pauses: tuple[Pause, ...]
    due_date: date
    steps: tuple[DeadlineStep, ...] = field(default_factory=tuple)
    restarted_on: date | None = None
    restart_reason: str = ""

    @property
    def total_days(self) -> int:
        return self.days + self.extension_days

    def explain(self) -> list[str]:
        """Chinese lines for the “为什么是这一天” page: start, rule, every day walked, result."""
        lines = [_("起算日：%(date)s") % {"date": format_date(self.start)}]
        if self.restarted_on is not None:
            lines.append(
                _("重新起算：%(date)s，%(reason)s此前已经过的工作日不再计算。")
                % {"date": format_date(self.restarted_on), "reason": self.restart_reason}
            )
        if self.total_days == 0:
            lines.append(_("规则：期限为0个工作日，当场办结，期限即为起算日当天。"))
        else:
            lines.append(
                _(
                    "规则：按工作日计算，自起算日的次日起算（次日起算），起算日当天不计；"
                    "周六、周日和法定节假日不计，调休上班日计入。"
                )
            )
            if self.extension_days:
                lines.append(
                    _("期限：%(days)d个工作日，延期%(ext)d个工作日，合计%(total)d个工作日。")
                    % {"days": self.days, "ext": self.extension_days, "total": self.total_days}
                )
            else:
                lines.append(_("期限：%(days)d个工作日。") % {"days": self.days})
            for p in self.pauses:
                lines.append(
                    _("%(label)s：%(start)s至%(end)s，期间不计入期限。")
                    % {"label": p.label, "start": format_date(p.start), "end": format_date(p.end)}
                )
            lines.extend(step.line() for step in self.steps)
        lines.append(_("结果：期限届满日为%(date)s。") % {"date": format_date(self.due_date)})
        return lines


def _step_for(
    d: date, cal: WorkCalendar, pauses: Sequence[Pause], counted: int, days: int
) -> DeadlineStep:
    """Describe ``d``; ``counted`` is the number of working days counted before ``d``."""
    weekday = weekday_name(d)
    pause = _pause_on(d, pauses)
    if pause is not None:
        return DeadlineStep(
            date=d,
            weekday=weekday,
            kind=StepKind.PAUSED,
            ordinal=None,
            status=_("%(label)s，不计") % {"label": pause.label},
        )
    if cal.is_workday(d):
        ordinal = counted + 1
        if ordinal > days:
            number = _("第%(n)d个工作日（延期第%(e)d个工作日）") % {
                "n": ordinal,
                "e": ordinal - days,
            }
        else:
            number = _("第%(n)d个工作日") % {"n": ordinal}
        if d in cal.makeup_workdays:
            return DeadlineStep(
                date=d,
                weekday=weekday,
                kind=StepKind.MAKEUP_WORKDAY,
                ordinal=ordinal,
                status=_("%(weekday)s 调休上班，计为%(number)s")
                % {"weekday": weekday, "number": number},
            )
        return DeadlineStep(
            date=d, weekday=weekday, kind=StepKind.WORKDAY, ordinal=ordinal, status=number
        )
    if d in cal.holidays:
        name = cal.holidays[d] or _("法定节假日")
        return DeadlineStep(
            date=d,
            weekday=weekday,
            kind=StepKind.HOLIDAY,
            ordinal=None,
            status=_("%(name)s 休息，不计") % {"name": name},
        )
    return DeadlineStep(
        date=d,
        weekday=weekday,
        kind=StepKind.WEEKEND,
        ordinal=None,
        status=_("%(weekday)s 休息，不计") % {"weekday": weekday},
    )


def add_workdays(
    start: date,
    n: int,
    cal: WorkCalendar,
    *,
    pauses: Iterable[PauseLike] = (),
    extension_days: int = 0,
    restart_on: date | None = None,
    restart_reason: str = "",
) -> DeadlineResult:
    """The date on which a period of ``n`` (+ ``extension_days``) working days ends.

    Counting starts the day after ``start`` (次日起算), or after ``restart_on`` when the period
    starts again (补正 received, 条例 Art 30). Days inside a pause are skipped whatever they
    are. Raises `CalendarYearMissing` if the count reaches a year the calendar does not cover,
    and ValueError for negative or absurdly large inputs.
    """
    if n < 0 or extension_days < 0:
        raise ValueError(_("工作日数不能为负数。"))
    total = n + extension_days
    if total > MAX_WORKDAYS:
        raise ValueError(_("工作日数不能超过%(max)d。") % {"max": MAX_WORKDAYS})
    if restart_on is not None and restart_on < start:
        raise ValueError(_("重新起算日不能早于起算日。"))
    first = restart_on or start
    if first.year > MAX_YEAR:
        raise ValueError(_("日期不能晚于%(year)d年。") % {"year": MAX_YEAR})
    pause_list = _as_pauses(pauses)
    steps: list[DeadlineStep] = []
    counted = 0
    d = first
    while counted < total:
        d += timedelta(days=1)
        step = _step_for(d, cal, pause_list, counted, n)
        steps.append(step)
        if step.ordinal is not None:
            counted = step.ordinal
    return DeadlineResult(
        start=start,
        days=n,
        extension_days=extension_days,
        pauses=pause_list,
        due_date=d,
        steps=tuple(steps),
        restarted_on=restart_on,
        restart_reason=restart_reason,
    )


def workdays_between(
    start: date, end: date, cal: WorkCalendar, *, pauses: Iterable[PauseLike] = ()
) -> int:
    """Working days after ``start`` up to and including ``end`` (pause days excluded).

    The inverse of `add_workdays`: ``workdays_between(s, add_workdays(s, n, cal).due_date, cal)
    == n``. If ``end`` is before ``start`` the result is negative:
    ``-workdays_between(end, start, cal)``.
    """
    if end < start:
        return -workdays_between(end, start, cal, pauses=pauses)
    if end.year > MAX_YEAR:
        raise ValueError(_("日期不能晚于%(year)d年。") % {"year": MAX_YEAR})
    pause_list = _as_pauses(pauses)
    count = 0
    d = start
    while d < end:
        d += timedelta(days=1)
        if _pause_on(d, pause_list) is None and cal.is_workday(d):
            count += 1
    return count
