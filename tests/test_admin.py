"""The editors' admin: every page renders, searches all languages, and explains bad dates in the editor's language."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import make_event, make_organ, make_person, make_source, make_state, make_tenure

pytestmark = pytest.mark.django_db

MODELS = [
    "osce_kb.source",
    "organs.participatingstate",
    "organs.organ",
    "people.person",
    "people.post",
    "people.tenure",
    "timeline.event",
]


@pytest.fixture
def one_of_each():
    state = make_state(code="KZ")
    person = make_person(nationality=state)
    tenure = make_tenure(person=person, on_behalf_of=state, is_current=True)
    tenure.sources.add(make_source())
    event = make_event()
    event.organs.add(tenure.post.organ)
    event.people.add(person)
    event.states.add(state)
    return {
        "osce_kb.source": tenure.sources.get(),
        "organs.participatingstate": state,
        "organs.organ": tenure.post.organ,
        "people.person": person,
        "people.post": tenure.post,
        "people.tenure": tenure,
        "timeline.event": event,
    }


def admin_url(label, view, *args):
    app, model = label.split(".")
    return reverse(f"admin:{app}_{model}_{view}", args=args)


@pytest.mark.parametrize("label", MODELS)
def test_every_changelist_renders_for_an_editor(admin_client, one_of_each, label):
    response = admin_client.get(admin_url(label, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


@pytest.mark.parametrize("label", MODELS)
def test_every_add_page_renders_with_a_tab_per_language(admin_client, label):
    response = admin_client.get(admin_url(label, "add"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "tabbed_translation_fields.js" in html
    assert "osce_kb/vendor/jquery-ui.min.js" in html


@pytest.mark.parametrize("label", MODELS)
def test_every_change_page_renders(admin_client, one_of_each, label):
    response = admin_client.get(admin_url(label, "change", one_of_each[label].pk))
    assert response.status_code == 200


def test_no_admin_page_loads_a_script_from_another_site(admin_client):
    html = admin_client.get(admin_url("timeline.event", "add")).content.decode()
    assert "//ajax.googleapis.com" not in html
    assert 'src="http' not in html


@pytest.mark.parametrize("query", ["Миклош", "Miklós"])
def test_admin_search_finds_a_person_in_any_language(admin_client, query):
    make_person(name_kk="Миклош Харасти", name_ru="Миклош Харасти", name_en="Miklós Haraszti")
    response = admin_client.get(admin_url("people.person", "changelist"), {"q": query})
    assert response.context["cl"].result_count == 1


def test_tenures_are_edited_inline_on_the_person_and_on_the_post(admin_client, one_of_each):
    person_page = admin_client.get(admin_url("people.person", "change", one_of_each["people.person"].pk))
    post_page = admin_client.get(admin_url("people.post", "change", one_of_each["people.post"].pk))
    assert "tenures-TOTAL_FORMS" in person_page.content.decode()
    assert "tenures-TOTAL_FORMS" in post_page.content.decode()


def event_form(**overrides):
    data = {
        "slug": "helsinki-final-act",
        "title_kk": "Хельсинки қорытынды актісі",
        "title_ru": "Хельсинкский заключительный акт",
        "title_en": "Helsinki Final Act",
        "kind": "osce_history",
        "start_date": "1975-08-01",
        "start_precision": "day",
        "end_date": "",
        "end_precision": "",
        "is_published": "on",
    }
    for name in ("summary", "description", "place"):
        for lang in ("kk", "ru", "en"):
            data[f"{name}_{lang}"] = ""
    data.update(overrides)
    return data


def test_an_editor_can_add_an_event_linked_to_bodies_people_states_and_sources(admin_client):
    organ, person, state, source = make_organ(), make_person(), make_state(code="FI"), make_source()
    form = event_form(organs=[organ.pk], people=[person.pk], states=[state.pk], sources=[source.pk])
    response = admin_client.post(admin_url("timeline.event", "add"), form)
    assert response.status_code == 302
    from timeline.models import Event

    event = Event.objects.get(slug="helsinki-final-act")
    assert list(event.sources.all()) == [source]
    assert list(event.states.all()) == [state]


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_year_date_that_is_not_1_january_is_explained_in_the_editors_language(admin_client, lang):
    form = event_form(start_date="1975-08-01", start_precision="year")
    response = admin_client.post(admin_url("timeline.event", "add"), form, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    with translation.override(lang):
        expected = gettext("A date known only to the year must be entered as 1 January of that year.")
    assert expected in response.content.decode()
    assert response.context["adminform"].form.errors["start_date"] == [expected]


def test_an_end_before_the_start_is_shown_on_the_form(admin_client):
    form = event_form(end_date="1975-07-01", end_precision="day")
    response = admin_client.post(admin_url("timeline.event", "add"), form, HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["adminform"].form.errors["end_date"] == ["The end cannot be before the start."]


def test_the_editors_messages_are_translated_into_kazakh_and_russian():
    message = "A date known only to the year must be entered as 1 January of that year."
    for lang in ("kk", "ru"):
        with translation.override(lang):
            assert gettext(message) != message


def test_a_post_without_its_body_cannot_be_saved(admin_client):
    response = admin_client.post(
        admin_url("people.post", "add"),
        {
            "slug": "director",
            "title_kk": "Директор",
            "title_ru": "Директор",
            "title_en": "Director",
            "term_note_kk": "",
            "term_note_ru": "",
            "term_note_en": "",
            "single_holder": "on",
            "display_order": 1,
            "tenures-TOTAL_FORMS": 0,
            "tenures-INITIAL_FORMS": 0,
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "organ" in response.context["adminform"].form.errors
