"""Reads for organisation pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch

from zhengwu.accounts.models import User

from .models import Department, Window
from .permissions import departments_visible_to


@dataclass(frozen=True)
class DepartmentOverview:
    department: Department
    sections: list[Any]
    windows: list[Window]
    staff: list[User]


def department_overviews_for(user: Any) -> list[DepartmentOverview]:
    """Each department the user may see, with sections, windows and staff (fixed query count)."""
    departments = (
        departments_visible_to(user)
        .select_related("region")
        .prefetch_related(
            "sections",
            Prefetch("windows", queryset=Window.objects.prefetch_related("staff")),
            Prefetch("staff", queryset=User.objects.prefetch_related("groups")),
        )
        .order_by("sort_order", "id")
    )
    return [
        DepartmentOverview(
            department=d,
            sections=list(d.sections.all()),
            windows=list(d.windows.all()),
            staff=list(d.staff.all()),
        )
        for d in departments
    ]
