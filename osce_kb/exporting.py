"""The whole published knowledge base as open data, written in constant memory: a Popolo JSON document (the API's
records, every collection in one file), CSV (one file per collection) or JSON-LD (schema.org, one graph).

The records are the API's, built by its serializers from its viewsets' querysets, so that an export and the API
always agree; rows are read in chunks, and written as they are read."""

import csv
import gc
import json
from pathlib import Path

from django.db.models import Prefetch
from django.utils import translation

from organs.api import OrganViewSet, StateViewSet
from osce_kb import structured_data
from osce_kb.api import SourceViewSet
from osce_kb.rest import csv_rows
from people.api import MembershipViewSet, PersonViewSet, PostViewSet
from people.models import Tenure
from timeline.api import EventViewSet

# The collections of a Popolo export, in the order a load needs them (what a record refers to comes first).
COLLECTIONS = {
    "sources": SourceViewSet,
    "areas": StateViewSet,
    "organizations": OrganViewSet,
    "persons": PersonViewSet,
    "posts": PostViewSet,
    "memberships": MembershipViewSet,
    "events": EventViewSet,
}
CHUNK = 200


class _Site:
    """What the serializers ask of a request: the absolute address of a path, here on the site's base URL."""

    def __init__(self, base_url):
        self.base_url = base_url.rstrip("/")

    def build_absolute_uri(self, path):
        return self.base_url + path


def _request(base_url):
    return _Site(base_url)


def records(name, request):
    """The records of one collection, as the API gives them, read CHUNK rows at a time."""
    viewset = COLLECTIONS[name]
    serializer_class = viewset.serializer_class
    context = {"request": request}
    for position, row in enumerate(viewset().get_queryset().iterator(chunk_size=CHUNK), 1):
        yield serializer_class(row, context=context).data
        if position % CHUNK == 0:
            # django-modeltranslation makes a class for every queryset a related manager gives, freed only by
            # the cycle collector: collected here, once a chunk, the export's memory stays that of one chunk.
            gc.collect()


def write_popolo(out, base_url, lang):
    """One JSON object of Popolo collections (participating States as areas), written record by record."""
    request = _request(base_url)
    with translation.override(lang):
        out.write("{")
        for index, name in enumerate(COLLECTIONS):
            out.write(f'{"," if index else ""}\n"{name}": [')
            for position, record in enumerate(records(name, request)):
                # Popolo leaves out what is not known rather than writing null.
                known = {key: value for key, value in record.items() if value is not None}
                out.write(("," if position else "") + "\n" + json.dumps(known, ensure_ascii=False))
            out.write("\n]")
        out.write("\n}\n")


def write_csv(directory, base_url, lang):
    """One CSV file per collection in `directory`; returns the paths written."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    request, written = _request(base_url), []
    with translation.override(lang):
        for name in COLLECTIONS:
            path = directory / f"{name}.csv"
            with path.open("w", encoding="utf-8", newline="") as out:
                header = list(COLLECTIONS[name].serializer_class(context={"request": request}).fields)
                csv.writer(out).writerows(csv_rows(header, records(name, request)))
            written.append(path)
    return written


def write_jsonld(out, base_url, lang):
    """One JSON-LD document: the schema.org object of every published record's page, as one @graph."""
    request = _request(base_url)
    with translation.override(lang):
        out.write('{"@context": "' + structured_data.CONTEXT + '", "@graph": [')
        first = True
        for name in ("areas", "organizations", "persons", "events", "sources"):
            queryset = COLLECTIONS[name]().get_queryset()
            if name == "persons":
                tenures = Tenure.objects.public().select_related("post__organ").in_order()
                queryset = queryset.prefetch_related(Prefetch("tenures", queryset=tenures))
            for record in queryset.iterator(chunk_size=CHUNK):
                lists = {"tenures": record.tenures.all()} if name == "persons" else {}
                if name == "events":
                    lists["organs"] = record.organs.all()
                data = structured_data.json_ld(request, record, **lists)
                data.pop("@context")
                out.write(("" if first else ",") + "\n" + json.dumps(data, ensure_ascii=False))
                first = False
        out.write("\n]}\n")
