"""Search across every searched field of all three languages at once, whatever the case, accents or script
of the query, forgiving a name misspelled by a letter (see `osce_kb.matching`)."""

from organs.models import Organ, ParticipatingState
from osce_kb import folding
from osce_kb.matching import matches, relevance
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


def search(text, limit=GROUP_LIMIT):
    """{kind: [rows, best first]} for `text`; empty groups are left out."""
    if not folding.fold(text):
        return {}
    results = {}
    for kind, rows in SEARCHABLE.items():
        found = list(rows().filter(matches(text)).annotate(rank=relevance(text)).order_by("-rank", "pk")[:limit])
        if found:
            results[kind] = found
    return results
