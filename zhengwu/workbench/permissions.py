"""Who may use the staff workbench (deny by default).

Templates and views get these answers precomputed; they never re-implement the rule.
"""

from __future__ import annotations

from typing import Any

from zhengwu.accounts.models import UserKind
from zhengwu.accounts.roles import Role


def can_use_workbench(user: Any) -> bool:
    """Only active, authenticated staff accounts. Citizens, enterprises and anonymous: no."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if not getattr(user, "is_active", False):
        return False
    return getattr(user, "kind", None) == UserKind.STAFF


def can_see_centre_overview(user: Any) -> bool:
    """The 运行概览 chart on the workbench home: centre leaders only."""
    return can_use_workbench(user) and user.has_role(Role.CENTRE_LEADER)


def user_has_any_role(user: Any, roles: frozenset[Role] | None) -> bool:
    """`roles=None` means every staff member; an empty set means nobody."""
    if not can_use_workbench(user):
        return False
    if roles is None:
        return True
    return bool(roles) and user.has_role(*roles)
