"""Search across every translated field of all three languages at once.

On PostgreSQL, full-text search (the "simple" configuration: no Kazakh stemmer exists) and trigram
similarity (pg_trgm) rank the matches, so that a misspelled name still finds its person; elsewhere a plain
contains-match in every language column stands in.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, FloatField, Q, Value, When
from django.db.models.functions import Greatest

from organs.models import Organ, ParticipatingState
from osce_kb.filters import matches_text
from osce_kb.i18n import in_all_languages
from osce_kb.models import Source
from people.models import Person
from timeline.models import Event

# Below this trigram word similarity a name is not offered as a near match.
SIMILARITY_THRESHOLD = 0.45
GROUP_LIMIT = 20

# Per kind of result: the rows readers may see, the field that names a row, and the other text searched.
SEARCHABLE = {
    "organs": (Organ.objects.published, "name", ["acronym", "summary", "description"]),
    "people": (Person.objects.published, "name", ["summary", "biography"]),
    "events": (Event.objects.published, "title", ["summary", "description", "place"]),
    "states": (ParticipatingState.objects.all, "name", []),
    "sources": (Source.objects.all, "title", ["note"]),
}


def _ranked_postgresql(queryset, title, other, text):
    vector = SearchVector(*in_all_languages(title), weight="A", config="simple")
    if other:
        vector += SearchVector(*in_all_languages(*other), weight="B", config="simple")
    query = SearchQuery(text, search_type="websearch", config="simple")
    similarity = Greatest(*[TrigramWordSimilarity(text, column) for column in in_all_languages(title)])
    return (
        queryset.annotate(document=vector, similarity=similarity, rank=SearchRank(vector, query))
        # ts_rank gives a tiny positive rank even to documents that do not match: filter on the match itself.
        .filter(Q(document=query) | Q(similarity__gte=SIMILARITY_THRESHOLD) | matches_text([title, *other], text))
        .order_by("-similarity", "-rank", "pk")
    )


def _ranked_contains(queryset, title, other, text):
    in_title = Q()
    for column in in_all_languages(title):
        in_title |= Q(**{f"{column}__icontains": text})
    return (
        queryset.filter(matches_text([title, *other], text))
        .annotate(rank=Case(When(in_title, then=Value(1.0)), default=Value(0.5), output_field=FloatField()))
        .order_by("-rank", "pk")
    )


def search(text, limit=GROUP_LIMIT):
    """{kind: [rows, best first]} for `text`; empty groups are left out."""
    text = " ".join(text.split())
    if not text:
        return {}
    rank = _ranked_postgresql if connection.vendor == "postgresql" else _ranked_contains
    results = {}
    for kind, (rows, title, other) in SEARCHABLE.items():
        found = list(rank(rows(), title, other, text)[:limit])
        if found:
            results[kind] = found
    return results
