from __future__ import annotations

from django.db import IntegrityError, connection, transaction

import pytest

from zhengwu.audit.models import AppendOnlyError, AuditEntry
from zhengwu.audit.selectors import audit_chain_verify
from zhengwu.audit.tests.tampering import TABLE, one_entry, trigger_names


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


@pytest.mark.django_db
def test_triggers_exist():
    assert trigger_names() == {"audit_auditentry_no_update", "audit_auditentry_no_delete"}
