"""Lists with filters, the timeline axis, the structure, the as-of page, search and the sitemap."""

import datetime

import pytest

from organs.models import Organ
from tests.factories import make_event, make_organ, make_person, make_post, make_source, make_state, make_tenure

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    kz = make_state(
        code="KZ",
        name_kk="Қазақстан",
        name_ru="Казахстан",
        name_en="Kazakhstan",
        joined_date=D(1992, 1, 30),
        joined_precision="day",
    )
    hu = make_state(code="HU", name_kk="Венгрия", name_ru="Венгрия", name_en="Hungary")
    osce = make_organ(slug="osce", kind=Organ.Kind.OTHER, name_en="OSCE", start_date=D(1975, 1, 1))
    chair = make_organ(slug="chairmanship", kind=Organ.Kind.CHAIRMANSHIP, parent=osce, name_en="Chairmanship")
    rfom = make_organ(
        slug="rfom", parent=osce, name_en="Representative on Freedom of the Media", start_date=D(1997, 1, 1)
    )
    astana = make_organ(
        slug="centre-in-astana",
        parent=osce,
        kind=Organ.Kind.FIELD_OPERATION,
        host_state=kz,
        region="central_asia",
        name_en="Centre in Astana",
        start_date=D(1998, 1, 1),
    )
    haraszti = make_person(
        slug="miklos-haraszti",
        name_kk="Миклош Харасти",
        name_ru="Миклош Харасти",
        name_en="Miklós Haraszti",
        nationality=hu,
    )
    saudabayev = make_person(
        slug="kanat-saudabayev",
        name_kk="Қанат Саудабаев",
        name_ru="Канат Саудабаев",
        name_en="Kanat Saudabayev",
        nationality=kz,
    )
    rfom_post = make_post(slug="rfom-representative", organ=rfom, title_en="Representative")
    cio = make_post(slug="chairperson-in-office", organ=chair, title_en="Chairperson-in-Office")
    make_tenure(person=haraszti, post=rfom_post, start=(2004, 3, 10), end=(2010, 3, 9), end_precision="day")
    make_tenure(
        person=saudabayev, post=cio, on_behalf_of=kz, start=(2010, 1, 1), end=(2010, 12, 31), end_precision="day"
    )
    memo = make_event(
        slug="memorandum-1998",
        kind="kazakhstan_relations",
        start=(1998, 12, 2),
        end=(1998, 12, 3),
        end_precision="day",
        title_en="Memorandum of understanding",
    )
    memo.states.add(kz)
    memo.organs.add(astana)
    summit = make_event(
        slug="astana-summit",
        kind="kazakhstan_chairmanship",
        start=(2010, 12, 1),
        end=(2010, 12, 2),
        end_precision="day",
        title_en="Astana Summit",
    )
    summit.people.add(saudabayev)
    make_event(
        slug="joined",
        kind="kazakhstan_relations",
        start=(1992, 1, 1),
        start_precision="year",
        title_en="Kazakhstan joins",
    )
    return locals()


def titles(response, attribute="title_en"):
    return sorted(getattr(row, attribute) for row in response.context["object_list"])


# Filters


def test_organs_filter_by_kind(client, world):
    response = client.get("/en/organs/", {"kind": "field_operation"})
    assert [o.slug for o in response.context["object_list"]] == ["centre-in-astana"]


def test_organs_filter_by_host_state_and_region(client, world):
    response = client.get("/en/organs/", {"host_state": "KZ", "region": "central_asia"})
    assert [o.slug for o in response.context["object_list"]] == ["centre-in-astana"]


def test_organs_filter_by_the_date_they_existed(client, world):
    response = client.get("/en/organs/", {"existed_on": "1996-06-01"})
    assert sorted(o.slug for o in response.context["object_list"]) == ["chairmanship", "osce"]


def test_organs_filter_by_parent(client, world):
    response = client.get("/en/organs/", {"parent": "osce"})
    assert "osce" not in [o.slug for o in response.context["object_list"]]
    assert len(response.context["object_list"]) == 3


def test_people_filter_by_the_day_they_were_in_office(client, world):
    response = client.get("/en/people/", {"in_office_on": "2010-03-09"})
    assert sorted(p.slug for p in response.context["object_list"]) == ["kanat-saudabayev", "miklos-haraszti"]
    response = client.get("/en/people/", {"in_office_on": "2010-03-10"})
    assert [p.slug for p in response.context["object_list"]] == ["kanat-saudabayev"]


def test_people_filter_by_organ_post_and_nationality(client, world):
    assert titles(client.get("/en/people/", {"organ": "rfom"}), "name_en") == ["Miklós Haraszti"]
    assert titles(client.get("/en/people/", {"post": "chairperson-in-office"}), "name_en") == ["Kanat Saudabayev"]
    assert titles(client.get("/en/people/", {"nationality": "HU"}), "name_en") == ["Miklós Haraszti"]


def test_people_text_filter_finds_a_name_written_in_another_script(client, world):
    assert titles(client.get("/en/people/", {"q": "Саудабаев"}), "name_en") == ["Kanat Saudabayev"]
    assert titles(client.get("/kk/people/", {"q": "haraszti"}), "name_en") == ["Miklós Haraszti"]


def test_timeline_filter_by_year_range_keeps_partial_dates_honest(client, world):
    response = client.get("/en/timeline/", {"year_from": "1992", "year_to": "1998"})
    assert titles(response) == ["Kazakhstan joins", "Memorandum of understanding"]


def test_timeline_filter_by_kind_person_state_and_organ(client, world):
    assert titles(client.get("/en/timeline/", {"kind": "kazakhstan_chairmanship"})) == ["Astana Summit"]
    assert titles(client.get("/en/timeline/", {"person": "kanat-saudabayev"})) == ["Astana Summit"]
    assert titles(client.get("/en/timeline/", {"state": "KZ"})) == ["Memorandum of understanding"]
    assert titles(client.get("/en/timeline/", {"organ": "centre-in-astana"})) == ["Memorandum of understanding"]


def test_states_filter_by_year_joined(client, world):
    response = client.get("/en/states/", {"joined_year": "1992"})
    assert [s.code for s in response.context["object_list"]] == ["KZ"]


def test_sources_filter_by_kind(client, world):
    make_source(kind="treaty", title_en="CFE Treaty")
    assert titles(client.get("/en/sources/", {"kind": "treaty"})) == ["CFE Treaty"]


def test_sorting_is_part_of_the_url(client, world):
    response = client.get("/en/people/", {"sort": "-name"})
    assert [p.name_en for p in response.context["object_list"]] == ["Kanat Saudabayev", "Miklós Haraszti"]


def test_an_invalid_filter_shows_the_error_and_the_unfiltered_list(client, world):
    response = client.get("/en/timeline/", {"year_from": "nineteen"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "The filter could not be applied." in html
    assert "All entries, unfiltered:" in html
    assert len(response.context["object_list"]) == 3


def test_an_invalid_filter_is_explained_in_the_page_language(client, world):
    html = client.get("/ru/organs/", {"kind": "volcano"}).content.decode()
    assert "Фильтр" in html or "фильтр" in html


def test_a_reversed_year_range_is_an_error_not_an_empty_list(client, world):
    response = client.get("/en/timeline/", {"year_from": "2010", "year_to": "1990"})
    assert response.status_code == 400
    assert "The end year cannot be before the start year." in response.content.decode()


GARBAGE = [
    "2010-13-45",
    "'; DROP TABLE people_person; --",
    "x" * 40_000,
    "😀🇰🇿",
    "Қаз mixed Рус script",
    "\x00",
    "-1",
    "9" * 50,
    "%",
    "../../etc/passwd",
]
FILTERS = {
    "/en/organs/": ["q", "kind", "parent", "region", "host_state", "existed_on", "sort", "page"],
    "/en/people/": ["q", "organ", "post", "nationality", "in_office_on", "sort", "page"],
    "/en/timeline/": ["q", "kind", "year_from", "year_to", "organ", "person", "state", "sort", "page"],
    "/en/states/": ["q", "joined_year", "sort", "page"],
    "/en/sources/": ["q", "kind", "sort", "page"],
}


@pytest.mark.parametrize("value", GARBAGE, ids=range(len(GARBAGE)))
def test_garbage_in_any_filter_never_gives_a_server_error(client, world, value):
    for path, names in FILTERS.items():
        for name in names:
            response = client.get(path, {name: value})
            assert response.status_code < 500, (path, name)


@pytest.mark.parametrize("value", GARBAGE, ids=range(len(GARBAGE)))
def test_garbage_in_search_and_as_of_never_gives_a_server_error(client, world, value):
    assert client.get("/en/search/", {"q": value}).status_code < 500
    assert client.get("/en/as-of/", {"date": value}).status_code < 500


@pytest.mark.parametrize("day", ["2010-13-45", "2010-02-30", "20100601", "'; DROP", "😀", "0000-01-01", "x" * 500])
def test_a_wrong_as_of_date_is_a_400_with_a_message(client, world, day):
    response = client.get(f"/en/as-of/{day}/")
    assert response.status_code == 400
    assert "is not a calendar date" in response.content.decode()


# Timeline


def test_the_timeline_axis_has_a_bar_per_year_per_kind_linked_to_that_year_and_kind(client, world):
    html = client.get("/en/timeline/").content.decode()
    assert "<svg" in html
    assert "band-kazakhstan_chairmanship" in html
    assert html.count("<rect") == 3
    assert 'href="?kind=kazakhstan_relations&amp;year_from=1998&amp;year_to=1998"' in html


def test_a_year_only_event_counts_in_its_year_on_the_axis(client, world):
    make_event(slug="helsinki-1992", kind="kazakhstan_relations", start=(1992, 7, 8))
    axis = client.get("/en/timeline/").context["axis"]
    (relations,) = [band for band in axis.bands if band.kind == "kazakhstan_relations"]
    assert [(bar.year, bar.count) for bar in relations.bars] == [(1992, 2), (1998, 1)]


def test_each_bar_of_the_axis_says_what_it_counts_in_the_page_language(client, world):
    assert (
        "<title>1998, Kazakhstan–OSCE relations: 1 event begins</title>" in client.get("/en/timeline/").content.decode()
    )
    assert "<title>1998" in client.get("/ru/timeline/").content.decode()


def test_the_timeline_list_gives_machine_readable_dates_at_their_precision(client, world):
    html = client.get("/en/timeline/").content.decode()
    assert '<time datetime="1992">1992</time>' in html
    assert '<time datetime="1998-12-02">2–3 December 1998</time>' in html


# Structure and as-of


def test_the_structure_shows_the_tree_with_current_holders(client, world):
    today = datetime.date.today()
    make_tenure(
        person=world["haraszti"],
        post=world["rfom_post"],
        start=(today.year, 1, 1),
        start_precision="year",
        is_current=True,
    )
    html = client.get("/en/structure/").content.decode()
    assert 'class="org-chart"' in html
    assert html.index("Centre in Astana") > html.index("OSCE")
    assert "Miklós Haraszti" in html


def test_the_as_of_page_shows_holders_organs_chairmanship_and_events(client, world):
    html = client.get("/en/as-of/2010-06-01/").content.decode()
    assert "Kanat Saudabayev" in html
    assert "Kazakhstan" in html
    assert "Astana Summit" in html
    assert "Miklós Haraszti" not in html


def test_the_as_of_page_says_when_a_partial_date_makes_the_answer_uncertain(client, world):
    person = make_person(name_en="Marc Perrin de Brichambaut")
    make_tenure(
        person=person,
        post=make_post(organ=world["osce"]),
        start=(2005, 1, 1),
        start_precision="year",
        end=(2011, 1, 1),
        end_precision="year",
    )
    html = client.get("/en/as-of/2005-03-01/").content.decode()
    assert "Marc Perrin de Brichambaut" in html
    assert "uncertain" in html


def test_the_date_picker_leads_to_the_as_of_page(client, world):
    response = client.get("/en/as-of/", {"date": "2010-06-01"})
    assert response.status_code == 302
    assert response["Location"] == "/en/as-of/2010-06-01/"


# Search


@pytest.mark.parametrize("query", ["Харасти", "Haraszti", "Миклош", "miklós"])
def test_search_finds_the_same_person_in_any_script(client, world, query):
    response = client.get("/en/search/", {"q": query})
    assert [p.slug for p in response.context["results"]["people"]] == ["miklos-haraszti"]


def test_search_groups_results_by_type(client, world):
    results = client.get("/en/search/", {"q": "Astana"}).context["results"]
    assert set(results) >= {"organs", "events"}


def test_a_search_query_too_long_is_refused_with_a_message(client, world):
    response = client.get("/en/search/", {"q": "x" * 40_000})
    assert response.status_code == 400
    assert "at most 200 characters" in response.content.decode()


# Citation, sitemap


def test_a_detail_page_can_be_cited_with_its_permanent_url(client, world):
    html = client.get("/en/people/miklos-haraszti/").content.decode()
    assert "Cite this page" in html
    assert "Miklós Haraszti. (n.d.). In OSCE and Kazakhstan: a trilingual knowledge base. Retrieved" in html
    assert "from http://testserver/en/people/miklos-haraszti/" in html


def test_the_citation_is_in_the_page_language(client, world):
    html = client.get("/ru/people/miklos-haraszti/").content.decode()
    assert "http://testserver/ru/people/miklos-haraszti/" in html
    assert "Retrieved" not in html


def test_the_sitemap_lists_every_page_in_all_three_languages(client, world):
    xml = client.get("/sitemap-people.xml").content.decode()
    for lang in ("kk", "ru", "en"):
        assert f"http://testserver/{lang}/people/miklos-haraszti/" in xml
    assert 'hreflang="x-default"' in xml


def test_drafts_are_in_no_public_response(client, world):
    world["astana"].is_published = False
    world["astana"].save()
    for path in ["/en/organs/", "/en/structure/", "/sitemap-organs.xml", "/en/as-of/2010-06-01/", "/en/states/KZ/"]:
        assert "centre-in-astana" not in client.get(path).content.decode(), path
    assert client.get("/en/search/", {"q": "Centre in Astana"}).context["results"].get("organs") is None


@pytest.mark.parametrize("query", ["Haraszty", "Харасты", "Миклош Харасти", "Harazsti"])
def test_a_misspelled_name_still_finds_its_person(client, world, query):
    response = client.get("/en/search/", {"q": query})
    assert [p.slug for p in response.context["results"]["people"]] == ["miklos-haraszti"]


def test_a_year_only_event_is_listed_after_the_dated_events_of_its_year(client, world):
    make_event(slug="later-in-1992", start=(1992, 7, 8), title_en="Helsinki Summit 1992")
    make_event(slug="early-1992", start=(1992, 1, 30), title_en="Joined on 30 January")
    slugs = [event.slug for event in client.get("/en/timeline/").context["object_list"]]
    assert slugs.index("early-1992") < slugs.index("later-in-1992") < slugs.index("joined")


def test_the_timeline_can_be_read_newest_first(client, world):
    slugs = [event.slug for event in client.get("/en/timeline/", {"sort": "-date"}).context["object_list"]]
    assert slugs == ["astana-summit", "memorandum-1998", "joined"]


def test_a_former_participating_state_is_listed_but_not_counted_among_todays(client, world):
    make_state(
        code="CS",
        name_en="Czechoslovakia",
        joined_date=D(1973, 6, 25),
        joined_precision="day",
        left_date=D(1993, 1, 1),
        left_precision="day",
    )
    assert "2 participating States" in client.get("/en/").content.decode()
    assert "Czechoslovakia" in client.get("/en/states/").content.decode()
    assert titles(client.get("/en/states/?status=former"), "name_en") == ["Czechoslovakia"]
    assert "Czechoslovakia" not in titles(client.get("/en/states/?status=participating"), "name_en")
    page = client.get("/en/states/CS/").content.decode()
    assert "No longer a participating State from" in page
    assert '<time datetime="1993-01-01">1 January 1993</time>' in page
