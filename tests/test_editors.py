"""Editors: roles, history and revert, publishing, translation completeness and safe saving."""

import datetime

import pytest
import reversion
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from reversion.models import Version

from osce_kb.admin import CONFLICT_MESSAGE
from osce_kb.loading import load_kb
from osce_kb.roles import CHIEF_EDITORS, EDITORS, setup_roles
from people.models import Person, Tenure
from tests.admin_pages import change_url, submitted
from tests.factories import make_event, make_organ, make_person, make_post, make_source, make_tenure
from timeline.models import Event

pytestmark = pytest.mark.django_db


def event_form(event, **changes):
    data = {
        "slug": event.slug,
        "kind": event.kind,
        "start_date": event.start_date.isoformat(),
        "start_precision": event.start_precision,
        "end_date": "",
        "end_precision": "",
        "opened_token": event.edit_token,
    }
    for name in ("title", "summary", "description", "place"):
        for lang in ("kk", "ru", "en"):
            data[f"{name}_{lang}"] = getattr(event, f"{name}_{lang}") or ""
    if event.is_published:
        data["is_published"] = "on"
    data.update(changes)
    return data


# Roles


def test_setup_roles_run_twice_changes_nothing():
    call_command("setup_roles")
    before = {g.name: sorted(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    call_command("setup_roles")
    after = {g.name: sorted(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    assert after == before
    assert set(after) == {EDITORS, CHIEF_EDITORS}


def test_editors_may_add_change_and_view_but_not_delete_or_publish():
    editors, _chiefs = setup_roles()
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"add_event", "change_event", "view_event", "add_tenure", "change_source"} <= codenames
    assert not {name for name in codenames if name.startswith(("delete_", "publish_"))}


def test_no_role_has_any_permission_on_users_groups_or_permissions():
    for group in setup_roles():
        assert not group.permissions.filter(content_type__app_label="auth").exists()


@pytest.mark.parametrize("page", ["admin:auth_user_changelist", "admin:auth_group_changelist", "admin:auth_user_add"])
def test_an_editor_cannot_reach_users_or_groups(editor_client, page):
    assert editor_client.get(reverse(page)).status_code == 403


def test_an_editor_cannot_delete_anything(editor_client):
    event = make_event()
    response = editor_client.post(reverse("admin:timeline_event_delete", args=[event.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Event.objects.filter(pk=event.pk).exists()
    changelist = editor_client.get(reverse("admin:timeline_event_changelist"))
    assert "delete_selected" not in changelist.content.decode()


def test_a_chief_editor_can_delete(chief_client):
    event = make_event()
    response = chief_client.post(reverse("admin:timeline_event_delete", args=[event.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Event.objects.filter(pk=event.pk).exists()


# Publishing


def test_an_editor_cannot_publish(editor_client):
    event = make_event(is_published=False)
    response = editor_client.post(change_url(event), event_form(event, is_published="on"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert not event.is_published


def test_an_editor_is_not_offered_the_publish_action(editor_client):
    make_event()
    html = editor_client.get(reverse("admin:timeline_event_changelist")).content.decode()
    assert 'value="publish"' not in html


def test_a_chief_editor_can_publish(chief_client):
    event = make_event(is_published=False)
    response = chief_client.post(change_url(event), event_form(event, is_published="on"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.is_published


def test_a_chief_editor_publishes_many_at_once(chief_client):
    drafts = [make_event(is_published=False) for _ in range(3)]
    chief_client.post(
        reverse("admin:timeline_event_changelist"),
        {"action": "publish", "_selected_action": [d.pk for d in drafts]},
    )
    assert Event.objects.published().count() == 3


def test_a_new_record_starts_as_a_draft():
    assert Event._meta.get_field("is_published").default is False


def test_staff_can_preview_a_draft_and_readers_cannot(client, editor_client):
    draft = make_event(is_published=False, title_en="Secret draft")
    assert editor_client.get(f"/en/timeline/{draft.slug}/?preview=1").status_code == 200
    client.logout()
    assert client.get(f"/en/timeline/{draft.slug}/?preview=1").status_code == 404
    assert client.get(f"/en/timeline/{draft.slug}/").status_code == 404


def test_a_draft_never_appears_in_any_public_response(client):
    organ = make_organ(slug="visible-body", name_en="Visible body")
    person = make_person(slug="draft-person", name_en="Draft Person", is_published=False)
    make_tenure(person=person, post=make_post(organ=organ), start=(2005, 1, 1), start_precision="year", is_current=True)
    event = make_event(slug="draft-event", title_en="Draft Event", is_published=False)
    event.organs.add(organ)
    source = make_source(slug="cited")
    source.people.add(person)
    source.events.add(event)
    pages = [
        "/en/",
        "/en/people/",
        "/en/timeline/",
        "/en/organs/",
        "/en/organs/visible-body/",
        "/en/structure/",
        "/en/as-of/2010-06-01/",
        "/en/search/?q=Draft",
        "/en/sources/cited/",
        "/sitemap-people.xml",
        "/sitemap-events.xml",
        "/en/people/?q=Draft",
        "/en/timeline/?q=Draft",
    ]
    for page in pages:
        html = client.get(page).content.decode()
        assert "Draft Person" not in html and "draft-person" not in html, page
        assert "Draft Event" not in html and "draft-event" not in html, page
    home = client.get("/en/")
    assert home.context["counts"]["people"].value == 0
    assert home.context["counts"]["events"].value == 0


def test_a_published_record_without_a_source_gets_a_warning(chief_client):
    event = make_event()
    response = chief_client.post(change_url(event), event_form(event), follow=True)
    assert "is published but cites no source" in response.content.decode()


# History and revert


def test_every_admin_save_is_a_version_with_who_and_when(editor_client):
    event = make_event(title_ru="Старое название")
    editor_client.post(change_url(event), event_form(event, title_ru="Новое название"))
    version = Version.objects.get_for_object(event).first()
    assert version.revision.user.username == "editor"
    assert version.revision.date_created
    assert version.field_dict["title_ru"] == "Новое название"


def test_load_kb_stores_a_version_of_what_it_loads(tmp_path):
    load_kb()
    person = Person.objects.first()
    version = Version.objects.get_for_object(person).get()
    assert "load_kb" in version.revision.comment


def test_reverting_restores_every_translated_field(editor_client):
    event = make_event(title_kk="Ескі", title_ru="Старое", title_en="Old", summary_en="Old summary")
    editor_client.post(change_url(event), event_form(event))  # the first version in the history
    event.refresh_from_db()
    new = {"title_kk": "Жаңа", "title_ru": "Новое", "title_en": "New", "summary_en": "New summary"}
    editor_client.post(change_url(event), event_form(event, **new))
    first = Version.objects.get_for_object(event).last()
    revert_url = reverse("admin:timeline_event_revision", args=[event.pk, first.pk])
    response = editor_client.post(revert_url, submitted(editor_client.get(revert_url)))
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.title_kk, event.title_ru, event.title_en, event.summary_en) == (
        "Ескі",
        "Старое",
        "Old",
        "Old summary",
    )


def test_two_versions_can_be_compared_field_by_field_in_every_language(editor_client):
    event = make_event(title_kk="Ескі", title_ru="Старое", title_en="Old")
    editor_client.post(change_url(event), event_form(event))
    event.refresh_from_db()
    editor_client.post(change_url(event), event_form(event, title_ru="Новое"))
    first, second = Version.objects.get_for_object(event).order_by("pk")
    compare = reverse("admin:timeline_event_compare", args=[event.pk])
    response = editor_client.get(compare, {"version_id1": first.pk, "version_id2": second.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Старое" in html and "Новое" in html


def test_a_deleted_person_is_recovered_with_their_tenures(chief_client):
    person = make_person(slug="recoverable")
    with reversion.create_revision():
        make_tenure(person=person, post=make_post())
        person.save()
    chief_client.post(reverse("admin:people_person_delete", args=[person.pk]), {"post": "yes"})
    assert not Person.objects.filter(slug="recoverable").exists()
    deleted = Version.objects.get_deleted(Person).get()
    recover_url = reverse("admin:people_person_recover", args=[deleted.pk])
    response = chief_client.post(recover_url, submitted(chief_client.get(recover_url)))
    assert response.status_code == 302
    assert Person.objects.get(slug="recoverable").tenures.count() == 1


# Safe editing


def test_a_save_based_on_an_outdated_form_is_refused_with_a_message(editor_client):
    event = make_event(title_en="Original")
    opened = event.edit_token
    editor_client.post(change_url(event), event_form(event, title_en="First editor"))
    event.refresh_from_db()
    stale = event_form(event, title_en="Second editor", opened_token=opened)
    response = editor_client.post(change_url(event), stale)
    assert response.status_code == 200
    assert "Someone else changed this record since you opened it" in response.content.decode()
    event.refresh_from_db()
    assert event.title_en == "First editor"


def test_a_form_opened_before_a_revert_is_refused_too(editor_client):
    event = make_event(title_en="One")
    editor_client.post(change_url(event), event_form(event, title_en="Two"))
    event.refresh_from_db()
    editor_client.post(change_url(event), event_form(event, title_en="Three"))
    event.refresh_from_db()
    opened_by_another_editor = event_form(event, title_en="Four")
    first = Version.objects.get_for_object(event).last()
    revert_url = reverse("admin:timeline_event_revision", args=[event.pk, first.pk])
    editor_client.post(revert_url, submitted(editor_client.get(revert_url)))
    event.refresh_from_db()
    assert event.title_en == "Two"
    response = editor_client.post(change_url(event), opened_by_another_editor)
    assert response.status_code == 200
    assert "Someone else changed this record since you opened it" in response.content.decode()


def test_publishing_from_the_list_is_kept_in_the_history_and_guards_open_forms(chief_client):
    draft = make_event(is_published=False)
    opened_before = event_form(draft, title_en="Edited meanwhile")
    chief_client.post(reverse("admin:timeline_event_changelist"), {"action": "publish", "_selected_action": [draft.pk]})
    assert Version.objects.get_for_object(draft).first().field_dict["is_published"] is True
    response = chief_client.post(change_url(draft), opened_before)
    assert "Someone else changed this record since you opened it" in response.content.decode()


def test_the_refusal_is_explained_in_the_editors_language(editor_client):
    event = make_event()
    opened = event.edit_token
    editor_client.post(change_url(event), event_form(event, title_en="First editor"))
    editor_client.cookies["django_language"] = "kk"
    event.refresh_from_db()
    response = editor_client.post(change_url(event), event_form(event, opened_token=opened))
    with translation.override("kk"):
        expected = translation.gettext(CONFLICT_MESSAGE)
    assert expected.startswith("Сіз ашқаннан кейін")
    assert expected in response.content.decode()


def test_overlapping_tenures_of_a_single_holder_post_are_refused():
    post = make_post(single_holder=True)
    make_tenure(post=post, start=(2005, 6, 21), end=(2011, 6, 30), end_precision="day")
    overlapping = Tenure(person=make_person(), post=post, start_date=datetime.date(2008, 1, 1), start_precision="day")
    with translation.override("en"), pytest.raises(ValidationError, match="has one holder at a time"):
        overlapping.full_clean()


def test_a_handover_on_the_same_day_is_not_an_overlap():
    post = make_post(single_holder=True)
    make_tenure(post=post, start=(2005, 6, 21), end=(2011, 6, 30), end_precision="day")
    successor = Tenure(person=make_person(), post=post, start_date=datetime.date(2011, 6, 30), start_precision="day")
    successor.full_clean()


# Translation completeness


def test_the_missing_translation_filter_finds_records_lacking_a_language(editor_client):
    make_person(name_kk="Толық", name_ru="Полный", name_en="Complete")
    make_person(name_kk="Орысша жоқ", name_ru="", name_en="No Russian")
    response = editor_client.get(reverse("admin:people_person_changelist"), {"missing": "ru"})
    assert [p.name_en for p in response.context["cl"].result_list] == ["No Russian"]


def test_the_changelist_shows_which_languages_are_filled(editor_client):
    make_person(name_kk="Орысша жоқ", name_ru="", name_en="No Russian")
    html = editor_client.get(reverse("admin:people_person_changelist")).content.decode()
    assert '<span class="lang-missing">ru ✗</span>' in html
    assert '<span class="lang-filled">kk ✓</span>' in html


def test_the_translation_report_counts_missing_translations_per_model_and_language(editor_client):
    make_person(name_kk="Орысша жоқ", name_ru="", name_en="No Russian")
    response = editor_client.get(reverse("translation-report"))
    assert response.status_code == 200
    assert f"{reverse('admin:people_person_changelist')}?missing=ru" in response.content.decode()


def test_a_draft_bodys_posts_are_not_offered_as_filter_choices(client):
    draft = make_organ(slug="draft-body", is_published=False)
    make_post(slug="draft-post", organ=draft, title_en="Secret post")
    html = client.get("/en/people/").content.decode()
    assert "draft-post" not in html
