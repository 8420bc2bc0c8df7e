"""No interface string in another language: every label, option, heading, button and title of every kind of
page is in the language of the page, whichever language was active when the code was imported."""

import datetime
import importlib
import re
import sys
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.apps import apps
from django.utils import translation
from modeltranslation.translator import NotRegistered, translator

from tests.factories import make_event, make_organ, make_person, make_post, make_source, make_state, make_tenure
from tests.public_urls import public_patterns, record_parameters

pytestmark = pytest.mark.django_db
LANGUAGES = ["kk", "ru", "en"]

# Text of these elements, and these attributes of any element, is interface (once content is taken out).
INTERFACE_ELEMENTS = {"title", "h1", "h2", "h3", "h4", "h5", "h6", "label", "legend", "option", "th", "button"}
INTERFACE_ELEMENTS |= {"caption", "figcaption", "dt", "summary"}
INTERFACE_ATTRIBUTES = {"aria-label", "placeholder"}
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

KAZAKH_ONLY = re.compile(r"[ӘәҒғҚқҢңӨөҰұҮүҺһІі]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Latin that belongs in a Kazakh or Russian interface: the date pattern a reader is asked to type, and the
# name of the standard State codes come from.
LATIN_ALLOWED = {"YYYY", "MM", "DD", "ISO"}

# A value for each path parameter that no record's address provides.
SAMPLE_PARAMETERS = {"as-of": {"day": "2005-06-01"}}


@pytest.fixture
def world():
    """One record of each kind, each text in its own language's script, and a draft."""
    state = make_state(code="KZ", name_kk="Қазақстан", name_ru="Казахстан", name_en="Kazakhstan")
    source = make_source(
        slug="essay", title_kk="ЕҚЫҰ туралы эссе", title_ru="Эссе об ОБСЕ", title_en="An essay on the OSCE"
    )
    root = make_organ(slug="osce", kind="other", name_kk="ЕҚЫҰ", name_ru="ОБСЕ", name_en="OSCE")
    centre = make_organ(
        slug="centre-in-astana",
        kind="field_operation",
        parent=root,
        host_state=state,
        region="central_asia",
        name_kk="ЕҚЫҰ-ның Астанадағы орталығы",
        name_ru="Центр ОБСЕ в Астане",
        name_en="OSCE Centre in Astana",
        start_date=datetime.date(1998, 1, 1),
    )
    centre.sources.add(source)
    person = make_person(
        slug="kanat-saudabayev",
        name_kk="Қанат Саудабаев",
        name_ru="Канат Саудабаев",
        name_en="Kanat Saudabayev",
        nationality=state,
    )
    post = make_post(
        slug="head-of-centre", organ=centre, title_kk="Орталық басшысы", title_ru="Глава центра", title_en="Head"
    )
    make_tenure(person=person, post=post, start=(2004, 3, 10), end=(2010, 3, 9), end_precision="day")
    event = make_event(
        slug="astana-summit",
        kind="kazakhstan_chairmanship",
        title_kk="Астана саммиті",
        title_ru="Астанинский саммит",
        title_en="Astana Summit",
        start=(2005, 6, 1),
    )
    event.people.add(person)
    event.organs.add(centre)
    event.states.add(state)
    make_event(slug="draft-event", is_published=False, title_en="Draft", start=(2005, 6, 1))


def content_texts():
    """Every text of every record, in every language: what the interface check takes out first."""
    texts = set()
    for app in ("osce_kb", "organs", "people", "timeline"):
        for model in apps.get_app_config(app).get_models():
            try:
                fields = translator.get_options_for_model(model).all_fields
            except NotRegistered:
                fields = {}
            columns = [column.name for columns in fields.values() for column in columns]
            columns += [f for f in ("slug", "code", "author", "publisher", "url") if hasattr(model, f)]
            if not columns:  # no text of a record (the timeline's counts per year)
                continue
            for row in model.objects.values_list(*columns):
                texts.update(value for value in row if value)
    return sorted(texts, key=len, reverse=True)


class InterfaceText(HTMLParser):
    """Text of the interface elements, leaving out anything marked as being in another language."""

    def __init__(self, lang):
        super().__init__(convert_charrefs=True)
        self.lang = lang
        self.stack = []  # (tag, counts as interface, in another language)
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        foreign = bool(self.stack and self.stack[-1][2]) or attrs.get("lang", self.lang) != self.lang
        interface = bool(self.stack and self.stack[-1][1]) or tag in INTERFACE_ELEMENTS
        if not foreign:
            self.found.extend(attrs[name] for name in INTERFACE_ATTRIBUTES if attrs.get(name))
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, interface, foreign))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][1] and not self.stack[-1][2] and data.strip():
            self.found.append(data.strip())


def wrong_language(text, lang):
    """What in `text` belongs to another language than `lang`."""
    if lang == "en":
        return CYRILLIC.findall(text)
    wrong = [word for word in LATIN_WORD.findall(text) if word not in LATIN_ALLOWED]
    if lang == "ru":
        wrong += KAZAKH_ONLY.findall(text)
    return wrong


def page_addresses(lang):
    """One address of every kind of public page, from the resolver, plus the error pages."""
    values = {name: found[0] for name, found in record_parameters().items()}
    addresses = []
    for pattern in public_patterns():
        kwargs = values.get(pattern.name) or SAMPLE_PARAMETERS.get(pattern.name)
        assert kwargs or not pattern.parameters, f"add a sample for {pattern.name} to SAMPLE_PARAMETERS"
        addresses.append(pattern.path(lang, {name: quote(str(value)) for name, value in (kwargs or {}).items()}))
    return addresses + [
        f"/{lang}/search/?q=Astana",
        f"/{lang}/organs/?kind=volcano&existed_on=9999-12-31",
        f"/{lang}/timeline/?year_from=2010&year_to=1990",
        f"/{lang}/people/?in_office_on=yesterday&sort=-name",
        f"/{lang}/as-of/2010-02-30/",
        f"/{lang}/as-of/?date=tomorrow",
        f"/{lang}/no-such-page/",
        f"/{lang}/organs/no-such-body/",
        f"/{lang}/states/%00/",
    ]


@pytest.fixture(params=LANGUAGES)
def filtersets_built_in(request, monkeypatch):
    """Every list's FilterSet class built anew with a given language active, as when the server starts in it:
    a label evaluated when the class is created, rather than when the page is shown, is then in that language."""

    def rebuild():
        for name in ("osce_kb.filters", "organs.filters", "people.filters", "timeline.filters"):
            importlib.reload(importlib.import_module(name))

    with translation.override(request.param):
        rebuild()
    for pattern in public_patterns():
        if old := pattern.filterset_class:
            view_class = pattern.callback.view_class
            monkeypatch.setattr(view_class, "filterset_class", getattr(sys.modules[old.__module__], old.__name__))
    yield request.param
    monkeypatch.undo()
    rebuild()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_interface_string_of_every_page_is_in_the_page_language(client, world, filtersets_built_in, lang):
    content = content_texts() + ["Astana"]
    problems = {}
    for path in page_addresses(lang):
        response = client.get(path, follow=True)
        assert response.status_code in (200, 400, 404), path
        parser = InterfaceText(lang)
        parser.feed(response.content.decode())
        for text in parser.found:
            for known in content:
                text = text.replace(known, "")
            if wrong := wrong_language(text, lang):
                problems.setdefault(path, []).append((text, wrong))
    assert not problems


@pytest.mark.parametrize(("lang", "label"), [("kk", "Аты"), ("ru", "Имя"), ("en", "Name")])
def test_a_persons_name_is_labelled_as_a_name_in_the_sort_menu(client, world, lang, label):
    html = client.get(f"/{lang}/people/").content.decode()
    assert f'<option value="name">{label}</option>' in html
