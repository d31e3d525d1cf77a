"""On PostgreSQL, a trigger refuses UPDATE and DELETE on request events (append-only).

The one exception is the retention purge of requests closed more than 24 months ago,
which sets ``privacy_center.purging`` for its own transaction (``SET LOCAL``).
TRUNCATE is left alone: test databases are flushed with it. Other databases: no-op
(the ORM refuses updates and deletes there).
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION privacy_requests_event_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('privacy_center.purging', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION USING
        MESSAGE = 'privacy request events are append-only: ' || TG_OP || ' refused',
        ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS privacy_requests_event_append_only ON privacy_requests_requestevent;
CREATE TRIGGER privacy_requests_event_append_only
    BEFORE UPDATE OR DELETE ON privacy_requests_requestevent
    FOR EACH ROW EXECUTE FUNCTION privacy_requests_event_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS privacy_requests_event_append_only ON privacy_requests_requestevent;
DROP FUNCTION IF EXISTS privacy_requests_event_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("privacy_requests", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
