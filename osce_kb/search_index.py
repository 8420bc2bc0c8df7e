"""SQLite's search index: an FTS5 table per searchable table, over its folded name and text, kept in sync by
triggers (PostgreSQL indexes the columns themselves: osce_kb/migrations/0007_search_full_text_indexes).

Each FTS5 table is an external-content table: it stores only the index and reads the words from the
searchable table. The unicode61 tokenizer splits the folded text on spaces, as PostgreSQL's parser does,
so that a prefix query finds the same rows on both databases.

SQLite remakes a table (create a copy, drop the original) for most schema changes, and dropping a table drops
its triggers. So the index is checked after every `migrate` (the post_migrate signal), and its triggers
created again and the index rebuilt from the table when they are missing.
"""

SEARCHED_TABLES = [
    "osce_kb_source",
    "organs_participatingstate",
    "organs_organ",
    "people_person",
    "timeline_event",
]


def fts_table(model):
    """The FTS5 table that indexes `model`'s folded columns on SQLite."""
    return f"{model._meta.db_table}_fts"


def _triggers(table):
    fts = f"{table}_fts"
    insert = f'INSERT INTO "{fts}" (rowid, search_name, search_text) VALUES (new.id, new.search_name, new.search_text);'
    # An external-content FTS5 table forgets a row when told the words it indexed for it.
    delete = (
        f'INSERT INTO "{fts}" ("{fts}", rowid, search_name, search_text) '
        "VALUES ('delete', old.id, old.search_name, old.search_text);"
    )
    return {
        f"{fts}_insert": f'CREATE TRIGGER "{fts}_insert" AFTER INSERT ON "{table}" BEGIN {insert} END',
        f"{fts}_delete": f'CREATE TRIGGER "{fts}_delete" AFTER DELETE ON "{table}" BEGIN {delete} END',
        f"{fts}_update": (
            f'CREATE TRIGGER "{fts}_update" AFTER UPDATE OF id, search_name, search_text ON "{table}" '
            f"BEGIN {delete} {insert} END"
        ),
    }


def create(connection):
    """Creates SQLite's search index and fills it from the tables. Does nothing on other databases."""
    _ensure(connection, create=True)


def repair(connection):
    """Puts back the triggers of an existing search index that a remade table lost, and rebuilds that index
    from its table, which may have changed meanwhile."""
    _ensure(connection, create=False)


def _ensure(connection, create):
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        existing = {row[0] for row in cursor.fetchall()}
        for table in SEARCHED_TABLES:
            fts = f"{table}_fts"
            if table not in existing or (fts not in existing and not create):
                continue
            if fts not in existing:
                cursor.execute(
                    f'CREATE VIRTUAL TABLE "{fts}" USING fts5(search_name, search_text, content="{table}", '
                    "content_rowid=id, tokenize='unicode61 remove_diacritics 0', prefix='2 3')"
                )
            missing = [sql for name, sql in _triggers(table).items() if name not in existing]
            for sql in missing:
                cursor.execute(sql)
            if missing:
                cursor.execute(f'INSERT INTO "{fts}" ("{fts}") VALUES (\'rebuild\')')


def drop(connection):
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for table in SEARCHED_TABLES:
            for trigger in _triggers(table):
                cursor.execute(f'DROP TRIGGER IF EXISTS "{trigger}"')
            cursor.execute(f'DROP TABLE IF EXISTS "{table}_fts"')


def repair_after_migrate(sender, using, **kwargs):
    """post_migrate: the search index, repaired after migrations that may have remade its tables."""
    from django.db import connections

    repair(connections[using])
