"""The home page: what a reader landing on the site sees first."""

import datetime

import pytest

from tests.factories import make_event, make_organ

D = datetime.date

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_the_latest_eight_kazakhstan_events_oldest_of_them_first(client):
    for year in range(1992, 2004):
        make_event(slug=f"relations-{year}", kind="kazakhstan_relations", start=(year, 1, 1), start_precision="year")
    make_event(slug="chairmanship-2010", kind="kazakhstan_chairmanship", start=(2010, 1, 1), start_precision="year")
    make_event(slug="astana-summit", kind="kazakhstan_chairmanship", start=(2010, 12, 1))
    make_event(slug="draft-2011", kind="kazakhstan_relations", start=(2011, 1, 1), is_published=False)
    make_event(slug="osce-history-2012", kind="osce_history", start=(2012, 1, 1))
    shown = [event.slug for event in client.get("/en/").context["kazakhstan_events"]]
    assert shown == [f"relations-{year}" for year in range(1998, 2004)] + ["astana-summit", "chairmanship-2010"]


def test_the_home_page_shows_todays_bodies_not_those_closed_long_ago(client):
    osce = make_organ(slug="osce", name_en="OSCE", parent=None)
    make_organ(slug="odihr", name_en="ODIHR", parent=osce)
    make_organ(
        slug="kvm", name_en="Kosovo Verification Mission", parent=osce, end_date=D(1999, 6, 1), end_precision="month"
    )
    make_organ(slug="hlpg", name_en="Closed at the top", end_date=D(2000, 1, 1), end_precision="year")
    organs = client.get("/en/").context["organs"]
    assert [(organ.slug, [child.slug for child in organ.published_children]) for organ in organs] == [
        ("osce", ["odihr"])
    ]
