"""The number of published events of each kind that begin in each year, kept by the database itself.

The timeline's axis needs these counts on every visit; counting a million events each time costs a second. So
`EventYearCount` holds them, and triggers on the events table keep it right whatever writes the events: a save,
a raw save of load_kb or of a revert, a bulk insert, an UPDATE or DELETE of many rows, a COPY. On PostgreSQL one
trigger per statement adds up the changed rows at once; SQLite has only row triggers.

The triggers are (re)installed, and the counts rebuilt from the events, after every `migrate`: SQLite's schema
editor rebuilds a table to alter it, dropping its triggers, so that a migration of the events table on SQLite
would otherwise leave the counts unkept.
"""

from django.db import connections

# The year is the leading digits of `chronology_key` (see osce_kb.models.chronology_key).
YEAR = "chronology_key / 1000000000000"

POSTGRESQL = f"""
CREATE OR REPLACE FUNCTION timeline_event_year_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE timeline_eventyearcount AS counted SET number = counted.number - gone.number
        FROM (SELECT kind, {YEAR} AS year, COUNT(*) AS number FROM old_rows WHERE is_published GROUP BY 1, 2) AS gone
        WHERE counted.kind = gone.kind AND counted.year = gone.year;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO timeline_eventyearcount (kind, year, number)
        SELECT kind, {YEAR}, COUNT(*) FROM new_rows WHERE is_published GROUP BY 1, 2
        ON CONFLICT (kind, year) DO UPDATE SET number = timeline_eventyearcount.number + EXCLUDED.number;
    END IF;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS timeline_event_counted_insert ON timeline_event;
DROP TRIGGER IF EXISTS timeline_event_counted_update ON timeline_event;
DROP TRIGGER IF EXISTS timeline_event_counted_delete ON timeline_event;
CREATE TRIGGER timeline_event_counted_insert AFTER INSERT ON timeline_event
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION timeline_event_year_counts();
CREATE TRIGGER timeline_event_counted_update AFTER UPDATE ON timeline_event
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION timeline_event_year_counts();
CREATE TRIGGER timeline_event_counted_delete AFTER DELETE ON timeline_event
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION timeline_event_year_counts();
"""

SQLITE = [
    "DROP TRIGGER IF EXISTS timeline_event_counted_insert",
    "DROP TRIGGER IF EXISTS timeline_event_counted_update",
    "DROP TRIGGER IF EXISTS timeline_event_counted_delete",
    f"""CREATE TRIGGER timeline_event_counted_insert AFTER INSERT ON timeline_event WHEN NEW.is_published BEGIN
        INSERT INTO timeline_eventyearcount (kind, year, number) VALUES (NEW.kind, NEW.{YEAR}, 1)
        ON CONFLICT (kind, year) DO UPDATE SET number = number + 1;
    END""",
    f"""CREATE TRIGGER timeline_event_counted_update AFTER UPDATE ON timeline_event BEGIN
        UPDATE timeline_eventyearcount SET number = number - 1
        WHERE OLD.is_published AND kind = OLD.kind AND year = OLD.{YEAR};
        INSERT INTO timeline_eventyearcount (kind, year, number) SELECT NEW.kind, NEW.{YEAR}, 1 WHERE NEW.is_published
        ON CONFLICT (kind, year) DO UPDATE SET number = number + 1;
    END""",
    f"""CREATE TRIGGER timeline_event_counted_delete AFTER DELETE ON timeline_event WHEN OLD.is_published BEGIN
        UPDATE timeline_eventyearcount SET number = number - 1 WHERE kind = OLD.kind AND year = OLD.{YEAR};
    END""",
]

REBUILD = [
    "DELETE FROM timeline_eventyearcount",
    f"""INSERT INTO timeline_eventyearcount (kind, year, number)
        SELECT kind, {YEAR}, COUNT(*) FROM timeline_event WHERE is_published GROUP BY kind, {YEAR}""",
]


def install(using="default"):
    """Install the triggers on database `using` and count the events as they are now, in one transaction."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRESQL)
        else:
            for statement in SQLITE:
                cursor.execute(statement)
        for statement in REBUILD:
            cursor.execute(statement)


def install_after_migrate(sender, using="default", plan=None, **kwargs):
    from django.db import transaction

    if connections[using].vendor not in ("postgresql", "sqlite"):
        return
    tables = connections[using].introspection.table_names()
    if "timeline_event" in tables and "timeline_eventyearcount" in tables:
        with transaction.atomic(using=using):
            install(using)
