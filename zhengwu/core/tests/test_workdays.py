"""Pure working-day arithmetic (no database), checked against chinesecalendar's own data.

Expected dates in the tables are derived by hand in the comments (次日起算: the start day is
never counted) and are additionally cross-checked against ``chinese_calendar.find_workday``,
an independent implementation over the same official data.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import chinese_calendar
import pytest
from chinese_calendar.constants import holidays as cc_holidays
from chinese_calendar.constants import workdays as cc_workdays
from hypothesis import given, settings
from hypothesis import strategies as st

from zhengwu.core.workdays import (
    CalendarEntry,
    CalendarYearMissing,
    EntryKind,
    Pause,
    StepKind,
    WorkCalendar,
    add_workdays,
    workdays_between,
)

CC_NAMES = {"National Day": "国庆节", "Mid-autumn Festival": "中秋节", "Spring Festival": "春节"}


def cc_calendar() -> WorkCalendar:
    """The 2004–2026 calendar exactly as chinesecalendar publishes it."""
    entries = [
        CalendarEntry(d, EntryKind.HOLIDAY, CC_NAMES.get(v, v)) for d, v in cc_holidays.items()
    ] + [
        CalendarEntry(d, EntryKind.MAKEUP_WORKDAY, CC_NAMES.get(v, v))
        for d, v in cc_workdays.items()
    ]
    return WorkCalendar.from_entries(years=range(2004, 2027), entries=entries)


CAL = cc_calendar()


def oracle(start: date, n: int) -> date:
    """chinesecalendar's find_workday counts from ``start`` itself when it is a workday."""
    if n == 0:
        return start
    return chinese_calendar.find_workday(n if chinese_calendar.is_workday(start) else n - 1, start)


# --- the worked example (must hold) ------------------------------------------------------------


def test_worked_example_2025_national_day():
    result = add_workdays(date(2025, 9, 26), 20, CAL)

    assert result.due_date == date(2025, 10, 30)
    by_date = {s.date: s for s in result.steps}
    assert result.steps[0].date == date(2025, 9, 27)  # 次日起算
    assert by_date[date(2025, 9, 27)].status == "周六 休息，不计"
    assert by_date[date(2025, 9, 28)].status == "周日 调休上班，计为第1个工作日"
    assert by_date[date(2025, 10, 1)].status == "国庆节 休息，不计"
    assert by_date[date(2025, 10, 6)].status == "中秋节 休息，不计"
    assert by_date[date(2025, 10, 11)].status == "周六 调休上班，计为第6个工作日"
    assert by_date[date(2025, 10, 11)].kind == StepKind.MAKEUP_WORKDAY
    assert by_date[date(2025, 10, 30)].status == "第20个工作日"
    assert [s.ordinal for s in result.steps if s.counted] == list(range(1, 21))
    assert len(result.steps) == (date(2025, 10, 30) - date(2025, 9, 26)).days


def test_explain_lines_name_start_rule_days_and_result():
    lines = add_workdays(date(2025, 9, 26), 20, CAL).explain()

    assert lines[0] == "起算日：2025年9月26日（周五）"
    assert "次日起算" in lines[1]
    assert "2025年10月11日（周六）：周六 调休上班，计为第6个工作日" in lines
    assert "2025年10月3日（周五）：国庆节 休息，不计" in lines
    assert lines[-1] == "结果：期限届满日为2025年10月30日（周四）。"


def test_missing_year_2027_is_refused_not_guessed():
    with pytest.raises(CalendarYearMissing) as excinfo:
        add_workdays(date(2026, 12, 20), 20, CAL)

    assert excinfo.value.year == 2027
    assert "2027" in str(excinfo.value)
    assert "国务院办公厅" in str(excinfo.value)


def test_missing_year_before_coverage():
    with pytest.raises(CalendarYearMissing) as excinfo:
        CAL.is_workday(date(2003, 12, 31))
    assert excinfo.value.year == 2003


# --- table of worked examples (derivation in the comment of each row) --------------------------

EXAMPLES = [
    # 2025 春节: 1-25 Sat off, 1-26 Sun 调休=1, 1-27=2, 1-28..2-4 春节, 2-5=3, 2-6=4, 2-7=5
    (date(2025, 1, 24), 5, date(2025, 2, 7)),
    # … and the 6th working day is the make-up Saturday 2-8
    (date(2025, 1, 24), 6, date(2025, 2, 8)),
    # 2026 春节: 2-14 (Sat) is a make-up workday
    (date(2026, 2, 13), 1, date(2026, 2, 14)),
    # 2-15..2-23 春节 off, next working day Tue 2-24
    (date(2026, 2, 13), 2, date(2026, 2, 24)),
    # 2026 国庆: 9-19 Sat off, 9-20 Sun 调休=1
    (date(2026, 9, 18), 1, date(2026, 9, 20)),
    # 10-1..10-7 off, 10-8 Thu=1, 10-9 Fri=2, 10-10 Sat 调休=3
    (date(2026, 9, 30), 1, date(2026, 10, 8)),
    (date(2026, 9, 30), 3, date(2026, 10, 10)),
    # 2019 国庆: 9-28 Sat off, 9-29 Sun 调休=1, 9-30=2, 10-1..10-7 off, 10-8=3
    (date(2019, 9, 27), 2, date(2019, 9, 30)),
    (date(2019, 9, 27), 3, date(2019, 10, 8)),
    # 2019 元旦 across the year: 2018-12-29 Sat 调休=1, 12-30..1-1 off, 2019-01-02=2
    (date(2018, 12, 28), 1, date(2018, 12, 29)),
    (date(2018, 12, 28), 2, date(2019, 1, 2)),
    # start on a holiday: 10-4..10-8 off, 10-9 Thu=1
    (date(2025, 10, 3), 1, date(2025, 10, 9)),
    # ordinary week: Mon + 5 = next Mon
    (date(2025, 3, 3), 5, date(2025, 3, 10)),
]


@pytest.mark.parametrize(("start", "n", "expected"), EXAMPLES)
def test_worked_examples(start, n, expected):
    result = add_workdays(start, n, CAL)

    assert result.due_date == expected
    assert result.due_date == oracle(start, n)
    assert workdays_between(start, expected, CAL) == n


def test_make_up_saturday_is_counted_and_named():
    result = add_workdays(date(2025, 1, 24), 6, CAL)

    last = result.steps[-1]
    assert last.date == date(2025, 2, 8)
    assert last.kind == StepKind.MAKEUP_WORKDAY
    assert last.status == "周六 调休上班，计为第6个工作日"


def test_zero_days_is_the_same_day_even_on_a_holiday():
    result = add_workdays(date(2025, 10, 1), 0, CAL)

    assert result.due_date == date(2025, 10, 1)
    assert result.steps == ()
    assert "当场办结" in result.explain()[1]


# --- pauses and extensions -------------------------------------------------------------------


def test_pause_on_working_days_moves_the_due_date():
    # 10-13 (Mon) and 10-14 (Tue) were working days 7 and 8; paused, 10-30 becomes day 18,
    # so day 20 is two working days later: 10-31 (Fri)=19, 11-3 (Mon)=20.
    pause = Pause(date(2025, 10, 13), date(2025, 10, 14), reason="补正暂停")

    result = add_workdays(date(2025, 9, 26), 20, CAL, pauses=[pause])

    assert result.due_date == date(2025, 11, 3)
    paused = [s for s in result.steps if s.kind == StepKind.PAUSED]
    assert [s.date for s in paused] == [date(2025, 10, 13), date(2025, 10, 14)]
    assert paused[0].status == "补正暂停，不计"
    assert any(
        "补正暂停：2025年10月13日（周一）至2025年10月14日（周二）" in x for x in result.explain()
    )
    assert workdays_between(date(2025, 9, 26), date(2025, 11, 3), CAL, pauses=[pause]) == 20


def test_pause_over_days_off_changes_nothing():
    result = add_workdays(
        date(2025, 9, 26), 20, CAL, pauses=[(date(2025, 10, 1), date(2025, 10, 8))]
    )

    assert result.due_date == date(2025, 10, 30)


def test_pause_before_start_is_ignored():
    result = add_workdays(
        date(2025, 9, 26), 20, CAL, pauses=[(date(2025, 9, 1), date(2025, 9, 26))]
    )

    assert result.due_date == date(2025, 10, 30)


def test_extension_adds_working_days_after_the_period():
    # day 21 = 10-31 (Fri), day 22 = 11-3 (Mon)
    result = add_workdays(date(2025, 9, 26), 20, CAL, extension_days=2)

    assert result.due_date == date(2025, 11, 3)
    assert result.steps[-1].status == "第22个工作日（延期第2个工作日）"
    assert "延期2个工作日，合计22个工作日" in "".join(result.explain())


def test_negative_days_are_rejected():
    with pytest.raises(ValueError, match="负数"):
        add_workdays(date(2025, 1, 1), -1, CAL)
    with pytest.raises(ValueError, match="负数"):
        add_workdays(date(2025, 1, 1), 1, CAL, extension_days=-1)


def test_pause_end_before_start_is_rejected():
    with pytest.raises(ValueError, match="暂停"):
        Pause(date(2025, 1, 2), date(2025, 1, 1))


# --- workdays_between ------------------------------------------------------------------------


def test_between_counts_after_start_up_to_end():
    assert workdays_between(date(2025, 9, 26), date(2025, 10, 30), CAL) == 20
    assert workdays_between(date(2025, 9, 26), date(2025, 9, 26), CAL) == 0
    assert workdays_between(date(2025, 9, 26), date(2025, 9, 27), CAL) == 0
    assert workdays_between(date(2025, 10, 30), date(2025, 9, 26), CAL) == -20


# --- the calendar value ----------------------------------------------------------------------


def test_calendar_is_immutable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        CAL.years = frozenset()  # type: ignore[misc]
    with pytest.raises(TypeError):
        CAL.holidays[date(2025, 3, 3)] = "x"  # type: ignore[index]


def test_calendar_rejects_a_day_that_is_both_off_and_worked():
    with pytest.raises(ValueError, match="both"):
        WorkCalendar(
            years=frozenset({2025}),
            holidays={date(2025, 10, 11): "国庆节"},
            makeup_workdays={date(2025, 10, 11): "国庆节"},
        )


def test_calendar_rule_weekdays_holidays_and_makeup_days():
    assert CAL.is_workday(date(2025, 10, 10)) is True  # Fri
    assert CAL.is_workday(date(2025, 10, 11)) is True  # Sat, 调休
    assert CAL.is_workday(date(2025, 10, 12)) is False  # Sun
    assert CAL.is_workday(date(2025, 10, 8)) is False  # Wed, 国庆
    assert cc_calendar() == CAL
    assert hash(CAL) == hash(cc_calendar())


# --- properties ------------------------------------------------------------------------------

starts = st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 8, 31))
small = st.integers(min_value=0, max_value=60)
PROPS = settings(max_examples=150, deadline=None)


@PROPS
@given(start=starts, n=small)
def test_monotonic_in_n(start, n):
    assert add_workdays(start, n, CAL).due_date < add_workdays(start, n + 1, CAL).due_date


@PROPS
@given(start=starts, n=st.integers(min_value=1, max_value=60))
def test_due_date_is_a_working_day_after_start(start, n):
    due = add_workdays(start, n, CAL).due_date

    assert due > start
    assert CAL.is_workday(due)
    assert chinese_calendar.is_workday(due)


@PROPS
@given(start=starts, n=small)
def test_between_is_the_inverse_and_matches_chinesecalendar(start, n):
    due = add_workdays(start, n, CAL).due_date

    assert workdays_between(start, due, CAL) == n
    assert due == oracle(start, n)


@PROPS
@given(
    start=starts,
    n=small,
    offset=st.integers(min_value=-5, max_value=80),
    length=st.integers(min_value=0, max_value=20),
)
def test_pauses_never_make_the_date_earlier(start, n, offset, length):
    pause = Pause(start + timedelta(days=offset), start + timedelta(days=offset + length))

    plain = add_workdays(start, n, CAL).due_date
    paused = add_workdays(start, n, CAL, pauses=[pause]).due_date

    assert paused >= plain
    assert workdays_between(start, paused, CAL, pauses=[pause]) == n


@PROPS
@given(start=starts, n=st.integers(0, 30), m=st.integers(0, 30))
def test_counting_is_additive(start, n, m):
    first = add_workdays(start, n, CAL).due_date

    assert add_workdays(start, n + m, CAL).due_date == add_workdays(first, m, CAL).due_date
    assert (
        add_workdays(start, n, CAL, extension_days=m).due_date
        == add_workdays(start, n + m, CAL).due_date
    )


@pytest.mark.django_db
def test_correction_restarts_the_period_under_article_30():
    from zhengwu.core.calendar import load_calendar

    cal = load_calendar()
    received = date(2025, 9, 1)
    correction_received = date(2025, 9, 26)
    result = add_workdays(
        received, 20, cal, restart_on=correction_received, restart_reason="条例第三十条，"
    )
    # the full 20 working days run again from the day after the 补正 was received
    assert (
        result.due_date == add_workdays(correction_received, 20, cal).due_date == date(2025, 10, 30)
    )
    lines = result.explain()
    assert lines[0] == "起算日：2025年9月1日（周一）"
    assert "重新起算：2025年9月26日（周五）" in lines[1]
    assert "此前已经过的工作日不再计算" in lines[1]


@pytest.mark.django_db
def test_restart_before_start_and_far_future_years_are_clear_errors():
    from zhengwu.core.calendar import load_calendar

    cal = load_calendar()
    with pytest.raises(ValueError, match="重新起算日不能早于起算日"):
        add_workdays(date(2025, 9, 26), 5, cal, restart_on=date(2025, 9, 1))
    with pytest.raises(ValueError, match="2100"):
        add_workdays(date(9999, 12, 31), 1, cal)
    with pytest.raises(ValueError, match="2100"):
        workdays_between(date(2025, 1, 1), date(9999, 12, 31), cal)
