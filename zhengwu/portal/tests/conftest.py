from __future__ import annotations

from collections.abc import Callable

import pytest

from zhengwu.accounts.models import User


@pytest.fixture
def make_user(db) -> Callable[..., User]:
    counter = iter(range(1, 10_000))

    def make(kind: str = "citizen", *, full_name: str = "") -> User:
        return User.objects.create_user(
            username=f"{kind}{next(counter)}",
            password="Pa55-word-for-tests",
            kind=kind,
            full_name=full_name,
        )

    return make
