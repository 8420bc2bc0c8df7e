"""Search across every searched field of all three languages at once, whatever the case, accents or script
of the query, forgiving a name misspelled by a letter (see `osce_kb.matching`).

Each kind of record is searched by at most three small queries, each served by an index and limited to the
rows still wanted: records whose name holds every word, then records whose text does, then records whose
name is a misspelling of the query. No query ranks or sorts every match, so that a word found in most
records costs as little as a rare one. The whole search has a time budget (settings.SEARCH_TIME_BUDGET_MS); a search
that runs out of it shows the results found so far.
"""

import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.db import OperationalError, connections, router, transaction
from django.utils.translation import get_language

from organs.models import Organ, ParticipatingState
from osce_kb.i18n import translated_value
from osce_kb.matching import containing, name_near, query_words
from osce_kb.models import Source
from people.models import Person
from timeline.models import Event

GROUP_LIMIT = 20

# Per kind of result: the rows readers may see.
SEARCHABLE = {
    "organs": Organ.objects.published,
    "people": Person.objects.published,
    "events": Event.objects.published,
    "states": ParticipatingState.objects.all,
    "sources": Source.objects.all,
}
# The SQLSTATE of a statement cancelled by statement_timeout.
QUERY_CANCELED = "57014"
# SQLite calls the progress handler every this many virtual machine instructions (a few microseconds).
PROGRESS_STEPS = 1000


@dataclass
class Results:
    """{kind: [rows, best first]}, empty groups left out; `complete` is false when the time budget ran out
    before every group was searched."""

    groups: dict = field(default_factory=dict)
    complete: bool = True


@dataclass
class Budget:
    deadline: float
    ran_out: bool = False

    def spent(self):
        return time.monotonic() >= self.deadline


@contextmanager
def time_budget(alias, milliseconds):
    """Runs the block's queries on database `alias` for about `milliseconds`: a query still running at the
    deadline is cancelled, and the block ends there with `budget.ran_out` set, instead of raising.

    PostgreSQL cancels each statement after the budget (a SET LOCAL, undone when the block's transaction ends);
    SQLite's progress handler interrupts a statement past the deadline."""
    connection = connections[alias]
    budget = Budget(deadline=time.monotonic() + milliseconds / 1000)
    try:
        if connection.vendor == "postgresql":
            nested = connection.in_atomic_block
            with transaction.atomic(using=alias):
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT current_setting('statement_timeout'), set_config('statement_timeout', %s, true)",
                        [str(milliseconds)],
                    )
                    previous = cursor.fetchone()[0]
                yield budget
                if nested:
                    # Inside an outer transaction, SET LOCAL would outlast the block.
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT set_config('statement_timeout', %s, true)", [previous])
        elif connection.vendor == "sqlite":
            connection.ensure_connection()
            connection.connection.set_progress_handler(budget.spent, PROGRESS_STEPS)
            try:
                yield budget
            finally:
                connection.connection.set_progress_handler(None, 0)
        else:
            yield budget
    except OperationalError as error:
        if not _cancelled_by_budget(error, budget):
            raise
        budget.ran_out = True


def _cancelled_by_budget(error, budget):
    # psycopg names the SQLSTATE sqlstate, psycopg2 pgcode.
    cause = error.__cause__
    if QUERY_CANCELED in (getattr(cause, "sqlstate", None), getattr(cause, "pgcode", None)):
        return True
    return "interrupted" in str(error) and budget.spent()


def _by_pk(rows):
    return sorted(rows, key=lambda row: row.pk)


def _best_first(rows, words, limit):
    """Up to `limit` rows: those whose name holds every word, then whose text does, then whose name is a
    misspelling of the query; the later queries run only while rows are still wanted.

    No query has an ORDER BY: to sort its matches PostgreSQL would either read every one of them (a common
    word: most of the table) or walk the primary key hoping to meet them (a rare word: the whole table). It
    stops at the limit instead, reading a common word's rows as they come and a rare word's through its index;
    each batch is then shown in primary-key order."""
    model = rows.model
    found = _by_pk(rows.filter(containing(model, "search_name", words)).order_by()[:limit])
    for condition in (containing(model, "search_text", words), name_near(model, words)):
        if len(found) >= limit:
            break
        more = rows.filter(condition).exclude(pk__in=[row.pk for row in found]).order_by()
        found += _by_pk(more[: limit - len(found)])
    return found


def search(text, limit=GROUP_LIMIT):
    """The `Results` for `text`."""
    words = query_words(text)
    results = Results()
    if not words:
        return results
    # Every kind is read from the database the router gives readers (a replica for anonymous visitors).
    alias = router.db_for_read(Event)
    with time_budget(alias, settings.SEARCH_TIME_BUDGET_MS) as budget:
        for kind, rows in SEARCHABLE.items():
            if budget.spent():
                budget.ran_out = True
                break
            found = _best_first(rows().using(alias), words, limit)
            if found:
                results.groups[kind] = found
    results.complete = not budget.ran_out
    return results


def suggestions(text, limit):
    """What the search box offers as `text` is typed: up to `limit` records of any kind whose name holds a word
    beginning with each word typed, as [{"value", "label"}] named in the active language. One indexed query a
    kind, under the search's time budget; nothing for fewer than two letters."""
    words = query_words(text)
    if len("".join(words)) < 2:
        return []
    lang, found = get_language(), []
    alias = router.db_for_read(Event)
    with time_budget(alias, settings.SEARCH_TIME_BUDGET_MS) as budget:
        for rows in SEARCHABLE.values():
            if len(found) >= limit or budget.spent():
                break
            model = rows().model
            matched = rows().using(alias).filter(containing(model, "search_name", words)).order_by()
            name = model.search_name_fields[0]
            found += [translated_value(row, name, lang)[0] for row in _by_pk(matched[: limit - len(found)])]
    return [{"value": name, "label": name} for name in dict.fromkeys(found) if name]
