"""Department-scoped access to organisation records. Denied unless a rule grants it.

Staff see and change only records of their own department(s); system administrators see all.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

import rules

from zhengwu.accounts.permissions import is_department_admin, is_staff_member, is_system_admin

from .models import Department, Section, Window


def _department_id(obj: Department | Section | Window) -> int:
    return obj.pk if isinstance(obj, Department) else obj.department_id


@rules.predicate
def in_user_department(user: Any, obj: Department | Section | Window | None) -> bool:
    if obj is None:
        return False
    return _department_id(obj) in user.department_ids()


can_view = is_staff_member & (is_system_admin | in_user_department)
can_manage = is_system_admin | (is_department_admin & in_user_department)

rules.add_perm("organisations.view_department_records", can_view)
rules.add_perm("organisations.manage_department_records", can_manage)


def can_view_department(user: Any, department: Department) -> bool:
    return bool(can_view(user, department))


def can_change_window(user: Any, window: Window) -> bool:
    return bool(can_manage(user, window))


def can_change_section(user: Any, section: Section) -> bool:
    return bool(can_manage(user, section))


def can_manage_department(user: Any, department: Department) -> bool:
    return bool(can_manage(user, department))


def departments_visible_to(user: Any) -> QuerySet[Department]:
    if not is_staff_member(user):
        return Department.objects.none()
    if is_system_admin(user):
        return Department.objects.all()
    return Department.objects.filter(pk__in=user.department_ids())


def windows_visible_to(user: Any) -> QuerySet[Window]:
    return Window.objects.filter(department__in=departments_visible_to(user))


def sections_visible_to(user: Any) -> QuerySet[Section]:
    return Section.objects.filter(department__in=departments_visible_to(user))
