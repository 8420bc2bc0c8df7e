"""The bundled content (fixtures/*.json) is complete in three languages, sourced and consistent."""

import itertools
import json
import re

import pytest
from django.apps import apps
from django.db import transaction
from modeltranslation.translator import translator

from organs.models import Organ
from osce_kb import partial_dates
from osce_kb.loading import MODEL_ORDER, bundled_fixture_files, load_kb
from people.models import Person, Post, Tenure
from timeline.models import Event

CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")
ASCII_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@pytest.fixture(scope="module")
def bundled_content(django_db_setup, django_db_blocker):
    """The bundled content, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_kb()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def loaded(bundled_content, db):
    pass


def bundled_objects():
    for path in bundled_fixture_files():
        for item in json.loads(path.read_text(encoding="utf-8")):
            yield path.name, item


def published_rows():
    for label in MODEL_ORDER:
        model = apps.get_model(label)
        rows = model.objects.all()
        if any(field.name == "is_published" for field in model._meta.fields):
            rows = rows.filter(is_published=True)
        yield from rows


def translated_fields(obj):
    return translator.get_options_for_model(type(obj)).fields


def test_every_slug_is_ascii_and_unique_per_model():
    seen = set()
    for name, item in bundled_objects():
        slug = item["fields"].get("slug")
        if slug is None:
            continue
        assert ASCII_SLUG.match(slug), f"{name}: {slug!r} is not an ASCII slug"
        assert (item["model"], slug) not in seen, f"{name}: {slug!r} appears twice"
        seen.add((item["model"], slug))


def test_every_published_record_has_its_required_fields_in_all_three_languages(loaded):
    for obj in published_rows():
        for field in translated_fields(obj):
            if obj._meta.get_field(field).blank:
                continue
            for lang in ("kk", "ru", "en"):
                assert getattr(obj, f"{field}_{lang}"), f"{obj!r}: {field}_{lang} is empty"


def test_a_filled_text_is_filled_in_every_language(loaded):
    for obj in published_rows():
        for field in translated_fields(obj):
            filled = {lang: bool(getattr(obj, f"{field}_{lang}")) for lang in ("kk", "ru", "en")}
            assert len(set(filled.values())) == 1, f"{obj!r}: {field} is filled only in {filled}"


def test_kazakh_and_russian_texts_are_written_in_cyrillic(loaded):
    for obj in published_rows():
        for field, lang in itertools.product(translated_fields(obj), ("kk", "ru")):
            text = getattr(obj, f"{field}_{lang}")
            if text and field != "acronym":
                assert CYRILLIC.search(text), f"{obj!r}: {field}_{lang} has no Cyrillic: {text!r}"


def test_every_event_and_tenure_cites_a_source(loaded):
    for obj in [*Event.objects.all(), *Tenure.objects.all()]:
        assert obj.sources.exists(), f"{obj!r} cites no source"


def test_every_published_body_person_and_state_cites_a_source(loaded):
    for obj in published_rows():
        if hasattr(obj, "sources") and not isinstance(obj, Event | Tenure):
            assert obj.sources.exists(), f"{obj!r} cites no source"


def test_every_published_person_has_a_biography_in_all_three_languages(loaded):
    for person in Person.objects.filter(is_published=True):
        for lang in ("kk", "ru", "en"):
            assert getattr(person, f"biography_{lang}").strip(), f"{person.slug}: biography_{lang} is empty"


def test_no_single_holder_post_has_overlapping_tenures(loaded):
    for post in Post.objects.filter(single_holder=True):
        tenures = list(post.tenures.in_order())
        for earlier, later in itertools.pairwise(tenures):
            assert not earlier.is_current, f"{earlier!r} is marked current but {later!r} came after it"
            if earlier.end_date is None:
                continue  # an unknown end: the successor's start is all that bounds it, which is no overlap
            later_certainly_started = partial_dates.last_day(later.start_date, later.start_precision)
            assert later_certainly_started >= earlier.end_date, f"{earlier!r} overlaps {later!r}"
        assert sum(t.is_current for t in tenures) <= 1, f"{post!r} has several current holders"


def test_no_span_has_one_end_known_only_to_the_year_and_the_other_more_precisely_in_that_same_year(loaded):
    """Such a span ("1 January 2010 – 2010", "2017 – 18 December 2017") shows as uncertain what the sources
    date exactly: a Chairmanship is a calendar year; record each end at the precision its source gives."""
    for model in (Tenure, Organ, Event):
        for obj in model.objects.filter(end_date__isnull=False):
            precisions = {obj.start_precision, obj.end_precision}
            mixed = partial_dates.YEAR in precisions and len(precisions) > 1
            assert not (mixed and obj.start_date.year == obj.end_date.year), f"{obj!r}: {obj.period}"


def test_the_chairperson_in_office_list_writes_a_one_year_term_as_its_year(client, loaded):
    html = client.get("/en/organs/chairmanship/").content.decode()
    for year in (2010, 2012, 2013):
        assert f'<time datetime="{year}-01-01">{year}</time>' in html
    assert "1 January – 18 December 2017</time>" in html
    assert "18–31 December 2017</time>" in html


def test_the_chairperson_in_office_list_shows_the_latest_20_and_links_to_all_of_them(client, loaded):
    html = client.get("/en/organs/chairmanship/").content.decode()
    assert '<time datetime="2009-10">' in html
    assert '<time datetime="1995-01-01">1995</time>' not in html
    assert '<a href="/en/people/?post=chairperson-in-office">All of them in the list of people</a>' in html


@pytest.mark.parametrize("day", ["2010-01-01", "2010-06-01", "2010-12-31"])
def test_kazakhstans_chairmanship_is_certain_on_every_day_of_2010_and_reads_2010(client, loaded, day):
    html = client.get(f"/en/as-of/{day}/").content.decode()
    start = html.index('id="chair-heading"')
    chairmanship = html[start : html.index("</section>", start)]
    assert "Kanat Saudabayev" in chairmanship
    assert '<time datetime="2010-01-01">2010</time>' in chairmanship
    assert "uncertain" not in chairmanship
