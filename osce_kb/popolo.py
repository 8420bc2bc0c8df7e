"""A Popolo export of this knowledge base (`export_kb --format popolo`) read back as fixtures that load_kb loads:
each record becomes the fixture object it was exported from, so that loading an export into an empty database
gives the same published records, with every check and the single transaction of load_kb.

Only the columns of the language fields (name_kk, name_ru, name_en) are read, never the plain field, which is one
of them in the export's language."""

import json

from osce_kb import partial_dates

LANGUAGES = ("kk", "ru", "en")


class PopoloError(ValueError):
    """The file is not a Popolo export this knowledge base can read."""


def _texts(record, *pairs):
    """{model_field_kk: …} for each (model field, Popolo name) pair (or a field of the same name)."""
    fields = {}
    for pair in pairs:
        field, name = pair if isinstance(pair, tuple) else (pair, pair)
        for lang in LANGUAGES:
            fields[f"{field}_{lang}"] = record.get(f"{name}_{lang}", "")
    return fields


def _date(record, name, prefix):
    """{prefix_date, prefix_precision} from an ISO 8601 date at its precision ("2004", "2004-03", "2004-03-10")."""
    text = record.get(name)
    if text is None:
        return {f"{prefix}_date": None, f"{prefix}_precision": ""}
    if not isinstance(text, str):
        raise PopoloError(f"{record.get('id')!r}: {name} must be a date such as 2004, 2004-03 or 2004-03-10.")
    try:
        value, precision = partial_dates.parse(text)
    except partial_dates.PartialDateError as exc:
        raise PopoloError(f"{record.get('id')!r}: {name}: {exc}") from None
    return {f"{prefix}_date": value.isoformat(), f"{prefix}_precision": precision}


def _ref(value):
    return [value] if value else None


def _refs(values):
    return [[value] for value in values or []]


def _sources(record):
    return [[link["id"]] for link in record.get("sources") or [] if isinstance(link, dict) and link.get("id")]


def _wikidata(record):
    found = [item.get("identifier") for item in record.get("identifiers") or [] if item.get("scheme") == "wikidata"]
    return found[0] if found else ""


def _source(record):
    return {
        "slug": record["id"],
        **_texts(record, "title", "note"),
        "author": record.get("author", ""),
        "publisher": record.get("publisher", ""),
        **_date(record, "published_date", "published"),
        "url": record.get("url", ""),
        "kind": record.get("kind"),
        "language": record.get("language", ""),
    }


def _state(record):
    return {
        "code": record["id"],
        **_texts(record, "name", "note"),
        **_date(record, "joined_date", "joined"),
        **_date(record, "left_date", "left"),
        "wikidata_id": _wikidata(record),
        "sources": _sources(record),
    }


def _organ(record):
    return {
        "slug": record["id"],
        **_texts(record, "name", "acronym", "summary", "description", "note", "seat", "meeting_schedule"),
        "kind": record.get("classification"),
        "parent": _ref(record.get("parent_id")),
        **_date(record, "founding_date", "start"),
        **_date(record, "dissolution_date", "end"),
        "closed_date_unknown": record.get("closed_date_unknown", False),
        "host_state": _ref(record.get("host_state_id")),
        "region": record.get("region", ""),
        "display_order": record.get("display_order", 100),
        "official_url": record.get("official_url", ""),
        "wikidata_id": _wikidata(record),
        "is_published": True,
        "sources": _sources(record),
    }


def _person(record):
    return {
        "slug": record["id"],
        **_texts(record, "name", "sort_name", "summary", "biography", "note"),
        "nationality": _ref(record.get("national_identity")),
        **_date(record, "birth_date", "birth"),
        **_date(record, "death_date", "death"),
        "is_published": True,
        "sources": _sources(record),
    }


def _post(record):
    return {
        "slug": record["id"],
        "organ": _ref(record.get("organization_id")),
        **_texts(record, ("title", "label"), "term_note"),
        "single_holder": record.get("single_holder", True),
        "display_order": record.get("display_order", 100),
    }


def _membership(record):
    return {
        "slug": record["id"],
        "person": _ref(record.get("person_id")),
        "post": _ref(record.get("post_id")),
        "on_behalf_of": _ref(record.get("on_behalf_of_id")),
        **_date(record, "start_date", "start"),
        **_date(record, "end_date", "end"),
        "is_current": record.get("is_current", False),
        **_texts(record, "note"),
        "sources": _sources(record),
    }


def _event(record):
    return {
        "slug": record["id"],
        **_texts(record, ("title", "name"), "summary", "description", "note", ("place", "location")),
        "kind": record.get("classification"),
        **_date(record, "start_date", "start"),
        **_date(record, "end_date", "end"),
        "organs": _refs(record.get("organization_ids")),
        "people": _refs(record.get("attendee_ids")),
        "states": _refs(record.get("state_ids")),
        "wikidata_id": _wikidata(record),
        "is_published": True,
        "sources": _sources(record),
    }


# Popolo collection -> (model, how a record becomes that model's fixture fields), in the order load_kb needs.
COLLECTIONS = {
    "sources": ("osce_kb.source", _source),
    "areas": ("organs.participatingstate", _state),
    "organizations": ("organs.organ", _organ),
    "persons": ("people.person", _person),
    "posts": ("people.post", _post),
    "memberships": ("people.tenure", _membership),
    "events": ("timeline.event", _event),
}


def fixture_objects(document):
    """The fixture objects (Django's JSON, natural keys) of a Popolo export; PopoloError when it is not one."""
    if not isinstance(document, dict) or not document.keys() & COLLECTIONS.keys():
        raise PopoloError(f"A Popolo export is a JSON object with the collections {', '.join(COLLECTIONS)}.")
    objects = []
    for name, (model, fields_of) in COLLECTIONS.items():
        records = document.get(name, [])
        if not isinstance(records, list):
            raise PopoloError(f"{name} must be a list of records.")
        for position, record in enumerate(records, 1):
            if not isinstance(record, dict) or not isinstance(record.get("id"), str) or not record["id"]:
                raise PopoloError(f"{name} #{position} is not a record with an id.")
            try:
                objects.append({"model": model, "fields": fields_of(record)})
            except (AttributeError, TypeError) as exc:
                raise PopoloError(f"{name} {record['id']!r}: a field has the wrong type ({exc}).") from None
    return objects


def read(path):
    """The fixture objects of the Popolo export in the file `path`."""
    try:
        with open(path, encoding="utf-8") as file:
            document = json.load(file)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PopoloError(f"{path} cannot be read as JSON: {exc}") from None
    return fixture_objects(document)
