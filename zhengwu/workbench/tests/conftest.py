from __future__ import annotations

from collections.abc import Callable, Iterable

from django.contrib.auth.models import Group

import pytest

from zhengwu.accounts.models import User
from zhengwu.accounts.roles import Role, group_name
from zhengwu.organisations.models import Department, Region


@pytest.fixture
def make_user(db) -> Callable[..., User]:
    counter = iter(range(1, 10_000))

    def make(
        kind: str = "staff",
        roles: Iterable[Role] = (),
        *,
        full_name: str = "",
        departments: Iterable[Department] = (),
        is_active: bool = True,
    ) -> User:
        user = User.objects.create_user(
            username=f"{kind}{next(counter)}",
            password="Pa55-word-for-tests",
            kind=kind,
            full_name=full_name,
            is_active=is_active,
        )
        for role in roles:
            group, _ = Group.objects.get_or_create(name=group_name(role))
            user.groups.add(group)
        user.departments.add(*departments)
        return user

    return make


@pytest.fixture
def department(db) -> Department:
    region = Region.objects.create(code="330100000000", name="示例县", level="county")
    return Department.objects.create(
        name="县市场监督管理局",
        short_name="市场监管局",
        region=region,
        credit_code="11330100MB0000000X",
        org_code="MB0000000",
    )
