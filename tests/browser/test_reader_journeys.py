"""What a reader does, in a real browser, in each of the three languages."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from organs.models import Organ
from tests.factories import make_event, make_organ, make_person, make_post, make_source, make_state, make_tenure

D = datetime.date
LANGUAGES = ["kk", "ru", "en"]
NAMES = {"kk": "Миклош Харасти", "ru": "Миклош Харасти", "en": "Miklós Haraszti"}
ORGAN = {
    "kk": "БАҚ бостандығы жөніндегі ЕҚЫҰ өкілі",
    "ru": "Представитель ОБСЕ по вопросам свободы СМИ",
    "en": "OSCE Representative on Freedom of the Media",
}
EVENT = {
    "kk": "Харасти БАҚ бостандығы жөніндегі өкіл болып тағайындалды",
    "ru": "Харасти назначен Представителем по вопросам свободы СМИ",
    "en": "Haraszti takes office as Representative on Freedom of the Media",
}
# The same name, typed in the script of another language than the page's.
OTHER_SCRIPT = {"kk": "Haraszti", "ru": "Haraszti", "en": "Харасти"}


@pytest.fixture
def content(transactional_db):
    source = make_source(slug="osce-rfom-page")
    hungary = make_state(code="HU", name_kk="Венгрия", name_ru="Венгрия", name_en="Hungary")
    osce = make_organ(slug="osce", kind=Organ.Kind.OTHER, name_kk="ЕҚЫҰ", name_ru="ОБСЕ", name_en="OSCE")
    rfom = make_organ(
        slug="representative-on-freedom-of-the-media",
        parent=osce,
        start_date=D(1997, 12, 19),
        start_precision="day",
        **{f"name_{lang}": name for lang, name in ORGAN.items()},
    )
    rfom.sources.add(source)
    haraszti = make_person(slug="miklos-haraszti", nationality=hungary, **{f"name_{k}": v for k, v in NAMES.items()})
    post = make_post(slug="rfom-representative", organ=rfom)
    tenure = make_tenure(person=haraszti, post=post, start=(2004, 3, 10), end=(2010, 3, 10), end_precision="day")
    tenure.sources.add(source)
    event = make_event(
        slug="haraszti-takes-office",
        kind="osce_history",
        start=(2004, 3, 10),
        **{f"title_{lang}": title for lang, title in EVENT.items()},
    )
    event.people.add(haraszti)
    event.organs.add(rfom)
    event.sources.add(source)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_reader_goes_from_the_home_page_to_a_body_a_person_and_an_event(page, content, lang):
    page.goto(f"/{lang}/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    page.get_by_role("link", name=ORGAN[lang]).first.click()
    expect(page).to_have_url(re.compile(f"/{lang}/organs/representative-on-freedom-of-the-media/$"))
    expect(page.locator("h1")).to_contain_text(ORGAN[lang])
    page.locator("main").get_by_role("link", name=NAMES[lang]).first.click()
    expect(page).to_have_url(re.compile(f"/{lang}/people/miklos-haraszti/$"))
    page.get_by_role("link", name=EVENT[lang]).click()
    expect(page).to_have_url(re.compile(f"/{lang}/timeline/haraszti-takes-office/$"))
    expect(page.locator("h1")).to_have_text(EVENT[lang])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_switching_language_on_a_detail_page_lands_on_the_same_object(page, content, lang):
    other = {"kk": "ru", "ru": "en", "en": "kk"}[lang]
    page.goto(f"/{lang}/people/miklos-haraszti/")
    page.locator(f'nav.languages a[hreflang="{other}"]').click()
    expect(page).to_have_url(re.compile(f"/{other}/people/miklos-haraszti/$"))
    expect(page.locator("html")).to_have_attribute("lang", other)
    expect(page.locator("h1")).to_have_text(NAMES[other])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_applying_a_filter_puts_it_in_the_url(page, content, lang):
    page.goto(f"/{lang}/organs/")
    page.locator("input[name=parent]").fill("osce")
    page.locator("form.filters button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"[?&]parent=osce(&|$)"))
    expect(page.locator("main table")).to_contain_text(ORGAN[lang])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_person_filter_suggests_names_as_the_reader_types_and_applies_the_one_chosen(page, content, lang):
    page.goto(f"/{lang}/timeline/")
    page.locator("input[name=person]").press_sequentially(OTHER_SCRIPT[lang][:5])
    expect(page.locator("#id_person-suggestions option")).to_have_attribute("value", NAMES[lang])
    page.locator("input[name=person]").fill(NAMES[lang])
    page.locator("form.filters button[type=submit]").click()
    expect(page.locator("input[name=person]")).to_have_value(NAMES[lang])
    expect(page.locator("main").get_by_role("link", name=EVENT[lang]).first).to_be_visible()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_name_typed_in_another_script_is_found(page, content, lang):
    page.goto(f"/{lang}/")
    page.locator("#site-search-q").fill(OTHER_SCRIPT[lang])
    page.locator("#site-search-q").press("Enter")
    expect(page).to_have_url(re.compile(f"/{lang}/search/"))
    expect(page.locator("main").get_by_role("link", name=NAMES[lang])).to_be_visible()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_as_of_page_opens_for_1_june_2010_from_the_date_picker(page, content, lang):
    page.goto(f"/{lang}/as-of/")
    page.locator("input[name=date]").fill("2010-06-01")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(f"/{lang}/as-of/2010-06-01/$"))
    expect(page.locator("h1")).to_contain_text("2010")
    expect(page.locator("main")).to_contain_text(ORGAN[lang])  # the body existed then
    expect(page.locator("main")).not_to_contain_text(NAMES[lang])  # his term had ended in March
