"""Bounded counts: exact up to the limit, "more than" beyond it, in the reader's language."""

import pytest
from django.utils import translation

from osce_kb.counting import Count, bounded_count
from osce_kb.templatetags.kb import count
from tests.factories import make_event
from timeline.models import Event

pytestmark = pytest.mark.django_db


def test_a_count_within_the_limit_is_exact():
    for _ in range(3):
        make_event()
    assert bounded_count(Event.objects.all(), limit=3) == Count(3, exact=True)


def test_a_count_beyond_the_limit_stops_at_the_limit_and_says_so():
    for _ in range(4):
        make_event()
    assert bounded_count(Event.objects.all(), limit=3) == Count(3, exact=False)


def test_an_exact_count_is_shown_with_thousands_grouped():
    with translation.override("en"):
        assert count(Count(1234)) == "1,234"


@pytest.mark.parametrize(
    ("lang", "shown"), [("en", "more than 1,000"), ("ru", "более 1\xa0000"), ("kk", "1\xa0000-нан астам")]
)
def test_a_count_that_stopped_says_more_than_in_each_language(lang, shown):
    with translation.override(lang):
        assert count(Count(1000, exact=False)) == shown
