"""Helpers for tampering with the audit table behind the append-only triggers.

The triggers are lifted inside the test's own transaction (SQLite: DROP TRIGGER, PostgreSQL:
ALTER TABLE … DISABLE TRIGGER), so the rollback at the end of the test — or of the enclosing
savepoint — puts them back.
"""

from __future__ import annotations

from typing import Any

from django.db import connection

from zhengwu.audit.models import AuditEntry
from zhengwu.audit.services import audit_record

TABLE = AuditEntry._meta.db_table
TRIGGERS = ("audit_auditentry_no_update", "audit_auditentry_no_delete")


def lift_append_only() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        elif connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER USER")
        else:  # pragma: no cover
            raise NotImplementedError(connection.vendor)


def tamper(entry_id: int, **values: Any) -> None:
    """Overwrite columns of one entry with raw SQL, as an attacker with database access would."""
    lift_append_only()
    with connection.cursor() as cursor:
        for name, value in values.items():
            field = AuditEntry._meta.get_field(name)
            cursor.execute(
                f"UPDATE {TABLE} SET {field.column} = %s WHERE id = %s",  # noqa: S608
                [field.get_db_prep_value(value, connection), entry_id],
            )


def delete_raw(*entry_ids: int) -> None:
    lift_append_only()
    with connection.cursor() as cursor:
        for entry_id in entry_ids:
            cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [entry_id])  # noqa: S608


def one_entry() -> AuditEntry:
    return audit_record(action="export", object_type="core.CalendarYear", object_id=2026)


def trigger_names() -> set[str]:
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
