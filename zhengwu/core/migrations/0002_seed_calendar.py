"""Seed the working-day calendar for 2004–2026 from the `chinesecalendar` package.

Holidays keep their Chinese names (holiday days on weekends included, as chinesecalendar lists
them), make-up workdays (调休上班日) carry the name of the holiday they belong to. Years that
already have a CalendarYear row are left alone, so re-running after a manual import is safe.
Reverse: delete the rows this migration creates (source="seed"); their days cascade.
"""

from django.db import migrations

FIRST_YEAR = 2004
LAST_YEAR = 2026

# chinesecalendar stores the English holiday name; these are the names used in our UI.
CHINESE_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def _chinese_name(value):
    if value in CHINESE_NAMES:
        return CHINESE_NAMES[value]
    from chinese_calendar.constants import Holiday

    try:
        return Holiday(value).chinese
    except ValueError:
        return str(value)[:30]


def seed_calendar(apps, schema_editor):
    from chinese_calendar.constants import holidays, workdays

    CalendarYear = apps.get_model("core", "CalendarYear")
    CalendarDay = apps.get_model("core", "CalendarDay")
    db = schema_editor.connection.alias

    existing = set(CalendarYear.objects.using(db).values_list("year", flat=True))
    wanted = [y for y in range(FIRST_YEAR, LAST_YEAR + 1) if y not in existing]
    if not wanted:
        return
    CalendarYear.objects.using(db).bulk_create(
        [CalendarYear(year=y, source="seed") for y in wanted]
    )
    year_ids = dict(
        CalendarYear.objects.using(db).filter(year__in=wanted).values_list("year", "id")
    )
    taken = set(CalendarDay.objects.using(db).values_list("date", flat=True))
    days = []
    for kind, source in (("holiday", holidays), ("makeup_workday", workdays)):
        for day, value in source.items():
            if day.year in year_ids and day not in taken:
                days.append(
                    CalendarDay(
                        calendar_year_id=year_ids[day.year],
                        date=day,
                        kind=kind,
                        name=_chinese_name(value),
                    )
                )
    days.sort(key=lambda d: d.date)
    CalendarDay.objects.using(db).bulk_create(days, batch_size=500)


def unseed_calendar(apps, schema_editor):
    CalendarYear = apps.get_model("core", "CalendarYear")
    CalendarDay = apps.get_model("core", "CalendarDay")
    db = schema_editor.connection.alias
    seeded = CalendarYear.objects.using(db).filter(
        source="seed", year__gte=FIRST_YEAR, year__lte=LAST_YEAR
    )
    CalendarDay.objects.using(db).filter(calendar_year__in=seeded).delete()
    seeded.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed_calendar, unseed_calendar),
    ]
