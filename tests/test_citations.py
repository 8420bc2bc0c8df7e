"""Each record's page, as data: its schema.org JSON-LD parses and has the types and properties of its kind, dates
at their precision; its reference downloads as BibTeX, RIS and CSL-JSON that real parsers read; and its <head>
carries the tags reference managers read — in the page's language."""

import datetime
import json
import re

import bibtexparser
import pytest
import rispy

from tests.factories import make_event, make_organ, make_person, make_post, make_source, make_state, make_tenure

pytestmark = pytest.mark.django_db

D = datetime.date
LANGUAGES = ("kk", "ru", "en")
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def records():
    kz = make_state(code="KZ", name_kk="Қазақстан", name_ru="Казахстан", name_en="Kazakhstan", wikidata_id="Q232")
    parent = make_organ(slug="osce", name_en="OSCE")
    odihr = make_organ(
        slug="odihr", parent=parent, start_date=D(1990, 11, 1), start_precision="month", wikidata_id="Q1127165"
    )
    names = {"name_kk": "Біреу", "name_ru": "Некто", "name_en": "Someone"}
    person = make_person(slug="someone", nationality=kz, birth_date=D(1954, 1, 1), birth_precision="year", **names)
    make_tenure(person=person, post=make_post(organ=odihr), start=(2004, 3, 1), start_precision="month")
    event = make_event(slug="summit", start=(2010, 12, 1), end=(2010, 12, 2), end_precision="day", place_en="Astana")
    event.organs.add(odihr)
    make_event(slug="year-only", start=(2004, 1, 1), start_precision="year")
    make_source(slug="paper", published_date=D(2004, 3, 1), published_precision="month", author="A. Author")
    return {"person": person, "event": event}


PAGES = {
    "people/someone/": "Person",
    "organs/odihr/": "GovernmentOrganization",
    "timeline/summit/": "Event",
    "timeline/year-only/": "Event",
    "states/KZ/": "Country",
    "sources/paper/": "CreativeWork",
}
REQUIRED = {
    "Person": {"name"},
    "GovernmentOrganization": {"name"},
    "Event": {"name", "startDate", "location"},
    "Country": {"name", "identifier"},
    "CreativeWork": {"name"},
}


def json_ld(client, path):
    response = client.get(path)
    assert response.status_code == 200
    (block,) = JSON_LD.findall(response.content.decode())
    return json.loads(block)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_the_json_ld_of_every_detail_page_parses_with_its_type_and_required_properties(client, records, page, lang):
    data = json_ld(client, f"/{lang}/{page}")
    kind = PAGES[page]
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == kind
    assert data["@id"] == data["url"] == f"http://testserver/{lang}/{page}"
    assert REQUIRED[kind] <= set(data)
    assert all(value not in (None, "", []) for value in data.values())


def test_the_json_ld_keeps_each_dates_precision_and_links_wikidata(client, records):
    person = json_ld(client, "/ru/people/someone/")
    assert person["name"] == "Некто"
    assert person["birthDate"] == "1954"
    (role,) = person["memberOf"]
    assert role["@type"] == "Role" and role["startDate"] == "2004-03" and "endDate" not in role
    assert role["memberOf"]["@type"] == "GovernmentOrganization"
    assert person["nationality"] == {"@type": "Country", "name": "Казахстан"}
    odihr = json_ld(client, "/en/organs/odihr/")
    assert odihr["foundingDate"] == "1990-11"
    assert odihr["sameAs"] == ["https://www.wikidata.org/wiki/Q1127165"]
    assert odihr["parentOrganization"]["url"] == "http://testserver/en/organs/osce/"
    assert json_ld(client, "/en/states/KZ/")["sameAs"] == ["https://www.wikidata.org/wiki/Q232"]
    summit = json_ld(client, "/en/timeline/summit/")
    assert (summit["startDate"], summit["endDate"]) == ("2010-12-01", "2010-12-02")
    assert summit["location"] == {"@type": "Place", "name": "Astana"}
    assert summit["organizer"][0]["url"] == "http://testserver/en/organs/odihr/"
    assert json_ld(client, "/kk/timeline/year-only/")["startDate"] == "2004"
    assert json_ld(client, "/en/sources/paper/")["datePublished"] == "2004-03"


def test_a_draft_parent_is_not_named_in_the_json_ld(client, db):
    make_organ(slug="child", parent=make_organ(slug="unpublished-parent", is_published=False))
    assert "parentOrganization" not in json_ld(client, "/en/organs/child/")
    assert "unpublished-parent" not in client.get("/en/organs/child/").content.decode()


def test_no_text_can_close_the_json_ld_script_early(client, db):
    make_event(slug="odd", title_en='</script><script>alert("x")</script> & <!--')
    page = client.get("/en/timeline/odd/").content.decode()
    (block,) = JSON_LD.findall(page)
    assert "<" not in block and ">" not in block
    assert json.loads(block)["name"] == '</script><script>alert("x")</script> & <!--'


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_bibtex_reference_parses_and_names_the_page_in_its_language(client, records, lang):
    response = client.get(f"/{lang}/people/someone/", {"cite": "bibtex"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="osce-kb-person-someone.bib"'
    library = bibtexparser.parse_string(response.content.decode())
    assert library.failed_blocks == []
    (entry,) = library.entries
    assert entry.entry_type == "misc" and entry.key == "osce-kb-person-someone"
    fields = {field.key: field.value for field in entry.fields}
    assert fields["title"] == "{" + {"kk": "Біреу", "ru": "Некто", "en": "Someone"}[lang] + "}"
    assert fields["url"] == f"http://testserver/{lang}/people/someone/"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", fields["urldate"])


def test_bibtex_escapes_what_would_break_the_entry(client, db):
    make_event(slug="odd", title_en="50% of {all} & more_ #1 \\ $")
    library = bibtexparser.parse_string(client.get("/en/timeline/odd/", {"cite": "bibtex"}).content.decode())
    assert library.failed_blocks == []
    (entry,) = library.entries
    assert entry.fields_dict["title"].value == r"{50\% of \{all\} \& more\_ \#1 \textbackslash{} \$}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_ris_reference_parses(client, records, lang):
    response = client.get(f"/{lang}/timeline/summit/", {"cite": "ris"})
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    (entry,) = rispy.loads(response.content.decode())
    assert entry["type_of_reference"] == "ELEC"
    assert entry["urls"] == [f"http://testserver/{lang}/timeline/summit/"]
    assert entry["language"] == lang
    assert entry["title"]


def test_a_line_break_in_a_title_does_not_break_the_ris(client, db):
    make_event(slug="odd", title_en="First line\nER  - \nTY  - JOUR")
    (entry,) = rispy.loads(client.get("/en/timeline/odd/", {"cite": "ris"}).content.decode())
    assert entry["title"] == "First line ER - TY - JOUR"


def test_the_csl_json_reference(client, records):
    response = client.get("/kk/states/KZ/", {"cite": "csl"})
    (item,) = json.loads(response.content)
    assert item["type"] == "webpage"
    assert item["title"] == "Қазақстан"
    assert item["URL"] == "http://testserver/kk/states/KZ/"
    assert item["language"] == "kk"
    assert len(item["accessed"]["date-parts"][0]) == 3


def test_an_unknown_cite_value_shows_the_page(client, records):
    response = client.get("/en/people/someone/", {"cite": "nonsense"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")


def test_a_draft_has_no_reference_to_download(client, db):
    make_person(slug="draft", is_published=False)
    assert client.get("/en/people/draft/", {"cite": "bibtex"}).status_code == 404


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_offers_the_downloads_and_the_tags_zotero_reads(client, records, lang):
    page = client.get(f"/{lang}/people/someone/").content.decode()
    head = page.split("</head>")[0]
    name = {"kk": "Біреу", "ru": "Некто", "en": "Someone"}[lang]
    assert f'<meta name="citation_title" content="{name}">' in head
    assert f'<meta name="DC.title" content="{name}">' in head
    assert f'<meta name="DC.language" content="{lang}">' in head
    assert f'<meta name="DC.identifier" content="http://testserver/{lang}/people/someone/">' in head
    for format_ in ("bibtex", "ris", "csl"):
        assert f'href="?cite={format_}" download' in page
