"""Who may do what with accounts. Denied unless a rule below grants it."""

from __future__ import annotations

from typing import Any

import rules

from .models import User, UserKind
from .roles import Role


def _is_staff(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.kind == UserKind.STAFF)


def _has_role(user: Any, *roles: Role) -> bool:
    return _is_staff(user) and user.has_role(*roles)


def can_lookup_accounts(user: User | Any) -> bool:
    return _has_role(user, Role.WINDOW_STAFF, Role.SYSTEM_ADMIN)


def can_reveal_personal_data(user: User | Any) -> bool:
    """Only window staff (who verify identities at the counter) and system administrators."""
    return _has_role(user, Role.WINDOW_STAFF, Role.SYSTEM_ADMIN)


@rules.predicate
def is_staff_member(user: Any) -> bool:
    return _is_staff(user)


@rules.predicate
def is_system_admin(user: Any) -> bool:
    return _has_role(user, Role.SYSTEM_ADMIN)


@rules.predicate
def is_department_admin(user: Any) -> bool:
    return _has_role(user, Role.DEPARTMENT_ADMIN)


rules.add_perm("accounts.reveal_personal_data", rules.predicate(can_reveal_personal_data))
