"""The public pages of the URL contract, in Kazakh, Russian and English."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.factories import make_event, make_organ, make_person, make_post, make_source, make_state, make_tenure

pytestmark = pytest.mark.django_db
LANGUAGES = ["kk", "ru", "en"]


@pytest.fixture
def content():
    source = make_source(slug="essay")
    state = make_state(code="HU", name_kk="Венгрия", name_ru="Венгрия", name_en="Hungary")
    root = make_organ(slug="osce", kind="other")
    organ = make_organ(
        slug="representative-on-freedom-of-the-media",
        parent=root,
        name_kk="БАҚ бостандығы жөніндегі ЕҚЫҰ өкілі",
        name_ru="Представитель ОБСЕ по вопросам свободы СМИ",
        name_en="OSCE Representative on Freedom of the Media",
    )
    organ.sources.add(source)
    person = make_person(
        slug="miklos-haraszti",
        name_kk="Миклош Харасти",
        name_ru="Миклош Харасти",
        name_en="Miklós Haraszti",
        nationality=state,
    )
    post = make_post(slug="rfom-representative", organ=organ)
    tenure = make_tenure(person=person, post=post, start=(2004, 3, 10), end=(2010, 3, 9), end_precision="day")
    tenure.sources.add(source)
    event = make_event(slug="memorandum-1998", start=(1998, 12, 2), end=(1998, 12, 3), end_precision="day")
    event.people.add(person)
    event.organs.add(organ)
    event.sources.add(source)
    return {"organ": organ, "person": person, "event": event, "state": state, "source": source}


def contract_paths(lang):
    return [
        f"/{lang}/",
        f"/{lang}/organs/",
        f"/{lang}/organs/representative-on-freedom-of-the-media/",
        f"/{lang}/people/",
        f"/{lang}/people/miklos-haraszti/",
        f"/{lang}/timeline/",
        f"/{lang}/timeline/memorandum-1998/",
        f"/{lang}/states/",
        f"/{lang}/states/HU/",
        f"/{lang}/sources/",
        f"/{lang}/sources/essay/",
        f"/{lang}/structure/",
        f"/{lang}/as-of/2005-06-01/",
        f"/{lang}/search/?q=Haraszti",
        f"/{lang}/organs/?kind=institution",
    ]


ALL_PATHS = [path for lang in LANGUAGES for path in contract_paths(lang)]


@pytest.mark.parametrize("path", ALL_PATHS)
def test_every_page_of_the_url_contract_renders(client, content, path):
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", ALL_PATHS)
def test_every_page_has_one_h1_a_title_its_lang_and_hreflang_links(client, content, path):
    lang = path.split("/")[1]
    html = client.get(path).content.decode()
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert re.search(r"<title>[^<]+</title>", html)
    assert f'<html lang="{lang}">' in html
    for code in LANGUAGES:
        assert f'hreflang="{code}" href="http://testserver/{code}/' in html


@pytest.mark.parametrize(
    ("lang", "name", "dates"),
    [
        ("kk", "Миклош Харасти", "2004 жылғы 10 наурыз – 2010 жылғы 9 наурыз"),
        ("ru", "Миклош Харасти", "10 марта 2004 г. – 9 марта 2010 г."),
        ("en", "Miklós Haraszti", "10 March 2004 – 9 March 2010"),
    ],
)
def test_an_organ_page_lists_its_officeholders_with_dates_in_the_page_language(client, content, lang, name, dates):
    html = client.get(f"/{lang}/organs/representative-on-freedom-of-the-media/").content.decode()
    assert name in html
    assert dates in html


def test_an_event_shows_its_two_day_date_at_its_precision(client, content):
    html = client.get("/en/timeline/memorandum-1998/").content.decode()
    assert '<time datetime="1998-12-02">2–3 December 1998</time>' in html


def test_the_language_switcher_leads_to_the_same_object(client, content):
    html = client.get("/ru/people/miklos-haraszti/").content.decode()
    assert 'href="/en/people/miklos-haraszti/" hreflang="en"' in html
    assert 'href="/kk/people/miklos-haraszti/" hreflang="kk"' in html


def test_the_language_switcher_keeps_the_query_string(client, content):
    html = client.get("/en/timeline/?page=1").content.decode()
    assert 'href="/kk/timeline/?page=1"' in html


@pytest.mark.parametrize(
    ("accept", "target"), [("ru", "/ru/"), ("en-GB,en;q=0.9", "/en/"), ("de", "/kk/"), ("", "/kk/")]
)
def test_the_root_redirects_to_the_visitors_language_else_kazakh(client, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == target


@pytest.mark.parametrize(
    ("lang", "text"), [("kk", "Бет табылмады"), ("ru", "Страница не найдена"), ("en", "Page not found")]
)
def test_an_unknown_slug_is_a_404_page_in_the_active_language(client, content, lang, text):
    response = client.get(f"/{lang}/people/nobody-of-that-name/")
    assert response.status_code == 404
    html = response.content.decode()
    assert text in html
    assert f'<html lang="{lang}">' in html


def test_a_draft_is_not_shown_to_readers(client, content):
    content["person"].is_published = False
    content["person"].save()
    assert client.get("/en/people/miklos-haraszti/").status_code == 404
    assert "Miklós Haraszti" not in client.get("/en/people/").content.decode()
    assert "Miklós Haraszti" not in client.get("/en/organs/representative-on-freedom-of-the-media/").content.decode()


@pytest.mark.parametrize("page", ["0", "-1", "999", "abc", "'; DROP TABLE people_person; --", "𝟘"])
def test_a_bad_page_number_is_a_404_not_an_error(client, content, page):
    assert client.get("/en/people/", {"page": page}).status_code == 404


def test_an_unknown_state_code_is_a_404(client, content):
    assert client.get("/en/states/ZZ/").status_code == 404
    assert client.get("/en/states/%F0%9F%98%80/").status_code == 404


def add_rows(n):
    """n more organs, people, tenures, events and states, all linked, to see whether query counts grow."""
    source = make_source()
    for _ in range(n):
        state = make_state()
        organ = make_organ(host_state=state)
        organ.sources.add(source)
        person = make_person(nationality=state)
        tenure = make_tenure(person=person, post=make_post(organ=organ), on_behalf_of=state)
        tenure.sources.add(source)
        event = make_event()
        event.organs.add(organ)
        event.people.add(person)
        event.states.add(state)
        event.sources.add(source)
    return source, organ, person, event, state


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def page_paths(source, organ, person, event, state):
    return [
        "/en/",
        "/en/organs/",
        "/en/people/",
        "/en/timeline/",
        "/en/states/",
        "/en/sources/",
        "/en/structure/",
        "/en/as-of/2010-06-01/",
        "/en/search/?q=Person",
        "/en/people/?in_office_on=2004-03-10",
        "/en/timeline/?year_from=1990&year_to=2000",
        "/en/organs/?existed_on=2000-01-01",
        "/sitemap.xml",
        "/sitemap-events.xml",
        organ.get_absolute_url(),
        person.get_absolute_url(),
        event.get_absolute_url(),
        state.get_absolute_url(),
        source.get_absolute_url(),
    ]


def test_the_number_of_queries_of_each_page_is_the_same_with_10_and_with_200_rows(client):
    def measure():
        # Detail pages are measured on the newest objects, which have as many links as every other one.
        return {page: count_queries(client, path) for page, path in enumerate(page_paths(*last))}

    last = add_rows(10)
    with_10 = measure()
    last = add_rows(190)
    with_200 = measure()
    # Search stops querying a kind of record once it has found enough of them: more rows, fewer queries.
    search = page_paths(*last).index("/en/search/?q=Person")
    assert with_200.pop(search) <= with_10.pop(search)
    assert with_200 == with_10


def test_a_person_page_names_the_predecessor_and_successor_in_each_post(client, content):
    post = content["person"].tenures.get().post
    before = make_person(slug="freimut-duve", name_en="Freimut Duve")
    after = make_person(slug="dunja-mijatovic", name_en="Dunja Mijatović")
    make_tenure(
        person=before, post=post, start=(1998, 1, 1), start_precision="year", end=(2003, 12, 1), end_precision="month"
    )
    make_tenure(person=after, post=post, start=(2010, 3, 11), is_current=False)
    html = client.get("/en/people/miklos-haraszti/").content.decode()
    assert 'Preceded by <a href="/en/people/freimut-duve/">Freimut Duve</a>' in html
    assert 'succeeded by <a href="/en/people/dunja-mijatovic/">Dunja Mijatović</a>' in html


@pytest.mark.parametrize(
    "lang, heading, text",
    [
        ("kk", "Дереккөздер туралы ескерту", "Эсседе «30 мемлекет» делінген"),
        ("ru", "Примечание об источниках", "В эссе сказано «30 государств»"),
        ("en", "Note on the sources", "The essay says “30 States”"),
    ],
)
def test_where_the_essay_and_the_sources_disagree_the_note_is_shown_under_its_own_heading(
    client, content, lang, heading, text
):
    notes = {
        "note_kk": "Эсседе «30 мемлекет» делінген; дереккөздер 54 дейді.",
        "note_ru": "В эссе сказано «30 государств»; источники называют 54.",
        "note_en": "The essay says “30 States”; the sources say 54.",
    }
    for record in (content["event"], content["organ"], content["person"]):
        type(record).objects.filter(pk=record.pk).update(**notes)
        with translation.override(lang):
            html = client.get(record.get_absolute_url()).content.decode()
        assert f'<h2 id="source-note-heading">{heading}</h2>' in html
        assert text in html


def test_a_record_without_a_note_has_no_empty_note_block(client, content):
    assert "source-note" not in client.get("/en/timeline/memorandum-1998/").content.decode()


def test_a_draft_parent_is_named_neither_on_the_bodys_page_nor_in_the_list(client):
    top = make_organ(slug="top", name_en="Top body")
    middle = make_organ(slug="middle", parent=top, is_published=False, name_en="Middle draft")
    make_organ(slug="bottom", parent=middle)
    for path in ("/en/organs/bottom/", "/en/organs/"):
        page = client.get(path).content.decode()
        assert "Middle draft" not in page and "/organs/middle/" not in page, path
    # The chain is cut at the draft: the breadcrumb does not jump over it to the body above.
    assert "/en/organs/top/" not in client.get("/en/organs/bottom/").content.decode()


def test_a_persons_page_does_not_name_an_office_in_a_draft_body(client):
    person = make_person(slug="holder")
    make_tenure(
        person=person,
        post=make_post(title_en="Secret post", organ=make_organ(slug="unpublished-body", is_published=False)),
    )
    make_tenure(person=person, post=make_post(title_en="Open post"))
    page = client.get("/en/people/holder/").content.decode()
    assert "Open post" in page
    assert "Secret post" not in page and "unpublished-body" not in page
