"""Trigram indexes on the folded search columns, on PostgreSQL, replacing those on the language columns.

Search and the lists' text filter now read only the folded columns: `search_text LIKE '%word%'` for each word
of a query, and `search_name %> query` (pg_trgm word similarity) for a misspelled name. A GIN trigram index
serves both. Other databases have no such index and skip this migration.
"""

from django.db import migrations

FOLDED_COLUMNS = [
    (table, column)
    for table in ["people_person", "organs_organ", "organs_participatingstate", "timeline_event", "osce_kb_source"]
    for column in ["search_name", "search_text"]
]
# The indexes of 0002_search_on_postgresql, which nothing reads any longer.
LANGUAGE_COLUMNS = [
    (table, f"{column}_{lang}")
    for table, column in [
        ("people_person", "name"),
        ("organs_organ", "name"),
        ("organs_participatingstate", "name"),
        ("timeline_event", "title"),
        ("osce_kb_source", "title"),
    ]
    for lang in ("kk", "ru", "en")
]


def create(table, column):
    return f'CREATE INDEX IF NOT EXISTS "{table}_{column}_trgm" ON "{table}" USING gin ("{column}" gin_trgm_ops)'


def drop(table, column):
    return f'DROP INDEX IF EXISTS "{table}_{column}_trgm"'


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in LANGUAGE_COLUMNS:
        schema_editor.execute(drop(table, column))
    for table, column in FOLDED_COLUMNS:
        schema_editor.execute(create(table, column))


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in FOLDED_COLUMNS:
        schema_editor.execute(drop(table, column))
    for table, column in LANGUAGE_COLUMNS:
        schema_editor.execute(create(table, column))


class Migration(migrations.Migration):
    dependencies = [
        ("osce_kb", "0004_search_columns"),
        ("organs", "0006_search_and_sort_columns"),
        ("people", "0006_search_and_sort_columns"),
        ("timeline", "0004_search_columns"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
