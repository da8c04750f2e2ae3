"""The audit trail is append-only in the database itself (MLPS 2.0 level 2: audit records protected from deletion
and modification): on PostgreSQL a trigger refuses every UPDATE and DELETE of auditlog_logentry, whoever asks —
the application's own database user included. TRUNCATE (a test database's flush) is a table statement, not a row
change, and stays possible for the table's owner.

One change is let through: deleting a user account sets `actor` to NULL on their entries (django-auditlog's
ON DELETE SET NULL), and only when the entry keeps the actor's e-mail and nothing else changes — so deleting an
account never erases who did what. On SQLite (the embedded single-machine setup) there is no such trigger.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION audit_logentry_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND OLD.actor_id IS NOT NULL AND NEW.actor_id IS NULL
       AND COALESCE(OLD.actor_email, '') <> ''
       AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the audit trail is append-only: % of log entry % refused', TG_OP, OLD.id
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER auditlog_logentry_append_only
    BEFORE UPDATE OR DELETE ON auditlog_logentry
    FOR EACH ROW EXECUTE FUNCTION audit_logentry_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS auditlog_logentry_append_only ON auditlog_logentry;
DROP FUNCTION IF EXISTS audit_logentry_append_only();
"""


class PostgreSQLOnly(migrations.RunSQL):
    """RunSQL that runs on PostgreSQL and does nothing elsewhere (the SQL is PL/pgSQL)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("auditlog", "0017_add_actor_email")]
    operations = [PostgreSQLOnly(FORWARD, BACKWARD)]
