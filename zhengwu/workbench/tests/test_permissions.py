from django.contrib.auth.models import AnonymousUser

import pytest

from zhengwu.accounts.roles import Role
from zhengwu.workbench.permissions import (
    can_see_centre_overview,
    can_use_workbench,
    user_has_any_role,
)


def test_anonymous_and_none_are_denied():
    assert can_use_workbench(AnonymousUser()) is False
    assert can_use_workbench(None) is False


@pytest.mark.parametrize(
    ("kind", "is_active", "expected"),
    [
        ("staff", True, True),
        ("staff", False, False),
        ("citizen", True, False),
        ("enterprise", True, False),
        ("", True, False),
    ],
)
def test_only_active_staff_may_use_the_workbench(make_user, kind, is_active, expected):
    user = make_user(kind=kind, is_active=is_active)
    assert can_use_workbench(user) is expected


def test_a_superuser_citizen_is_still_denied(make_user):
    user = make_user(kind="citizen")
    user.is_superuser = True
    assert can_use_workbench(user) is False


def test_centre_overview_is_for_centre_leaders_only(make_user):
    assert can_see_centre_overview(make_user(roles=[Role.CENTRE_LEADER])) is True
    assert can_see_centre_overview(make_user(roles=[Role.SYSTEM_ADMIN])) is False
    assert can_see_centre_overview(make_user(kind="citizen")) is False


def test_role_check_none_means_all_staff_and_empty_means_nobody(make_user):
    staff = make_user()
    assert user_has_any_role(staff, None) is True
    assert user_has_any_role(staff, frozenset()) is False
    assert user_has_any_role(make_user(kind="citizen"), None) is False
