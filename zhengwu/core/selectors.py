"""Reads of the working-day calendar.

`load_calendar()` turns the CalendarYear/CalendarDay tables into an immutable `WorkCalendar`.
The result is cached in-process and keyed by a version stamp (one cheap aggregate query per
call), so an import in another process (web worker, scheduler) is picked up on the next call.
"""

from __future__ import annotations

import threading
from datetime import date, datetime

from django.db.models import Count, Max
from django.utils import timezone

from .models import CalendarDay, CalendarYear
from .workdays import CalendarEntry, EntryKind, WorkCalendar

CalendarVersion = tuple[int, datetime | None, int, int | None]

_lock = threading.Lock()
_cached: tuple[CalendarVersion, WorkCalendar] | None = None


def calendar_version() -> CalendarVersion:
    """A stamp that changes whenever calendar data changes (years, their update time, days)."""
    agg = CalendarYear.objects.aggregate(
        n_years=Count("id", distinct=True),
        last_updated=Max("updated_at"),
        n_days=Count("days__id"),
        last_day_id=Max("days__id"),
    )
    return (agg["n_years"], agg["last_updated"], agg["n_days"], agg["last_day_id"])


def calendar_cache_clear() -> None:
    global _cached
    with _lock:
        _cached = None


def _calendar_build() -> WorkCalendar:
    years = CalendarYear.objects.values_list("year", flat=True)
    entries = [
        CalendarEntry(date=d, kind=EntryKind(kind), name=name)
        for d, kind, name in CalendarDay.objects.values_list("date", "kind", "name")
    ]
    return WorkCalendar.from_entries(years=years, entries=entries)


def load_calendar() -> WorkCalendar:
    """The current working-day calendar from the database (cached until the data changes)."""
    global _cached
    version = calendar_version()
    with _lock:
        if _cached is not None and _cached[0] == version:
            return _cached[1]
    calendar = _calendar_build()
    with _lock:
        _cached = (version, calendar)
    return calendar


def calendar_years_covered() -> list[int]:
    return list(CalendarYear.objects.order_by("year").values_list("year", flat=True))


def calendar_missing_years(today: date | None = None) -> list[int]:
    """Years the calendar must have by ``today`` but does not.

    The current year is always required; from 1 October on, the next year is required too
    (the State Council notice usually appears in November, deadlines reach into January).
    """
    today = today or timezone.localdate()
    required = [today.year]
    if (today.month, today.day) >= (10, 1):
        required.append(today.year + 1)
    present = set(CalendarYear.objects.filter(year__in=required).values_list("year", flat=True))
    return [y for y in required if y not in present]
