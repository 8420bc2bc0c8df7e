"""The lists, the home page, the timeline's axis and the sitemap cost the same whatever the number of rows: the same
queries with 10 rows as with 2,000, and pages of the same size with 30 as with 2,000. Deep pages are reached by
cursor, in every sort order, each row exactly once; a cursor that the list did not give out is refused."""

import datetime
import html
import importlib
import re
from urllib.parse import parse_qs

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from organs.models import Organ
from osce_kb import sitemaps
from osce_kb.axis import MAX_BARS, build_axis
from osce_kb.counting import Count, bounded_count
from osce_kb.models import chronology_key, fill_derived_columns
from osce_kb.templatetags.kb import count
from people.models import Person
from people.views import PersonListView
from tests.factories import make_event, make_organ, make_person, make_source, make_state, translated
from timeline import year_counts
from timeline.models import Event, EventYearCount
from timeline.views import EventListView

D = datetime.date
# Pages of four rows, so that 30 rows fill more than one page of each list, even filtered to one year or one kind.
PER_PAGE = 4
KINDS = Event.Kind.values
PRECISIONS = ["day", "month", "year"]
LINK = re.compile(r'<a href="([^"]*)" rel="(first|prev|next|last)"')


def bulk(model, rows):
    """Insert `rows` at once, with the search and sort columns that a save would fill."""
    for row in rows:
        fill_derived_columns(sender=model, instance=row)
    model.objects.bulk_create(rows)


def add_rows(start, end, nationality, parent):
    """Rows number `start` to `end` - 1: an event, a person and a body each. The events fall in the same 30 years
    and kinds however many there are, so that the axis has the same bars; the bodies are parts of a body closed
    long ago, so that they are in the bodies list but not on the home page's tree of today's structure."""
    events, people, organs = [], [], []
    for n in range(start, end):
        precision = PRECISIONS[n % 3]
        day = D(2001 + (n // 5) % 6, 1 if precision == "year" else 1 + n % 12, 1 if precision != "day" else 1 + n % 28)
        events.append(
            Event(
                slug=f"bulk-event-{n}",
                **translated("title", f"Оқиға {n}", f"Событие {n}", f"Event {n}"),
                kind=KINDS[n % 5],
                start_date=day,
                start_precision=precision,
                is_published=True,
            )
        )
        people.append(
            Person(
                slug=f"bulk-person-{n}",
                **translated("name", f"Тұлға {n}", f"Персона {n}", f"Person {n}"),
                nationality=nationality,
                is_published=True,
            )
        )
        organs.append(
            Organ(
                slug=f"bulk-organ-{n}",
                **translated("name", f"Орган {n}", f"Орган {n}", f"Body {n}"),
                kind=Organ.Kind.FIELD_OPERATION,
                parent=parent,
                start_date=D(1992, 1, 1),
                start_precision="year",
                is_published=True,
            )
        )
    bulk(Event, events)
    bulk(Person, people)
    bulk(Organ, organs)


PAGES = {
    "home": "/en/",
    "timeline": "/en/timeline/",
    "timeline, newest first": "/en/timeline/?sort=-date",
    "timeline, one year": "/en/timeline/?year_from=2003&year_to=2003",
    "timeline, one kind": "/en/timeline/?kind=kazakhstan_relations",
    "people": "/en/people/",
    "people, Latin script, descending": "/en/people/?sort=-slug",
    "bodies": "/en/organs/",
}


def measure(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries), len(response.content)


def sitemap_page_of(slug):
    """The address of the sitemap's events page that holds the event `slug`."""
    pk = Event.objects.get(slug=slug).pk
    return f"/sitemap-events.xml?p={(pk - 1) // sitemaps.records_per_page() + 1}"


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker):
    """Every page measured with 10, 30 and 2,000 rows; built once, rolled back after."""
    from django.test import Client

    client = Client()
    results = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(EventListView, "paginate_by", PER_PAGE)
        patch.setattr(PersonListView, "paginate_by", PER_PAGE)
        patch.setattr("organs.views.OrganListView.paginate_by", PER_PAGE)
        patch.setattr(sitemaps, "URLS_PER_PAGE", 30)
        with django_db_blocker.unblock(), transaction.atomic():
            state = make_state(code="KZ")
            closed = make_organ(slug="closed-root", end_date=D(1999, 1, 1), end_precision="year")

            def measure_all(sitemap_page):
                found = {name: measure(client, path) for name, path in PAGES.items()}
                found["sitemap page"] = measure(client, sitemap_page)
                return found

            add_rows(0, 10, state, closed)
            results[10] = measure_all(sitemap_page_of("bulk-event-0"))
            add_rows(10, 30, state, closed)
            results[30] = measure_all(sitemap_page_of("bulk-event-15"))
            add_rows(30, 2000, state, closed)
            results[2000] = measure_all(sitemap_page_of("bulk-event-1500"))
            transaction.set_rollback(True)
    return results


@pytest.mark.parametrize("page", [*PAGES, "sitemap page"])
def test_a_page_makes_the_same_queries_with_10_rows_as_with_2000(measured, page):
    assert measured[2000][page][0] == measured[10][page][0]


@pytest.mark.parametrize("page", [*PAGES, "sitemap page"])
def test_a_page_is_the_same_size_with_30_rows_as_with_2000(measured, page):
    # Numbers differ (“Event 1999” is longer than “Event 29”, counts grow): a few per cent, never a row more.
    assert measured[2000][page][1] == pytest.approx(measured[30][page][1], rel=0.03)


# Keyset pages


def links(response):
    return {rel: html.unescape(href) for href, rel in LINK.findall(response.content.decode())}


def cursor_in(href):
    return parse_qs(href.lstrip("?"))["cursor"][0]


def walk(client, path, first, step):
    """The rows of every page met by following `step` links from `first`: [[slug, ...], ...]."""
    pages, url = [], first
    while url is not None:
        response = client.get(path + url)
        assert response.status_code == 200, url
        pages.append([row.slug for row in response.context["object_list"]])
        url = links(response).get(step)
    return pages


def start_of_last_page(client, path, query):
    return links(client.get(path + query)).get("last", query)


def expected_timeline(events):
    """The timeline's order, said independently of the stored key: by year, then month (unknown last), then day
    (unknown last), then end (none first), then creation."""

    def position(event):
        month = 13 if event.start_precision == "year" else event.start_date.month
        day = 32 if event.start_precision != "day" else event.start_date.day
        return (event.start_date.year, month, day, event.end_date or D.min, event.pk)

    return [event.slug for event in sorted(events, key=position)]


dates = st.builds(
    lambda year, month, day, precision: (
        D(year, 1 if precision == "year" else month, day if precision == "day" else 1),
        precision,
    ),
    st.integers(2000, 2002),
    st.integers(1, 12),
    st.integers(1, 3),
    st.sampled_from(PRECISIONS),
)
datasets = st.lists(st.tuples(dates, st.booleans()), max_size=11)
PAGING = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(EventListView, "paginate_by", 3)
    monkeypatch.setattr(PersonListView, "paginate_by", 3)


@pytest.mark.django_db
@pytest.mark.parametrize("sort", ["date", "-date"])
@PAGING
@given(rows=datasets)
def test_walking_the_timeline_forward_or_back_meets_every_event_once_in_order(client, small_pages, sort, rows):
    Event.objects.all().delete()
    events = [
        make_event(start=(day.year, day.month, day.day), start_precision=precision, **ended)
        for (day, precision), has_end in rows
        for ended in [{"end": (2003, 1, 1), "end_precision": "year"} if has_end else {}]
    ]
    expected = expected_timeline(events)
    if sort == "-date":
        expected.reverse()
    query = f"?sort={sort}"
    forward = walk(client, "/en/timeline/", query, "next")
    backward = walk(client, "/en/timeline/", start_of_last_page(client, "/en/timeline/", query), "prev")
    assert [slug for page in forward for slug in page] == expected
    assert [slug for page in reversed(backward) for slug in page] == expected
    assert all(len(page) == 3 for page in forward[:-1]) and all(len(page) == 3 for page in backward[:-1])


@pytest.mark.django_db
@pytest.mark.parametrize("sort", ["name", "-name", "slug", "-slug"])
@PAGING
@given(names=st.lists(st.sampled_from(["Anna Berg", "Ivan Berg", "Jan Öberg", "Eva Zorn", "Ole Olsen"]), max_size=11))
def test_walking_the_people_forward_or_back_meets_every_person_once_in_order(client, small_pages, sort, names):
    Person.objects.all().delete()
    for name in names:
        make_person(name_en=name)
    with translation.override("en"):
        rows = (
            Person.objects.published().alphabetical()
            if "name" in sort
            else Person.objects.order_by("sort_key_en", "pk")
        )
        expected = [person.slug for person in rows]
    if sort.startswith("-"):
        expected.reverse()
    query = f"?sort={sort}"
    forward = walk(client, "/en/people/", query, "next")
    backward = walk(client, "/en/people/", start_of_last_page(client, "/en/people/", query), "prev")
    assert [slug for page in forward for slug in page] == expected
    assert [slug for page in reversed(backward) for slug in page] == expected


@pytest.fixture
def many_events(db, small_pages):
    for day in range(1, 11):
        make_event(slug=f"day-{day}", start=(2005, 3, day))


def test_a_deep_page_costs_the_same_queries_as_the_first(client, many_events):
    last = links(client.get("/en/timeline/"))["last"]
    before_last = links(client.get("/en/timeline/" + last))["prev"]
    first = measure(client, "/en/timeline/")[0]
    assert measure(client, "/en/timeline/" + last)[0] == first
    assert measure(client, "/en/timeline/" + before_last)[0] == first


def test_a_deep_page_is_read_without_offset(client, many_events):
    last = links(client.get("/en/timeline/"))["last"]
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/timeline/" + links(client.get("/en/timeline/" + last))["prev"])
    assert not any("OFFSET" in query["sql"] for query in queries.captured_queries)


def test_the_first_pages_can_still_be_asked_for_by_number(client, many_events):
    slugs = [event.slug for event in client.get("/en/timeline/", {"page": 2}).context["object_list"]]
    assert slugs == ["day-4", "day-5", "day-6"]


def test_a_page_number_beyond_those_given_by_number_is_a_404_that_says_how_to_go_deeper(client, many_events):
    response = client.get("/en/timeline/", {"page": 11})
    assert response.status_code == 404
    assert "go to them with the Next and Last links" in response.content.decode()


GARBAGE_CURSORS = ["garbage", "", "x" * 5000, "😀", "e30:1abc:xyz", "-1"]
BAD_CURSOR_MESSAGES = {
    "en": "This page link is broken or out of date.",
    "ru": "Ссылка на эту страницу повреждена или устарела.",
    "kk": "Бұл беттің сілтемесі бүлінген немесе ескірген.",
}


@pytest.mark.parametrize("lang", BAD_CURSOR_MESSAGES)
@pytest.mark.parametrize("cursor", [c for c in GARBAGE_CURSORS if c])
def test_a_garbled_cursor_is_a_400_that_says_so_in_the_page_language(client, many_events, lang, cursor):
    response = client.get(f"/{lang}/timeline/", {"cursor": cursor})
    assert response.status_code == 400
    assert BAD_CURSOR_MESSAGES[lang] in response.content.decode()


def test_a_cursor_with_a_nul_is_a_400(client, many_events):
    assert client.get("/en/timeline/?cursor=%00").status_code == 400


def test_a_forged_cursor_is_refused(client, many_events):
    cursor = cursor_in(links(client.get("/en/timeline/"))["next"])
    payload, signature = cursor.rsplit(":", 1)
    response = client.get("/en/timeline/", {"cursor": f"{payload}:{signature[::-1]}"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "This page link belongs to another sort order of the list."),
        ("ru", "Эта ссылка относится к другому порядку сортировки списка."),
        ("kk", "Бұл сілтеме тізімнің басқа сұрыптау ретіне жатады."),
    ],
)
def test_a_cursor_from_another_sort_order_is_a_400_that_says_so(client, many_events, lang, message):
    cursor = cursor_in(links(client.get(f"/{lang}/timeline/"))["next"])
    response = client.get(f"/{lang}/timeline/", {"cursor": cursor, "sort": "-date"})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_cursor_of_one_list_is_refused_by_another(client, many_events):
    for n in range(4):
        make_person(slug=f"p-{n}")
    cursor = cursor_in(links(client.get("/en/people/"))["next"])
    assert client.get("/en/timeline/", {"cursor": cursor}).status_code == 400


# Counts


@pytest.mark.django_db
def test_a_list_counts_at_most_a_thousand_rows_and_says_more_than(client, monkeypatch):
    monkeypatch.setattr(
        "osce_kb.generic.bounded_count", lambda rows, estimate: bounded_count(rows, 2, estimate=estimate)
    )
    for _ in range(3):
        make_event()
    assert "more than 2 results" in client.get("/en/timeline/", {"kind": "osce_history"}).content.decode()


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the estimate is PostgreSQL's statistics")
def test_a_whole_large_table_is_counted_by_postgresqls_estimate():
    Event.objects.bulk_create(
        Event(slug=f"e-{n}", title_en="E", kind="other", start_date=D(2000, 1, 1), start_precision="year")
        for n in range(300)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE timeline_event")
    found = bounded_count(Event.objects.all(), limit=100, estimate=True)
    assert found.estimated and found.value >= 300


@pytest.mark.parametrize(
    ("lang", "shown"), [("en", "about 1,000,000"), ("ru", "около 1\xa0000\xa0000"), ("kk", "шамамен 1\xa0000\xa0000")]
)
def test_an_estimate_says_about_in_each_language(lang, shown):
    with translation.override(lang):
        assert count(Count(1_000_000, exact=False, estimated=True)) == shown


# The stored chronological key


def test_the_key_orders_a_year_after_its_months_and_a_month_after_its_days():
    assert (
        chronology_key(D(2004, 3, 31), "day", None)
        < chronology_key(D(2004, 3, 1), "month", None)
        < chronology_key(D(2004, 12, 31), "day", None)
        < chronology_key(D(2004, 1, 1), "year", None)
        < chronology_key(D(2005, 1, 1), "day", None)
    )


def test_the_key_puts_an_event_without_an_end_before_one_that_lasts_from_the_same_day():
    assert chronology_key(D(2004, 3, 1), "day", None) < chronology_key(D(2004, 3, 1), "day", D(2004, 3, 2))


@pytest.mark.django_db
def test_the_key_follows_a_change_of_date_saved_with_update_fields():
    event = make_event(start=(2004, 3, 10))
    event.start_date, event.start_precision = D(1999, 1, 1), "year"
    event.save(update_fields=["start_date", "start_precision"])
    event.refresh_from_db()
    assert event.chronology_key == chronology_key(D(1999, 1, 1), "year", None)


@pytest.mark.django_db
def test_the_migration_fills_the_same_keys_as_a_save():
    migration = importlib.import_module("timeline.migrations.0006_event_chronology_key")
    make_event(start=(2004, 3, 10), end=(2004, 4, 1), end_precision="month")
    make_event(start=(2004, 3, 1), start_precision="month")
    make_event(start=(2100, 1, 1), start_precision="year", end=(2100, 12, 31), end_precision="day")
    saved = dict(Event.objects.values_list("slug", "chronology_key"))
    Event.objects.update(chronology_key=0)
    from django.apps import apps

    migration.fill_chronology_keys(apps, None)
    assert dict(Event.objects.values_list("slug", "chronology_key")) == saved


# Sitemap


@pytest.fixture
def small_sitemap(db, monkeypatch):
    monkeypatch.setattr(sitemaps, "URLS_PER_PAGE", 9)  # three records, in three languages each
    return [make_event(slug=f"sitemap-{n}") for n in range(7)]


def test_the_sitemap_index_lists_each_section_and_each_of_its_pages(client, small_sitemap):
    xml = client.get("/sitemap.xml").content.decode()
    for section in ["pages", "organs", "people", "events", "states", "sources"]:
        assert f"<loc>http://testserver/sitemap-{section}.xml</loc>" in xml
    pages = -(-max(event.pk for event in small_sitemap) // 3)
    assert f"<loc>http://testserver/sitemap-events.xml?p={pages}</loc>" in xml
    assert f"sitemap-events.xml?p={pages + 1}<" not in xml


def test_no_sitemap_page_holds_more_urls_than_the_limit_and_together_they_hold_every_record(client, small_sitemap):
    pages = -(-max(event.pk for event in small_sitemap) // 3)
    found = []
    for page in range(1, pages + 1):
        xml = client.get("/sitemap-events.xml", {"p": page}).content.decode()
        assert xml.count("<url>") <= 9
        found += re.findall(r"<loc>http://testserver/en/timeline/([^/]+)/</loc>", xml)
    assert sorted(found) == sorted(event.slug for event in small_sitemap)


def test_drafts_are_never_in_the_sitemap(client, small_sitemap):
    make_event(slug="a-draft", is_published=False)
    make_person(slug="draft-person", is_published=False)
    for section in ["events", "people"]:
        for page in range(1, 200):
            response = client.get(f"/sitemap-{section}.xml", {"p": page})
            if response.status_code == 404:
                break
            assert "draft" not in response.content.decode()


def test_a_sitemap_page_beyond_the_last_is_a_404(client, small_sitemap):
    assert client.get("/sitemap-events.xml", {"p": 10**6}).status_code == 404
    assert client.get("/sitemap-events.xml", {"p": "x"}).status_code == 404


def test_the_same_deep_page_in_another_language_starts_that_languages_list_from_the_top(client, many_events):
    page = client.get("/en/timeline/" + links(client.get("/en/timeline/"))["next"]).content.decode()
    assert 'href="/kk/timeline/"' in page


# The counts the axis reads


def kept_counts():
    return sorted(EventYearCount.objects.per_year_and_kind())


def counted_counts():
    return sorted(Event.objects.published().per_year_and_kind())


@pytest.mark.django_db
def test_the_kept_counts_follow_each_way_events_are_written():
    first = make_event(start=(2004, 3, 10), kind="other")
    second = make_event(start=(2004, 1, 1), start_precision="year", kind="other")
    make_event(start=(2004, 5, 1), is_published=False)
    assert kept_counts() == counted_counts() == [("other", 2004, 2)]
    first.start_date = D(1999, 1, 1)
    first.save()
    second.kind = "osce_history"
    second.save()
    assert kept_counts() == counted_counts() == [("osce_history", 2004, 1), ("other", 1999, 1)]
    Event.objects.filter(is_published=False).update(is_published=True)
    Event.objects.bulk_create([Event(slug="bulk", kind="other", start_date=D(2010, 1, 1), start_precision="year")])
    assert kept_counts() == counted_counts()
    Event.objects.filter(kind="other").delete()
    assert kept_counts() == counted_counts() == [("osce_history", 2004, 2)]


@pytest.mark.django_db
def test_withdrawing_an_event_takes_it_off_the_axis(client):
    event = make_event(start=(2004, 3, 10), kind="other")
    event.is_published = False
    event.save()
    assert client.get("/en/timeline/").context["axis"] is None


@pytest.mark.django_db
def test_the_counts_are_rebuilt_from_the_events_after_a_migration():
    make_event(start=(2004, 3, 10), kind="other")
    EventYearCount.objects.all().delete()
    year_counts.install()
    assert kept_counts() == [("other", 2004, 1)]


@pytest.mark.django_db
def test_the_axis_of_a_list_narrowed_by_text_counts_only_the_matching_events(client):
    make_event(start=(2004, 3, 10), title_en="Astana Summit")
    make_event(start=(2005, 3, 10), title_en="Helsinki")
    bars = client.get("/en/timeline/", {"q": "Astana"}).context["axis"].bands[0].bars
    assert [(bar.year, bar.count) for bar in bars] == [(2004, 1)]


@pytest.mark.django_db
def test_the_timeline_from_a_year_on_keeps_the_spans_begun_earlier_that_reach_it(client):
    make_event(slug="ended-before", start=(1990, 1, 1), start_precision="year", end=(2002, 12, 31), end_precision="day")
    make_event(slug="reaches-it", start=(1995, 1, 1), start_precision="year", end=(2003, 1, 1), end_precision="year")
    make_event(slug="in-it", start=(2003, 6, 1))
    make_event(slug="a-day-before", start=(2002, 12, 31))
    slugs = [event.slug for event in client.get("/en/timeline/", {"year_from": 2003}).context["object_list"]]
    assert slugs == ["reaches-it", "in-it"]


@pytest.mark.django_db
def test_a_list_sorted_by_a_column_that_may_be_empty_is_paged_by_number(client, monkeypatch):
    monkeypatch.setattr("osce_kb.views.SourceListView.paginate_by", 2)
    for year in (None, 2001, 2002):
        make_source(**({"published_date": D(year, 1, 1), "published_precision": "year"} if year else {}))
    response = client.get("/en/sources/", {"sort": "published"})
    assert links(response)["next"] == "?sort=published&page=2"
    assert client.get("/en/sources/", {"sort": "published", "page": "9" * 50}).status_code == 404


def test_an_axis_over_two_centuries_has_bars_of_several_years_that_cover_each_year_once():
    axis = build_axis([("other", year, 1) for year in range(1900, 2101)], [("other", "Other")])
    bars = axis.bands[0].bars
    assert len(bars) <= MAX_BARS
    assert [year for bar in bars for year in range(bar.year, bar.last_year + 1)] == list(range(1900, 2101))
    assert sum(bar.count for bar in bars) == 201


def test_an_axis_over_a_few_decades_keeps_one_bar_per_year():
    axis = build_axis([("other", year, 2) for year in range(1973, 2027)], [("other", "Other")])
    bars = axis.bands[0].bars
    assert [(bar.year, bar.last_year, bar.count) for bar in bars] == [(year, year, 2) for year in range(1973, 2027)]
