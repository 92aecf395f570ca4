"""The calendar in the database: seed migration, load_calendar cache, import service, missing years."""

from __future__ import annotations

import importlib
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import connection

import chinese_calendar
import pytest
import time_machine

from zhengwu.core.calendar import (
    CalendarEntry,
    CalendarYearMissing,
    EntryKind,
    add_workdays,
    calendar_cache_clear,
    calendar_missing_years,
    calendar_year_import,
    load_calendar,
    notice_parse,
)
from zhengwu.core.models import CalendarDay, CalendarSource, CalendarYear, DayKind

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
seed_migration = importlib.import_module("zhengwu.core.migrations.0002_seed_calendar")

# A made-up 2027 arrangement (the real notice does not exist yet); weekdays are the real ones.
NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月6日（周六）至13日（周六）放假调休，共8天。2月20日（周六）上班。
三、清明节：4月3日（周六）至5日（周一）放假，共3天。
四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）、5月8日（周六）上班。
五、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
"""


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    calendar_cache_clear()
    yield
    calendar_cache_clear()


def at(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, 10, 0, tzinfo=SHANGHAI)


# --- seed migration --------------------------------------------------------------------------


def test_seed_covers_2004_to_2026_from_chinesecalendar():
    years = list(CalendarYear.objects.values_list("year", "source"))

    assert years == [(y, CalendarSource.SEED) for y in range(2004, 2027)]


def test_loaded_calendar_agrees_with_chinesecalendar_on_every_day():
    cal = load_calendar()
    d = date(2004, 1, 1)
    disagreements = []
    while d <= date(2026, 12, 31):
        if cal.is_workday(d) != chinese_calendar.is_workday(d):
            disagreements.append(d)
        d += timedelta(days=1)

    assert disagreements == []


def test_seed_uses_chinese_names_and_keeps_weekend_holiday_days():
    days = {d.date: d for d in CalendarDay.objects.filter(date__year__in=[2015, 2025])}

    assert days[date(2025, 10, 1)].name == "国庆节"
    assert days[date(2025, 10, 6)].name == "中秋节"
    assert days[date(2025, 10, 4)].kind == DayKind.HOLIDAY  # a Saturday inside 国庆
    assert days[date(2025, 10, 11)].kind == DayKind.MAKEUP_WORKDAY
    assert days[date(2025, 10, 11)].name == "国庆节"
    assert days[date(2015, 9, 3)].name.startswith("中国人民抗日战争")


def _run(func):
    func(django_apps, SimpleNamespace(connection=connection))


def test_seed_migration_reverses_and_reapplies():
    count = CalendarDay.objects.count()
    calendar_year_import(
        year=2027, days=notice_parse(NOTICE_2027, year=2027).entries, source="notice"
    )

    _run(seed_migration.unseed_calendar)

    assert list(CalendarYear.objects.values_list("year", flat=True)) == [2027]

    _run(seed_migration.seed_calendar)
    _run(seed_migration.seed_calendar)  # idempotent

    assert CalendarYear.objects.filter(source="seed").count() == 23
    assert CalendarDay.objects.exclude(date__year=2027).count() == count


# --- load_calendar and its cache -------------------------------------------------------------


def test_load_calendar_is_cached_with_one_cheap_query(django_assert_num_queries):
    first = load_calendar()

    with django_assert_num_queries(1):
        second = load_calendar()

    assert second is first


def test_direct_table_change_is_picked_up_without_clearing_the_cache():
    before = load_calendar()
    assert before.is_workday(date(2026, 3, 2)) is True
    year = CalendarYear.objects.get(year=2026)

    CalendarDay.objects.create(
        calendar_year=year, date=date(2026, 3, 2), kind="holiday", name="测试"
    )

    after = load_calendar()
    assert after is not before
    assert after.is_workday(date(2026, 3, 2)) is False
    assert after.holidays[date(2026, 3, 2)] == "测试"


# --- import service --------------------------------------------------------------------------


def test_import_next_year_makes_deadlines_into_it_computable():
    with pytest.raises(CalendarYearMissing):
        add_workdays(date(2026, 12, 20), 20, load_calendar())
    parsed = notice_parse(NOTICE_2027, year=2027)

    calendar_year = calendar_year_import(
        year=2027,
        days=parsed.entries,
        source=CalendarSource.NOTICE,
        notice_reference="国办发明电（测试）",
        notice_text=NOTICE_2027,
    )

    assert calendar_year.source == CalendarSource.NOTICE
    assert calendar_year.days.count() == len(parsed.entries)
    # 12-21..12-25 = 1..5, 12-28..31 = 6..9, 1-1..1-3 元旦, 1-4..8 = 10..14, 1-11..15 = 15..19,
    # 1-18 = 20
    assert add_workdays(date(2026, 12, 20), 20, load_calendar()).due_date == date(2027, 1, 18)


def test_import_replaces_the_year_atomically():
    calendar_year_import(
        year=2027, days=notice_parse(NOTICE_2027, year=2027).entries, source="notice"
    )

    calendar_year_import(
        year=2027,
        days=[
            CalendarEntry(date(2027, 1, 1), EntryKind.HOLIDAY, "元旦"),
            (date(2027, 2, 20), "makeup_workday", "春节"),
        ],
        source=CalendarSource.MANUAL,
    )

    year = CalendarYear.objects.get(year=2027)
    assert year.source == CalendarSource.MANUAL
    assert sorted(year.days.values_list("date", "kind")) == [
        (date(2027, 1, 1), "holiday"),
        (date(2027, 2, 20), "makeup_workday"),
    ]
    assert load_calendar().is_workday(date(2027, 10, 4)) is True


def test_invalid_import_changes_nothing():
    before = list(CalendarDay.objects.filter(date__year=2026).values_list("date", "kind"))

    with pytest.raises(ValidationError) as excinfo:
        calendar_year_import(
            year=2026,
            days=[
                CalendarEntry(date(2026, 10, 1), EntryKind.HOLIDAY, "国庆节"),
                CalendarEntry(date(2026, 10, 12), EntryKind.MAKEUP_WORKDAY, "国庆节"),  # Monday
            ],
            source="notice",
        )

    assert "不是周末" in " ".join(excinfo.value.messages)
    assert list(CalendarDay.objects.filter(date__year=2026).values_list("date", "kind")) == before
    assert CalendarYear.objects.get(year=2026).source == CalendarSource.SEED


def test_unknown_source_is_rejected():
    with pytest.raises(ValidationError):
        calendar_year_import(
            year=2027, days=[CalendarEntry(date(2027, 1, 1), EntryKind.HOLIDAY)], source="x"
        )
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_new_year_day_of_previous_december_is_taken_over():
    calendar_year_import(
        year=2027,
        days=[
            CalendarEntry(date(2026, 12, 31), EntryKind.HOLIDAY, "元旦"),
            CalendarEntry(date(2027, 1, 1), EntryKind.HOLIDAY, "元旦"),
        ],
        source="notice",
    )

    assert load_calendar().is_workday(date(2026, 12, 31)) is False
    assert CalendarDay.objects.get(date=date(2026, 12, 31)).calendar_year.year == 2027


# --- missing years ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(2026, 9, 30), []),
        (at(2026, 10, 1), [2027]),
        (at(2026, 12, 31), [2027]),
        (at(2027, 3, 1), [2027]),
        (at(2027, 10, 1), [2027, 2028]),
    ],
)
def test_missing_years_depend_on_today(now, expected):
    with time_machine.travel(now, tick=False):
        assert calendar_missing_years() == expected
    assert calendar_missing_years(now.date()) == expected


def test_missing_years_disappear_after_import():
    calendar_year_import(
        year=2027, days=notice_parse(NOTICE_2027, year=2027).entries, source="notice"
    )

    assert calendar_missing_years(date(2026, 11, 15)) == []
