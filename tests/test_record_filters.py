"""Filters by one record of a large table (a person, a body, a post): a text field that takes a slug or a name,
with suggestions from a JSON endpoint, instead of a <select> of every row."""

import json

import pytest

from tests.factories import make_event, make_organ, make_person, make_post, make_tenure

pytestmark = pytest.mark.django_db


@pytest.fixture
def haraszti():
    person = make_person(
        slug="miklos-haraszti", name_kk="Миклош Харасти", name_ru="Миклош Харасти", name_en="Miklós Haraszti"
    )
    event = make_event(slug="rfom-report")
    event.people.add(person)
    make_event(slug="someone-elses-event").people.add(make_person(slug="freimut-duve", name_en="Freimut Duve"))
    return person


def suggestions(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200
    return json.loads(response.content)["results"]


@pytest.mark.parametrize(
    ("lang", "label"), [("kk", "Миклош Харасти"), ("ru", "Миклош Харасти"), ("en", "Miklós Haraszti")]
)
def test_a_person_is_suggested_by_name_in_the_language_of_the_address(client, haraszti, lang, label):
    assert suggestions(client, f"/{lang}/autocomplete/people/", q="haras") == [{"value": label, "label": label}]


def test_a_name_typed_in_another_script_is_suggested_too(client, haraszti):
    assert [item["label"] for item in suggestions(client, "/en/autocomplete/people/", q="Харасти")] == [
        "Miklós Haraszti"
    ]


def test_a_draft_is_never_suggested(client):
    make_person(slug="draft", name_en="Hidden Draftperson", is_published=False)
    assert suggestions(client, "/en/autocomplete/people/", q="Draftperson") == []


def test_at_most_ten_people_are_suggested(client):
    for n in range(15):
        make_person(name_en=f"Aigerim Nurlanova {n}")
    assert len(suggestions(client, "/en/autocomplete/people/", q="Nurlanova")) == 10


def test_two_people_whose_names_read_alike_are_suggested_by_their_slugs(client):
    make_person(slug="john-smith-1", name_en="John Smith")
    make_person(slug="john-smith-2", name_en="John Smith")
    values = sorted(item["value"] for item in suggestions(client, "/en/autocomplete/people/", q="Smith"))
    assert values == ["john-smith-1", "john-smith-2"]


def test_a_post_is_suggested_with_its_body_and_a_draft_bodys_posts_are_not(client):
    odihr = make_organ(slug="odihr", name_en="Office for Democratic Institutions and Human Rights", acronym_en="ODIHR")
    make_post(slug="odihr-director", organ=odihr, title_en="Director")
    make_post(slug="secret-director", organ=make_organ(is_published=False), title_en="Director")
    labels = [item["label"] for item in suggestions(client, "/en/autocomplete/posts/", q="Director")]
    assert labels == ["Director (Office for Democratic Institutions and Human Rights)"]


def test_a_query_of_one_letter_suggests_nothing(client, haraszti):
    assert suggestions(client, "/en/autocomplete/people/", q="h") == []


def test_a_text_longer_than_any_name_is_refused_with_a_reason_in_the_language_of_the_address(client):
    response = client.get("/ru/autocomplete/organs/", {"q": "x" * 10_000})
    assert response.status_code == 400
    assert json.loads(response.content)["error"] == (
        "Текст слишком длинный или содержит символ, которого не бывает в названиях."
    )


@pytest.mark.parametrize("q", ["\x00", "Har\x00asti"])
def test_a_nul_in_the_text_is_refused_without_reaching_the_database(client, q):
    assert client.get("/en/autocomplete/people/", {"q": q}).status_code == 400


def test_unknown_parameters_are_ignored(client, haraszti):
    assert suggestions(client, "/en/autocomplete/people/", q="haras", page="9" * 50, x="[]") != []


def test_suggestions_may_be_kept_a_few_minutes_by_browsers_and_proxies(client, haraszti):
    response = client.get("/en/autocomplete/people/", {"q": "haras"})
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=300"}


def timeline(client, **params):
    response = client.get("/en/timeline/", params)
    return response, sorted(event.slug for event in response.context["object_list"])


def test_a_name_typed_without_javascript_selects_the_person(client, haraszti):
    response, events = timeline(client, person="Миклош Харасти")
    assert (response.status_code, events) == (200, ["rfom-report"])


def test_a_slug_from_a_link_selects_the_person(client, haraszti):
    response, events = timeline(client, person="miklos-haraszti")
    assert (response.status_code, events) == (200, ["rfom-report"])


def test_a_name_nobody_has_is_a_form_error_in_the_readers_language(client, haraszti):
    response = client.get("/ru/timeline/", {"person": "Никто Никтоев"})
    assert response.status_code == 400
    assert "Ничего с названием «Никто Никтоев» не найдено." in response.content.decode()


def test_a_name_several_people_share_is_a_form_error_asking_for_more_of_it(client):
    make_person(name_en="Kanat Saudabayev")
    make_person(name_en="Kanat Tumysh")
    response = client.get("/en/timeline/", {"person": "Kanat"})
    assert response.status_code == 400
    assert "Several records match “Kanat”. Type more of the name" in response.content.decode()


def test_an_exact_name_is_chosen_over_longer_names_holding_it(client):
    centre = make_organ(slug="centre", name_en="OSCE Centre")
    make_organ(slug="centre-in-astana", name_en="OSCE Centre in Astana")
    make_event(slug="opening").organs.add(centre)
    _response, events = timeline(client, organ="OSCE Centre")
    assert events == ["opening"]


def test_the_chosen_person_is_shown_by_name_in_the_readers_language(client, haraszti):
    html = client.get("/ru/timeline/", {"person": "miklos-haraszti"}).content.decode()
    assert 'name="person" value="Миклош Харасти"' in html


def test_the_person_filter_lists_no_person_but_asks_the_endpoint(client, haraszti):
    html = client.get("/en/timeline/").content.decode()
    assert "Freimut Duve" not in html
    assert 'data-autocomplete="/en/autocomplete/people/"' in html
    assert '<datalist id="id_person-suggestions"></datalist>' in html


def test_a_post_typed_as_suggested_with_its_body_selects_it(client):
    odihr = make_organ(slug="odihr", name_en="Office for Democratic Institutions and Human Rights")
    director = make_post(slug="odihr-director", organ=odihr, title_en="Director")
    make_post(
        slug="rfom-director", organ=make_organ(name_en="Representative on Freedom of the Media"), title_en="Director"
    )
    make_tenure(person=make_person(slug="christian-strohal"), post=director)
    response = client.get("/en/people/", {"post": "Director (Office for Democratic Institutions and Human Rights)"})
    assert [person.slug for person in response.context["object_list"]] == ["christian-strohal"]
