"""With the admin in Kazakh, an editor's pages show no English interface string.

The test renders every page an editor uses, collects the visible text (and the text of buttons, titles and
placeholders), and looks for any message of the catalogues the admin draws on (Django, its admin,
django-reversion, django-reversion-compare, django-filter and our own) that has no Kazakh translation.
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import django
import polib
import pytest
import reversion
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import translation
from reversion.models import Version

from osce_kb.roles import EDITORS, setup_roles
from tests.factories import make_event, make_person, make_post, make_source, make_state, make_tenure

pytestmark = pytest.mark.django_db

SITE_PACKAGES = Path(django.__file__).parent.parent
CATALOGUES = [
    "django/conf/locale/en/LC_MESSAGES/django.po",
    "django/contrib/admin/locale/en/LC_MESSAGES/django.po",
    "django/contrib/admin/locale/en/LC_MESSAGES/djangojs.po",
    "django/contrib/auth/locale/en/LC_MESSAGES/django.po",
    "reversion/locale/ru/LC_MESSAGES/django.po",
    "reversion_compare/locale/de/LC_MESSAGES/django.po",
    "django_filters/locale/ru/LC_MESSAGES/django.po",
]
PROJECT_CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
# Words that are the same in Kazakh: codes and names of formats.
SAME_IN_KAZAKH = {"URL", "ID", "UUID", "JSON", "IPv4", "IPv6", "HTML", "Wikidata", "ISO 3166", "kk", "ru", "en"}


def messages(path):
    """(context, msgid) of every message of a .po file."""
    return ((entry.msgctxt, entry.msgid) for entry in polib.pofile(str(path)) if entry.msgid and not entry.obsolete)


def msgids(path):
    return (msgid for _context, msgid in messages(path))


def untranslated_in_kazakh():
    """Every interface message whose Kazakh form is still the English one, as a full-text pattern."""
    ids = {msgid for name in CATALOGUES for msgid in msgids(SITE_PACKAGES / name)}
    ids |= set(msgids(PROJECT_CATALOGUE))
    patterns = []
    with translation.override("kk"):
        for msgid in ids:
            pieces = re.split(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]+\}", msgid)
            words = "".join(pieces)
            if translation.gettext(msgid) != msgid or msgid in SAME_IN_KAZAKH or not re.search("[A-Za-z]{3}", words):
                continue
            pattern = ".+".join(re.escape(piece.strip()) for piece in pieces)
            patterns.append((msgid, re.compile(rf"^{pattern}:?$")))
    return patterns


class VisibleText(HTMLParser):
    SKIP = {"script", "style", "template"}

    def __init__(self):
        super().__init__()
        self.texts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        attrs = dict(attrs)
        for name in ("title", "placeholder", "aria-label"):
            if attrs.get(name):
                self.texts.append(attrs[name])
        if tag == "input" and attrs.get("type") in {"submit", "button"} and attrs.get("value"):
            self.texts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.texts.append(" ".join(data.split()))


def visible_texts(html):
    parser = VisibleText()
    parser.feed(html)
    return parser.texts


@pytest.fixture
def kazakh_editor(client):
    setup_roles()
    user = User.objects.create_user("editor", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    client.cookies["django_language"] = "kk"
    return client


def editor_pages():
    state = make_state(code="KZ", name_kk="Қазақстан", name_ru="Казахстан", name_en="Kazakhstan")
    person = make_person(nationality=state)
    with reversion.create_revision():
        tenure = make_tenure(person=person, on_behalf_of=state)
    tenure.sources.add(make_source())
    with reversion.create_revision():
        event = make_event()
    event.title_ru = "Новое"
    with reversion.create_revision():
        event.save()
    first, second = Version.objects.get_for_object(event).order_by("pk")
    objects = {
        "osce_kb.source": tenure.sources.get(),
        "organs.participatingstate": state,
        "organs.organ": tenure.post.organ,
        "people.person": person,
        "people.post": make_post(organ=tenure.post.organ),
        "people.tenure": tenure,
        "timeline.event": event,
    }
    pages = [reverse("admin:index"), reverse("translation-report"), reverse("admin:password_change")]
    for label, obj in objects.items():
        app, model = label.split(".")
        pages += [
            reverse(f"admin:{app}_{model}_changelist"),
            reverse(f"admin:{app}_{model}_changelist") + "?missing=ru",
            reverse(f"admin:{app}_{model}_add"),
            reverse(f"admin:{app}_{model}_change", args=[obj.pk]),
            reverse(f"admin:{app}_{model}_history", args=[obj.pk]),
            reverse(f"admin:{app}_{model}_recoverlist"),
        ]
    pages += [
        reverse("admin:timeline_event_revision", args=[event.pk, first.pk]),
        reverse("admin:timeline_event_compare", args=[event.pk]) + f"?version_id1={first.pk}&version_id2={second.pk}",
        reverse("admin:jsi18n"),
    ]
    return pages


def test_every_page_an_editor_uses_is_entirely_in_kazakh(kazakh_editor):
    patterns = untranslated_in_kazakh()
    english = {}
    for page in editor_pages():
        response = kazakh_editor.get(page)
        assert response.status_code == 200, page
        if page == reverse("admin:jsi18n"):
            # The admin's JavaScript strings: the catalogue must carry a Kazakh form for each.
            continue
        for text in visible_texts(response.content.decode()):
            for msgid, pattern in patterns:
                if pattern.match(text):
                    english.setdefault(msgid, page)
    assert english == {}


def test_every_admin_javascript_string_has_a_kazakh_form(kazakh_editor):
    """The calendar, clock and selection widgets draw their text from this catalogue at run time."""
    script = kazakh_editor.get(reverse("admin:jsi18n")).content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script, re.S).group(1))
    english = SITE_PACKAGES / "django/contrib/admin/locale/en/LC_MESSAGES/djangojs.po"
    keys = [f"{context}\x04{msgid}" if context else msgid for context, msgid in messages(english)]
    assert [key for key in keys if key not in catalogue and key not in SAME_IN_KAZAKH] == []


def test_the_admin_header_has_a_language_switch(kazakh_editor):
    html = kazakh_editor.get(reverse("admin:index")).content.decode()
    assert 'action="/i18n/setlang/"' in html
    for code in ("kk", "ru", "en"):
        assert f'<option value="{code}"' in html


def test_switching_the_admin_language_to_russian(kazakh_editor):
    response = kazakh_editor.post("/i18n/setlang/", {"language": "ru", "next": "/admin/"}, follow=True)
    assert response.wsgi_request.LANGUAGE_CODE == "ru"
    assert "Администрирование" in response.content.decode() or "Сайт" in response.content.decode()
