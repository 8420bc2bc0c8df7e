"""The open-data API over the bundled content: each list's filters give the records its page gives for the same
query string, every endpoint answers in the language asked for, and the records keep Popolo's shapes."""

import csv
import io
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.urls import resolve, reverse
from django.utils import translation

from organs.models import Organ
from osce_kb.api import router
from osce_kb.loading import load_kb
from timeline.models import Event

LANGUAGES = ("kk", "ru", "en")
ENDPOINTS = [prefix for prefix, _viewset, _basename in router.registry]

# The lists with a page on the site, and the page's URL name.
PAGES = {
    "organizations": "organs:list",
    "persons": "people:list",
    "events": "timeline:list",
    "states": "states:list",
    "sources": "sources:list",
}


def api(client, path, **params):
    return client.get(f"/api/v1/{path}", params)


def ids(response):
    assert response.status_code == 200, response.content[:500]
    return [row["id"] for row in response.json()["results"]]


# The bundled content, loaded once for the comparisons with the pages.


@pytest.fixture(scope="module")
def bundled(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_kb()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def content(bundled, db):
    pass


def samples():
    """Values a reader gives each filter of the lists, real ones of the bundled content, several per filter."""
    event_with_people = Event.objects.published().filter(people__isnull=False).order_by("slug").first().slug
    parent = Organ.objects.published().filter(children__isnull=False).order_by("slug").first().slug
    return {
        "q": ["Kazakh", "ОБСЕ", "астана", "Vollebaek", "Қазақстан"],
        "kind": [*Organ.Kind.values, *Event.Kind.values, "essay", "official_page", "article"],
        "parent": [parent, "Chairmanship"],
        "region": list(Organ.Region.values),
        "host_state": ["KZ", "UA"],
        "existed_on": ["1995-01-01", "2010-06-01", "2026-01-01"],
        "source": ["essay-osce-and-kazakhstan", "osce-chairmanship"],
        "event": [event_with_people, "astana-summit-2010"],
        "joined_year": ["1992", "1973"],
        "status": ["participating", "former"],
        "sort": ["name", "-name", "established", "-established", "joined", "-joined", "code", "-code", "slug"]
        + ["-slug", "title", "-title", "published", "-published", "date", "-date"],
        "organ": ["chairmanship", "odihr", "Secretariat"],
        "post": ["chairperson-in-office", "secretary-general"],
        "nationality": ["KZ", "IT"],
        "in_office_on": ["2010-06-01", "1999-06-01", "2007-07-15"],
        "on_behalf_of": ["KZ"],
        "tenure_source": ["essay-osce-and-kazakhstan"],
        "person": ["kanat-saudabayev", "nursultan-nazarbayev"],
        "state": ["KZ", "RU"],
        "year_from": ["2010", "1990", "2026"],
        "year_to": ["2010", "1975", "1900"],
    }


def page_ids(response):
    assert response.status_code == 200, response.content[:500]
    return [getattr(row, "slug", None) or row.code for row in response.context["object_list"]]


def filter_names(page_name):
    view = resolve(reverse(page_name)).func.view_class
    return sorted(view.filterset_class(None).form.fields)


@pytest.mark.parametrize("endpoint", list(PAGES))
def test_every_filter_of_a_list_gives_the_records_its_page_gives_for_the_same_query(client, content, endpoint):
    values = samples()
    names = filter_names(PAGES[endpoint])
    assert names, endpoint
    compared = 0
    for n, name in enumerate(names):
        assert name in values, f"{endpoint}: no sample values for the filter {name!r}; add some"
        for value in values[name]:
            lang = LANGUAGES[(n + compared) % 3]
            with translation.override(lang):
                page = client.get(reverse(PAGES[endpoint]), {name: value})
            data = api(client, f"{endpoint}/", lang=lang, **{name: value})
            if page.status_code == 400:
                # A value this list does not take (another list's kind): the API refuses it too, naming it.
                assert data.status_code == 400 and name in data.json(), (endpoint, name, value)
                continue
            assert ids(data) == page_ids(page), (endpoint, name, value, lang)
            compared += 1
    assert compared >= len(names)


def test_combined_filters_give_the_records_the_page_gives(client, content):
    query = {"organ": "chairmanship", "in_office_on": "2010-06-01", "nationality": "KZ"}
    for lang in LANGUAGES:
        page = client.get(f"/{lang}/people/", query)
        assert ids(api(client, "persons/", lang=lang, **query)) == page_ids(page) == ["kanat-saudabayev"]
    query = {"year_from": "2010", "year_to": "2010", "kind": "kazakhstan_chairmanship", "sort": "-date"}
    assert ids(api(client, "events/", **query)) == page_ids(client.get("/kk/timeline/", query))


def test_the_next_links_walk_the_whole_list_in_the_pages_order(client, content):
    seen, url = [], "/api/v1/events/?lang=en"
    while url:
        data = client.get(url).json()
        seen += [row["id"] for row in data["results"]]
        url = data["next"]
    assert seen == list(Event.objects.published().chronological().values_list("slug", flat=True))
    assert len(seen) > 250


def test_a_cursor_walks_back_with_the_previous_links(client, content):
    first = client.get("/api/v1/memberships/").json()
    second = client.get(first["next"]).json()
    third = client.get(second["next"]).json()
    back = client.get(third["previous"]).json()
    assert [row["id"] for row in back["results"]] == [row["id"] for row in second["results"]]


# Each endpoint in each language


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_each_list_and_detail_answers_in_the_language_asked_for(client, content, endpoint, lang):
    listed = api(client, f"{endpoint}/", lang=lang)
    assert listed.status_code == 200
    assert listed["Content-Type"] == "application/json"
    assert listed["Content-Language"] == lang
    rows = listed.json()["results"]
    assert rows
    text_field = next(name for name in ("name", "label", "title", "note") if name in rows[0])
    for row in rows:
        for other in LANGUAGES:
            assert f"{text_field}_{other}" in row
        assert row[text_field] == (row[f"{text_field}_{lang}"] or row[text_field])
        assert row["page"].startswith(f"http://testserver/{lang}/")
    detail = api(client, f"{endpoint}/{rows[0]['id']}/", lang=lang)
    assert detail.status_code == 200
    assert detail.json() == rows[0]


def test_a_person_in_popolo_shape(client, content):
    person = api(client, "persons/kanat-saudabayev/", lang="ru").json()
    assert person["name"] == "Канат Саудабаев"
    assert {"name": "Қанат Саудабаев", "note": "kk"} in person["other_names"]
    assert person["national_identity"] == "KZ"
    assert all(set(source) == {"id", "url", "note"} and source["url"] for source in person["sources"])
    membership = api(client, "memberships/kanat-saudabayev-chairperson-in-office/", lang="en").json()
    assert membership["person_id"] == "kanat-saudabayev"
    assert membership["post_id"] == "chairperson-in-office"
    assert membership["organization_id"] == "chairmanship"
    assert membership["on_behalf_of_id"] == "KZ"
    assert (membership["start_date"], membership["end_date"]) == ("2010-01-01", "2010-12-31")
    post = api(client, "posts/chairperson-in-office/", lang="en").json()
    assert post["label"] == "OSCE Chairperson-in-Office"
    assert post["organization_id"] == "chairmanship"


def csv_ids(response):
    assert response.status_code == 200, response
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))
    return [row["id"] for row in rows]


@pytest.mark.parametrize("endpoint", list(PAGES))
def test_every_list_gives_its_matching_rows_as_csv_for_its_current_filter(client, content, endpoint):
    values = samples()
    for n, name in enumerate(filter_names(PAGES[endpoint])):
        for value in values[name][:2]:
            lang = LANGUAGES[n % 3]
            with translation.override(lang):
                url = reverse(PAGES[endpoint])
            page = client.get(url, {name: value})
            if page.status_code == 400:
                assert client.get(url, {name: value, "format": "csv"}).status_code == 400
                continue
            walked, address = [], f"/api/v1/{endpoint}/?{urlencode({name: value, 'lang': lang})}"
            while address:
                data = client.get(address).json()
                walked += [row["id"] for row in data["results"]]
                address = data["next"]
            assert csv_ids(client.get(url, {name: value, "format": "csv"})) == walked, (endpoint, name, value)


def test_the_csv_of_a_list_has_a_header_even_when_nothing_matches(client, content):
    response = client.get("/en/people/", {"q": "no such person anywhere", "format": "csv"})
    text = b"".join(response.streaming_content).decode()
    assert text.splitlines()[0].startswith("id,name,name_kk,name_ru,name_en")
    assert len(text.splitlines()) == 1


def test_the_list_page_links_its_csv_with_its_filters(client, content):
    page = client.get("/ru/timeline/", {"year_from": "1990", "page": "2"}).content.decode()
    assert 'href="?year_from=1990&amp;format=csv" download' in page
