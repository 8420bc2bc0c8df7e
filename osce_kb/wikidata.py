"""Wikidata: check the records' item ids against the items' own labels, and write QuickStatements that give the
matching items the Kazakh and Russian labels and descriptions they lack, so that the curated names flow back.

The items' current labels are read from Wikidata's API (wbgetentities), or from files saved from it, for a
machine without the internet. A record whose id names an item with none of its names is a wrong id: it is
reported, and nothing is written, so that no guessed id reaches Wikidata."""

import json
import re
import urllib.error
import urllib.parse
import urllib.request

from organs.models import Organ, ParticipatingState
from people.models import Person
from timeline.models import Event

API = "https://www.wikidata.org/w/api.php"
BATCH = 50  # wbgetentities takes at most 50 ids a request
LANGUAGES = ("kk", "ru")  # the labels the curated content gives back; English ones are Wikidata's own
NAMES = ("kk", "ru", "en")


class WikidataError(Exception):
    """The items could not be read, or a record's id names an item that is not the record's."""


def linked_records():
    """Every published record with a Wikidata id."""
    collections = (
        ParticipatingState.objects.all(),
        Organ.objects.published(),
        Person.objects.published(),
        Event.objects.published(),
    )
    for queryset in collections:
        yield from queryset.exclude(wikidata_id="").order_by("pk")


def _name(record, lang):
    """The record's name (a title, for an event), as its search knows it: the label it gives an item."""
    return getattr(record, f"{record.search_name_fields[0]}_{lang}") or ""


def entities_urls(ids, api=API):
    """The wbgetentities addresses that give the labels, descriptions and aliases of `ids`."""
    ids = sorted(set(ids), key=lambda qid: int(qid[1:]))
    for start in range(0, len(ids), BATCH):
        query = {
            "action": "wbgetentities",
            "ids": "|".join(ids[start : start + BATCH]),
            "props": "labels|descriptions|aliases",
            "languages": "|".join(NAMES),
            "format": "json",
        }
        yield f"{api}?{urllib.parse.urlencode(query)}"


def read_entities(documents):
    """The items of wbgetentities (or Special:EntityData) JSON documents, by id, with the redirects they
    report as {from: to}."""
    entities, redirects = {}, {}
    for document in documents:
        if not isinstance(document, dict) or not isinstance(document.get("entities"), dict):
            raise WikidataError("This is not a Wikidata answer: it has no 'entities' object.")
        for qid, entity in document["entities"].items():
            found = entity.get("redirects") or {}
            if found.get("from"):
                redirects[found["from"]] = found["to"]
            entities[entity.get("id", qid)] = entity
    return entities, redirects


def fetch_entities(ids, api=API, timeout=30):
    """The items `ids` as Wikidata's API gives them now."""
    documents = []
    for url in entities_urls(ids, api):
        request = urllib.request.Request(url, headers={"User-Agent": "osce-kb export_kb (QuickStatements)"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                documents.append(json.load(answer))
        except (OSError, ValueError) as error:
            raise WikidataError(
                f"Wikidata could not be read ({error}). Save the answers of these addresses and give them with "
                f"--entities: {' '.join(entities_urls(ids, api))}"
            ) from error
    return documents


def _terms(entity, kind):
    return {lang: term.get("value", "") for lang, term in (entity.get(kind) or {}).items()}


def _fold(text):
    return " ".join(text.split()).casefold()


def _item_names(entity):
    names = {_fold(value) for value in _terms(entity, "labels").values()}
    for aliases in (entity.get("aliases") or {}).values():
        names |= {_fold(alias.get("value", "")) for alias in aliases}
    return names - {""}


def _own_names(record):
    """Every name the record goes by (a body's acronym too), in each language, folded."""
    names = {getattr(record, f"{field}_{lang}") or "" for field in record.search_name_fields for lang in NAMES}
    return {_fold(name) for name in names} - {""}


def check(records, entities, redirects):
    """The problems of `records` against the items: an id Wikidata does not know, one that now redirects, or one
    whose item bears none of the record's names in any language."""
    problems = []
    for record in records:
        qid, label = record.wikidata_id, f"{record._meta.verbose_name} {record.pk} ({_name(record, 'en')})"
        if qid in redirects:
            problems.append(f"{label}: {qid} now redirects to {redirects[qid]}; give the record the new id.")
            continue
        entity = entities.get(qid)
        if entity is None or "missing" in entity:
            problems.append(f"{label}: Wikidata has no item {qid}.")
            continue
        if not _own_names(record) & _item_names(entity):
            theirs = _terms(entity, "labels").get("en") or next(iter(_terms(entity, "labels").values()), "")
            problems.append(f"{label}: {qid} is “{theirs}” on Wikidata, which is none of the record's names.")
    return problems


def _description(record, lang):
    """A person's description in Wikidata's style, from the first clause of the summary ("Diplomat from Germany;
    …"): short and without the dates. Other records have none to give. Russian descriptions begin in lower case,
    as Wikidata writes them ("дипломат из Германии"); Kazakh ones begin with the country's name ("Германияның
    дипломаты") and keep its capital."""
    if not isinstance(record, Person):
        return ""
    summary = getattr(record, f"summary_{lang}") or ""
    clause = summary.split(";")[0].strip()
    if clause == summary.strip() or not 3 <= len(clause) <= 80 or "." in clause:
        return ""
    return clause[0].lower() + clause[1:] if lang == "ru" and not clause[1:2].isupper() else clause


def _quoted(text):
    # QuickStatements strings are in double quotes, with no way to write one inside, a tab or a new line.
    return None if re.search(r'["\t\r\n]', text) else f'"{text}"'


def quickstatements(records, entities):
    """The QuickStatements (version 1) lines that give each item the Kazakh and Russian label and description it
    lacks, one term a line: Q232<TAB>Lkk<TAB>"Қазақстан"."""
    for record in records:
        entity = entities[record.wikidata_id]
        labels, descriptions = _terms(entity, "labels"), _terms(entity, "descriptions")
        for lang in LANGUAGES:
            for command, theirs, ours in (
                (f"L{lang}", labels, _name(record, lang)),
                (f"D{lang}", descriptions, _description(record, lang)),
            ):
                value = _quoted(ours.strip())
                if value and ours.strip() and not theirs.get(lang):
                    yield f"{record.wikidata_id}\t{command}\t{value}"


def statements(documents=None, api=API):
    """Every linked record checked against its item, then the statements it calls for; `documents` are saved
    wbgetentities answers, else Wikidata is asked."""
    records = list(linked_records())
    if not records:
        return []
    if documents is None:
        documents = fetch_entities([record.wikidata_id for record in records], api)
    entities, redirects = read_entities(documents)
    problems = check(records, entities, redirects)
    if problems:
        raise WikidataError(
            "These Wikidata ids are not the records' items, so nothing was written:\n" + "\n".join(problems)
        )
    return list(quickstatements(records, entities))
