"""部门管理: department admins see and edit their own department's sections and windows."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from zhengwu.core.errors import UserFacingError

from . import selectors, services
from .forms import SectionForm, WindowForm
from .permissions import (
    can_change_window,
    can_manage_department,
    departments_visible_to,
    windows_visible_to,
)


def my_department(request: HttpRequest) -> HttpResponse:
    overviews = selectors.department_overviews_for(request.user)
    if not overviews:
        raise PermissionDenied
    rows = [
        {"overview": o, "can_manage": can_manage_department(request.user, o.department)}
        for o in overviews
    ]
    return render(request, "organisations/my_department.html", {"rows": rows})


def window_edit(request: HttpRequest, pk: int) -> HttpResponse:
    # Fetching through the visible queryset *is* the scope check: other departments → 404.
    window = get_object_or_404(windows_visible_to(request.user).select_related("department"), pk=pk)
    if not can_change_window(request.user, window):
        raise PermissionDenied
    if request.method == "POST":
        form = WindowForm(request.POST)
        if form.is_valid():
            try:
                services.window_update(window_id=window.pk, **form.cleaned_data)
            except UserFacingError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("窗口信息已保存。"))
                return redirect("organisations:my-department")
    else:
        form = WindowForm(
            initial={
                "name": window.name,
                "location": window.location,
                "is_active": window.is_active,
            }
        )
    return render(request, "organisations/window_form.html", {"form": form, "window": window})


def section_create(request: HttpRequest, department_id: int) -> HttpResponse:
    department = get_object_or_404(departments_visible_to(request.user), pk=department_id)
    if not can_manage_department(request.user, department):
        raise PermissionDenied
    form = SectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.section_create(department=department, **form.cleaned_data)
        except UserFacingError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("科室已添加。"))
            return redirect("organisations:my-department")
    return render(
        request, "organisations/section_form.html", {"form": form, "department": department}
    )
