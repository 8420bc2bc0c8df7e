"""Finding `Searchable` records by their folded text, alike on SQLite and PostgreSQL.

A query matches a record when every word of the folded query occurs in the record's folded text. A name is
found also when misspelled by a letter: PostgreSQL compares trigrams (pg_trgm's word similarity, served by
a GIN index on the folded name); SQLite calls `kb_near`, the Python function `folding.near` registered on
every new connection, which allows one edit. Either forgives a misspelling only in a word of five letters or
more, each word of the query on its own.
"""

from django.db import connection
from django.db.models import BooleanField, Case, F, Func, Q, Value, When

from osce_kb import folding

# pg_trgm's word similarity from which a name is taken for a misspelling of the query. Its default, 0.6,
# forgives a wrong letter in the middle of a name of seven letters or more; 0.5 does so from five letters.
WORD_SIMILARITY_THRESHOLD = 0.5
NOTHING = Q(pk__in=[])


class NearWord(Func):
    """SQLite: true when some word of the text (first argument) is the word (second) give or take a letter."""

    function = "kb_near"
    output_field = BooleanField()


def prepare_connection(sender, connection, **kwargs):
    """On each new database connection: the SQL function SQLite lacks, the threshold PostgreSQL uses."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("kb_near", 2, folding.near, deterministic=True)
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)", [str(WORD_SIMILARITY_THRESHOLD)]
            )


def containing(column, words):
    """Q for rows whose folded `column` holds every one of the folded `words`."""
    condition = Q()
    for word in words:
        condition &= Q(**{f"{column}__contains": word})
    return condition


def name_near(query):
    """Q for rows whose folded name holds every word of the folded `query`, forgiving a letter wrong,
    missing, extra or swapped in each word long enough for that (see `folding.MISSPELLING_MIN_LENGTH`)."""
    words = query.split()
    if not any(len(word) >= folding.MISSPELLING_MIN_LENGTH for word in words):
        return NOTHING
    condition = Q()
    for word in words:
        if len(word) < folding.MISSPELLING_MIN_LENGTH:
            condition &= Q(search_name__contains=word)
        elif connection.vendor == "postgresql":
            condition &= Q(search_name__trigram_word_similar=word)
        else:
            condition &= Q(NearWord(F("search_name"), Value(word)))
    return condition


def matches(text):
    """Q for the rows `text` finds: each of its words in the folded text, or the name misspelled."""
    query = folding.fold(text)
    if not query:
        return NOTHING
    return containing("search_text", query.split()) | name_near(query)


def relevance(text):
    """How well a row `matches(text)`: 2 when its name holds every word, 1 when the rest of its text does,
    0 when only a misspelling of its name matched."""
    words = folding.fold(text).split()
    return Case(
        When(containing("search_name", words), then=Value(2)),
        When(containing("search_text", words), then=Value(1)),
        default=Value(0),
    )
