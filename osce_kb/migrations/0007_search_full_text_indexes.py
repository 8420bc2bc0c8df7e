"""Search served by word indexes: full-text GIN indexes on PostgreSQL, FTS5 tables on SQLite.

Search and the lists' text filter now look for each word of a query at the start of a word of the folded
name or text (see `osce_kb.matching`). On PostgreSQL two GIN expression indexes per table serve that,
`to_tsvector('simple', search_name)` for the search's name matches and `to_tsvector('simple', search_text)`
for its text matches and the lists' filter; the trigram index on search_name stays, for misspelled names,
and the trigram index on search_text goes, as no query reads it any longer. On SQLite an FTS5 table per
searchable table (`osce_kb.search_index`).
"""

from django.db import migrations

from osce_kb import search_index

TABLES = search_index.SEARCHED_TABLES
FULL_TEXT_COLUMNS = [(table, column) for table in TABLES for column in ("search_name", "search_text")]


def full_text_index(table, column):
    return (
        f'CREATE INDEX IF NOT EXISTS "{table}_{column}_fts" ON "{table}" '
        f"USING gin (to_tsvector('simple'::regconfig, \"{column}\"))"
    )


def trigram_index(table, column):
    return f'CREATE INDEX IF NOT EXISTS "{table}_{column}_trgm" ON "{table}" USING gin ("{column}" gin_trgm_ops)'


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        search_index.create(connection)
    elif connection.vendor == "postgresql":
        for table, column in FULL_TEXT_COLUMNS:
            schema_editor.execute(full_text_index(table, column))
        for table in TABLES:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{table}_search_text_trgm"')


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        search_index.drop(connection)
    elif connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(trigram_index(table, "search_text"))
        for table, column in FULL_TEXT_COLUMNS:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{table}_{column}_fts"')


class Migration(migrations.Migration):
    dependencies = [
        ("osce_kb", "0006_date_bounds"),
        ("organs", "0007_date_bounds"),
        ("people", "0007_date_bounds"),
        ("timeline", "0005_date_bounds"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
