"""Reads for the workbench pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db.models import Count, Q

from zhengwu.accounts.models import User, UserKind
from zhengwu.accounts.roles import ROLE_BY_GROUP_NAME, Role
from zhengwu.organisations.models import Department


@dataclass(frozen=True)
class RoleCount:
    role: Role
    label: str
    count: int


def user_roles(user: User) -> list[Role]:
    """The user's roles in the order they are declared in `Role` (stable for display)."""
    held = user.roles()
    return [role for role in Role if role in held]


def user_departments(user: User) -> list[Department]:
    return list(user.departments.order_by("sort_order", "id").only("id", "name", "short_name"))


def staff_count_by_role() -> list[RoleCount]:
    """Active staff accounts per role (one query); roles nobody holds count 0."""
    counts = dict(
        Group.objects.filter(name__in=list(ROLE_BY_GROUP_NAME))
        .annotate(
            n=Count(
                "user",
                filter=Q(user__kind=UserKind.STAFF, user__is_active=True),
                distinct=True,
            )
        )
        .values_list("name", "n")
    )
    return [RoleCount(role=r, label=str(r.label), count=counts.get(str(r.label), 0)) for r in Role]
