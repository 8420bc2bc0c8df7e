"""Finding `Searchable` records by their folded text, alike on SQLite and PostgreSQL, through an index.

A query matches a record when every word of the folded query begins a word of the record's folded text:
"Назарбаев" finds "Назарбаевтың" and "Nazarbayev's" (Kazakh and Russian add their endings after the stem),
not a fragment from inside a word. A word index with statistics serves that, where a substring condition
cannot be estimated and made PostgreSQL read every row of a common word:

- PostgreSQL: full-text search with the 'simple' configuration (no stemming, no stop words: the text is
  folded already) and prefix queries, on GIN expression indexes over the folded name and the folded text
  (osce_kb/migrations/0007_search_full_text_indexes). The planner knows from the indexes' statistics how
  common each word is, so a common word is read in primary-key order until enough rows match.
- SQLite: an FTS5 table per searchable table over the same two columns, kept in sync by triggers
  (`osce_kb.search_index`), queried with prefix queries.

A name is found also when misspelled by a letter: PostgreSQL compares trigrams (pg_trgm's word similarity,
served by a GIN trigram index on the folded name); SQLite calls `kb_near`, the Python function
`folding.near` registered on every new connection, which allows one edit. Either forgives a misspelling only
in a word of five letters or more, each word of the query on its own.
"""

from django.db import connection
from django.db.models import BooleanField, F, Func, Q, Value
from django.db.models.expressions import RawSQL

from osce_kb import folding
from osce_kb.search_index import fts_table

# pg_trgm's word similarity from which a name is taken for a misspelling of the query. Its default, 0.6,
# forgives a wrong letter in the middle of a name of seven letters or more; 0.5 does so from five letters.
WORD_SIMILARITY_THRESHOLD = 0.5
NOTHING = Q(pk__in=[])


class NearWord(Func):
    """SQLite: true when some word of the text (first argument) is the word (second) give or take a letter."""

    function = "kb_near"
    output_field = BooleanField()


class FullTextMatch(Func):
    """PostgreSQL: true when the folded column holds every word of the tsquery (second argument). Written as the
    expression of the column's GIN index, which the planner uses only for that exact expression."""

    template = "to_tsvector('simple'::regconfig, %(expressions)s) @@ to_tsquery('simple'::regconfig, %(query)s)"
    output_field = BooleanField()

    def __init__(self, column, query, **extra):
        super().__init__(F(column), **extra)
        self.query = query

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = super().as_sql(compiler, connection, query="%s", **extra_context)
        return sql, (*params, self.query)


def prepare_connection(sender, connection, **kwargs):
    """On each new database connection: the SQL function SQLite lacks, the threshold PostgreSQL uses."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("kb_near", 2, folding.near, deterministic=True)
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)", [str(WORD_SIMILARITY_THRESHOLD)]
            )


# No word of any language is longer; PostgreSQL refuses a tsquery word of 2,048 characters or more, and a
# word cut here is still a prefix of the word typed.
MAX_WORD_LENGTH = 100


def query_words(text):
    """The folded words of a reader's query."""
    return [word[:MAX_WORD_LENGTH] for word in folding.fold(text).split()]


def containing(model, column, words):
    """Q for rows of `model` whose folded `column` ("search_name" or "search_text") has a word beginning with
    each of the folded `words`."""
    if not words:
        return NOTHING
    if connection.vendor == "postgresql":
        # Folded words are letters and digits only, so quoting each one is all the escaping tsquery needs.
        return Q(FullTextMatch(column, " & ".join(f"'{word}':*" for word in words)))
    table = fts_table(model)
    # FTS5 syntax too: each word a quoted string, so that no word of a query is read as an operator.
    phrase = " AND ".join(f'"{word}"*' for word in words)
    return Q(pk__in=RawSQL(f'SELECT rowid FROM "{table}" WHERE "{table}" MATCH %s', [f"{column} : ({phrase})"]))


def name_near(model, words):
    """Q for rows whose folded name holds every one of the folded `words`, forgiving a letter wrong, missing,
    extra or swapped in each word long enough for that (see `folding.MISSPELLING_MIN_LENGTH`)."""
    short = [word for word in words if len(word) < folding.MISSPELLING_MIN_LENGTH]
    long = [word for word in words if len(word) >= folding.MISSPELLING_MIN_LENGTH]
    if not long:
        return NOTHING
    condition = containing(model, "search_name", short) if short else Q()
    for word in long:
        if connection.vendor == "postgresql":
            condition &= Q(search_name__trigram_word_similar=word)
        else:
            condition &= Q(NearWord(F("search_name"), Value(word)))
    return condition


def matches(model, text):
    """Q for the rows of `model` that `text` finds: each of its words in the folded text, or the name
    misspelled."""
    words = query_words(text)
    if not words:
        return NOTHING
    return containing(model, "search_text", words) | name_near(model, words)
