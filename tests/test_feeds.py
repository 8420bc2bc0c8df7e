"""The Atom feeds: per language, the latest new and changed events and tenures first, no draft, bounded, and
linked from every page."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from osce_kb.feeds import FEED_ITEMS
from tests.factories import make_event, make_organ, make_person, make_post, make_tenure

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
LANGUAGES = ("kk", "ru", "en")


def entries(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return feed, [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "updated": entry.findtext(f"{ATOM}updated"),
            "summary": entry.findtext(f"{ATOM}summary"),
        }
        for entry in feed.findall(f"{ATOM}entry")
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_events_feed_is_in_the_language_of_its_address_latest_change_first(client, lang):
    old = make_event(
        slug="old", title_kk="Ескі", title_ru="Старое", title_en="Old", start=(2004, 1, 1), start_precision="year"
    )
    make_event(slug="new", title_kk="Жаңа", title_ru="Новое", title_en="New")
    old.summary_en = "Corrected."
    old.save()
    feed, items = entries(client, f"/{lang}/feeds/events/")
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    assert items[0]["link"] == f"http://testserver/{lang}/timeline/old/"
    assert items[0]["title"].endswith({"kk": "Ескі", "ru": "Старое", "en": "Old"}[lang])
    assert items[0]["title"].startswith({"kk": "2004 ж.", "ru": "2004 г.", "en": "2004"}[lang])
    assert [item["link"].rsplit("/", 2)[-2] for item in items] == ["old", "new"]
    assert (
        feed.findtext(f"{ATOM}title")
        == {
            "kk": "ЕҚЫҰ және Қазақстан: жаңа және өзгертілген оқиғалар",
            "ru": "ОБСЕ и Казахстан: новые и изменённые события",
            "en": "OSCE and Kazakhstan: new and changed events",
        }[lang]
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_officeholders_feed_lists_changed_tenures_with_their_span(client, lang):
    person = make_person(slug="holder", name_kk="Иесі", name_ru="Держатель", name_en="Holder")
    tenure = make_tenure(person=person, start=(2010, 1, 1), start_precision="year")
    _feed, items = entries(client, f"/{lang}/feeds/officeholders/")
    assert items[0]["link"] == f"http://testserver/{lang}/people/holder/#tenure-{tenure.slug}"
    assert items[0]["title"].startswith({"kk": "Иесі", "ru": "Держатель", "en": "Holder"}[lang])
    assert {"kk": "2010 ж.", "ru": "2010 г.", "en": "2010"}[lang] in items[0]["summary"]


def test_the_person_page_has_the_anchor_the_feed_links_to(client):
    tenure = make_tenure(person=make_person(slug="holder"))
    assert f'id="tenure-{tenure.slug}"' in client.get("/en/people/holder/").content.decode()


def test_no_draft_is_in_a_feed(client):
    make_event(slug="draft-event", is_published=False)
    make_tenure(person=make_person(slug="draft-person", is_published=False))
    make_tenure(post=make_post(organ=make_organ(slug="draft-body", is_published=False)))
    make_tenure(person=make_person(slug="shown"))
    for path in ("/en/feeds/events/", "/en/feeds/officeholders/"):
        assert "draft" not in client.get(path).content.decode()
    assert len(entries(client, "/en/feeds/officeholders/")[1]) == 1


def test_a_feed_shows_the_latest_items_only_with_the_same_queries_at_any_size(client):
    counts = []
    for size, added in ((10, 10), (200, 190)):
        for _ in range(added):
            make_tenure(start=(2000, 1, 1), start_precision="year")
            make_event()
        with CaptureQueriesContext(connection) as queries:
            events = entries(client, "/ru/feeds/events/")[1]
            tenures = entries(client, "/ru/feeds/officeholders/")[1]
        counts.append(len(queries))
        assert len(events) == len(tenures) == min(size, FEED_ITEMS)
    assert counts[0] == counts[1]


def test_an_entry_carries_when_it_was_recorded_and_last_changed(client):
    event = make_event(slug="dated")
    item = entries(client, "/en/feeds/events/")[1][0]
    assert datetime.datetime.fromisoformat(item["updated"]) == event.updated_at


@pytest.mark.parametrize("path", ["/kk/", "/ru/people/", "/en/timeline/"])
def test_every_page_links_its_languages_feeds(client, path):
    page = client.get(path).content.decode()
    lang = path.split("/")[1]
    assert 'type="application/atom+xml" title="' in page
    assert f'href="/{lang}/feeds/events/"' in page
    assert f'href="/{lang}/feeds/officeholders/"' in page
