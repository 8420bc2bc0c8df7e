"""seed_bench: synthetic records that a normal save would have written, refused where they do not belong."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from osce_kb import seeding
from osce_kb.matching import matches
from osce_kb.models import Precision
from people.models import Person, Tenure
from tests.factories import make_organ, make_post, make_source, make_state, make_tenure
from timeline.models import Event

COUNTS = seeding.Counts(events=120, people=30, tenures=60)


@pytest.fixture
def bundled(db):
    """What seeding needs of the bundled content: the most linked records, other States, posts with a tenure."""
    for code in ("KZ", "DE", "FR", "MT", "NO", "TR"):
        make_state(code=code)
    make_source(slug=seeding.SEED_ESSAY)
    make_source()
    make_organ(slug=seeding.PERMANENT_COUNCIL)
    make_organ()
    post = make_post(slug="chairperson-in-office")
    make_tenure(post=post, start=(2010, 1, 1))
    make_post()


def seed(seed=1):
    seeding.seed(COUNTS, seed=seed, yes=True, stream=io.StringIO())


def synthetic(model):
    return model.objects.filter(slug__startswith=seeding.SLUG_PREFIX).order_by("slug")


def snapshot():
    return [
        [tuple(row) for row in synthetic(model).values_list("slug", *fields)]
        for model, fields in [
            (Event, ["title_kk", "title_ru", "title_en", "start_date", "end_date", "is_published", "kind"]),
            (Person, ["name_kk", "nationality__code"]),
            (Tenure, ["person__slug", "post__slug", "start_date", "start_precision", "end_date"]),
        ]
    ] + [sorted(synthetic(Event).values_list("slug", "states__code", "sources__slug", "organs__slug"), key=str)]


def test_seeding_adds_the_asked_numbers_of_events_people_and_tenures(bundled):
    seed()
    assert (synthetic(Event).count(), synthetic(Person).count(), synthetic(Tenure).count()) == (120, 30, 60)


def test_seeded_rows_pass_every_validation_and_constraint_of_their_model(bundled):
    seed()
    for model in (Event, Person, Tenure):
        for row in synthetic(model)[::7]:
            row.full_clean()


def test_seeded_rows_hold_what_a_save_would_have_stored_in_their_derived_columns(bundled):
    seed()
    for model in (Event, Person, Tenure):
        for row in synthetic(model)[::11]:
            # A save renews the edit token and the time of the last change; everything else it derives is stored.
            renewed = ("edit_token", "updated_at")
            stored = {f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields if f.name not in renewed}
            row.save()
            row.refresh_from_db()
            assert {name: getattr(row, name) for name in stored} == stored


def test_seeded_events_are_written_in_all_three_languages_with_dates_of_every_precision(bundled):
    seed()
    events = list(synthetic(Event))
    assert all(e.title_kk and e.title_ru and e.title_en and e.summary_kk and e.description_ru for e in events)
    assert {e.start_precision for e in events} == set(Precision.values)
    assert any(e.end_date for e in events)
    assert all(seeding.partial_dates.EARLIEST <= e.start_date <= seeding.partial_dates.LATEST for e in events)


def test_kazakhstan_the_essay_and_the_permanent_council_are_linked_to_most_seeded_events(bundled):
    seed()
    events = synthetic(Event)
    assert events.filter(states__code="KZ").count() > events.filter(states__code="DE").count()
    assert events.filter(sources__slug=seeding.SEED_ESSAY).count() > len(events) / 10
    assert events.filter(organs__slug=seeding.PERMANENT_COUNCIL).count() > len(events) / 10


def test_seeded_tenures_of_a_one_holder_post_never_overlap(bundled):
    seed()
    for tenure in synthetic(Tenure):
        assert tenure.overlapping_tenures() == []


def test_a_seeded_event_is_found_by_search_in_each_language(bundled):
    seed()
    event = synthetic(Event).filter(is_published=True).first()
    for title in (event.title_kk, event.title_ru, event.title_en):
        assert Event.objects.filter(matches(Event, title), pk=event.pk).exists()


def test_seeded_events_appear_on_the_timeline_in_chronological_order(bundled, client):
    seed()
    listed = list(client.get("/en/timeline/").context["object_list"])
    assert any(event.slug.startswith(seeding.SLUG_PREFIX) for event in listed)

    def period(event):
        month = 13 if event.start_precision == Precision.YEAR else event.start_date.month
        day = 32 if event.start_precision != Precision.DAY else event.start_date.day
        return (event.start_date.year, month, day)

    assert [period(e) for e in listed] == sorted(period(e) for e in listed)


def test_the_same_seed_gives_the_same_records(bundled):
    seed(seed=7)
    first = snapshot()
    for model in (Tenure, Event, Person):
        synthetic(model).delete()
    seed(seed=7)
    assert snapshot() == first


def test_another_seed_gives_other_records(bundled):
    seed(seed=7)
    first = snapshot()
    for model in (Tenure, Event, Person):
        synthetic(model).delete()
    seed(seed=8)
    assert snapshot() != first


def test_a_database_without_bench_in_its_name_is_refused(bundled):
    with pytest.raises(seeding.SeedingRefused, match="bench"):
        seeding.refuse_unless_fit("kb_production")


def test_a_database_without_bench_in_its_name_is_seeded_when_the_operator_says_yes(bundled):
    seeding.refuse_unless_fit("kb_production", yes=True)


def test_a_database_without_the_bundled_content_is_refused(db):
    with pytest.raises(seeding.SeedingRefused, match="load_kb"):
        seeding.refuse_unless_fit("kb_bench", yes=True)


def test_a_database_seeded_once_is_not_seeded_again(bundled):
    seed()
    with pytest.raises(seeding.SeedingRefused, match="already"):
        seed()


def test_the_command_refuses_with_a_command_error_and_writes_nothing(bundled, monkeypatch):
    monkeypatch.setitem(connection.settings_dict, "NAME", "kb_production")
    with pytest.raises(CommandError, match="bench"):
        call_command("seed_bench", events=5, stdout=io.StringIO(), stderr=io.StringIO())
    assert not synthetic(Event).exists()


def test_the_command_reports_what_it_added(bundled):
    out = io.StringIO()
    call_command("seed_bench", events=10, people=3, tenures=4, yes=True, stdout=out, stderr=io.StringIO())
    assert "10 events, 3 people and 4 tenures added" in out.getvalue()


def test_progress_lines_give_the_rate_and_the_time_left():
    stream = io.StringIO()
    progress = seeding.Progress("events", 10, stream)
    progress.add(10)
    assert "events: 10/10 (100%)" in stream.getvalue()
    assert "rows/s" in stream.getvalue() and "left" in stream.getvalue()


def test_a_fold_word_by_word_is_the_fold_of_the_whole_text():
    text = "Пётр Воллебек, d’Artagnan; Заньер (Астана) — көші-қон № 12"
    expected = seeding.folding.fold_for_index(text)
    with seeding.folding_by_word():
        assert seeding.folding.fold_for_index(text) == expected


def test_a_random_end_is_never_before_its_start_nor_after_2100():
    rng = seeding.random.Random(3)
    for precision in Precision.values:
        for _ in range(200):
            start = seeding.random_date(rng, precision)
            end = seeding.random_end(rng, start, precision)
            assert end is None or start <= end <= datetime.date(2100, 12, 31)
