"""Parsing the State Council notice and CSV files.

The 2025, 2026 and 2019 notices are written out from the published texts; the parser's output
must equal chinesecalendar's data for those years exactly (every holiday day including weekend
days of a holiday, every make-up workday). The 2019 劳动节 line is the amended arrangement
of spring 2019 (4 days), which is what chinesecalendar records.
"""

from __future__ import annotations

from datetime import date

import pytest
from chinese_calendar.constants import holidays as cc_holidays
from chinese_calendar.constants import workdays as cc_workdays

from zhengwu.core.notice import NoticeParseError, csv_parse, notice_parse
from zhengwu.core.workdays import EntryKind

NOTICE_2026 = """国务院办公厅关于2026年部分节假日安排的通知

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。

国务院办公厅
2025年11月4日
"""

NOTICE_2025 = """国务院办公厅关于2025年部分节假日安排的通知

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2025年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周三）放假1天，不调休。
二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
三、清明节：4月4日（周五）至6日（周日）放假，共3天。
四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。

国务院办公厅
2024年11月11日
"""

NOTICE_2019 = """国务院办公厅关于2019年部分节假日安排的通知
一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。
二、春节：2月4日至10日放假调休，共7天。2月2日（星期六）、2月3日（星期日）上班。
三、清明节：4月5日放假，与周末连休。
四、劳动节：5月1日至4日放假调休，共4天。4月28日（星期日）、5月5日（星期日）上班。
五、端午节：6月7日放假，与周末连休。
六、中秋节：9月13日放假，与周末连休。
七、国庆节：10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。
"""


def chinesecalendar_days(year: int) -> dict[date, str]:
    """chinesecalendar's entries belonging to ``year``'s notice (incl. late-December 元旦 days)."""
    lo, hi = date(year - 1, 12, 25), date(year, 12, 31)
    days = {d: "holiday" for d in cc_holidays if lo <= d <= hi}
    days |= {d: "makeup_workday" for d in cc_workdays if lo <= d <= hi}
    return days


def parsed_days(parsed) -> dict[date, str]:
    return {e.date: str(e.kind) for e in parsed.entries}


@pytest.mark.parametrize(
    ("year", "text"), [(2025, NOTICE_2025), (2026, NOTICE_2026), (2019, NOTICE_2019)]
)
def test_real_notice_equals_chinesecalendar(year, text):
    parsed = notice_parse(text, year=year)

    assert parsed.errors == ()
    assert parsed_days(parsed) == chinesecalendar_days(year)
    assert len(parsed.days) == len(chinesecalendar_days(year))


def test_names_come_from_the_item_heading():
    parsed = {e.date: e for e in notice_parse(NOTICE_2025, year=2025).entries}

    assert parsed[date(2025, 10, 6)].name == "国庆节、中秋节"
    assert parsed[date(2025, 10, 11)].kind == EntryKind.MAKEUP_WORKDAY
    assert parsed[date(2025, 10, 11)].name == "国庆节、中秋节"
    assert parsed[date(2025, 2, 1)].name == "春节"  # a Saturday inside the holiday is kept


def test_2026_holiday_weekend_days_and_makeup_days():
    parsed = {e.date: e for e in notice_parse(NOTICE_2026, year=2026).entries}

    assert parsed[date(2026, 1, 3)].kind == EntryKind.HOLIDAY  # Saturday, named 元旦
    assert parsed[date(2026, 1, 3)].name == "元旦"
    assert parsed[date(2026, 2, 14)].kind == EntryKind.MAKEUP_WORKDAY
    assert parsed[date(2026, 2, 28)].kind == EntryKind.MAKEUP_WORKDAY
    assert date(2026, 10, 8) not in parsed


def test_one_paragraph_paste_parses_the_same():
    flat = NOTICE_2026.replace("\n", "")

    parsed = notice_parse(flat, year=2026)

    assert parsed.errors == ()
    assert parsed_days(parsed) == chinesecalendar_days(2026)


def test_hard_wrapped_item_is_joined():
    text = "七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周\n日）、10月10日（周六）上班。\n"

    parsed = notice_parse(text, year=2026)

    assert parsed.errors == ()
    assert parsed.makeup_count == 2
    assert parsed.holiday_count == 7


def test_wrong_weekday_names_the_line():
    text = NOTICE_2026.replace("10月1日（周四）", "10月1日（周三）")

    parsed = notice_parse(text, year=2026)

    assert len(parsed.errors) == 1
    error = parsed.errors[0]
    assert "第七项“国庆节”" in error
    assert "周三" in error
    assert "实际是周四" in error
    assert "七、国庆节：10月1日（周三）至7日（周三）" in error


def test_wrong_day_count_is_reported():
    text = NOTICE_2025.replace("共8天。9月28日", "共7天。9月28日")

    parsed = notice_parse(text, year=2025)

    assert len(parsed.errors) == 1
    assert "写明共7天" in parsed.errors[0]
    assert "实际是8天" in parsed.errors[0]
    assert "国庆节、中秋节" in parsed.errors[0]


def test_wrong_single_day_count_is_reported():
    parsed = notice_parse("一、元旦：1月1日（周三）放假2天，不调休。", year=2025)

    assert any("写明共2天" in e for e in parsed.errors)


def test_makeup_day_on_a_weekday_is_an_error():
    parsed = notice_parse(
        "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月5日上班。", year=2026
    )

    assert any("1月5日是周一，不是周末" in e for e in parsed.errors)


def test_title_year_must_match():
    parsed = notice_parse(NOTICE_2026, year=2027)

    assert any("通知标题是2026年" in e for e in parsed.errors)
    assert not parsed.ok
    with pytest.raises(NoticeParseError):
        parsed.raise_for_errors()


def test_text_without_items_is_an_error():
    parsed = notice_parse("国务院办公厅关于2027年部分节假日安排的通知", year=2027)

    assert parsed.days == ()
    assert any("没有找到节假日条目" in e for e in parsed.errors)


def test_unrecognised_sentence_with_a_date_is_an_error():
    parsed = notice_parse("五、端午节：6月20日放假。6月22日（星期一）补休。", year=2015)

    assert any("无法识别“6月22日(星期一)补休”" in e for e in parsed.errors)


def test_year_crossing_new_year_without_explicit_years():
    parsed = notice_parse(
        "一、元旦：12月30日至1月1日放假调休，共3天。12月29日（周六）上班。", year=2019
    )

    assert parsed.errors == ()
    assert parsed_days(parsed) == {
        date(2018, 12, 29): "makeup_workday",
        date(2018, 12, 30): "holiday",
        date(2018, 12, 31): "holiday",
        date(2019, 1, 1): "holiday",
    }


def test_range_crossing_months():
    # hypothetical line: 9-29 (Wed) .. 10-6 (Wed) 2027 is 8 days
    parsed = notice_parse(
        "一、国庆节：9月29日（周三）至10月6日（周三）放假调休，共8天。", year=2027
    )

    assert parsed.errors == ()
    assert parsed.days[0].date == date(2027, 9, 29)
    assert parsed.days[-1].date == date(2027, 10, 6)
    assert parsed.holiday_count == 8


def test_same_date_in_two_items_is_an_error():
    text = "一、国庆节：10月1日至7日放假，共7天。\n二、中秋节：10月7日放假，共1天。"

    parsed = notice_parse(text, year=2027)

    assert any("2027年10月7日重复出现" in e for e in parsed.errors)


def test_date_both_off_and_worked_is_an_error():
    text = "一、国庆节：10月1日至7日放假，共7天。10月2日上班。"

    parsed = notice_parse(text, year=2027)

    assert any("同时被列为放假和调休上班" in e for e in parsed.errors)


# --- CSV -------------------------------------------------------------------------------------


def test_csv_with_header():
    text = "日期,类型,名称\n2027-10-01,休,国庆节\n2027-10-02,休,国庆节\n2027-10-09,班,国庆节\n"

    parsed = csv_parse(text, year=2027)

    assert parsed.errors == ()
    assert parsed_days(parsed) == {
        date(2027, 10, 1): "holiday",
        date(2027, 10, 2): "holiday",
        date(2027, 10, 9): "makeup_workday",
    }
    assert parsed.days[0].entry.name == "国庆节"


def test_csv_errors_name_the_row():
    text = (
        "2027-10-01,休,国庆节\n2027-13-01,休,国庆节\n2027-10-02,假,国庆节\n2027-10-08,班,国庆节\n"
    )

    parsed = csv_parse(text, year=2027)

    assert any(e.startswith("第2行：无法识别日期“2027-13-01”") for e in parsed.errors)
    assert any(e.startswith("第3行：类型“假”无法识别") for e in parsed.errors)
    assert any("2027年10月8日是周五，不是周末" in e for e in parsed.errors)


def test_csv_date_outside_year_is_an_error():
    parsed = csv_parse("2026-10-01,休,国庆节\n", year=2027)

    assert any("不属于2027年" in e for e in parsed.errors)


def test_csv_empty_is_an_error():
    assert csv_parse("日期,类型,名称\n", year=2027).errors
