from __future__ import annotations

from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

import pytest

from zhengwu.audit.models import AppendOnlyError, AuditChainHead, AuditEntry
from zhengwu.audit.selectors import audit_chain_verify
from zhengwu.audit.services import audit_record

TABLE = AuditEntry._meta.db_table


def one_entry() -> AuditEntry:
    return audit_record(action="export", object_type="core.CalendarYear", object_id=2026)


@pytest.mark.django_db
def test_model_refuses_save_of_an_existing_entry_and_delete():
    entry = one_entry()
    entry.object_repr = "x"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "operation",
    [
        lambda qs: qs.update(object_repr="x"),
        lambda qs: qs.delete(),
        lambda qs: qs.bulk_update(list(qs), ["object_repr"]),
        lambda qs: AuditEntry.objects.bulk_create([AuditEntry(seq=99)]),
    ],
    ids=["update", "delete", "bulk_update", "bulk_create"],
)
def test_queryset_refuses_bulk_changes(operation):
    one_entry()
    with pytest.raises(AppendOnlyError):
        operation(AuditEntry.objects.all())
    assert AuditEntry.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sql",
    [
        f"UPDATE {TABLE} SET object_repr = 'x'",  # noqa: S608
        f"UPDATE {TABLE} SET seq = seq + 100",  # noqa: S608
        f"DELETE FROM {TABLE}",  # noqa: S608
    ],
)
def test_database_refuses_update_and_delete(sql):
    entry = one_entry()
    with (
        pytest.raises(IntegrityError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert AuditEntry.objects.get().object_repr == entry.object_repr
    assert audit_chain_verify().ok


@pytest.mark.django_db
def test_database_still_accepts_inserts():
    one_entry()
    one_entry()
    assert AuditEntry.objects.count() == 2


def _trigger_names() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE]
            )
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
                [TABLE],
            )
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db
def test_triggers_exist():
    assert _trigger_names() == {"audit_auditentry_no_update", "audit_auditentry_no_delete"}


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_trail_and_keeps_the_triggers():
    """The test runner flushes after transactional tests; on SQLite that is a DELETE."""
    one_entry()
    one_entry()
    call_command("flush", interactive=False, verbosity=0)
    assert AuditEntry.objects.count() == 0
    assert AuditChainHead.objects.count() == 0
    assert _trigger_names() == {"audit_auditentry_no_update", "audit_auditentry_no_delete"}
    entry = one_entry()
    assert entry.seq == 1
    with pytest.raises(IntegrityError), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608
