"""A person's dates of birth and death: stored at the precision the sources give, and never impossible."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from tests.factories import make_person

D = datetime.date
pytestmark = pytest.mark.django_db


def test_a_death_before_the_birth_is_rejected_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_person(birth_date=D(1950, 1, 1), birth_precision="year", death_date=D(1949, 6, 1), death_precision="month")


def test_a_year_of_birth_that_is_not_1_january_is_rejected_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_person(birth_date=D(1945, 3, 2), birth_precision="year")


def test_a_birth_date_without_a_precision_is_rejected_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_person(birth_date=D(1945, 1, 2), birth_precision="")


def test_a_death_in_the_year_of_a_birth_known_to_the_day_is_allowed():
    person = make_person(
        birth_date=D(1945, 1, 2), birth_precision="day", death_date=D(1945, 1, 1), death_precision="year"
    )
    assert person.pk


def test_the_editor_is_told_in_their_language_that_death_cannot_come_before_birth():
    person = make_person()
    person.birth_date, person.birth_precision = D(1950, 1, 1), "year"
    person.death_date, person.death_precision = D(1940, 1, 1), "year"
    with translation.override("kk"):
        with pytest.raises(ValidationError) as error:
            person.full_clean()
        # The message is lazy: it is read while Kazakh is still the active language.
        messages = error.value.message_dict["death_date"]
    assert messages == ["Қайтыс болған күні туған күнінен ерте болмауы тиіс."]


@pytest.mark.parametrize(
    ("lang", "born", "died"),
    [
        ("en", "2 January 1945", "1997"),
        ("ru", "2 января 1945 г.", "1997 г."),
        ("kk", "1945 жылғы 2 қаңтар", "1997 ж."),
    ],
)
def test_the_person_page_shows_the_life_dates_at_their_precision(client, lang, born, died):
    person = make_person(
        birth_date=D(1945, 1, 2), birth_precision="day", death_date=D(1997, 1, 1), death_precision="year"
    )
    html = client.get(f"/{lang}/people/{person.slug}/").content.decode()
    assert f'<time datetime="1945-01-02">{born}</time>' in html
    assert f'<time datetime="1997">{died}</time>' in html


def test_the_person_page_says_nothing_of_a_life_the_record_does_not_know(client):
    person = make_person()
    html = client.get(f"/en/people/{person.slug}/").content.decode()
    assert "Born" not in html and "Died" not in html
