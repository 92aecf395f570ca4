"""Database triggers that refuse UPDATE and DELETE on audit entries (append-only).

The model and its queryset refuse changes too; the triggers also stop raw SQL, other tools and
bugs that bypass the ORM. Tampering by someone who can drop triggers is caught by the SM3 hash
chain (``audit_verify``). SQL is chosen by the database vendor; other vendors get no triggers.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """
    CREATE TRIGGER audit_auditentry_no_update BEFORE UPDATE ON audit_auditentry
    BEGIN
        SELECT RAISE(ABORT, 'audit entries are append-only: UPDATE refused');
    END
    """,
    """
    CREATE TRIGGER audit_auditentry_no_delete BEFORE DELETE ON audit_auditentry
    BEGIN
        SELECT RAISE(ABORT, 'audit entries are append-only: DELETE refused');
    END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS audit_auditentry_no_update",
    "DROP TRIGGER IF EXISTS audit_auditentry_no_delete",
]

POSTGRESQL_FORWARD = [
    """
    CREATE OR REPLACE FUNCTION audit_auditentry_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION USING
            MESSAGE = 'audit entries are append-only: ' || TG_OP || ' refused',
            ERRCODE = 'restrict_violation';
    END;
    $$
    """,
    """
    CREATE TRIGGER audit_auditentry_no_update BEFORE UPDATE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION audit_auditentry_append_only()
    """,
    """
    CREATE TRIGGER audit_auditentry_no_delete BEFORE DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION audit_auditentry_append_only()
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS audit_auditentry_no_update ON audit_auditentry",
    "DROP TRIGGER IF EXISTS audit_auditentry_no_delete ON audit_auditentry",
    "DROP FUNCTION IF EXISTS audit_auditentry_append_only()",
]

SQL = {
    "sqlite": (SQLITE_FORWARD, SQLITE_REVERSE),
    "postgresql": (POSTGRESQL_FORWARD, POSTGRESQL_REVERSE),
}


def create_triggers(apps, schema_editor):
    forward, _reverse = SQL.get(schema_editor.connection.vendor, ([], []))
    for statement in forward:
        schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    _forward, reverse = SQL.get(schema_editor.connection.vendor, ([], []))
    for statement in reverse:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_triggers, drop_triggers),
    ]
