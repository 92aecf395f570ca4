"""Staff roles. Each role is a Django group whose name is the Chinese label shown to admins."""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    WINDOW_STAFF = "window_staff", "窗口人员"
    APPROVER = "approver", "审批人员"
    DEPARTMENT_ADMIN = "department_admin", "部门管理员"
    CENTRE_LEADER = "centre_leader", "中心领导"
    DISCLOSURE_OFFICER = "disclosure_officer", "政务公开专员"
    SYSTEM_ADMIN = "system_admin", "系统管理员"


def group_name(role: Role) -> str:
    return str(role.label)


ROLE_BY_GROUP_NAME = {str(r.label): r for r in Role}
