"""Template context for the “next year's holidays are missing” banner (core/_calendar_banner.html)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from .selectors import calendar_missing_years

CALENDAR_CHANGE_PERMISSION = "core.change_calendaryear"


def calendar_status(request: HttpRequest) -> dict[str, object]:
    """For calendar administrators: ``calendar_missing_years`` (list of ints, evaluated lazily,
    so pages that do not show the banner run no query) and ``calendar_import_url``."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if not (user.is_superuser or user.has_perm(CALENDAR_CHANGE_PERMISSION)):
        return {}
    return {
        "calendar_missing_years": SimpleLazyObject(calendar_missing_years),
        "calendar_import_url": reverse("admin:core_calendaryear_import"),
    }
