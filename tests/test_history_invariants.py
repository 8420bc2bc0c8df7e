"""Invariants of the editors' history over random sequences of editor actions.

Whatever editors of either role do — save a record or an inline row, publish or withdraw from the list,
revert, delete, recover, run load_kb — no record changes that the acting user did not act on, and no record
becomes public through someone without the publishing right. Seeded, so a failure reproduces.
"""

import json
import tempfile
from pathlib import Path

from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase
from reversion.models import Version

from osce_kb.loading import MODEL_ORDER, load_kb
from osce_kb.roles import CHIEF_EDITORS, EDITORS
from people.models import Person
from tests.admin_pages import change_url, changelist_url, staff, submitted
from timeline.models import Event

EVENTS = ["e0", "e1", "e2"]
ROLES = [EDITORS, CHIEF_EDITORS]


def texts(name, value=""):
    return {f"{name}_{lang}": value for lang in ("kk", "ru", "en")}


def fixture(published, title):
    """Three events (the first `published` of them public) and a person with a tenure, as load_kb reads them."""
    source = {"slug": "essay", "kind": "essay", **texts("title", "Essay"), **texts("note")}
    organ = {"slug": "odihr", "kind": "institution", "parent": None, "start_date": "1991-01-01"}
    organ.update({"start_precision": "year", "is_published": True, "sources": [["essay"]], **texts("name", "ODIHR")})
    for name in ("acronym", "summary", "description", "note", "seat", "meeting_schedule"):
        organ.update(texts(name))
    person = {"slug": "p", "nationality": None, "is_published": True, "sources": [], **texts("name", "Person")}
    for name in ("sort_name", "summary", "biography", "note"):
        person.update(texts(name))
    post = {"slug": "director", "organ": ["odihr"], "single_holder": True, **texts("title", "Director")}
    post.update(texts("term_note"))
    tenure = {"slug": "p-director", "person": ["p"], "post": ["director"], "start_date": "2002-01-01"}
    tenure.update({"start_precision": "year", "sources": [], **texts("note")})
    objects = [
        {"model": "osce_kb.source", "fields": source},
        {"model": "organs.organ", "fields": organ},
        {"model": "people.person", "fields": person},
        {"model": "people.post", "fields": post},
        {"model": "people.tenure", "fields": tenure},
    ]
    for index, slug in enumerate(EVENTS):
        event = {"slug": slug, "kind": "osce_history", "start_date": f"200{index}-01-01", "start_precision": "year"}
        event.update({"is_published": index < published, "sources": [["essay"]], **texts("title", f"{title} {slug}")})
        for name in ("summary", "description", "note", "place"):
            event.update(texts(name))
        objects.append({"model": "timeline.event", "fields": event})
    return objects


def snapshot():
    """Every row of the knowledge base: {(model, pk): its values}, the edit token and the time of the last save
    left out (a save that changes nothing still renews them)."""
    from django.apps import apps

    rows = {}
    for label in MODEL_ORDER:
        for row in apps.get_model(label)._base_manager.values():
            row.pop("edit_token", None)
            row.pop("updated_at", None)
            rows[(label, row["id"])] = row
    return rows


actions = st.one_of(
    st.tuples(st.just("save"), st.sampled_from(ROLES), st.sampled_from(EVENTS), st.text(max_size=8)),
    st.tuples(st.just("save_inline"), st.sampled_from(ROLES), st.just("p"), st.text(max_size=8)),
    st.tuples(st.sampled_from(["publish", "withdraw"]), st.sampled_from(ROLES), st.sets(st.sampled_from(EVENTS))),
    st.tuples(st.just("revert"), st.sampled_from(ROLES), st.sampled_from([*EVENTS, "p"]), st.integers(0, 5)),
    st.tuples(st.just("delete"), st.sampled_from(ROLES), st.sampled_from(EVENTS)),
    st.tuples(st.just("recover"), st.sampled_from(ROLES), st.integers(0, 5)),
    st.tuples(st.just("load"), st.integers(0, 3), st.sampled_from(["Loaded", "Reloaded"])),
)


class HistoryInvariants(TestCase):
    def setUp(self):
        self.clients = {}
        for role in ROLES:
            client = Client()
            client.force_login(staff(role.replace(" ", "-"), role))
            client.cookies["django_language"] = "en"
            self.clients[role] = client
        self.load(fixture(2, "Loaded"))

    def load(self, objects):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "content.json"
            path.write_text(json.dumps(objects), encoding="utf-8")
            load_kb([path])

    def record(self, slug):
        model = Person if slug == "p" else Event
        return model.objects.filter(slug=slug).first()

    def act(self, action):
        """Do `action`; return the rows it may change, and whether its user may publish."""
        kind, *args = action
        if kind == "load":
            published, title = args
            self.load(fixture(published, title))
            return None, True
        role, *rest = args
        client = self.clients[role]
        may_publish = role == CHIEF_EDITORS
        if kind in ("save", "save_inline"):
            slug, text = rest
            obj = self.record(slug)
            if obj is None:
                return set(), may_publish
            field = "tenures-0-note_en" if kind == "save_inline" else "title_en"
            client.post(change_url(obj), submitted(client.get(change_url(obj)), **{field: text or "x"}))
            return self.rows_of(obj), may_publish
        if kind in ("publish", "withdraw"):
            chosen = [obj for obj in map(self.record, rest[0]) if obj is not None]
            client.post(changelist_url(Event), {"action": kind, "_selected_action": [obj.pk for obj in chosen]})
            return {("timeline.event", obj.pk) for obj in chosen}, may_publish
        if kind == "revert":
            slug, choice = rest
            obj = self.record(slug)
            versions = list(Version.objects.get_for_object(obj)) if obj else []
            if not versions:
                return set(), may_publish
            version = versions[choice % len(versions)]
            url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_revision", args=[obj.pk, version.pk])
            page = client.get(url)
            if page.status_code == 200:
                client.post(url, submitted(page))
            return self.rows_of(obj), may_publish
        if kind == "delete":
            obj = self.record(rest[0])
            if obj is not None:
                client.post(reverse("admin:timeline_event_delete", args=[obj.pk]), {"post": "yes"})
            return ({("timeline.event", obj.pk)} if obj else set()), may_publish
        if kind == "recover":
            deleted = list(Version.objects.get_deleted(Event))
            if not deleted:
                return set(), may_publish
            version = deleted[rest[0] % len(deleted)]
            url = reverse("admin:timeline_event_recover", args=[version.pk])
            page = client.get(url)
            if page.status_code == 200:
                client.post(url, submitted(page))
            return {("timeline.event", int(version.object_id))}, may_publish
        raise AssertionError(f"unknown action {kind}")

    @staticmethod
    def rows_of(obj):
        rows = {(obj._meta.label_lower, obj.pk)}
        if isinstance(obj, Person):
            rows |= {("people.tenure", pk) for pk in obj.tenures.values_list("pk", flat=True)}
        return rows

    @settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(actions, min_size=1, max_size=6))
    def test_nothing_changes_that_nobody_acted_on_and_nobody_publishes_without_the_right(self, steps):
        for step in steps:
            before = snapshot()
            allowed, may_publish = self.act(step)
            after = snapshot()
            changed = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
            if allowed is not None:
                assert changed <= allowed, f"{step} changed {sorted(changed - allowed)}"
            if not may_publish:
                for key, row in after.items():
                    if row.get("is_published"):
                        assert before.get(key, {}).get("is_published"), f"{step} published {key}"
