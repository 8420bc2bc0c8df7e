"""What a reader's browser gets besides the text: a description and a sharing card in the page's language, the
fonts it needs preloaded, icons, compressed HTML where that is safe, filters behind "Filters (n active)",
readable select choices, search results that say what and when each is, with the words found marked, and
suggestions as the reader types."""

import datetime
import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from organs.models import Organ
from tests.factories import make_event, make_organ, make_person, make_state

pytestmark = pytest.mark.django_db
LANGS = ("kk", "ru", "en")


def head_meta(html, attribute, name):
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    return found.group(1) if found else None


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "path", ["", "organs/", "people/", "timeline/", "states/", "sources/", "structure/", "search/"]
)
def test_every_page_has_a_description_and_a_sharing_card_in_its_language(client, lang, path):
    html = client.get(f"/{lang}/{path}").content.decode()
    description = head_meta(html, "name", "description")
    assert description and len(description) <= 300
    assert head_meta(html, "property", "og:description") == description
    title = re.search(r"<title>(.*?) — ", html).group(1)
    assert head_meta(html, "property", "og:title") == title
    assert head_meta(html, "property", "og:locale") == {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}[lang]
    assert head_meta(html, "property", "og:url").endswith(f"/{lang}/{path}")
    if lang != "en":
        # A Cyrillic description, not the English source string.
        assert re.search("[а-яәғқңөұүһі]", description, re.IGNORECASE)


def test_a_record_page_is_described_by_its_own_summary(client):
    organ = make_organ(summary_kk="Қысқаша сипаттама", summary_ru="Краткое описание", summary_en="A short account")
    for lang, summary in (("kk", "Қысқаша сипаттама"), ("ru", "Краткое описание"), ("en", "A short account")):
        with translation.override(lang):
            html = client.get(organ.get_absolute_url()).content.decode()
        assert head_meta(html, "name", "description") == summary
        assert html.count('property="og:title"') == 1


def test_a_record_without_a_summary_gets_the_sites_description(client):
    organ = make_organ(summary_kk="", summary_ru="", summary_en="")
    with translation.override("en"):
        html = client.get(organ.get_absolute_url()).content.decode()
    assert head_meta(html, "name", "description").startswith("The bodies of the OSCE")


@pytest.mark.parametrize(
    "lang, subsets",
    [("kk", {"latin", "cyrillic", "cyrillic-ext"}), ("ru", {"latin", "cyrillic"}), ("en", {"latin"})],
)
def test_a_page_preloads_the_fonts_of_its_language_and_no_others(client, lang, subsets):
    html = client.get(f"/{lang}/").content.decode()
    preloaded = re.findall(r'<link rel="preload" href="[^"]*noto-sans-([a-z-]+)-(\d00)-normal\.woff2" as="font"', html)
    assert {subset for subset, _weight in preloaded} == subsets
    assert len(preloaded) == 2 * len(subsets)
    for subset, weight in preloaded:
        assert finders.find(f"osce_kb/fonts/noto-sans-{subset}-{weight}-normal.woff2")


def test_the_fonts_never_swap_in_after_the_first_paint():
    with open(finders.find("osce_kb/site.css"), encoding="utf-8") as stylesheet:
        css = stylesheet.read()
    faces = re.findall(r"@font-face \{(.*?)\}", css, re.S)
    noto = [face for face in faces if "'Noto Sans';" in face]
    assert len(noto) == 8 and all("font-display: optional" in face for face in noto)
    assert any("size-adjust" in face and "Noto Sans Fallback" in face for face in faces)


def test_the_icons_and_the_manifest_are_there(client):
    html = client.get("/kk/").content.decode()
    for href in re.findall(r'<link rel="(?:icon|apple-touch-icon)" href="/static/([^"]+)"', html):
        assert finders.find(href), href
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 301 and finders.find(favicon["Location"].removeprefix("/static/"))
    for lang, name in (("kk", "ЕҚЫҰ және Қазақстан"), ("ru", "ОБСЕ и Казахстан"), ("en", "OSCE and Kazakhstan")):
        manifest = client.get(f"/{lang}/manifest.webmanifest")
        assert manifest["Content-Type"] == "application/manifest+json"
        data = manifest.json()
        assert data["name"] == name and data["lang"] == lang and data["start_url"] == f"/{lang}/"
        assert all(finders.find(icon["src"].removeprefix("/static/")) for icon in data["icons"])


def test_public_pages_and_the_api_are_gzipped_for_a_browser_that_takes_it(client):
    make_event()
    for path in ("/kk/timeline/", "/api/v1/events/"):
        response = client.get(path, HTTP_ACCEPT_ENCODING="gzip, br")
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert gzip.decompress(response.content)


def test_nothing_with_a_secret_is_compressed(client, admin_user):
    login = client.get(reverse("admin:login"), HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in login and b"csrfmiddlewaretoken" in login.content
    client.force_login(admin_user)
    page = client.get("/kk/", HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in page


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["organs/", "people/", "timeline/", "states/", "sources/"])
def test_no_select_shows_djangos_dashes(client, lang, path):
    html = client.get(f"/{lang}/{path}").content.decode()
    assert "---------" not in html
    empty = {"kk": "(Барлығы|Әдепкі реттілік).*", "ru": "(Все|По умолчанию).*", "en": "(All|Default order).*"}[lang]
    labels = re.findall(r'<option value=""(?: selected)?>([^<]*)</option>', html)
    assert labels and all(re.fullmatch(empty, label) for label in labels), labels


def test_the_filters_say_how_many_are_active_and_open_when_one_is_wrong(client):
    make_organ()
    with translation.override("en"):
        plain = client.get("/en/organs/").content.decode()
        two = client.get("/en/organs/?kind=institution&q=body").content.decode()
        wrong = client.get("/en/organs/?kind=nonsense").content.decode()
    assert "<summary>Filters</summary>" in plain and '<details class="filter-box">' in plain
    assert "<summary>Filters (2 active)</summary>" in two
    assert '<details class="filter-box" open>' in wrong


def test_a_body_that_still_exists_reads_as_since_not_as_a_single_date(client):
    make_organ(slug="rfom", name_en="RFoM", start_date=datetime.date(1997, 12, 18), start_precision="day")
    closed = make_organ(
        slug="gone",
        name_en="Gone",
        start_date=datetime.date(1992, 1, 1),
        start_precision="year",
        closed_date_unknown=True,
    )
    with translation.override("kk"):
        assert Organ.objects.get(slug="rfom").period == "1997 жылғы 18 желтоқсан – қазірге дейін"
    with translation.override("en"):
        assert Organ.objects.get(slug="rfom").period == "18 December 1997 – present"
        assert closed.period == "1992 – end unknown"
        html = client.get("/en/organs/").content.decode()
    assert "18 December 1997 – present" in html


def test_a_search_result_says_what_and_when_it_is_and_marks_the_words_found(client):
    make_event(
        slug="astana-summit",
        title_en="The Astana Summit",
        kind="osce_history",
        start=(2010, 12, 1),
        end=(2010, 12, 2),
        end_precision="day",
        summary_en="Heads of State met in Astana and adopted a <declaration> on security.",
    )
    with translation.override("en"):
        html = client.get("/en/search/?q=astana declaration").content.decode()
    result = re.search(r'<li class="result">(.*?)</li>', html, re.S).group(1)
    assert "The Astana Summit" in result
    assert "OSCE history" in result and "1–2 December 2010" in result
    assert "<mark>Astana</mark>" in result and "&lt;<mark>declaration</mark>&gt;" in result


def test_a_snippet_is_in_the_readers_language_and_marks_a_word_matched_across_scripts(client):
    make_person(
        slug="k",
        name_kk="Қанат Саудабаев",
        name_en="Kanat Saudabayev",
        summary_kk="Қазақстанның дипломаты; 2010 жылы ЕҚЫҰ-ның іс жүргізуші төрағасы болды.",
        summary_en="Diplomat from Kazakhstan; OSCE Chairperson-in-Office in 2010.",
    )
    html = client.get("/kk/search/?q=kazakhstan").content.decode()
    assert "<mark>Қазақстанның</mark> дипломаты" in html


def test_a_long_text_is_cut_around_the_first_word_found():
    from osce_kb.snippets import passage

    text = " ".join(["word"] * 100) + " Vienna " + " ".join(["more"] * 100)
    pieces = passage(text, ["vienna"])
    assert pieces[0] == ("…", False) and pieces[-1] == ("…", False)
    assert ("Vienna", True) in pieces
    assert sum(len(piece) for piece, _marked in pieces) <= 190


@pytest.mark.parametrize("words", [[], ["nothing"]])
def test_without_a_match_the_snippet_is_the_beginning_of_the_text(words):
    from osce_kb.snippets import passage

    assert passage("Short text.", words) == [("Short text.", False)]
    assert passage("", words) == []


def test_suggestions_name_records_of_every_kind_in_the_readers_language(client):
    make_person(name_kk="Нұрсұлтан Назарбаев", name_ru="Нурсултан Назарбаев", name_en="Nursultan Nazarbayev")
    make_state(name_kk="Назарстан", name_ru="Назарстан", name_en="Nazarstan")
    make_person(name_en="Nazar Draft", is_published=False)
    for lang, expected in (("kk", "Нұрсұлтан Назарбаев"), ("en", "Nursultan Nazarbayev")):
        data = client.get(f"/{lang}/search/suggest/", {"q": "naz"}).json()
        values = [item["value"] for item in data["results"]]
        assert expected in values and len(values) == 2
        assert not any("Draft" in value for value in values)


@pytest.mark.parametrize("text", ["", "n", "  "])
def test_no_suggestions_before_two_letters(client, text):
    make_person(name_en="Nursultan Nazarbayev")
    assert client.get("/en/search/suggest/", {"q": text}).json() == {"results": []}


@pytest.mark.parametrize("text", ["a\x00b", "x" * 5000])
def test_suggestions_refuse_what_no_name_holds(client, text):
    response = client.get("/ru/search/suggest/", {"q": text})
    assert response.status_code == 400


def test_at_most_eight_suggestions(client):
    for n in range(12):
        make_person(name_en=f"Smith {n}")
    assert len(client.get("/en/search/suggest/", {"q": "smith"}).json()["results"]) == 8


def test_the_timeline_chart_is_one_tab_stop_and_its_links_are_in_a_table(client):
    for year in (1975, 1992, 2010):
        make_event(start=(year, 1, 1), start_precision="year")
    html = client.get("/en/timeline/").content.decode()
    figure = re.search(r'<figure class="chart axis".*?</figure>', html, re.S).group(0)
    svg = re.search(r"<svg.*?</svg>", figure, re.S).group(0)
    table = re.search(r"<table.*?</table>", figure, re.S).group(0)
    focusable = re.findall(r'tabindex="0"', figure)
    assert len(focusable) == 1 and '<div class="scroller" tabindex="0"' in figure
    bar_links = re.findall(r'<a tabindex="-1" href="([^"]+)"', svg)
    assert len(bar_links) == 3 and "<a href" not in svg
    assert sorted(re.findall(r'<a href="([^"]+)"', table)) == sorted(bar_links)


@override_settings(LANGUAGE_CODE="kk")
def test_the_menu_and_the_search_box_are_in_the_page_language(client):
    html = client.get("/ru/").content.decode()
    assert "<summary>Меню</summary>" in html
    assert 'data-autocomplete="/ru/search/suggest/"' in html
