"""Public entry points of the working-day calendar (import from here).

    from zhengwu.core.calendar import load_calendar, add_workdays, CalendarYearMissing

* reads (selectors.py): `load_calendar`, `calendar_missing_years`, `calendar_cache_clear`
* writes (services.py): `calendar_year_import`
* pure arithmetic (workdays.py): `add_workdays`, `workdays_between`, `WorkCalendar`,
  `DeadlineResult`, `Pause`, `CalendarYearMissing`
* parsing (notice.py): `notice_parse`, `csv_parse`
"""

from __future__ import annotations

from .notice import ParsedCalendar, csv_parse, notice_parse
from .selectors import calendar_cache_clear, calendar_missing_years, load_calendar
from .services import calendar_year_import
from .workdays import (
    CalendarEntry,
    CalendarYearMissing,
    DeadlineResult,
    DeadlineStep,
    EntryKind,
    Pause,
    WorkCalendar,
    add_workdays,
    workdays_between,
)

__all__ = [
    "CalendarEntry",
    "CalendarYearMissing",
    "DeadlineResult",
    "DeadlineStep",
    "EntryKind",
    "ParsedCalendar",
    "Pause",
    "WorkCalendar",
    "add_workdays",
    "calendar_cache_clear",
    "calendar_missing_years",
    "calendar_year_import",
    "csv_parse",
    "load_calendar",
    "notice_parse",
    "workdays_between",
]
