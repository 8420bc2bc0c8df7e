"""The database itself rejects impossible dates, whatever path the data takes (admin, fixtures, shell)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from organs.models import ParticipatingState
from tests.factories import make_event, make_organ, make_person, make_post, make_state, make_tenure, translated

D = datetime.date
pytestmark = pytest.mark.django_db


def rejected_by_database(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_tenure_end_before_start_is_rejected_by_the_database():
    rejected_by_database(lambda: make_tenure(start=(2005, 6, 1), end=(2005, 5, 31), end_precision="day"))


def test_event_end_before_start_is_rejected_by_the_database():
    rejected_by_database(
        lambda: make_event(start=(1999, 1, 1), start_precision="year", end=(1998, 1, 1), end_precision="year")
    )


def test_organ_closed_before_established_is_rejected_by_the_database():
    rejected_by_database(lambda: make_organ(start_date=D(2000, 1, 1), end_date=D(1999, 1, 1), end_precision="year"))


def test_a_year_precision_date_that_is_not_1_january_is_rejected_by_the_database():
    rejected_by_database(lambda: make_event(start=(2005, 3, 1), start_precision="year"))


def test_a_month_precision_date_that_is_not_the_1st_is_rejected_by_the_database():
    rejected_by_database(lambda: make_tenure(start=(2004, 4, 15), start_precision="month"))


def test_an_end_date_without_precision_is_rejected_by_the_database():
    rejected_by_database(lambda: make_tenure(end=(2010, 1, 1), end_precision=""))


def test_a_joined_precision_without_a_date_is_rejected_by_the_database():
    rejected_by_database(
        lambda: ParticipatingState.objects.create(code="KZ", joined_precision="year", **translated("name", "Қазақстан"))
    )


def test_a_current_tenure_with_an_end_date_is_rejected_by_the_database():
    rejected_by_database(lambda: make_tenure(end=(2010, 1, 1), end_precision="year", is_current=True))


def test_a_year_end_may_close_a_span_begun_earlier_that_year():
    tenure = make_tenure(start=(2004, 3, 10), start_precision="day", end=(2004, 1, 1), end_precision="year")
    assert tenure.pk


def test_a_two_day_event_is_accepted():
    assert make_event(start=(1998, 12, 2), end=(1998, 12, 3), end_precision="day").pk


def test_the_same_person_cannot_start_the_same_post_twice_on_one_date():
    person, post = make_person(), make_post()
    make_tenure(person=person, post=post)
    rejected_by_database(lambda: make_tenure(person=person, post=post))


def test_validation_names_the_end_field_when_the_end_is_before_the_start():
    tenure = make_tenure()
    tenure.end_date, tenure.end_precision = D(2004, 3, 9), "day"
    with pytest.raises(ValidationError) as error:
        tenure.full_clean()
    assert "end_date" in error.value.message_dict


def test_validation_explains_that_a_year_date_must_be_1_january():
    event = make_event()
    event.start_date, event.start_precision = D(2005, 3, 1), "year"
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            event.full_clean()
        assert error.value.message_dict["start_date"] == [
            "A date known only to the year must be entered as 1 January of that year."
        ]


def test_an_organ_cannot_be_placed_under_its_own_sub_body():
    top = make_organ()
    child = make_organ(parent=top)
    top.parent = child
    with pytest.raises(ValidationError) as error:
        top.full_clean()
    assert "parent" in error.value.message_dict


def test_a_state_cannot_stop_taking_part_before_it_joined():
    rejected_by_database(
        lambda: make_state(
            joined_date=D(1973, 6, 25), joined_precision="day", left_date=D(1970, 1, 1), left_precision="year"
        )
    )


def test_validation_names_the_field_when_a_state_leaves_before_it_joined():
    state = make_state(joined_date=D(1973, 6, 25), joined_precision="day")
    state.left_date, state.left_precision = D(1972, 1, 1), "year"
    with pytest.raises(ValidationError) as error:
        state.full_clean()
    assert "left_date" in error.value.message_dict
