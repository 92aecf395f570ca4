"""A transactional test, kept in its own file: its flush empties the whole test database, and
with ``--dist loadfile`` a file is scheduled as one unit (pytest-django runs transactional tests
last only when they do not share a file with ordinary database tests)."""

from __future__ import annotations

from django.core.management import call_command
from django.db import IntegrityError, connection

import pytest

from zhengwu.audit.models import AuditChainHead, AuditEntry
from zhengwu.audit.tests.tampering import TABLE, one_entry, trigger_names


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_flush_empties_the_trail_and_keeps_the_triggers():
    """The test runner flushes after transactional tests; on SQLite that is a DELETE."""
    one_entry()
    one_entry()
    call_command("flush", interactive=False, verbosity=0)
    assert AuditEntry.objects.count() == 0
    assert AuditChainHead.objects.count() == 0
    assert trigger_names() == {"audit_auditentry_no_update", "audit_auditentry_no_delete"}
    entry = one_entry()
    assert entry.seq == 1
    with pytest.raises(IntegrityError), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608
