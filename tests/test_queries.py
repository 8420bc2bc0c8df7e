"""QuerySet methods named for the questions readers ask, at the edges of partial-date spans."""

import datetime

import pytest

from organs.models import Organ
from people.models import Tenure
from tests.factories import make_event, make_organ, make_tenure
from timeline.models import Event

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def haraszti():
    """Known to the day at both ends."""
    return make_tenure(start=(2004, 3, 10), start_precision="day", end=(2010, 3, 9), end_precision="day")


def test_a_tenure_is_held_on_its_first_day(haraszti):
    assert haraszti in Tenure.objects.held_on(D(2004, 3, 10))


def test_a_tenure_is_not_held_the_day_before_it_starts(haraszti):
    assert haraszti not in Tenure.objects.held_on(D(2004, 3, 9))
    assert haraszti not in Tenure.objects.possibly_held_on(D(2004, 3, 9))


def test_a_tenure_is_held_on_its_last_day(haraszti):
    assert haraszti in Tenure.objects.held_on(D(2010, 3, 9))


def test_a_tenure_is_not_held_the_day_after_it_ends(haraszti):
    assert haraszti not in Tenure.objects.held_on(D(2010, 3, 10))
    assert haraszti not in Tenure.objects.possibly_held_on(D(2010, 3, 10))


def test_a_tenure_starting_in_a_known_year_is_uncertain_within_that_year():
    tenure = make_tenure(start=(2005, 1, 1), start_precision="year", is_current=True)
    assert tenure not in Tenure.objects.held_on(D(2005, 3, 1))
    assert tenure in Tenure.objects.possibly_held_on(D(2005, 3, 1))
    assert tenure in Tenure.objects.uncertain_on(D(2005, 3, 1))


def test_a_tenure_starting_in_a_known_year_is_certain_from_the_next_year():
    tenure = make_tenure(start=(2005, 1, 1), start_precision="year", is_current=True)
    assert tenure in Tenure.objects.held_on(D(2006, 1, 1))
    assert tenure not in Tenure.objects.uncertain_on(D(2006, 1, 1))


def test_a_tenure_starting_in_a_known_month_is_certain_from_its_last_day():
    tenure = make_tenure(start=(2008, 6, 1), start_precision="month", is_current=True)
    assert tenure not in Tenure.objects.held_on(D(2008, 6, 29))
    assert tenure in Tenure.objects.held_on(D(2008, 6, 30))


def test_a_tenure_ending_in_a_known_year_is_uncertain_after_new_year_of_that_year():
    tenure = make_tenure(start=(2000, 1, 1), start_precision="year", end=(2005, 1, 1), end_precision="year")
    assert tenure in Tenure.objects.held_on(D(2005, 1, 1))
    assert tenure in Tenure.objects.uncertain_on(D(2005, 6, 1))
    assert tenure in Tenure.objects.possibly_held_on(D(2005, 12, 31))
    assert tenure not in Tenure.objects.possibly_held_on(D(2006, 1, 1))


def test_a_tenure_with_an_unknown_end_is_never_certainly_held_after_it_starts():
    tenure = make_tenure(start=(2004, 3, 10), is_current=False)
    assert tenure not in Tenure.objects.held_on(D(2004, 3, 11))
    assert tenure in Tenure.objects.uncertain_on(D(2004, 3, 11))


def test_a_current_tenure_is_held_today():
    tenure = make_tenure(start=(2024, 12, 4), is_current=True)
    assert tenure in Tenure.objects.held_on(D(2026, 11, 25))


def test_between_finds_a_year_event_overlapping_the_range():
    event = make_event(start=(1992, 1, 1), start_precision="year")
    assert event in Event.objects.between(D(1992, 6, 1), D(1992, 6, 30))
    assert event not in Event.objects.between(D(1993, 1, 1), D(1993, 12, 31))


def test_between_finds_a_multi_year_span_by_its_middle():
    event = make_event(start=(1994, 1, 1), start_precision="year", end=(1997, 1, 1), end_precision="year")
    assert event in Event.objects.between(D(1996, 1, 1), D(1996, 1, 31))
    assert event in Event.objects.between(D(1997, 12, 1), D(1998, 2, 1))
    assert event not in Event.objects.between(D(1998, 1, 1), D(1998, 12, 31))


def test_between_includes_both_edges():
    event = make_event(start=(1998, 12, 2), end=(1998, 12, 3), end_precision="day")
    assert event in Event.objects.between(D(1998, 12, 3), D(1998, 12, 10))
    assert event in Event.objects.between(D(1998, 11, 1), D(1998, 12, 2))
    assert event not in Event.objects.between(D(1998, 12, 4), D(1998, 12, 10))


def test_published_hides_drafts():
    draft = make_event(is_published=False)
    assert draft not in Event.objects.published()


def test_an_organ_exists_from_its_establishment_until_it_closes():
    organ = make_organ(start_date=D(2000, 1, 1), start_precision="year", end_date=D(2011, 3, 31), end_precision="day")
    assert organ in Organ.objects.existed_on(D(2005, 5, 5))
    assert organ not in Organ.objects.existed_on(D(2000, 6, 1))  # established some time in 2000
    assert organ in Organ.objects.existed_on(D(2011, 3, 31))
    assert organ not in Organ.objects.existed_on(D(2011, 4, 1))


def test_the_first_events_of_a_year_are_those_between_its_first_and_last_day_in_chronological_order():
    make_event(start=(2009, 11, 1), start_precision="month", end=(2010, 2, 1), end_precision="month")
    make_event(start=(2008, 1, 1), start_precision="year", end=(2009, 1, 1), end_precision="year")  # ended before
    make_event(start=(2010, 1, 1), start_precision="year")
    make_event(start=(2010, 3, 5))
    make_event(start=(2009, 12, 31), end=(2010, 1, 1), end_precision="day")
    make_event(start=(2011, 1, 1), start_precision="year")
    expected = list(Event.objects.between(D(2010, 1, 1), D(2010, 12, 31)).chronological())
    assert len(expected) == 4
    for count in range(1, 6):
        assert Event.objects.first_in_year(2010, count) == expected[:count]


def test_the_events_from_a_year_on_are_those_between_its_first_day_and_the_last_day_known():
    make_event(start=(2009, 11, 1), start_precision="month", end=(2010, 1, 1), end_precision="year")
    make_event(start=(2005, 1, 1), start_precision="year", end=(2009, 12, 1), end_precision="month")  # ended before
    make_event(start=(2009, 12, 31))
    make_event(start=(2010, 1, 1), start_precision="year")
    make_event(start=(2030, 6, 2), end=(2031, 1, 1), end_precision="year")
    published = Event.objects.published()
    expected = set(published.between(D(2010, 1, 1), D(2100, 12, 31)))
    assert len(expected) == 3
    assert set(published.from_year(2010)) == expected
