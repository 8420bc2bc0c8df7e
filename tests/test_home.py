"""The home page: what a reader landing on the site sees first."""

import pytest

from tests.factories import make_event

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
