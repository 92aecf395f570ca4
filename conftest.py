"""Shared fixtures: see each app's tests/factories.py for the factories."""

from __future__ import annotations

import pytest

from zhengwu.notifications.channels import MemoryBackend


@pytest.fixture(autouse=True)
def _clear_memory_outbox() -> None:
    MemoryBackend.outbox.clear()


@pytest.fixture
def sms_outbox() -> list:
    return MemoryBackend.outbox


@pytest.fixture(autouse=True)
def django_db_serialized_rollback() -> bool:
    """Transactional tests restore the data the migrations seeded (calendar, groups).

    pytest-django flushes the database after each ``transaction=True`` test, which would wipe
    the 2004–2026 working-day calendar and leave later transactional tests with content types
    re-created by post_migrate. Serialized rollback makes every such test start from the
    migrated state. (Ignored by ordinary, transaction-wrapped tests.)
    """
    return True
