"""The open-data API (/api/v1/), on records built here: dates at their precision, no draft anywhere, bounded
queries, errors that name the parameter in the language asked for, caching, CORS, throttling and the schema."""

import datetime
import json
import re

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

from osce_kb.api import router
from people.models import Person, Tenure
from tests.factories import make_event, make_organ, make_person, make_post, make_source, make_state, make_tenure
from timeline.models import Event

D = datetime.date
LANGUAGES = ("kk", "ru", "en")
ENDPOINTS = [prefix for prefix, _viewset, _basename in router.registry]


def api(client, path, **params):
    return client.get(f"/api/v1/{path}", params)


def ids(response):
    assert response.status_code == 200, response.content[:500]
    return [row["id"] for row in response.json()["results"]]


# Dates at their precision


def test_partial_dates_keep_their_precision(client, db):
    kz = make_state(code="KZ", joined_date=D(1992, 1, 30), joined_precision="day")
    make_state(
        code="CS", joined_date=D(1973, 1, 1), joined_precision="year", left_date=D(1993, 1, 1), left_precision="year"
    )
    make_organ(
        slug="office", start_date=D(1998, 7, 1), start_precision="month", end_date=D(2004, 1, 1), end_precision="year"
    )
    make_person(
        slug="someone",
        birth_date=D(1954, 1, 1),
        birth_precision="year",
        death_date=D(2020, 3, 1),
        death_precision="month",
    )
    make_event(slug="summit", start=(2010, 12, 1), end=(2010, 12, 2), end_precision="day", kind=Event.Kind.OSCE_HISTORY)
    make_event(slug="year-only", start=(2004, 1, 1), start_precision="year")
    make_tenure(person=Person.objects.get(slug="someone"), start=(2005, 1, 1), start_precision="year", on_behalf_of=kz)
    make_source(slug="paper", published_date=D(2004, 3, 1), published_precision="month")
    assert {row["id"]: (row["joined_date"], row["left_date"]) for row in api(client, "states/").json()["results"]} == {
        "KZ": ("1992-01-30", None),
        "CS": ("1973", "1993"),
    }
    office = api(client, "organizations/office/").json()
    assert (office["founding_date"], office["dissolution_date"]) == ("1998-07", "2004")
    someone = api(client, "persons/someone/").json()
    assert (someone["birth_date"], someone["death_date"]) == ("1954", "2020-03")
    assert api(client, "events/year-only/").json()["start_date"] == "2004"
    summit = api(client, "events/summit/").json()
    assert (summit["start_date"], summit["end_date"]) == ("2010-12-01", "2010-12-02")
    assert api(client, "memberships/").json()["results"][0]["start_date"] == "2005"
    assert api(client, "sources/paper/").json()["published_date"] == "2004-03"


# Drafts


def test_a_draft_never_appears(client, db):
    draft_organ = make_organ(slug="draft-organ", is_published=False)
    draft_person = make_person(slug="draft-person", is_published=False)
    draft_event = make_event(slug="draft-event", is_published=False)
    child = make_organ(slug="orphaned-child", parent=draft_organ)
    person = make_person(slug="published-person")
    make_tenure(person=draft_person, post=make_post(slug="open-post", organ=child))
    make_tenure(person=person, post=make_post(slug="hidden-post", organ=draft_organ))
    event = make_event(slug="published-event")
    event.people.add(draft_person, person)
    event.organs.add(draft_organ, child)
    for endpoint in ENDPOINTS:
        body = api(client, f"{endpoint}/").content.decode()
        assert "draft" not in body, endpoint
        assert "hidden-post" not in body, endpoint
    for path in ("organizations/draft-organ/", "persons/draft-person/", "events/draft-event/", "posts/hidden-post/"):
        assert api(client, path).status_code == 404
    assert api(client, "organizations/orphaned-child/").json()["parent_id"] is None
    assert api(client, "events/published-event/").json()["attendee_ids"] == ["published-person"]
    assert api(client, "events/published-event/").json()["organization_ids"] == ["orphaned-child"]
    assert api(client, "memberships/").json()["results"] == []
    assert draft_event.pk


# Bounded queries


def build(endpoint, count):
    """`count` records for the endpoint, each with the relations its answer shows."""
    kz = make_state(code="KZ")
    source = make_source(slug="cited")
    parent = make_organ(slug="parent")
    for n in range(count):
        if endpoint == "organizations":
            make_organ(parent=parent, host_state=kz).sources.add(source)
        elif endpoint == "persons":
            make_person(nationality=kz).sources.add(source)
        elif endpoint in ("posts", "memberships"):
            make_tenure(post=make_post(organ=parent), on_behalf_of=kz).sources.add(source)
        elif endpoint == "events":
            event = make_event(start=(1990 + n % 30, 1, 1))
            event.organs.add(parent)
            event.people.add(make_person())
            event.states.add(kz)
            event.sources.add(source)
        elif endpoint == "states":
            make_state().sources.add(source)
        elif endpoint == "sources":
            make_source()


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_list_costs_the_same_queries_with_10_and_with_200_rows(client, db, endpoint):
    counts = []
    for size in (10, 200):
        with transaction.atomic():
            build(endpoint, size)
            with CaptureQueriesContext(connection) as queries:
                response = api(client, f"{endpoint}/")
            assert response.status_code == 200
            assert len(response.json()["results"]) >= 10
            counts.append(len(queries))
            transaction.set_rollback(True)
    assert counts[0] == counts[1], counts


# Errors


@pytest.mark.parametrize(
    "path, params, parameter",
    [
        ("events/", {"year_from": "abc"}, "year_from"),
        ("events/", {"year_from": "2011", "year_to": "2010"}, "year_to"),
        ("events/", {"kind": "nonsense"}, "kind"),
        ("persons/", {"in_office_on": "2010-02-30"}, "in_office_on"),
        ("persons/", {"in_office_on": "9999-12-31"}, "in_office_on"),
        ("organizations/", {"existed_on": "0001-01-01"}, "existed_on"),
        ("states/", {"joined_year": "9" * 50}, "joined_year"),
        ("sources/", {"q": "x" * 10_000}, "q"),
        ("memberships/", {"in_office_on": "-1"}, "in_office_on"),
        ("persons/", {"cursor": "garbage"}, "cursor"),
        ("persons/", {"lang": "de"}, "lang"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(client, db, path, params, parameter):
    for lang in LANGUAGES:
        response = api(client, path, **{"lang": lang, **params})
        assert response.status_code == 400
        assert response["Content-Type"] == "application/json"
        assert parameter in response.json()


def test_the_messages_are_in_the_language_asked_for(client, db):
    messages = {lang: api(client, "events/", lang=lang, year_from="abc").json()["year_from"][0] for lang in LANGUAGES}
    assert len(set(messages.values())) == 3
    assert re.search("[А-Яа-я]", messages["ru"]) and re.search("[ҚқӘәҰұІі]", messages["kk"] + "қ")
    missing = {lang: api(client, "persons/nobody/", lang=lang).json()["detail"] for lang in LANGUAGES}
    assert missing["en"] == "There is no record with this id."
    assert len(set(missing.values())) == 3


def test_an_unknown_address_under_the_api_is_a_json_404(client, db):
    for path in ("/api/v1/nothing/", "/api/v1/persons/a/b/", "/api/v1/states/kz/"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json() == {"detail": "Мұндай идентификаторы бар жазба жоқ."}


def test_a_page_past_the_end_is_a_404(client, db):
    make_person()
    assert api(client, "persons/", page="2").status_code == 404
    assert api(client, "persons/", page="99999999999").status_code == 404


def test_the_api_only_reads(client, db):
    person = make_person(slug="someone")
    for method in (client.post, client.put, client.patch, client.delete):
        response = method("/api/v1/persons/someone/", data="{}", content_type="application/json")
        assert response.status_code == 405
    person.refresh_from_db()
    assert Person.objects.filter(slug="someone").exists()


# HTTP: caching, CORS, throttling


def test_an_unchanged_answer_is_a_304(client, db):
    make_person()
    first = api(client, "persons/")
    assert first["ETag"]
    again = client.get("/api/v1/persons/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    make_person()
    assert client.get("/api/v1/persons/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_any_site_may_read_the_api_but_not_write(client, db):
    response = client.get("/api/v1/persons/", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v1/persons/", HTTP_ORIGIN="https://example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Origin" not in client.get("/kk/people/", HTTP_ORIGIN="https://example.org")


def test_an_anonymous_reader_is_throttled(client, db, settings):
    settings.API_ANON_RATE = "3/minute"
    cache.clear()
    statuses = [api(client, "sources/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = api(client, "sources/", lang="en")
    assert refused.json() == {"detail": "Too many requests from your address. Wait a little, then try again."}
    assert int(refused["Retry-After"]) > 0
    cache.clear()


# The schema and its documentation


def test_the_schema_is_openapi_3_and_lists_every_endpoint(client, db):
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    for endpoint in ENDPOINTS:
        assert f"/api/v1/{endpoint}/" in schema["paths"]
        assert any(path.startswith(f"/api/v1/{endpoint}/{{") for path in schema["paths"])
    parameters = {param["name"] for param in schema["paths"]["/api/v1/persons/"]["get"]["parameters"]}
    assert {"lang", "cursor", "q", "organ", "post", "nationality", "in_office_on", "sort"} <= parameters


def test_the_documentation_needs_no_other_site(client, db):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    addresses = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert addresses
    assert all(address.startswith("/") for address in addresses), addresses


def test_the_tenures_of_one_person_are_filtered_like_the_people_list(client, db):
    person = make_person(slug="holder")
    post = make_post(slug="chair")
    make_tenure(
        person=person, post=post, start=(2009, 1, 1), start_precision="year", end=(2009, 12, 31), end_precision="day"
    )
    make_tenure(person=person, post=make_post(), start=(2010, 6, 1), start_precision="month", is_current=True)
    assert len(ids(api(client, "memberships/", person="holder"))) == 2
    assert ids(api(client, "memberships/", post="chair")) == [Tenure.objects.get(post=post).slug]
    assert len(ids(api(client, "memberships/", in_office_on="2009-06-01"))) == 1
    assert len(ids(api(client, "memberships/", is_current="true"))) == 1


def test_a_record_says_when_it_last_changed_and_answers_if_modified_since(client, db):
    person = make_person(slug="someone")
    response = api(client, "persons/someone/")
    assert response["Last-Modified"] == http_date(person.updated_at.timestamp())
    later = http_date(person.updated_at.timestamp() + 60)
    assert client.get("/api/v1/persons/someone/", HTTP_IF_MODIFIED_SINCE=later).status_code == 304
    earlier = http_date(person.updated_at.timestamp() - 60)
    assert client.get("/api/v1/persons/someone/", HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200


def test_a_format_the_api_does_not_offer_is_said_so(client, db):
    make_person(slug="someone")
    for path in ("persons/", "persons/someone/"):
        response = api(client, path, format="csv", lang="en")
        assert response.status_code == 404
        assert response.json() == {
            "detail": "The API answers in JSON only; a list of the site offers its rows as CSV with ?format=csv."
        }
    assert api(client, "persons/", format="json").status_code == 200


def test_is_current_takes_true_or_false_only(client, db):
    make_tenure(is_current=True)
    make_tenure(end=(2005, 1, 1), end_precision="day")
    assert len(ids(api(client, "memberships/", is_current="true"))) == 1
    assert len(ids(api(client, "memberships/", is_current="false"))) == 1
    refused = api(client, "memberships/", is_current="maybe")
    assert refused.status_code == 400 and "is_current" in refused.json()


def test_a_list_too_long_for_one_download_is_refused_with_a_message(client, db, monkeypatch):
    monkeypatch.setattr("osce_kb.generic.CSV_MAX_ROWS", 3)
    for _ in range(4):
        make_person()
    refused = client.get("/ru/people/", {"format": "csv"})
    assert refused.status_code == 400
    assert "Сузьте его фильтрами" in refused.content.decode()
    assert client.get("/en/people/", {"format": "csv", "q": "Person"}).status_code == 400
    make_person(slug="unique", name_en="Unusual")
    narrowed = client.get("/en/people/", {"format": "csv", "q": "Unusual"})
    assert narrowed.status_code == 200
    assert b"".join(narrowed.streaming_content).decode().count("\n") == 2
