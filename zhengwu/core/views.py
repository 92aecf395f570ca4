"""“期限计算（为什么是这一天）”: staff enter a start date and N working days and see the trace."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .forms import RESTART_REASON, DeadlineForm
from .selectors import load_calendar
from .workdays import CalendarYearMissing, DeadlineResult, add_workdays


def _is_staff(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Back-office users: Django staff/superusers or accounts of kind “staff” (工作人员)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(
        getattr(user, "is_staff", False)
        or getattr(user, "is_superuser", False)
        or getattr(user, "kind", "") == "staff"
    )


def explain(request: HttpRequest) -> HttpResponse:
    if not _is_staff(request.user):
        raise PermissionDenied
    result: DeadlineResult | None = None
    calendar_error = ""
    form = DeadlineForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            result = add_workdays(
                data["start_date"],
                data["days"],
                load_calendar(),
                pauses=form.pauses(),
                extension_days=data.get("extension_days") or 0,
                restart_on=data.get("restart_date"),
                restart_reason=str(RESTART_REASON) if data.get("restart_date") else "",
            )
        except CalendarYearMissing as exc:
            calendar_error = exc.message
        except ValueError as exc:
            form.add_error(None, str(exc))
    context: dict[str, Any] = {
        "form": form,
        "result": result,
        "explanation": result.explain() if result else [],
        "calendar_error": calendar_error,
    }
    return render(request, "core/explain.html", context)
