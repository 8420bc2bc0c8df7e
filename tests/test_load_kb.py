"""load_kb: ordered, all-or-nothing, idempotent, and precise about what is wrong in a bad fixture."""

import datetime
import json

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command
from django.utils import translation

from organs.models import Organ
from osce_kb.loading import MODEL_ORDER, FixtureError, bundled_fixture_files, load_kb
from osce_kb.models import Source

pytestmark = pytest.mark.django_db


def source(slug="essay", **fields):
    return {
        "model": "osce_kb.source",
        "fields": {
            "slug": slug,
            "title_kk": "Эссе",
            "title_ru": "Эссе",
            "title_en": "Essay",
            "note_kk": "",
            "note_ru": "",
            "note_en": "",
            "kind": "essay",
            **fields,
        },
    }


def organ(slug, parent=None, **fields):
    text = {
        f"{name}_{lang}": ""
        for name in ("acronym", "summary", "description", "note", "seat", "meeting_schedule")
        for lang in ("kk", "ru", "en")
    }
    return {
        "model": "organs.organ",
        "fields": {
            "slug": slug,
            "name_kk": f"{slug} kk",
            "name_ru": f"{slug} ru",
            "name_en": f"{slug} en",
            **text,
            "kind": "institution",
            "parent": [parent] if parent else None,
            "start_date": "1992-01-01",
            "start_precision": "year",
            "sources": [["essay"]],
            "is_published": True,
            **fields,
        },
    }


def write(tmp_path, name, objects):
    path = tmp_path / name
    path.write_text(json.dumps(objects, ensure_ascii=False), encoding="utf-8")
    return path


def snapshot():
    """Every row of every knowledge-base model, as data."""
    from django.apps import apps

    return {
        label: serializers.serialize("python", apps.get_model(label).objects.order_by("pk")) for label in MODEL_ORDER
    }


def test_the_bundled_fixtures_load_into_an_empty_database():
    report = load_kb()
    assert report.created["osce_kb.source"] >= 1
    assert Source.objects.filter(slug="essay-osce-and-kazakhstan").exists()


def test_a_second_load_of_the_bundled_fixtures_changes_nothing():
    load_kb()
    before = snapshot()
    report = load_kb()
    assert not report.changed_anything
    assert snapshot() == before


def test_loading_gives_the_same_rows_whatever_language_is_active():
    with translation.override("en"):
        load_kb()
    in_english = snapshot()
    with translation.override("ru"):
        report = load_kb()
    assert not report.changed_anything
    assert snapshot() == in_english


def test_objects_are_saved_in_dependency_order_across_files(tmp_path):
    organs = write(tmp_path, "a-organs.json", [organ("child", parent="top"), organ("top")])
    sources = write(tmp_path, "b-sources.json", [source()])
    load_kb([organs, sources])
    assert Organ.objects.get(slug="child").parent.slug == "top"


def test_a_changed_fixture_updates_the_existing_row_instead_of_adding_one(tmp_path):
    load_kb([write(tmp_path, "s.json", [source(title_en="Essay")])])
    report = load_kb([write(tmp_path, "s.json", [source(title_en="The essay")])])
    assert report.updated["osce_kb.source"] == 1
    assert Source.objects.get(slug="essay").title_en == "The essay"
    assert Source.objects.count() == 1


def test_a_broken_fixture_names_file_object_and_field_and_loads_nothing(tmp_path):
    good = write(tmp_path, "good.json", [source(), organ("top")])
    bad = write(tmp_path, "bad.json", [organ("broken", start_date="2005-03-01", start_precision="year")])
    with pytest.raises(FixtureError) as error:
        load_kb([good, bad])
    message = str(error.value)
    assert "bad.json" in message
    assert "object #1" in message
    assert "'broken'" in message
    assert "'start_date'" in message
    assert not Source.objects.exists()
    assert not Organ.objects.exists()


def test_a_failed_load_leaves_earlier_content_untouched(tmp_path):
    load_kb([write(tmp_path, "s.json", [source(title_en="Original")])])
    broken = [source(title_en="Changed"), organ("bad", start_date="not a date")]
    with pytest.raises(FixtureError, match="'start_date'"):
        load_kb([write(tmp_path, "s.json", broken)])
    assert Source.objects.get(slug="essay").title_en == "Original"


def test_a_reference_to_a_missing_object_names_the_field(tmp_path):
    path = write(tmp_path, "o.json", [source(), organ("orphan", parent="nowhere")])
    with pytest.raises(FixtureError, match="field 'parent'"):
        load_kb([path])


def test_a_bare_translated_field_is_refused(tmp_path):
    bare = source()
    bare["fields"]["title"] = "Essay"
    with pytest.raises(FixtureError, match="field 'title'.*title_kk, title_ru, title_en"):
        load_kb([write(tmp_path, "s.json", [bare])])


def test_a_missing_language_column_is_refused(tmp_path):
    partial = source()
    del partial["fields"]["title_ru"]
    with pytest.raises(FixtureError, match="field 'title_ru'"):
        load_kb([write(tmp_path, "s.json", [partial])])


def test_a_primary_key_in_a_fixture_is_refused(tmp_path):
    with_pk = {**source(), "pk": 7}
    with pytest.raises(FixtureError, match="natural key"):
        load_kb([write(tmp_path, "s.json", [with_pk])])


def test_invalid_json_is_reported_with_its_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[{"model": "osce_kb.source",', encoding="utf-8")
    with pytest.raises(FixtureError, match="broken.json: is not valid UTF-8 JSON"):
        load_kb([path])


def test_an_unknown_field_is_reported(tmp_path):
    with pytest.raises(FixtureError, match="field 'colour': no such field"):
        load_kb([write(tmp_path, "s.json", [source(colour="red")])])


def test_the_command_reports_failure_and_that_nothing_was_loaded(tmp_path):
    path = write(tmp_path, "s.json", [source(kind="poem")])
    with pytest.raises(CommandError, match="Nothing was loaded.*field 'kind'"):
        call_command("load_kb", str(path))
    assert not Source.objects.exists()


def test_the_command_says_when_nothing_changed(tmp_path, capsys):
    path = write(tmp_path, "s.json", [source()])
    call_command("load_kb", str(path))
    call_command("load_kb", str(path))
    assert "nothing changed" in capsys.readouterr().out


def test_every_bundled_fixture_is_a_json_list():
    for path in bundled_fixture_files():
        assert isinstance(json.loads(path.read_text(encoding="utf-8")), list), path


def test_a_missing_source_in_a_many_to_many_field_is_named(tmp_path):
    path = write(tmp_path, "o.json", [source(), organ("top", sources=[["essay"], ["no-such-source"]])])
    with pytest.raises(FixtureError, match=r"field 'sources': refers to \['no-such-source'\]"):
        load_kb([path])


def person(slug, **fields):
    text = {
        f"{name}_{lang}": "" for name in ("sort_name", "summary", "biography", "note") for lang in ("kk", "ru", "en")
    }
    names = {"name_kk": slug, "name_ru": slug, "name_en": slug}
    values = {"slug": slug, **names, **text, "nationality": None, "is_published": True, "sources": [["essay"]]}
    return {"model": "people.person", "fields": {**values, **fields}}


def post(slug, organ_slug, **fields):
    text = {f"{name}_{lang}": slug for name in ("title",) for lang in ("kk", "ru", "en")}
    text.update({f"term_note_{lang}": "" for lang in ("kk", "ru", "en")})
    return {"model": "people.post", "fields": {"slug": slug, "organ": [organ_slug], **text, **fields}}


def tenure(slug, person_slug, post_slug, **fields):
    values = {"slug": slug, "person": [person_slug], "post": [post_slug], "start_date": "2007-07-05"}
    values.update({"start_precision": "day", "note_kk": "", "note_ru": "", "note_en": "", "sources": [["essay"]]})
    return {"model": "people.tenure", "fields": {**values, **fields}}


def event(slug, **fields):
    text = {f"{name}_{lang}": "" for name in ("summary", "description", "note", "place") for lang in ("kk", "ru", "en")}
    values = {"slug": slug, "title_kk": slug, "title_ru": slug, "title_en": slug, **text, "kind": "osce_history"}
    values.update({"start_date": "2010-12-01", "start_precision": "day", "is_published": True})
    return {"model": "timeline.event", "fields": {**values, **fields}}


def test_an_unknown_record_in_an_events_many_to_many_field_stops_the_load(tmp_path):
    path = write(tmp_path, "e.json", [source(), event("astana-summit", people=[["nobody-of-that-name"]])])
    with pytest.raises(FixtureError, match=r"object #2 \(timeline.event 'astana-summit'\), field 'people': refers to"):
        load_kb([path])
    assert not Source.objects.exists()


def test_two_bodies_that_are_each_others_parent_stop_the_load(tmp_path):
    path = write(tmp_path, "o.json", [source(), organ("a", parent="b"), organ("b", parent="a")])
    with translation.override("en"), pytest.raises(FixtureError, match="field 'parent': A body cannot be placed"):
        load_kb([path])
    assert not Organ.objects.exists()


def test_a_loop_of_three_bodies_stops_the_load(tmp_path):
    path = write(tmp_path, "o.json", [source(), organ("a", parent="c"), organ("b", parent="a"), organ("c", parent="b")])
    with pytest.raises(FixtureError, match="field 'parent'"):
        load_kb([path])


def test_a_load_that_would_close_a_loop_with_bodies_already_in_the_database_stops(tmp_path):
    load_kb([write(tmp_path, "o.json", [source(), organ("a"), organ("b", parent="a")])])
    with pytest.raises(FixtureError, match="field 'parent'"):
        load_kb([write(tmp_path, "o.json", [source(), organ("a", parent="b"), organ("b", parent="a")])])
    assert Organ.objects.get(slug="a").parent is None


def test_ancestors_end_even_when_the_database_holds_a_loop():
    from tests.factories import make_organ

    a = make_organ()
    b = make_organ(parent=a)
    Organ.objects.filter(pk=a.pk).update(parent=b)
    a.refresh_from_db()
    assert [organ.pk for organ in a.ancestors()] == [b.pk]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title_en", ["Essay", "Эссе"], "must be a string, not list"),
        ("title_en", {"en": "Essay"}, "must be a string, not dict"),
        ("title_en", 1975, "must be a string, not int"),
        ("author", True, "must be a string, not bool"),
        ("title_kk", None, "may not be null"),
        ("published_date", 2004, "must be a string, not int"),
    ],
)
def test_a_value_of_the_wrong_json_type_is_refused_with_its_field(tmp_path, field, value, message):
    with translation.override("en"), pytest.raises(FixtureError, match=f"field '{field}': {message}"):
        load_kb([write(tmp_path, "s.json", [source(**{field: value})])])


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"is_published": "yes"}, "field 'is_published': must be true or false"),
        ({"display_order": "first"}, "field 'display_order': must be a whole number"),
        ({"display_order": True}, "field 'display_order': must be a whole number"),
        ({"parent": "top"}, "field 'parent': must be a natural key"),
        ({"parent": [7]}, "field 'parent': must be a natural key"),
        ({"sources": "essay"}, "field 'sources': must be a list of natural keys"),
        ({"sources": [["essay"], None]}, "field 'sources': must be a list of natural keys"),
        ({"sources": None}, "field 'sources': may not be null"),
        ({"edit_token": "6f1c1d8e-0000-4000-8000-000000000000"}, "field 'edit_token': cannot be set"),
        ({"children": [["top"]]}, "field 'children': cannot be set"),
    ],
)
def test_a_malformed_value_is_refused_with_its_field(tmp_path, fields, message):
    child = organ("child")
    child["fields"].update(fields)
    with pytest.raises(FixtureError, match=message):
        load_kb([write(tmp_path, "o.json", [source(), organ("top"), child])])


def test_a_record_without_its_kazakh_text_is_refused(tmp_path):
    with translation.override("en"), pytest.raises(FixtureError, match="field 'title_kk'"):
        load_kb([write(tmp_path, "s.json", [source(title_kk="")])])


def test_two_objects_with_one_slug_in_one_file_stop_the_load(tmp_path):
    path = write(tmp_path, "s.json", [source(title_en="First"), source(title_en="Second")])
    with pytest.raises(FixtureError, match=r"object #2.*field 'slug': 'essay' is also the slug of object #1"):
        load_kb([path])
    assert not Source.objects.exists()


def test_two_objects_with_one_slug_in_two_files_stop_the_load(tmp_path):
    first = write(tmp_path, "a.json", [source()])
    second = write(tmp_path, "b.json", [source(title_en="Other")])
    with pytest.raises(FixtureError, match="is also the slug of object #1 in .*a.json"):
        load_kb([first, second])


def test_an_object_without_its_slug_is_refused(tmp_path):
    nameless = source()
    del nameless["fields"]["slug"]
    with pytest.raises(FixtureError, match="field 'slug': missing"):
        load_kb([write(tmp_path, "s.json", [nameless])])


@pytest.mark.parametrize(
    "document",
    [
        [{"model": 5, "fields": {}}],
        [{"model": "osce_kb.source", "fields": []}],
        [{"model": "osce_kb.source", "fields": {}, "extra": 1}],
        [["osce_kb.source"]],
        {"model": "osce_kb.source"},
        [{"model": "auth.user", "fields": {"username": "intruder"}}],
    ],
)
def test_a_malformed_document_is_refused_with_its_file(tmp_path, document):
    with pytest.raises(FixtureError, match="d.json"):
        load_kb([write(tmp_path, "d.json", document)])


def test_the_command_speaks_english_whatever_the_sites_language(tmp_path):
    path = write(tmp_path, "s.json", [source(kind="poem")])
    with translation.override("kk"), pytest.raises(CommandError) as error:
        call_command("load_kb", str(path))
    assert "is not a valid choice" in str(error.value)


def test_correcting_a_tenures_start_date_changes_that_tenure_instead_of_adding_one(tmp_path):
    from people.models import Tenure

    base = [source(), organ("hcnm"), person("knut-vollebaek"), post("high-commissioner", "hcnm")]
    load_kb([write(tmp_path, "t.json", [*base, tenure("knut-vollebaek-hcnm", "knut-vollebaek", "high-commissioner")])])
    corrected = tenure("knut-vollebaek-hcnm", "knut-vollebaek", "high-commissioner", start_date="2007-07-19")
    report = load_kb([write(tmp_path, "t.json", [*base, corrected])])
    assert report.updated["people.tenure"] == 1
    assert list(Tenure.objects.values_list("start_date", flat=True)) == [datetime.date(2007, 7, 19)]


def test_each_loaded_record_is_a_revision_of_its_own(tmp_path):
    from reversion.models import Revision

    load_kb([write(tmp_path, "o.json", [source(), organ("top"), organ("child", parent="top")])])
    assert [revision.version_set.count() for revision in Revision.objects.all()] == [1, 1, 1]
