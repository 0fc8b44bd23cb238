"""Make the audit trail append-only in the database itself.

Triggers refuse any UPDATE or DELETE of an audit record (and TRUNCATE on PostgreSQL), whatever the
path: the ORM, the admin, a management command or a SQL client. A consequence, by design: users are
deactivated, never deleted, since deleting one would rewrite the records that name them.
"""

from __future__ import annotations

from django.db import migrations

MESSAGE = "the audit trail is append-only"

SQLITE = [
    f"CREATE TRIGGER rightscope_audit_no_update BEFORE UPDATE ON auditlog_logentry "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
    f"CREATE TRIGGER rightscope_audit_no_delete BEFORE DELETE ON auditlog_logentry "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
]
SQLITE_REVERSE = ["DROP TRIGGER rightscope_audit_no_update;", "DROP TRIGGER rightscope_audit_no_delete;"]

POSTGRESQL = [
    "CREATE FUNCTION rightscope_audit_refuse() RETURNS trigger LANGUAGE plpgsql AS "
    f"$$ BEGIN RAISE EXCEPTION '{MESSAGE}'; END; $$;",
    "CREATE TRIGGER rightscope_audit_no_change BEFORE UPDATE OR DELETE ON auditlog_logentry "
    "FOR EACH ROW EXECUTE FUNCTION rightscope_audit_refuse();",
    "CREATE TRIGGER rightscope_audit_no_truncate BEFORE TRUNCATE ON auditlog_logentry "
    "FOR EACH STATEMENT EXECUTE FUNCTION rightscope_audit_refuse();",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER rightscope_audit_no_truncate ON auditlog_logentry;",
    "DROP TRIGGER rightscope_audit_no_change ON auditlog_logentry;",
    "DROP FUNCTION rightscope_audit_refuse();",
]


def _run(statements: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def apply(apps, schema_editor):  # type: ignore[no-untyped-def]
        vendor = schema_editor.connection.vendor
        if vendor not in statements:
            raise RuntimeError(f"no append-only triggers for the {vendor} database; use SQLite or PostgreSQL")
        for sql in statements[vendor]:
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("auditlog", "0017_add_actor_email")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
