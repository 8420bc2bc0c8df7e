"""Every stored date lies between 1900 and 2100, whatever path it takes; every date a reader can ask about is
refused outside those bounds with a message, and every computation on dates is safe at them."""

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import translation

from organs.models import Organ
from osce_kb.axis import build_axis
from tests.factories import make_event, make_organ, make_person, make_source, make_state, make_tenure

D = datetime.date
pytestmark = pytest.mark.django_db

FACTORIES = {
    "osce_kb.source": make_source,
    "organs.participatingstate": make_state,
    "organs.organ": make_organ,
    "people.person": make_person,
    "people.tenure": make_tenure,
    "timeline.event": make_event,
}


def partial_date_fields():
    """(model label, field name) of every partial date: a date field with a precision beside it."""
    found = []
    for app in ("osce_kb", "organs", "people", "timeline"):
        for model in apps.get_app_config(app).get_models():
            names = {field.name for field in model._meta.get_fields()}
            for field in model._meta.get_fields():
                partial = field.name.endswith("_date") and field.name.replace("_date", "_precision") in names
                if isinstance(field, models.DateField) and partial:
                    found.append((model._meta.label_lower, field.name))
    return found


PARTIAL_DATE_FIELDS = partial_date_fields()


def with_year_date(label, name, year):
    """A saved record of `label` whose partial date `name` is set, in memory only, to the year `year`."""
    record = FACTORIES[label]()
    setattr(record, name, D(year, 1, 1))
    setattr(record, name.replace("_date", "_precision"), "year")
    if name == "end_date":
        record.start_date, record.start_precision = D(1900, 1, 1), "year"
    if name == "death_date":
        record.birth_date, record.birth_precision = D(1900, 1, 1), "year"
    if name == "left_date":
        record.joined_date, record.joined_precision = D(1900, 1, 1), "year"
    return record


@pytest.mark.parametrize(("label", "name"), PARTIAL_DATE_FIELDS)
@pytest.mark.parametrize(
    ("year", "accepted"), [(1899, False), (1900, True), (2100, True), (2101, False), (9999, False)]
)
def test_a_date_is_valid_exactly_when_it_lies_between_1900_and_2100(label, name, year, accepted):
    record = with_year_date(label, name, year)
    with translation.override("en"):
        if accepted:
            record.full_clean()
            return
        with pytest.raises(ValidationError) as refused:
            record.full_clean()
        assert "The date must be between 1900 and 2100." in refused.value.message_dict[name]


@pytest.mark.parametrize(("label", "name"), PARTIAL_DATE_FIELDS)
@pytest.mark.parametrize(("year", "accepted"), [(1899, False), (1900, True), (2100, True), (9999, False)])
def test_the_database_stores_a_date_exactly_when_it_lies_between_1900_and_2100(label, name, year, accepted):
    record = with_year_date(label, name, year)
    if accepted:
        record.save()
        return
    with pytest.raises(IntegrityError), transaction.atomic():
        record.save()


@pytest.mark.parametrize(
    ("lang", "message"),
    [("kk", "Күн 1900–2100 жылдар аралығында болуы керек."), ("ru", "Дата должна быть в пределах 1900–2100 годов.")],
)
def test_the_bounds_message_is_in_the_editors_language(lang, message):
    event = make_event()
    event.start_date = D(9999, 1, 1)
    event.start_precision = "year"
    with translation.override(lang):
        with pytest.raises(ValidationError) as refused:
            event.full_clean()
        assert refused.value.message_dict["start_date"] == [message]


DAYS = [
    ("1900-01-01", 200),
    ("2100-12-31", 200),
    ("1899-12-31", 400),
    ("2101-01-01", 400),
    ("9999-12-31", 400),
    ("0001-01-01", 400),
]


@pytest.fixture
def dated_world():
    make_organ(slug="founded-in-1900", start_date=D(1900, 1, 1), start_precision="year")
    make_organ(slug="founded-in-2100", start_date=D(2100, 1, 1), start_precision="year")
    make_tenure(start=(1900, 1, 1), start_precision="day", end=(2100, 12, 31), end_precision="day")
    make_event(start=(1900, 1, 1), start_precision="year")
    make_event(start=(2100, 12, 31), start_precision="day")


@pytest.mark.parametrize(("path", "parameter"), [("/en/organs/", "existed_on"), ("/en/people/", "in_office_on")])
@pytest.mark.parametrize(("day", "status"), DAYS)
def test_a_date_filter_accepts_exactly_the_days_within_the_bounds(client, dated_world, path, parameter, day, status):
    response = client.get(path, {parameter: day})
    assert response.status_code == status
    if status == 400:
        assert "The date must be between 1900 and 2100." in response.content.decode()


@pytest.mark.parametrize(("day", "status"), DAYS)
def test_the_as_of_page_answers_exactly_the_days_within_the_bounds(client, dated_world, day, status):
    response = client.get(f"/en/as-of/{day}/")
    assert response.status_code == status
    if status == 400:
        assert "The date must be between 1900 and 2100." in response.content.decode()


def test_the_date_picker_refuses_a_day_beyond_the_bounds_in_the_page_language(client, dated_world):
    response = client.get("/ru/as-of/", {"date": "9999-12-31"})
    assert response.status_code == 400
    assert "Дата должна быть в пределах 1900–2100 годов." in response.content.decode()


def test_the_date_pickers_offer_only_days_within_the_bounds(client, dated_world):
    for path in ("/en/organs/", "/en/people/", "/en/as-of/2000-01-01/"):
        assert 'min="1900-01-01" max="2100-12-31"' in client.get(path).content.decode(), path


def test_a_body_founded_in_a_year_certainly_exists_from_its_last_day_to_the_end_of_the_calendar(dated_world):
    def exists_on(day):
        return Organ.objects.existed_on(day).filter(slug="founded-in-2100").exists()

    assert not exists_on(D(2100, 12, 30))
    assert exists_on(D(2100, 12, 31))
    assert exists_on(datetime.date.max)


def test_the_axis_draws_a_bar_for_the_last_year_a_calendar_holds_within_its_width():
    axis = build_axis([("other", 1900, 1), ("other", 2100, 1)], [("other", "Other")])
    last = axis.bands[0].bars[-1]
    assert last.year == 2100
    assert last.x + last.width <= axis.width
