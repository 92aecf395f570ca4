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
