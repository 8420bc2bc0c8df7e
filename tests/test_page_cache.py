"""The page cache: anonymous readers' pages come from the cache, per language and address, browsers revalidate with
ETags, editors never see or fill it, and every kind of editor action drops the pages it changes.

The suite runs with the page cache off (tests/conftest.py); the `page_cache` fixture turns it on. Inside a test's
transaction nothing commits, so each action runs under `committed()`, which runs the callbacks a commit runs."""

import contextlib
import io
import json
import time

import hypothesis
import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import strategies as st
from reversion.models import Version

from organs.models import Organ
from osce_kb import cache as forgiving
from osce_kb import page_cache as pages
from osce_kb import routers
from osce_kb.history import save_revision
from osce_kb.loading import load_kb
from tests import redis_server as redis_server_module
from tests.admin_pages import change_url, changelist_url, edit, submitted
from tests.factories import make_event, make_organ, make_person, make_tenure, translated
from timeline.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    """The page cache on, under a generation of this test's own."""
    settings.PAGE_CACHE = True
    pages._owed.clear()
    pages.renew_generation()


@pytest.fixture
def reader(page_cache):
    """An anonymous reader, apart from the editors' logged-in client."""
    return Client()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """What was done before the block commits, then the block runs as a transaction of its own and commits: the
    callbacks each commit would run are run (the test's own transaction never commits)."""

    @contextlib.contextmanager
    def transaction_committed():
        connection = transaction.get_connection()
        earlier, connection.run_on_commit = connection.run_on_commit, []
        for _savepoints, callback, _robust in earlier:
            callback()
        with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
            yield callbacks

    return transaction_committed


def cached_then_read(reader, url):
    """Reads `url` twice, checking that the second answer came from the cache."""
    reader.get(url)
    assert reader.get(url)["X-Cache"] == "hit"


# Served from the cache


def test_a_second_read_of_a_public_page_makes_no_query(reader, django_assert_num_queries):
    make_event(title_en="Helsinki Final Act")
    assert reader.get("/en/timeline/")["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = reader.get("/en/timeline/")
    assert response["X-Cache"] == "hit"
    assert "Helsinki Final Act" in response.content.decode()


def test_a_page_cached_in_one_language_is_never_served_in_another(reader):
    make_event(title_kk="Хельсинки қорытынды актісі", title_en="Helsinki Final Act")
    cached_then_read(reader, "/kk/timeline/")
    response = reader.get("/en/timeline/")
    assert response["X-Cache"] == "miss"
    assert '<html lang="en">' in response.content.decode()
    assert "Helsinki Final Act" in response.content.decode()


def test_a_page_cached_for_one_host_is_never_served_for_another(reader):
    cached_then_read(reader, "/en/")
    response = reader.get("/en/", HTTP_HOST="127.0.0.1")
    assert response["X-Cache"] == "miss"
    assert 'href="http://127.0.0.1/kk/"' in response.content.decode()


def test_the_query_string_is_part_of_the_key(reader):
    make_event(title_en="Istanbul Summit", kind=Event.Kind.OSCE_HISTORY)
    cached_then_read(reader, "/en/timeline/")
    response = reader.get("/en/timeline/?q=nothing-matches-this")
    assert response["X-Cache"] == "miss"


def test_a_head_request_is_answered_from_the_cache_too(reader):
    reader.get("/en/")
    assert reader.head("/en/")["X-Cache"] == "hit"


def test_the_sitemap_is_cached(reader):
    make_event()
    cached_then_read(reader, "/sitemap.xml")


def test_an_address_without_a_language_is_cached_per_language_the_reader_asks_for(reader):
    cached_then_read(reader, "/sitemap.xml")
    assert reader.get("/sitemap.xml", HTTP_ACCEPT_LANGUAGE="ru")["X-Cache"] == "miss"


# Browsers and proxies


def test_a_public_page_asks_browsers_and_proxies_to_revalidate_every_time(reader):
    response = reader.get("/en/")
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=0", "must-revalidate"}
    assert response["ETag"]


def test_the_current_etag_is_answered_with_304_from_the_cache(reader, django_assert_num_queries):
    etag = reader.get("/en/")["ETag"]
    with django_assert_num_queries(0):
        response = reader.get("/en/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304


def test_a_public_page_has_an_etag_with_the_page_cache_off_too(client, settings):
    settings.PAGE_CACHE = False
    etag = client.get("/en/")["ETag"]
    assert client.get("/en/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_an_edit_gives_the_page_a_new_etag(reader, chief_client, committed):
    event = make_event(title_en="Before")
    url = event.get_absolute_url().replace("/kk/", "/en/")
    etag = reader.get(url)["ETag"]
    with committed():
        edit(chief_client, event, title_en="After")
    response = reader.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "After" in response.content.decode()


# What is never cached


def test_an_editor_never_gets_a_cached_page(reader, editor_client):
    cached_then_read(reader, "/en/")
    response = editor_client.get("/en/")
    assert "X-Cache" not in response
    assert set(response["Cache-Control"].split(", ")) == {"private", "no-cache"}


def test_an_editor_never_fills_the_cache(reader, editor_client):
    editor_client.get("/en/")
    assert reader.get("/en/")["X-Cache"] == "miss"


def test_a_draft_preview_never_reaches_an_anonymous_reader(reader, editor_client):
    draft = make_event(is_published=False, title_en="Secret draft")
    url = f"/en/timeline/{draft.slug}/?preview=1"
    assert "Secret draft" in editor_client.get(url).content.decode()
    assert reader.get(url).status_code == 404
    assert reader.get(url).status_code == 404


def test_a_page_not_found_is_not_cached(reader):
    reader.get("/en/timeline/no-such-event/")
    assert reader.get("/en/timeline/no-such-event/")["X-Cache"] == "miss"


def test_a_bad_filter_answer_is_not_cached(reader):
    assert reader.get("/en/timeline/?year_from=nineteen").status_code == 400
    assert reader.get("/en/timeline/?year_from=nineteen")["X-Cache"] == "miss"


def test_the_health_checks_and_the_admin_are_left_alone(reader):
    assert "X-Cache" not in reader.get("/healthz")
    assert "X-Cache" not in reader.get("/admin/login/")


def test_a_post_to_a_public_page_is_refused_and_leaves_the_cache_alone(reader):
    cached_then_read(reader, "/en/")
    response = reader.post("/en/")
    assert response.status_code == 405
    assert "X-Cache" not in response


def test_with_the_page_cache_off_nothing_is_cached(reader, settings):
    settings.PAGE_CACHE = False
    reader.get("/en/")
    assert "X-Cache" not in reader.get("/en/")


# Every kind of editor action drops the pages it changes


def test_adding_a_record_in_the_admin_shows_at_once(reader, chief_client, committed):
    cached_then_read(reader, "/en/timeline/")
    add_url = reverse("admin:timeline_event_add")
    values = {"slug": "astana-summit", "kind": "osce_history", "start_date": "2010-12-01", "start_precision": "day"}
    values.update(translated("title", "Астана саммиті", "Астанинский саммит", "Astana Summit"), is_published="on")
    with committed():
        response = chief_client.post(add_url, submitted(chief_client.get(add_url), **values))
    assert response.status_code == 302
    assert "Astana Summit" in reader.get("/en/timeline/").content.decode()


def test_changing_a_record_in_the_admin_shows_at_once(reader, chief_client, committed):
    event = make_event(title_en="Old title")
    cached_then_read(reader, "/en/timeline/")
    with committed():
        edit(chief_client, event, title_en="New title")
    assert "New title" in reader.get("/en/timeline/").content.decode()


def test_deleting_a_record_in_the_admin_shows_at_once(reader, chief_client, committed):
    event = make_event(title_en="Soon deleted")
    cached_then_read(reader, "/en/timeline/")
    with committed():
        chief_client.post(reverse("admin:timeline_event_delete", args=[event.pk]), {"post": "yes"})
    assert "Soon deleted" not in reader.get("/en/timeline/").content.decode()


def test_editing_a_tenure_inline_on_its_person_shows_at_once(reader, chief_client, committed):
    tenure = make_tenure(start=(2004, 3, 10))
    url = f"/en/people/{tenure.person.slug}/"
    cached_then_read(reader, url)
    page = chief_client.get(change_url(tenure.person))
    moved = {"tenures-0-start_date": "1995-01-01", "tenures-0-start_precision": "year"}
    with committed():
        assert chief_client.post(change_url(tenure.person), submitted(page, **moved)).status_code == 302
    assert '<time datetime="1995">' in reader.get(url).content.decode()


def test_publishing_from_the_list_shows_at_once(reader, chief_client, committed):
    draft = make_event(is_published=False, title_en="Just published")
    cached_then_read(reader, "/en/timeline/")
    with committed():
        chief_client.post(changelist_url(Event), {"action": "publish", "_selected_action": [draft.pk]})
    assert "Just published" in reader.get("/en/timeline/").content.decode()


def test_withdrawing_from_the_list_shows_at_once(reader, chief_client, committed):
    event = make_event(title_en="Just withdrawn")
    cached_then_read(reader, "/en/timeline/")
    with committed():
        chief_client.post(changelist_url(Event), {"action": "withdraw", "_selected_action": [event.pk]})
    assert "Just withdrawn" not in reader.get("/en/timeline/").content.decode()
    assert reader.get(f"/en/timeline/{event.slug}/").status_code == 404


def test_reverting_a_record_shows_at_once(reader, chief_client, committed):
    event = make_event(title_en="First title")
    save_revision(event, "first")
    first = Version.objects.get_for_object(event).get()
    edit(chief_client, event, title_en="Second title")
    cached_then_read(reader, "/en/timeline/")
    url = reverse("admin:timeline_event_revision", args=[event.pk, first.pk])
    with committed():
        chief_client.post(url, submitted(chief_client.get(url)))
    html = reader.get("/en/timeline/").content.decode()
    assert "First title" in html
    assert "Second title" not in html


def test_recovering_a_deleted_record_shows_at_once(reader, chief_client, committed):
    event = make_event(title_en="Back again")
    save_revision(event, "saved")
    chief_client.post(reverse("admin:timeline_event_delete", args=[event.pk]), {"post": "yes"})
    cached_then_read(reader, "/en/timeline/")
    url = reverse("admin:timeline_event_recover", args=[Version.objects.get_deleted(Event).get().pk])
    with committed():
        chief_client.post(url, submitted(chief_client.get(url)))
    assert "Back again" in reader.get("/en/timeline/").content.decode()


def test_loading_content_with_load_kb_shows_at_once(reader, committed, tmp_path):
    def load(title_en):
        fields = {"slug": "essay", "kind": "essay", **translated("title", "Эссе", "Эссе", title_en)}
        fields.update(translated("note", ""))
        path = tmp_path / "content.json"
        path.write_text(json.dumps([{"model": "osce_kb.source", "fields": fields}]), encoding="utf-8")
        with committed():
            load_kb([path])

    load("The essay")
    cached_then_read(reader, "/en/sources/essay/")
    load("The essay, corrected")
    assert "The essay, corrected" in reader.get("/en/sources/essay/").content.decode()


def test_a_link_added_between_records_shows_at_once(reader, committed):
    event = make_event()
    organ = make_organ(name_en="Office for Democratic Institutions")
    url = f"/en/timeline/{event.slug}/"
    cached_then_read(reader, url)
    with committed():
        event.organs.add(organ)
    assert "Office for Democratic Institutions" in reader.get(url).content.decode()


def test_a_link_removed_between_records_shows_at_once(reader, committed):
    organ = make_organ(name_en="Office for Democratic Institutions")
    event = make_event()
    event.organs.add(organ)
    url = f"/en/timeline/{event.slug}/"
    cached_then_read(reader, url)
    with committed():
        event.organs.remove(organ)
    assert "Office for Democratic Institutions" not in reader.get(url).content.decode()


def test_a_change_to_a_related_record_shows_on_the_pages_that_show_it(reader, committed):
    tenure = make_tenure()
    person = make_person(name_en="Someone else")
    url = f"/en/people/{person.slug}/"
    cached_then_read(reader, url)
    with committed():
        tenure.person = person
        tenure.save()
    assert reader.get(url)["X-Cache"] == "miss"


def test_many_changes_in_one_transaction_renew_the_generation_once(page_cache, committed):
    with committed() as callbacks:
        for _ in range(5):
            make_event()
    assert callbacks.count(pages.renew_generation) == 1


def test_a_change_that_has_not_committed_drops_nothing(reader, django_capture_on_commit_callbacks):
    event = make_event(title_en="Committed title")
    cached_then_read(reader, "/en/timeline/")
    with django_capture_on_commit_callbacks(execute=False):
        event.title_en = "Uncommitted title"
        event.save()
    assert reader.get("/en/timeline/")["X-Cache"] == "hit"


@pytest.fixture
def replica_readers(monkeypatch):
    """Anonymous readers read a replica, which is here the test's own database under the replica's role."""
    monkeypatch.setattr(routers, "REPLICA", "default")


def test_a_page_read_from_a_replica_just_after_a_change_is_served_but_not_kept(reader, replica_readers, committed):
    with committed():
        make_event(title_en="Just added")
    assert "Just added" in reader.get("/en/timeline/").content.decode()
    assert reader.get("/en/timeline/")["X-Cache"] == "miss"


def test_a_page_read_from_a_replica_is_kept_once_the_replica_can_have_caught_up(
    reader, replica_readers, committed, settings
):
    settings.REPLICA_PIN_SECONDS = 0
    with committed():
        make_event()
    cached_then_read(reader, "/en/timeline/")


def test_drop_cached_pages_drops_them(reader):
    cached_then_read(reader, "/en/")
    call_command("drop_cached_pages", stdout=io.StringIO())
    assert reader.get("/en/")["X-Cache"] == "miss"


def test_drop_cached_pages_fails_loudly_when_the_cache_cannot_be_reached(redis_server):
    redis_server.kill()
    with pytest.raises(CommandError, match="could not be reached"):
        call_command("drop_cached_pages", stdout=io.StringIO())


@pytest.mark.django_db(transaction=True)
def test_a_real_commit_drops_the_cached_pages(reader):
    event = make_event(title_en="Before the commit")
    cached_then_read(reader, "/en/timeline/")
    event.title_en = "After the commit"
    event.save()
    assert "After the commit" in reader.get("/en/timeline/").content.decode()


# Any sequence of reads and edits


def _edit_title(record, title):
    field = "title_en" if isinstance(record, Event) else "name_en"
    setattr(record, field, title)
    record.save()


def _toggle_published(record, _title):
    record.is_published = not record.is_published
    record.save()


def _toggle_link(record, _title):
    organ = Organ.objects.order_by("pk").first()
    if isinstance(record, Event):
        links = record.organs
        links.remove(organ) if links.filter(pk=organ.pk).exists() else links.add(organ)


EDITS = [_edit_title, _toggle_published, _toggle_link]
STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("read"), st.integers(0, 9)),
        st.tuples(st.sampled_from(EDITS), st.integers(0, 2), st.text("abcxyz", min_size=1, max_size=6)),
    ),
    min_size=1,
    max_size=6,
)


@hypothesis.settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture, hypothesis.HealthCheck.too_slow],
)
@hypothesis.given(steps=STEPS)
def test_after_any_reads_and_edits_a_page_reads_as_an_uncached_render_does(reader, committed, settings, steps):
    with committed():
        event, person, organ = make_event(), make_person(), make_organ()
        event.organs.add(organ)
    records = [event, person, organ]
    urls = ["/en/", "/kk/", "/en/timeline/", "/ru/timeline/", "/en/people/", "/en/organs/", "/en/structure/"]
    urls += [record.get_absolute_url().replace("/kk/", "/en/") for record in records]
    for step in steps:
        if step[0] == "read":
            url = urls[step[1]]
            settings.PAGE_CACHE = True
            served = reader.get(url)
            settings.PAGE_CACHE = False
            rendered = Client().get(url)
            assert (served.status_code, served.content) == (rendered.status_code, rendered.content)
        else:
            action, index, title = step
            with committed():
                record = type(records[index]).objects.get(pk=records[index].pk)
                action(record, title)


# With Redis, and with Redis stopped


@pytest.fixture
def redis_server(page_cache, tmp_path, monkeypatch, settings):
    """The page cache in a redis-server of this test's own; calls try Redis again at once after a failure."""
    reason = redis_server_module.missing_reason()
    if reason:
        pytest.skip(reason)
    server = redis_server_module.RedisServer(tmp_path)
    server.start()
    monkeypatch.setattr(forgiving, "HEALTH", forgiving._Health())
    monkeypatch.setattr(forgiving, "RETRY_SECONDS", 0)
    settings.CACHES = {
        "default": {
            "BACKEND": "osce_kb.cache.ForgivingRedisCache",
            "LOCATION": server.url,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
    try:
        yield server
    finally:
        server.kill()
        pages._owed.clear()


def test_with_redis_a_second_read_makes_no_query(redis_server, reader, django_assert_num_queries):
    make_event(title_en="Helsinki Final Act")
    reader.get("/en/timeline/")
    with django_assert_num_queries(0):
        response = reader.get("/en/timeline/")
    assert response["X-Cache"] == "hit"
    assert "Helsinki Final Act" in response.content.decode()


def test_with_redis_killed_pages_are_served_right_and_promptly(redis_server, reader):
    make_event(title_en="Helsinki Final Act")
    cached_then_read(reader, "/en/timeline/")
    redis_server.kill()
    started = time.monotonic()
    response = reader.get("/en/timeline/")
    assert time.monotonic() - started < 1
    assert response.status_code == 200
    assert "X-Cache" not in response
    assert "Helsinki Final Act" in response.content.decode()


def test_with_redis_answering_nothing_a_page_waits_for_one_timeout_at_most(redis_server, reader, monkeypatch):
    monkeypatch.setattr(forgiving, "RETRY_SECONDS", 5.0)
    cached_then_read(reader, "/en/")
    redis_server.pause()
    started = time.monotonic()
    assert reader.get("/en/").status_code == 200
    assert reader.get("/en/").status_code == 200
    assert time.monotonic() - started < 1


def test_with_redis_killed_an_editor_still_saves(redis_server, reader, chief_client, committed):
    event = make_event(title_en="Before")
    cached_then_read(reader, "/en/timeline/")
    redis_server.kill()
    with committed():
        assert edit(chief_client, event, title_en="Saved while Redis was down").status_code == 302
    assert "Saved while Redis was down" in reader.get("/en/timeline/").content.decode()


def test_a_change_made_while_redis_was_down_shows_when_redis_returns_with_its_old_pages(
    redis_server, reader, chief_client, committed
):
    event = make_event(title_en="Before")
    cached_then_read(reader, "/en/timeline/")
    # Redis keeps the page and the generation on disk, is killed, and comes back with them after the change.
    redis_server.snapshot()
    redis_server.kill()
    with committed():
        edit(chief_client, event, title_en="Changed while Redis was down")
    redis_server.start()
    assert "Changed while Redis was down" in reader.get("/en/timeline/").content.decode()


def test_pages_are_cached_again_once_redis_returns(redis_server, reader):
    redis_server.kill()
    reader.get("/en/")
    redis_server.start()
    cached_then_read(reader, "/en/")
