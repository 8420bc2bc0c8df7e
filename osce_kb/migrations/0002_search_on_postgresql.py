"""Search support on PostgreSQL: the pg_trgm extension and trigram indexes on the names readers search.

Other databases skip both (TrigramExtension does nothing off PostgreSQL), and search falls back to a
contains-match there.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# (table, column) pairs: the names and titles search ranks by trigram similarity, in every language.
TRIGRAM_COLUMNS = [
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


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in TRIGRAM_COLUMNS:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{table}_{column}_trgm" ON "{table}" USING gin ("{column}" gin_trgm_ops)'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in TRIGRAM_COLUMNS:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{table}_{column}_trgm"')


class Migration(migrations.Migration):
    dependencies = [
        ("osce_kb", "0001_initial"),
        ("organs", "0001_initial"),
        ("people", "0001_initial"),
        ("timeline", "0001_initial"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
