"""Django's ``flush``, able to empty the append-only audit table on SQLite.

On SQLite ``flush`` deletes rows with ``DELETE``, which the append-only triggers refuse; the test
runner flushes after every transactional test. This command lifts the audit table's triggers
for the duration of the flush and restores them exactly as they were (from ``sqlite_master``).
On PostgreSQL ``flush`` uses ``TRUNCATE``, which the row triggers do not see: nothing to do.
Flushing wipes every table, the audit trail included: it is a development and test tool.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands.flush import Command as FlushCommand
from django.db import DEFAULT_DB_ALIAS, connections

AUDIT_TABLE = "audit_auditentry"


class Command(FlushCommand):
    def handle(self, **options: Any) -> None:
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        if connection.vendor != "sqlite":
            super().handle(**options)
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [AUDIT_TABLE],
            )
            triggers = cursor.fetchall()
            for name, _sql in triggers:
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
        try:
            super().handle(**options)
        finally:
            with connection.cursor() as cursor:
                for _name, sql in triggers:
                    cursor.execute(sql)
