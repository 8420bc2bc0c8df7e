"""schema.org JSON-LD for each record's page (Person, GovernmentOrganization, Event, Country, CreativeWork, and
Role for a tenure), in the page's language, with `sameAs` to Wikidata where the record has an item, and dates at
their precision. Built from the records and the bounded lists the page already shows: no query of its own."""

from django.utils.translation import get_language

from organs.models import Organ, ParticipatingState
from osce_kb import partial_dates
from osce_kb.i18n import translated_value
from osce_kb.models import Source
from people.models import Person
from timeline.models import Event

CONTEXT = "https://schema.org"
WIKIDATA = "https://www.wikidata.org/wiki/"


def _text(obj, field):
    return translated_value(obj, field, get_language())[0]


def _date(obj, prefix):
    value = getattr(obj, f"{prefix}_date")
    return partial_dates.iso(value, getattr(obj, f"{prefix}_precision")) if value else None


def _clean(data):
    """Without the properties the record does not have (JSON-LD leaves out what is unknown)."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def _url(request, obj):
    return request.build_absolute_uri(obj.get_absolute_url())


def _same_as(obj):
    qid = getattr(obj, "wikidata_id", "")
    return WIKIDATA + qid if qid else None


def _organization(request, organ):
    return _clean({"@type": "GovernmentOrganization", "name": _text(organ, "name"), "url": _url(request, organ)})


def person(request, record, tenures=(), **lists):
    roles = [
        _clean(
            {
                "@type": "Role",
                "roleName": _text(tenure.post, "title"),
                "startDate": _date(tenure, "start"),
                "endDate": _date(tenure, "end"),
                "memberOf": _organization(request, tenure.post.organ),
            }
        )
        for tenure in tenures
    ]
    nationality = record.nationality
    return {
        "@type": "Person",
        "name": _text(record, "name"),
        "alternateName": sorted({getattr(record, f"name_{lang}") for lang in ("kk", "ru", "en")} - {""}),
        "description": _text(record, "summary"),
        "birthDate": _date(record, "birth"),
        "deathDate": _date(record, "death"),
        "nationality": _clean({"@type": "Country", "name": _text(nationality, "name")}) if nationality else None,
        "memberOf": roles,
    }


def organ(request, record, **lists):
    parent = record.parent
    return {
        "@type": "GovernmentOrganization",
        "name": _text(record, "name"),
        "alternateName": _text(record, "acronym"),
        "description": _text(record, "summary"),
        "foundingDate": _date(record, "start"),
        "dissolutionDate": _date(record, "end"),
        "location": _text(record, "seat"),
        "parentOrganization": _organization(request, parent) if parent and parent.is_published else None,
    }


def event(request, record, organs=(), **lists):
    place = _text(record, "place")
    return {
        "@type": "Event",
        "name": _text(record, "title"),
        "description": _text(record, "summary"),
        "startDate": _date(record, "start"),
        "endDate": _date(record, "end"),
        # schema.org wants a location; where the record names none, the event took place at no one place.
        "location": {"@type": "Place", "name": place} if place else {"@type": "VirtualLocation"},
        "organizer": [_organization(request, organ) for organ in organs],
    }


def state(request, record, **lists):
    return {"@type": "Country", "name": _text(record, "name"), "identifier": record.code}


def source(request, record, **lists):
    return {
        "@type": "CreativeWork",
        "name": _text(record, "title"),
        "author": record.author,
        "publisher": record.publisher,
        "datePublished": _date(record, "published"),
        "inLanguage": record.language,
        "sameAs": record.url,
    }


BUILDERS = {Person: person, Organ: organ, Event: event, ParticipatingState: state, Source: source}


def json_ld(request, record, **lists):
    """The JSON-LD object for `record`'s page; `lists` are the page's own related rows (a person's tenures, an
    event's bodies)."""
    data = BUILDERS[type(record)](request, record, **lists)
    url = _url(request, record)
    same_as = [value for value in (data.pop("sameAs", None), _same_as(record)) if value]
    return {"@context": CONTEXT, "@id": url, "url": url, **_clean(data), **({"sameAs": same_as} if same_as else {})}
