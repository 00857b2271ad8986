from django.db import migrations

# SQLite gets what 0002 gives PostgreSQL: the database itself refuses UPDATE and DELETE on the audit trail, so a
# raw SQL session (sqlite3 on the file, a stray script) cannot quietly rewrite history. Whoever can write the
# file can still drop the triggers; verify_audit is what finds that (docs/decisions/0012).
# Django flushes a SQLite test database with DELETE, so tests that flush (the browser tests) drop them first.
TRIGGERS = ("core_auditevent_no_update", "core_auditevent_no_delete")
CREATE = [
    """CREATE TRIGGER IF NOT EXISTS core_auditevent_no_update BEFORE UPDATE ON core_auditevent
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS core_auditevent_no_delete BEFORE DELETE ON core_auditevent
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
]
DROP = [f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in CREATE:
            schema_editor.execute(sql)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_notifikasi")]
    operations = [migrations.RunPython(create, drop)]
