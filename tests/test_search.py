"""Search and the lists' text filter fold case, accents and transliteration, and forgive a misspelled name,
on SQLite and on PostgreSQL alike (the suite runs on both)."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse

from organs.models import Organ, ParticipatingState
from osce_kb.loading import load_kb
from osce_kb.models import Source
from people.models import Person
from tests.factories import make_event, make_organ, make_person, make_source, make_state, translated
from timeline.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return {
        "nazarbayev": make_person(
            slug="nursultan-nazarbayev",
            name_kk="Нұрсұлтан Назарбаев",
            name_ru="Нурсултан Назарбаев",
            name_en="Nursultan Nazarbayev",
        ),
        "haraszti": make_person(
            slug="miklos-haraszti", name_kk="Миклош Харасти", name_ru="Миклош Харасти", name_en="Miklós Haraszti"
        ),
        "vollebaek": make_person(
            slug="knut-vollebaek", name_kk="Кнут Воллебек", name_ru="Кнут Воллебек", name_en="Knut Vollebæk"
        ),
        "saudabayev": make_person(
            slug="kanat-saudabayev", name_kk="Қанат Саудабаев", name_ru="Канат Саудабаев", name_en="Kanat Saudabayev"
        ),
        "kurz": make_person(slug="sebastian-kurz", **translated("name", "Себастьян Курц", en="Sebastian Kurz")),
    }


def rows_found_by_search(client, query, kind):
    return client.get("/en/search/", {"q": query}).context["results"].get(kind, [])


def rows_found_by_filter(client, query, path):
    response = client.get(path, {"q": query})
    assert response.status_code == 200
    return list(response.context["object_list"])


def found_by_search(client, query):
    return [person.slug for person in rows_found_by_search(client, query, "people")]


def found_by_filter(client, query):
    return [person.slug for person in rows_found_by_filter(client, query, "/en/people/")]


FINDERS = [found_by_search, found_by_filter]


# People, by search and by the people list's filter


@pytest.mark.parametrize("find", FINDERS)
def test_a_lower_case_cyrillic_query_finds_a_capitalised_name(client, people, find):
    assert find(client, "назарбаев") == ["nursultan-nazarbayev"]


@pytest.mark.parametrize("find", FINDERS)
def test_a_query_without_accents_finds_an_accented_name(client, people, find):
    assert find(client, "Miklos") == ["miklos-haraszti"]


@pytest.mark.parametrize("find", FINDERS)
@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("Nazarbaev", "nursultan-nazarbayev"),
        ("Vollebaek", "knut-vollebaek"),
        ("Vollebek", "knut-vollebaek"),
        ("Harasti", "miklos-haraszti"),
        ("Qanat Saudabaev", "kanat-saudabayev"),
    ],
)
def test_a_usual_latin_spelling_finds_the_name(client, people, find, query, slug):
    assert find(client, query) == [slug]


@pytest.mark.parametrize("find", FINDERS)
def test_a_cyrillic_query_finds_a_name_written_only_in_latin(client, find):
    make_person(slug="kassym-jomart-tokayev", **translated("name", "Kassym-Jomart Tokayev"))
    assert find(client, "Қасым-Жомарт Тоқаев") == ["kassym-jomart-tokayev"]


@pytest.mark.parametrize("find", FINDERS)
def test_a_latin_query_finds_a_name_written_only_in_cyrillic(client, find):
    make_person(slug="kairat-abdrakhmanov", **translated("name", "Қайрат Әбдірахманов"))
    assert find(client, "Kairat Abdirakhmanov") == ["kairat-abdrakhmanov"]


@pytest.mark.parametrize("find", FINDERS)
@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("Nazarbaef", "nursultan-nazarbayev"),
        ("Saudabyev", "kanat-saudabayev"),
        ("Harazsti", "miklos-haraszti"),
        ("Vollebak", "knut-vollebaek"),
        ("Miklos Harazsti", "miklos-haraszti"),
    ],
)
def test_a_name_misspelled_by_one_letter_is_found(client, people, find, query, slug):
    assert find(client, query) == [slug]


@pytest.mark.parametrize("find", FINDERS)
def test_a_misspelling_is_forgiven_in_a_word_of_five_letters_but_not_of_four(client, people, find):
    assert find(client, "Kurtz") == ["sebastian-kurz"]
    assert find(client, "Kurc") == []


@pytest.mark.parametrize("find", FINDERS)
def test_the_words_of_a_query_may_come_in_any_order_but_must_all_match(client, people, find):
    assert find(client, "Haraszti Miklos") == ["miklos-haraszti"]
    assert find(client, "Nazarbayev Haraszti") == []


def test_search_lists_a_name_match_before_a_mention_in_the_text(client, people):
    make_person(slug="biographer", name_en="Anna Writer", summary_en="Wrote a life of Nazarbayev.")
    assert found_by_search(client, "nazarbaev") == ["nursultan-nazarbayev", "biographer"]


def test_a_query_of_punctuation_only_finds_nothing(client, people):
    assert found_by_search(client, "«—»") == []
    assert found_by_filter(client, "«—»") == []


# Every list's filter and every group of search results


LISTS = {
    "/en/organs/": ("organs", make_organ, "name"),
    "/en/states/": ("states", make_state, "name"),
    "/en/timeline/": ("events", make_event, "title"),
    "/en/sources/": ("sources", make_source, "title"),
    "/en/people/": ("people", make_person, "name"),
}
QUERIES = {"case": "НАЗАРБАЕВ", "transliteration": "Nazarbaev Universiteti", "misspelling": "Nazarbaef"}


def a_record_and_another(path):
    """A record of the list's kind that the queries should find, and one that they should not."""
    kind, make, field = LISTS[path]
    wanted = make(**translated(field, "Назарбаев Университеті", "Назарбаев Университет", "Nazarbayev University"))
    make(**translated(field, "Басқа", "Другое", "Other"))
    return kind, wanted


@pytest.mark.parametrize("query", QUERIES.values(), ids=QUERIES.keys())
@pytest.mark.parametrize("path", LISTS)
def test_each_list_filter_finds_a_name_whatever_its_case_script_or_misspelling(client, path, query):
    kind, wanted = a_record_and_another(path)
    assert rows_found_by_filter(client, query, path) == [wanted]


@pytest.mark.parametrize("query", QUERIES.values(), ids=QUERIES.keys())
@pytest.mark.parametrize("path", LISTS)
def test_each_group_of_search_results_finds_a_name_whatever_its_case_script_or_misspelling(client, path, query):
    kind, wanted = a_record_and_another(path)
    assert rows_found_by_search(client, query, kind) == [wanted]


def test_the_admin_search_folds_case_and_transliteration(admin_client, people):
    response = admin_client.get(reverse("admin:people_person_changelist"), {"q": "nazarbaev"})
    assert [person.slug for person in response.context["cl"].result_list] == ["nursultan-nazarbayev"]


# The folded columns


def test_a_save_folds_the_name_of_every_language_into_the_search_columns(people):
    person = people["haraszti"]
    person.refresh_from_db()
    assert person.search_name == "miklosh harasti miklosh harasti miklos haraszti"


def test_a_raw_save_as_by_load_kb_or_a_revert_folds_the_text_again(people):
    person = people["haraszti"]
    person.name_en = "Miklós Haraszti-Szabó"
    person.save_base(raw=True)
    assert "szabo" in Person.objects.get(pk=person.pk).search_name


def test_a_save_of_some_fields_stores_the_folded_text_that_follows_them(people):
    person = people["haraszti"]
    person.name_en = "Miklós Haraszti-Szabó"
    person.save(update_fields=["name_en"])
    assert "szabo" in Person.objects.get(pk=person.pk).search_name


def test_the_bundled_content_loaded_by_load_kb_is_found_by_a_lower_case_cyrillic_query(client):
    load_kb()
    assert "nursultan-nazarbayev" in found_by_search(client, "назарбаев")


MIGRATIONS = [
    ("osce_kb", "0004_search_columns", Source, make_source),
    ("organs", "0006_search_and_sort_columns", ParticipatingState, make_state),
    ("organs", "0006_search_and_sort_columns", Organ, make_organ),
    ("people", "0006_search_and_sort_columns", Person, make_person),
    ("timeline", "0004_search_columns", Event, make_event),
]
DERIVED = ["search_name", "search_text", "sort_key_kk", "sort_key_ru", "sort_key_en"]


@pytest.mark.parametrize(("app", "migration", "model", "make"), MIGRATIONS)
def test_the_data_migration_fills_the_columns_a_save_fills(app, migration, model, make):
    text = translated("summary", "Ёлка", en="Spruce") if model in (Organ, Person, Event) else {}
    row = make(**text)
    columns = [name for name in DERIVED if hasattr(row, name)]
    saved = model.objects.values(*columns).get(pk=row.pk)
    assert all(saved.values())
    model.objects.update(**dict.fromkeys(columns, ""))
    # The historical models of that migration: the code as it was then, without today's save logic.
    historical = MigrationLoader(connection).project_state((app, migration)).apps
    importlib.import_module(f"{app}.migrations.{migration}").fill(historical, None)
    assert model.objects.values(*columns).get(pk=row.pk) == saved


# Each engine's own means


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQL function is SQLite's")
def test_on_sqlite_every_connection_has_the_function_that_forgives_a_letter():
    with connection.cursor() as cursor:
        cursor.execute("SELECT kb_near('nursultan nazarbaev', 'nazarbaef'), kb_near('nursultan nazarbaev', 'nazarb')")
        assert cursor.fetchone() == (1, 0)
