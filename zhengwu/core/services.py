"""Writes to the working-day calendar. Every write clears the in-process calendar cache."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import CalendarDay, CalendarSource, CalendarYear
from .notice import entries_problems
from .selectors import calendar_cache_clear
from .workdays import CalendarEntry, EntryKind

EntryLike = CalendarEntry | tuple[date, str, str]


def _as_entry(value: EntryLike) -> CalendarEntry:
    if isinstance(value, CalendarEntry):
        return value
    day, kind, name = value
    return CalendarEntry(date=day, kind=EntryKind(kind), name=name)


@transaction.atomic
def calendar_year_import(
    *,
    year: int,
    days: Iterable[EntryLike],
    source: str,
    notice_reference: str = "",
    notice_text: str = "",
) -> CalendarYear:
    """Replace the holidays and make-up workdays of ``year`` in one transaction.

    ``days`` may include December days of the previous year (元旦 crossing the year); an
    imported day replaces any existing row for the same date, whichever year it belonged to.
    Raises ValidationError (Chinese messages) and changes nothing if the data is inconsistent.
    """
    entries = [_as_entry(d) for d in days]
    if source not in CalendarSource.values:
        raise ValidationError(_("未知的数据来源“%(source)s”。") % {"source": source})
    if not 1900 <= year <= 2999:
        raise ValidationError(_("年份%(year)d无效。") % {"year": year})
    problems = entries_problems(year=year, entries=entries)
    if problems:
        raise ValidationError(problems)

    calendar_year, _created = CalendarYear.objects.select_for_update().get_or_create(
        year=year, defaults={"source": source}
    )
    calendar_year.source = source
    calendar_year.notice_reference = notice_reference
    calendar_year.notice_text = notice_text
    calendar_year.save()
    CalendarDay.objects.filter(calendar_year=calendar_year).delete()
    CalendarDay.objects.filter(date__in=[e.date for e in entries]).delete()
    CalendarDay.objects.bulk_create(
        [
            CalendarDay(calendar_year=calendar_year, date=e.date, kind=e.kind.value, name=e.name)
            for e in sorted(entries, key=lambda e: e.date)
        ]
    )
    calendar_cache_clear()
    transaction.on_commit(calendar_cache_clear)
    return calendar_year


@transaction.atomic
def calendar_year_mark_edited(*, calendar_year_id: int) -> CalendarYear:
    """Record that an administrator changed a year's days by hand (source becomes manual)."""
    calendar_year = CalendarYear.objects.select_for_update().get(pk=calendar_year_id)
    calendar_year.source = CalendarSource.MANUAL
    calendar_year.save(update_fields=["source", "updated_at"])
    calendar_cache_clear()
    transaction.on_commit(calendar_cache_clear)
    return calendar_year
