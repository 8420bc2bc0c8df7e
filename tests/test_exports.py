"""The exports: a Popolo JSON document that validates against the Popolo schemas kept in tests/popolo/ and loads
back into an empty database as the same records; CSV and JSON-LD; dates at their precision and no draft in any
of them; and memory that does not grow with the data."""

import csv
import datetime
import io
import json
import os
import tracemalloc
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from osce_kb import exporting
from osce_kb.dumping import dump_kb
from osce_kb.loading import load_kb
from people.models import Person
from tests.factories import make_event, make_organ, make_person, make_post, make_source, make_state, make_tenure
from timeline.models import Event

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "popolo"
SCHEMA_OF = {
    "areas": "area",
    "organizations": "organization",
    "persons": "person",
    "posts": "post",
    "memberships": "membership",
    "events": "event",
}


def validators():
    resources = [Resource.from_contents(json.loads(path.read_text())) for path in SCHEMAS.glob("*.json")]
    registry = Registry().with_resources((resource.id(), resource) for resource in resources)
    return {
        name: Draft202012Validator(
            registry.contents(f"https://www.popoloproject.com/schemas/{schema}.json"),
            registry=registry,
            format_checker=FormatChecker(),
        )
        for name, schema in SCHEMA_OF.items()
    }


def popolo(lang="kk"):
    out = io.StringIO()
    exporting.write_popolo(out, "https://kb.example.org", lang)
    return json.loads(out.getvalue())


def test_the_schemas_are_the_popolo_ones_and_refuse_what_popolo_refuses():
    check = validators()
    assert not check["persons"].is_valid({"id": "x", "name": "X", "birth_date": "10 March 2004"})
    assert not check["memberships"].is_valid({"id": "x"})
    assert not check["posts"].is_valid({"id": "x", "label": "X", "organization_id": "o"})
    assert not check["organizations"].is_valid({"id": "x", "name": "X", "parent_id": None})
    assert not check["persons"].is_valid({"id": "x", "name": "X", "sources": [{"note": "no url"}]})
    assert check["persons"].is_valid(
        {"id": "x", "name": "X", "birth_date": "2004-03", "sources": [{"url": "https://x.org/"}]}
    )


@pytest.fixture
def bundled(db):
    load_kb()


def test_the_popolo_export_of_the_bundled_content_validates(bundled):
    document = popolo()
    check = validators()
    for name, records in document.items():
        assert records, name
        if name in check:
            for record in records:
                errors = [error.message for error in check[name].iter_errors(record)]
                assert not errors, (name, record["id"], errors)
    assert len(document["events"]) == Event.objects.published().count()


def test_loading_the_popolo_export_into_an_empty_database_reproduces_every_record(tmp_path):
    exported, before, after = tmp_path / "kb.popolo.json", tmp_path / "before", tmp_path / "after"
    with transaction.atomic():
        load_kb()
        call_command("export_kb", "--format", "popolo", str(exported), "--lang", "ru")
        dump_kb(before)
        transaction.set_rollback(True)
    assert not Event.objects.exists()
    call_command("load_kb", "--popolo", str(exported), stdout=io.StringIO())
    dump_kb(after)
    for path in sorted(before.iterdir()):
        assert (after / path.name).read_text() == path.read_text(), path.name
    # And a second load of the same export changes nothing.
    out = io.StringIO()
    call_command("load_kb", "--popolo", str(exported), stdout=out)
    assert "nothing changed" in out.getvalue()


@pytest.fixture
def with_drafts(db):
    kz = make_state(code="KZ", joined_date=None)
    shown = make_organ(slug="shown-body", start_date=datetime.date(1998, 7, 1), start_precision="month")
    hidden = make_organ(slug="draft-body", is_published=False)
    person = make_person(slug="shown-person", nationality=kz)
    draft = make_person(slug="draft-person", is_published=False)
    make_tenure(
        person=person, post=make_post(slug="shown-post", organ=shown), start=(2004, 1, 1), start_precision="year"
    )
    make_tenure(person=draft, post=make_post(organ=shown))
    make_tenure(person=person, post=make_post(slug="post-of-draft", organ=hidden))
    event = make_event(slug="shown-event", start=(2010, 12, 1), end=(2010, 12, 2), end_precision="day")
    event.people.add(person, draft)
    event.organs.add(shown, hidden)
    make_event(slug="draft-event", is_published=False)
    make_source(slug="paper")


def everything_exported(tmp_path):
    texts = {"popolo": json.dumps(popolo(), ensure_ascii=False)}
    out = io.StringIO()
    exporting.write_jsonld(out, "https://kb.example.org", "en")
    texts["jsonld"] = out.getvalue()
    for path in exporting.write_csv(tmp_path / "csv", "https://kb.example.org", "en"):
        texts[path.name] = path.read_text(encoding="utf-8")
    return texts


def test_no_draft_is_in_any_export(with_drafts, tmp_path):
    for name, text in everything_exported(tmp_path).items():
        assert "draft" not in text, name
        assert "post-of-draft" not in text, name


def test_every_export_keeps_each_dates_precision(with_drafts, tmp_path):
    document = popolo()
    (organ,) = [record for record in document["organizations"] if record["id"] == "shown-body"]
    assert organ["founding_date"] == "1998-07"
    (membership,) = document["memberships"]
    assert membership["start_date"] == "2004"
    graph = json.loads(everything_exported(tmp_path)["jsonld"])["@graph"]
    (event,) = [node for node in graph if node["@type"] == "Event"]
    assert (event["startDate"], event["endDate"]) == ("2010-12-01", "2010-12-02")
    with (tmp_path / "csv" / "memberships.csv").open(encoding="utf-8") as file:
        (row,) = csv.DictReader(file)
    assert row["start_date"] == "2004" and row["end_date"] == ""
    with (tmp_path / "csv" / "events.csv").open(encoding="utf-8") as file:
        (row,) = csv.DictReader(file)
    assert row["attendee_ids"] == "shown-person" and row["organization_ids"] == "shown-body"


@pytest.mark.parametrize(
    "content, message",
    [
        ("not json", "cannot be read as JSON"),
        ("[]", "A Popolo export is a JSON object"),
        ('{"persons": {}}', "persons must be a list"),
        ('{"persons": [{"name": "No id"}]}', "persons #1 is not a record with an id"),
        ('{"persons": [{"id": "x", "birth_date": "10 March 2004"}]}', "is not a date"),
        ('{"persons": [{"id": "x", "birth_date": 2004}]}', "must be a date"),
        ('{"persons": [{"id": "x", "name_kk": "X", "name_ru": "X", "name_en": "X", "national_identity": "ZZ"}]}', "ZZ"),
        ('{"memberships": [{"id": "x", "person_id": "nobody", "post_id": "none", "start_date": "2004"}]}', "nobody"),
    ],
)
def test_a_bad_popolo_file_loads_nothing_and_says_why(tmp_path, content, message):
    make_person(slug="already-here")
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("load_kb", "--popolo", str(path), stdout=io.StringIO())
    assert "Nothing was loaded." in str(error.value) and message in str(error.value)
    assert [person.slug for person in Person.objects.all()] == ["already-here"]


def test_the_export_command_refuses_what_it_cannot_do(tmp_path):
    with pytest.raises(CommandError, match="give the directory"):
        call_command("export_kb", "--format", "csv")
    with pytest.raises(CommandError, match="--base-url must be an address"):
        call_command("export_kb", "--format", "popolo", "--base-url", "kb.example.org", str(tmp_path / "x.json"))


def peak_memory_of_an_export(events):
    for _ in range(events):
        make_event()
    tracemalloc.start()
    with open(os.devnull, "w", encoding="utf-8") as out:
        exporting.write_popolo(out, "https://kb.example.org", "en")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def test_an_export_is_written_in_constant_memory(db):
    # Both exports read several chunks of exporting.CHUNK rows; the second has five times the rows of the first.
    small = peak_memory_of_an_export(3 * exporting.CHUNK)
    large = peak_memory_of_an_export(12 * exporting.CHUNK)
    assert large < 1.3 * small, (small, large)
