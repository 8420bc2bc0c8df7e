"""Translated content: the reader's language first, then the fallback order, visibly marked."""

import polib
import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from osce_kb.i18n import fallback_chain, translated_value
from tests.factories import make_person

pytestmark = pytest.mark.django_db


def render_name(person, lang):
    with translation.override(lang):
        return Template('{% load kb %}{% tr person "name" %}').render(Context({"person": person}))


@pytest.mark.parametrize(
    ("lang", "chain"), [("kk", ["kk", "ru", "en"]), ("ru", ["ru", "en", "kk"]), ("en", ["en", "ru", "kk"])]
)
def test_each_language_falls_back_in_the_designed_order(lang, chain):
    assert fallback_chain(lang) == chain


def test_a_filled_field_is_shown_in_the_readers_language():
    person = make_person(name_kk="Миклош Харасти", name_ru="Миклош Харасти", name_en="Miklós Haraszti")
    assert translated_value(person, "name", "en") == ("Miklós Haraszti", "en")


def test_a_missing_kazakh_field_falls_back_to_russian_before_english():
    person = make_person(name_kk="Тұлға", summary_kk="", summary_ru="Венгерский журналист", summary_en="A journalist")
    assert translated_value(person, "summary", "kk") == ("Венгерский журналист", "ru")


def test_a_missing_english_field_falls_back_to_russian_then_kazakh():
    person = make_person(name_kk="Тұлға", summary_kk="Қазақша", summary_ru="", summary_en="")
    assert translated_value(person, "summary", "en") == ("Қазақша", "kk")


def test_an_empty_string_counts_as_missing():
    person = make_person(name_kk="Тұлға", summary_kk="", summary_ru="", summary_en="Only English")
    assert translated_value(person, "summary", "ru") == ("Only English", "en")


def test_fallback_text_is_marked_visibly_and_carries_its_language():
    person = make_person(name_kk="Миклош Харасти", name_ru="Миклош Харасти", name_en="")
    html = render_name(person, "en")
    assert '<span lang="ru" class="fallback">Миклош Харасти</span>' in html
    assert "not yet translated" in html


def test_text_in_the_readers_language_is_not_marked():
    person = make_person(name_kk="Кнут Воллебек", name_ru="Кнут Воллебек", name_en="Knut Vollebæk")
    assert render_name(person, "en") == "Knut Vollebæk"


def test_translated_text_is_escaped():
    person = make_person(name_kk="<script>x</script>", name_ru="", name_en="")
    assert "<script>" not in render_name(person, "kk")
    assert "<script>" not in render_name(person, "en")


@pytest.mark.parametrize(
    "path",
    sorted(settings.BASE_DIR.glob("locale/**/kk/LC_MESSAGES/*.po"))
    + sorted(settings.BASE_DIR.glob("locale/**/ru/LC_MESSAGES/*.po")),
    ids=lambda path: str(path.relative_to(settings.BASE_DIR)),
)
def test_every_interface_string_is_translated_and_none_is_left_fuzzy(path):
    # A fuzzy entry is not compiled, so the reader would see the English string.
    catalogue = polib.pofile(str(path))
    assert [entry.msgid for entry in catalogue.fuzzy_entries() + catalogue.untranslated_entries()] == []
