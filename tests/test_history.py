"""The editors' history: one record per revision, reverts and recoveries that touch nothing else, publishing
kept for those with the right, and no save over someone else's newer change on any path."""

import json
import uuid

import pytest
import reversion
from django.urls import reverse
from reversion.models import Revision, Version

from organs.models import Organ
from osce_kb.history import save_revision
from osce_kb.loading import load_kb
from osce_kb.models import EditConflict
from osce_kb.roles import EDITORS
from people.models import Person, Post, Tenure
from tests.admin_pages import change_url, changelist_url, edit, staff, submitted
from tests.factories import make_event, make_organ, make_person, make_post, make_tenure
from timeline.models import Event

pytestmark = pytest.mark.django_db

CONFLICT = "Someone else changed this record since you opened it"


def texts(name, **values):
    return {f"{name}_{lang}": values.get(lang, "") for lang in ("kk", "ru", "en")}


def fixture_file(tmp_path, objects):
    path = tmp_path / "content.json"
    path.write_text(json.dumps(objects, ensure_ascii=False), encoding="utf-8")
    return path


def loaded_world(tmp_path):
    """Two bodies, a person with a tenure and two events, loaded in one load_kb run."""
    source = {"model": "osce_kb.source", "fields": {"slug": "essay", "kind": "essay", **texts("title", kk="Эссе")}}
    source["fields"].update(texts("note"))

    def organ(slug):
        fields = {"slug": slug, "kind": "institution", "parent": None, "start_date": "1992-01-01"}
        fields.update({"start_precision": "year", "sources": [["essay"]], "is_published": True})
        fields.update(texts("name", kk=slug, ru=slug, en=slug))
        for name in ("acronym", "summary", "description", "note", "seat", "meeting_schedule"):
            fields.update(texts(name))
        return {"model": "organs.organ", "fields": fields}

    def event(slug):
        fields = {"slug": slug, "kind": "osce_history", "start_date": "1999-11-18", "start_precision": "day"}
        fields.update({"is_published": True, "sources": [["essay"]], "organs": [["odihr"]]})
        fields.update(texts("title", kk=slug, ru=slug, en=slug))
        for name in ("summary", "description", "note", "place"):
            fields.update(texts(name))
        return {"model": "timeline.event", "fields": fields}

    person = {"slug": "knut-vollebaek", "is_published": True, "sources": [["essay"]], "nationality": None}
    for name in ("name", "sort_name", "summary", "biography", "note"):
        person.update(texts(name, kk="Кнут Воллебек") if name == "name" else texts(name))
    post = {"slug": "director", "organ": ["odihr"], "single_holder": True, **texts("title", kk="Директор")}
    post.update(texts("term_note"))
    tenure = {"slug": "knut-vollebaek-director", "person": ["knut-vollebaek"], "post": ["director"]}
    tenure.update({"start_date": "2007-01-01", "start_precision": "year", "sources": [["essay"]]})
    tenure.update(texts("note"))
    objects = [
        source,
        organ("odihr"),
        organ("rfom"),
        {"model": "people.person", "fields": person},
        {"model": "people.post", "fields": post},
        {"model": "people.tenure", "fields": tenure},
        event("istanbul-summit"),
        event("astana-summit"),
    ]
    load_kb([fixture_file(tmp_path, objects)])


def revert_to(client, obj, version, **changes):
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_revision", args=[obj.pk, version.pk])
    return client.post(url, submitted(client.get(url), **changes))


def recover(client, model, version):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_recover", args=[version.pk])
    return client.post(url, submitted(client.get(url)))


def owner_of_every_version(revision):
    """The records a revision holds, leaving out rows that point at another record of it (inline rows)."""
    objects = {(v.content_type.model_class(), v.object_id) for v in revision.version_set.all()}
    owners = set()
    for model, pk in objects:
        row = model._base_manager.get(pk=pk)
        parents = {
            (field.related_model, str(getattr(row, field.attname)))
            for field in model._meta.concrete_fields
            if field.many_to_one
        }
        if not parents & objects:
            owners.add((model, pk))
    return owners


# One record per revision


def test_load_kb_stores_a_revision_per_record_never_two_unrelated_records(tmp_path):
    loaded_world(tmp_path)
    revisions = Revision.objects.all()
    assert revisions.count() == 8
    for revision in revisions:
        assert len(owner_of_every_version(revision)) == 1


def test_publishing_from_the_list_stores_a_revision_per_record(chief_client):
    drafts = [make_event(is_published=False) for _ in range(3)]
    chief_client.post(changelist_url(Event), {"action": "publish", "_selected_action": [e.pk for e in drafts]})
    for event in drafts:
        version = Version.objects.get_for_object(event).get()
        assert version.revision.version_set.count() == 1


def test_a_body_saved_with_its_posts_keeps_them_but_not_the_tenures_of_those_posts(chief_client):
    organ = make_organ()
    post = make_post(organ=organ, title_en="Director")
    make_tenure(post=post)
    edit(chief_client, organ, **{"posts-0-title_en": "Head"})
    revision = Version.objects.get_for_object(organ).get().revision
    assert {v.content_type.model_class() for v in revision.version_set.all()} == {Organ, Post}


# Reverting and recovering touch one record and its inline rows


def test_reverting_one_loaded_record_leaves_every_other_record_as_others_left_it(tmp_path, chief_client):
    loaded_world(tmp_path)
    istanbul = Event.objects.get(slug="istanbul-summit")
    astana = Event.objects.get(slug="astana-summit")
    odihr = Organ.objects.get(slug="odihr")
    # Another editor's work after the load: an event changed, one deleted, a tenure added.
    edit(chief_client, istanbul, title_en="Istanbul Summit")
    chief_client.post(reverse("admin:timeline_event_delete", args=[astana.pk]), {"post": "yes"})
    added = make_tenure(person=Person.objects.get(), post=make_post(organ=Organ.objects.get(slug="rfom")))
    # Someone edits ODIHR, then reverts it to the loaded version.
    edit(chief_client, odihr, name_en="ODIHR renamed")
    response = revert_to(chief_client, odihr, Version.objects.get_for_object(odihr).last())
    assert response.status_code == 302
    assert Organ.objects.get(slug="odihr").name_en == "odihr"
    assert Event.objects.get(slug="istanbul-summit").title_en == "Istanbul Summit"
    assert not Event.objects.filter(slug="astana-summit").exists()
    assert Tenure.objects.filter(pk=added.pk).exists()


def test_recovering_a_deleted_record_brings_back_only_that_record(tmp_path, chief_client):
    loaded_world(tmp_path)
    istanbul = Event.objects.get(slug="istanbul-summit")
    edit(chief_client, istanbul, title_en="Edited after the load")
    astana = Event.objects.get(slug="astana-summit")
    chief_client.post(reverse("admin:timeline_event_delete", args=[astana.pk]), {"post": "yes"})
    response = recover(chief_client, Event, Version.objects.get_deleted(Event).get())
    assert response.status_code == 302
    assert Event.objects.filter(slug="astana-summit").exists()
    assert Event.objects.get(slug="istanbul-summit").title_en == "Edited after the load"


def test_reverting_a_body_leaves_the_tenures_of_its_posts_alone(chief_client):
    organ = make_organ(name_en="Old name")
    post = make_post(organ=organ)
    tenure = make_tenure(post=post, note_en="")
    edit(chief_client, organ)
    first = Version.objects.get_for_object(organ).get()
    tenure.note_en = "Written later on the tenure's own page"
    tenure.save()
    edit(chief_client, organ, name_en="New name")
    revert_to(chief_client, organ, first)
    tenure.refresh_from_db()
    assert Organ.objects.get(pk=organ.pk).name_en == "Old name"
    assert tenure.note_en == "Written later on the tenure's own page"


# Publishing stays with those who have the right


def test_an_editor_reverting_a_withdrawn_record_to_a_published_version_does_not_publish_it(chief_client, client):
    event = make_event(is_published=True, title_en="Published")
    save_revision(event, "published")
    published_version = Version.objects.get_for_object(event).get()
    chief_client.post(changelist_url(Event), {"action": "withdraw", "_selected_action": [event.pk]})
    client.force_login(staff("editor", EDITORS))
    response = revert_to(client, event, published_version)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title_en == "Published"
    assert event.is_published is False


def test_an_editor_recovering_a_deleted_published_record_recovers_it_as_a_draft(chief_client, client):
    event = make_event(is_published=True, slug="deleted-event")
    save_revision(event, "published")
    chief_client.post(reverse("admin:timeline_event_delete", args=[event.pk]), {"post": "yes"})
    client.force_login(staff("editor", EDITORS))
    response = recover(client, Event, Version.objects.get_deleted(Event).get())
    assert response.status_code == 302
    assert Event.objects.get(slug="deleted-event").is_published is False


def test_a_chief_editor_reverting_to_a_published_version_publishes_it(chief_client):
    event = make_event(is_published=True)
    save_revision(event, "published")
    published_version = Version.objects.get_for_object(event).get()
    chief_client.post(changelist_url(Event), {"action": "withdraw", "_selected_action": [event.pk]})
    revert_to(chief_client, event, published_version)
    event.refresh_from_db()
    assert event.is_published is True


def test_an_editor_cannot_publish_a_new_record_by_posting_the_box(editor_client):
    page = editor_client.get(reverse("admin:timeline_event_add"))
    data = submitted(page, slug="smuggled", kind="osce_history", start_date="2010-12-01", start_precision="day")
    data.update({"title_kk": "Саммит", "is_published": "on"})
    assert editor_client.post(reverse("admin:timeline_event_add"), data).status_code == 302
    assert Event.objects.get(slug="smuggled").is_published is False


# Nobody saves over someone else's newer change


def test_an_inline_tenure_saved_over_a_newer_version_is_refused(editor_client):
    person = make_person()
    tenure = make_tenure(person=person, note_en="")
    opened = editor_client.get(change_url(person))
    tenure.note_en = "Changed on the tenure's own page meanwhile"
    tenure.save()
    response = editor_client.post(change_url(person), submitted(opened, **{"tenures-0-note_en": "Stale inline edit"}))
    assert response.status_code == 200
    assert CONFLICT in response.content.decode()
    tenure.refresh_from_db()
    assert tenure.note_en == "Changed on the tenure's own page meanwhile"


def test_a_post_edited_inline_on_its_body_over_a_newer_version_is_refused(editor_client):
    organ = make_organ()
    post = make_post(organ=organ, title_en="Director")
    opened = editor_client.get(change_url(organ))
    post.title_en = "Director (renamed on its own page)"
    post.save()
    response = editor_client.post(change_url(organ), submitted(opened, **{"posts-0-title_en": "Stale"}))
    assert CONFLICT in response.content.decode()
    post.refresh_from_db()
    assert post.title_en == "Director (renamed on its own page)"


def test_a_save_of_a_row_read_before_someone_elses_save_is_refused_by_the_model():
    event = make_event(title_en="One")
    read_by_a_list_action = Event.objects.get(pk=event.pk)
    event.title_en = "Two"
    event.save()
    read_by_a_list_action.is_published = False
    with pytest.raises(EditConflict):
        read_by_a_list_action.save(update_fields=["is_published"])
    assert Event.objects.get(pk=event.pk).is_published is True


def test_a_list_action_leaves_a_record_changed_after_the_list_was_read_and_says_so(chief_client, monkeypatch):
    event = make_event(is_published=False, title_en="One")
    save = Event.save

    def someone_else_saves_first(self, *args, **kwargs):
        Event.objects.filter(pk=self.pk).update(title_en="Changed meanwhile", edit_token=uuid.uuid4())
        return save(self, *args, **kwargs)

    monkeypatch.setattr(Event, "save", someone_else_saves_first)
    response = chief_client.post(
        changelist_url(Event), {"action": "publish", "_selected_action": [event.pk]}, follow=True
    )
    assert "was changed by someone else" in response.content.decode()
    event.refresh_from_db()
    assert event.is_published is False


def test_a_revert_after_someone_elses_change_is_refused(editor_client):
    event = make_event(title_en="One")
    save_revision(event, "first")
    first = Version.objects.get_for_object(event).get()
    event.refresh_from_db()
    url = reverse("admin:timeline_event_revision", args=[event.pk, first.pk])
    opened = editor_client.get(url)
    event.title_en = "Changed by someone else after the revert page was opened"
    event.save()
    response = editor_client.post(url, submitted(opened), follow=True)
    assert CONFLICT in response.content.decode()
    event.refresh_from_db()
    assert event.title_en == "Changed by someone else after the revert page was opened"


def test_recovering_a_record_someone_else_already_recovered_and_edited_is_refused(chief_client, client):
    event = make_event(slug="twice-recovered", title_en="Original")
    save_revision(event, "first")
    chief_client.post(reverse("admin:timeline_event_delete", args=[event.pk]), {"post": "yes"})
    deleted = Version.objects.get_deleted(Event).get()
    url = reverse("admin:timeline_event_recover", args=[deleted.pk])
    opened = chief_client.get(url)
    recover(chief_client, Event, deleted)
    recovered = Event.objects.get(slug="twice-recovered")
    recovered.title_en = "Edited after the recovery"
    recovered.save()
    response = chief_client.post(url, submitted(opened), follow=True)
    assert CONFLICT in response.content.decode()
    assert Event.objects.get(slug="twice-recovered").title_en == "Edited after the recovery"


def test_a_load_after_an_edit_is_in_the_history_so_the_edit_can_be_restored(tmp_path, chief_client):
    loaded_world(tmp_path)
    odihr = Organ.objects.get(slug="odihr")
    edit(chief_client, odihr, name_en="Edited by an editor")
    edited = Version.objects.get_for_object(odihr).first()
    loaded_world(tmp_path)
    assert Organ.objects.get(slug="odihr").name_en == "odihr"
    assert revert_to(chief_client, odihr, edited).status_code == 302
    assert Organ.objects.get(slug="odihr").name_en == "Edited by an editor"


def test_reverting_from_an_old_revision_that_holds_many_records_restores_only_that_record(chief_client):
    # Databases loaded before revisions were kept per record hold one revision for a whole load.
    first, second = make_event(title_en="First"), make_event(title_en="Second")
    with reversion.create_revision():
        reversion.add_to_revision(first)
        reversion.add_to_revision(second)
    shared = Version.objects.get_for_object(first).get()
    for event, title in ((first, "First, edited"), (second, "Second, edited")):
        event.title_en = title
        event.save()
    assert revert_to(chief_client, first, shared).status_code == 302
    assert Event.objects.get(pk=first.pk).title_en == "First"
    assert Event.objects.get(pk=second.pk).title_en == "Second, edited"
