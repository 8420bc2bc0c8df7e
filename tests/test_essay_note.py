"""A reader never meets "the essay" unexplained: a page whose texts mention it names the essay and links it."""

import re

import pytest
from django.db import transaction

from osce_kb.loading import load_kb
from osce_kb.models import SEED_ESSAY_SLUG, Source
from people.models import Person
from tests.factories import make_event, make_person, make_source, translated
from timeline.models import Event

ESSAY_URL = "/{lang}/sources/" + SEED_ESSAY_SLUG + "/"
NOTE = re.compile(r'<aside class="essay-note".*?</aside>', re.S)
MENTION = re.compile(r"эссе|\bessay", re.I)


def make_essay():
    return make_source(
        slug=SEED_ESSAY_SLUG,
        kind=Source.Kind.ESSAY,
        **translated("title", "ЕҚЫҰ және Қазақстан", "ОБСЕ и Казахстан", "The OSCE and Kazakhstan"),
    )


def main_text(html):
    return html[html.index('<main id="main">') : html.index("</main>")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "title", "heading"),
    [
        ("kk", "ЕҚЫҰ және Қазақстан", "«Эссе» туралы"),
        ("ru", "ОБСЕ и Казахстан", "Об «эссе»"),
        ("en", "The OSCE and Kazakhstan", "About “the essay”"),
    ],
)
def test_an_event_whose_text_cites_the_essay_names_and_links_it(client, lang, title, heading):
    make_essay()
    event = make_event(**translated("summary", "Эсседе айтылғандай…", "Как сказано в эссе…", "As the essay says…"))
    html = client.get(f"/{lang}/timeline/{event.slug}/").content.decode()
    note = NOTE.search(html).group(0)
    assert heading in note
    assert f'<a href="{ESSAY_URL.format(lang=lang)}">{title}</a>' in note


@pytest.mark.django_db
def test_a_page_that_does_not_mention_the_essay_has_no_note_about_it(client):
    make_essay()
    event = make_event(**translated("summary", "Саммит өтті.", "Прошёл саммит.", "A summit was held."))
    assert "essay-note" not in client.get(f"/en/timeline/{event.slug}/").content.decode()


@pytest.mark.django_db
def test_a_list_showing_a_summary_that_mentions_the_essay_names_and_links_it(client):
    make_essay()
    make_person(**translated("summary", "Эссе атайды.", "Упомянут в эссе.", "Named in the essay."))
    html = client.get("/ru/people/").content.decode()
    assert f'<a href="{ESSAY_URL.format(lang="ru")}">' in NOTE.search(html).group(0)


@pytest.mark.django_db
def test_the_essays_own_page_does_not_point_to_itself(client):
    essay = make_essay()
    essay.note_en = "The essay this knowledge base began from."
    essay.save()
    assert "essay-note" not in client.get(ESSAY_URL.format(lang="en")).content.decode()


@pytest.fixture(scope="module")
def bundled_content(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_kb()
        yield
        transaction.set_rollback(True)


def test_every_bundled_page_that_mentions_the_essay_links_it_in_every_language(client, bundled_content, db):
    pages = [event.get_absolute_url() for event in Event.objects.published()]
    pages += [person.get_absolute_url() for person in Person.objects.published()]
    pages += ["/people/", "/timeline/", "/organs/", "/states/", "/"]
    mentioning = 0
    for lang in ("kk", "ru", "en"):
        for page in pages:
            url = f"/{lang}{page[3:]}" if page[:4] in ("/kk/", "/ru/", "/en/") else f"/{lang}{page}"
            html = main_text(client.get(url).content.decode())
            without_note = NOTE.sub("", html)
            if MENTION.search(without_note):
                mentioning += 1
                assert f'href="{ESSAY_URL.format(lang=lang)}"' in NOTE.search(html).group(0), url
    assert mentioning > 0
