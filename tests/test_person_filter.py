"""The people list's conditions on tenures (body, post, in office on) hold for one and the same tenure."""

import datetime
import random

import pytest

from organs.models import Organ
from osce_kb import partial_dates
from tests.factories import make_organ, make_person, make_post, make_tenure

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def chairs():
    """Vollebæk chaired the OSCE in 1999 and was High Commissioner in 2010; Saudabayev chaired it in 2010."""
    chairmanship = make_organ(slug="chairmanship", kind=Organ.Kind.CHAIRMANSHIP)
    hcnm = make_organ(slug="hcnm", kind=Organ.Kind.INSTITUTION)
    cio = make_post(slug="chairperson-in-office", organ=chairmanship)
    high_commissioner = make_post(slug="hcnm-high-commissioner", organ=hcnm)
    vollebaek = make_person(slug="knut-vollebaek")
    saudabayev = make_person(slug="kanat-saudabayev")
    make_tenure(person=vollebaek, post=cio, start=(1999, 1, 1), end=(1999, 12, 31), end_precision="day")
    make_tenure(person=vollebaek, post=high_commissioner, start=(2007, 7, 5), end=(2013, 8, 19), end_precision="day")
    make_tenure(person=saudabayev, post=cio, start=(2010, 1, 1), end=(2010, 12, 31), end_precision="day")


def slugs(client, **params):
    response = client.get("/en/people/", params)
    assert response.status_code == 200
    return sorted(person.slug for person in response.context["object_list"])


def test_post_and_in_office_on_must_hold_for_the_same_tenure(client, chairs):
    assert slugs(client, in_office_on="2010-06-01", post="chairperson-in-office") == ["kanat-saudabayev"]


def test_body_and_in_office_on_must_hold_for_the_same_tenure(client, chairs):
    assert slugs(client, in_office_on="2010-06-01", organ="chairmanship") == ["kanat-saudabayev"]


def test_a_post_in_another_body_than_the_one_asked_for_matches_nobody(client, chairs):
    assert slugs(client, organ="hcnm", post="chairperson-in-office") == []


def test_the_tenure_conditions_agree_with_some_single_tenure_satisfying_them_all(client):
    """A seeded sweep: for random tenures and random combinations of conditions, the list is exactly the people
    one of whose tenures satisfies every condition given."""
    rng = random.Random(20100601)
    organs = [make_organ(slug=f"body-{n}") for n in range(2)]
    posts = [make_post(slug=f"post-{n}", organ=organs[n % 2], single_holder=False) for n in range(3)]
    people = [make_person(slug=f"person-{n}") for n in range(8)]
    tenures = []
    for person in people:
        for _ in range(rng.randint(0, 3)):
            start = D(rng.randint(1995, 2015), rng.randint(1, 12), 1)
            start_precision = rng.choice(["day", "month", "year"])
            start = partial_dates.first_day(start, start_precision)
            end, end_precision = None, ""
            if rng.random() < 0.8:
                end_precision = rng.choice(["day", "month", "year"])
                end = partial_dates.first_day(start + datetime.timedelta(days=rng.randint(0, 3000)), end_precision)
            tenures.append(
                make_tenure(
                    person=person,
                    post=rng.choice(posts),
                    start=start.timetuple()[:3],
                    start_precision=start_precision,
                    end=end.timetuple()[:3] if end else None,
                    end_precision=end_precision,
                )
            )

    def possibly_held(tenure, day):
        ended = tenure.end_date and partial_dates.last_day(tenure.end_date, tenure.end_precision) < day
        return tenure.start_date <= day and not ended

    for _ in range(40):
        organ = rng.choice([None, *organs])
        post = rng.choice([None, *posts])
        day = rng.choice([None, D(rng.randint(1995, 2020), rng.randint(1, 12), rng.randint(1, 28))])
        expected = sorted(
            {
                tenure.person.slug
                for tenure in tenures
                if (organ is None or tenure.post.organ_id == organ.pk)
                and (post is None or tenure.post_id == post.pk)
                and (day is None or possibly_held(tenure, day))
            }
            if organ or post or day
            else {person.slug for person in people}
        )
        params = {
            key: value
            for key, value in {
                "organ": organ and organ.slug,
                "post": post and post.slug,
                "in_office_on": day and day.isoformat(),
            }.items()
            if value
        }
        assert slugs(client, **params) == expected, params
