"""PostgreSQL: fresh statistics for the tables that got new indexes in issue #11's migrations.

PostgreSQL keeps statistics of an expression index (the full-text ones) only from the next ANALYZE; until then
it guesses that a search word matches thousands of rows and reads the whole table instead of the index (17 s
instead of 3 ms for a name at a million events). Autovacuum would analyse the tables in time, but not before the
first readers come. Other databases skip this step.
"""

from django.db import migrations

TABLES = [
    "timeline_event",
    "people_person",
    "people_tenure",
    "organs_organ",
    "organs_participatingstate",
    "osce_kb_source",
]


def analyze(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f'ANALYZE "{table}"')


class Migration(migrations.Migration):
    dependencies = [
        ("osce_kb", "0007_search_full_text_indexes"),
        ("organs", "0007_date_bounds"),
        ("people", "0009_tenure_end_index"),
        ("timeline", "0008_index_spans_by_end"),
    ]

    operations = [migrations.RunPython(analyze, migrations.RunPython.noop, elidable=True)]
