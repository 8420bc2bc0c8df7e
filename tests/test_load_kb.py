"""load_kb: ordered, all-or-nothing, idempotent, and precise about what is wrong in a bad fixture."""

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
