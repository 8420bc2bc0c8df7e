"""`dump_kb` backs up the whole knowledge base as fixtures that `load_kb` restores exactly."""

import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from reversion.models import Revision, Version

from osce_kb.dumping import dump_kb, fixture_fields
from osce_kb.loading import MODEL_ORDER, load_kb
from tests.factories import make_event, make_organ, make_person, make_source, translated

pytestmark = pytest.mark.django_db


def natural(obj):
    return list(obj.natural_key()) if obj is not None else None


def contents():
    """Every column of every row of every knowledge-base model, by natural key, references as natural keys;
    all but the primary keys and the edit tokens, which a restore renews. A text column that holds NULL (a
    language a record was created without) is read as "", as everywhere on the site: no text."""
    everything = {}
    for label in MODEL_ORDER:
        model = apps.get_model(label)
        rows = {}
        for obj in model._base_manager.all():
            row = {}
            for field in model._meta.concrete_fields:
                # What only this database knows: the edit token and when each row was recorded and changed here.
                if field.primary_key or field.name in ("edit_token", "created_at", "updated_at"):
                    continue
                value = natural(getattr(obj, field.name)) if field.is_relation else field.value_from_object(obj)
                if value is None and isinstance(field, models.CharField | models.TextField):
                    value = ""
                row[field.name] = value
            for field in model._meta.many_to_many:
                row[field.name] = sorted(natural(related) for related in getattr(obj, field.name).all())
            rows[tuple(obj.natural_key())] = row
        everything[label] = rows
    return everything


def empty_the_knowledge_base():
    # A body's parent is protected from deletion; everything goes here, so the tree is cut first.
    apps.get_model("organs.organ")._base_manager.update(parent=None)
    for label in reversed(MODEL_ORDER):
        apps.get_model(label)._base_manager.all().delete()
    Version.objects.all().delete()
    Revision.objects.all().delete()


@pytest.fixture
def knowledge_base():
    """The bundled content, and records it does not have: a draft, empty translations, an open tenure."""
    load_kb()
    source = make_source(**translated("title", "Жоба", "Черновик", ""))
    organ = make_organ(is_published=False, parent=apps.get_model("organs.organ").objects.first())
    organ.sources.add(source)
    person = make_person(is_published=False, **translated("summary", "Қысқаша", "", "In short"))
    event = make_event(start=(2011, 5, 1), start_precision="month", is_published=False)
    event.organs.add(organ)
    event.people.add(person)


def test_loading_a_dump_into_an_empty_database_reproduces_every_row_and_translation(knowledge_base, tmp_path):
    before = contents()
    files = dump_kb(tmp_path)
    empty_the_knowledge_base()
    load_kb(files)
    assert contents() == before


def test_each_record_of_a_restored_dump_has_its_latest_state_as_the_latest_version(knowledge_base, tmp_path):
    files = dump_kb(tmp_path)
    empty_the_knowledge_base()
    load_kb(files)
    for label in MODEL_ORDER:
        model = apps.get_model(label)
        fields = [model._meta.get_field(name) for name in fixture_fields(model)]
        columns = [field.attname for field in fields if not field.many_to_many]
        for obj in model._base_manager.all():
            latest = Version.objects.get_for_object(obj).first()._local_field_dict
            assert {name: latest[name] for name in columns} == {name: getattr(obj, name) for name in columns}


def test_a_dump_sets_every_language_column_and_never_a_bare_translated_field(knowledge_base, tmp_path):
    dump_kb(tmp_path)
    organs = json.loads((tmp_path / "03-organs.organ.json").read_text(encoding="utf-8"))
    assert {"name_kk", "name_ru", "name_en", "summary_en"} <= set(organs[0]["fields"])
    assert not {"name", "summary", "edit_token", "id", "search_text"} & set(organs[0]["fields"])
    assert "pk" not in organs[0]


def test_a_dump_refers_to_records_by_their_natural_keys(knowledge_base, tmp_path):
    dump_kb(tmp_path)
    tenure = json.loads((tmp_path / "06-people.tenure.json").read_text(encoding="utf-8"))[0]["fields"]
    assert isinstance(tenure["slug"], str) and tenure["slug"]
    assert isinstance(tenure["person"], list) and isinstance(tenure["person"][0], str)
    assert all(isinstance(key, list) for key in tenure["sources"])


def test_loading_a_dump_of_the_bundled_content_into_the_database_it_came_from_changes_nothing(tmp_path):
    load_kb()
    report = load_kb(dump_kb(tmp_path))
    assert not report.changed_anything


def test_the_command_writes_the_dump_into_the_directory_given(knowledge_base, tmp_path, capsys):
    call_command("dump_kb", str(tmp_path / "backup"))
    assert sorted(path.name for path in (tmp_path / "backup").iterdir()) == [
        f"{number:02d}-{label}.json" for number, label in enumerate(MODEL_ORDER, start=1)
    ]
    assert "written to" in capsys.readouterr().out
