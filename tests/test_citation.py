"""The "Cite this page" reference, as the readers of each language cite a web page."""

import datetime
import html
import re

import pytest
from django.utils import timezone

from tests.factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def haraszti(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2026, 11, 27))
    return make_person(
        slug="miklos-haraszti", name_kk="Миклош Харасти", name_ru="Миклош Харасти", name_en="Miklós Haraszti"
    )


def citation(client, path):
    page = client.get(path).content.decode()
    return html.unescape(re.search(r"<blockquote>(.*?)</blockquote>", page, re.S)[1])


def test_the_english_citation_is_in_apa_style(client, haraszti):
    assert citation(client, "/en/people/miklos-haraszti/") == (
        "Miklós Haraszti. (n.d.). In OSCE and Kazakhstan: a trilingual knowledge base. "
        "Retrieved November 27, 2026, from http://testserver/en/people/miklos-haraszti/"
    )


def test_the_russian_citation_cites_a_web_page_in_gost_style(client, haraszti):
    assert citation(client, "/ru/people/miklos-haraszti/") == (
        "Миклош Харасти // ОБСЕ и Казахстан: трёхъязычная база знаний : [сайт]. "
        "– URL: http://testserver/ru/people/miklos-haraszti/ (дата обращения: 27.11.2026)."
    )


def test_the_kazakh_citation_cites_a_web_page_in_gost_style(client, haraszti):
    assert citation(client, "/kk/people/miklos-haraszti/") == (
        "Миклош Харасти // ЕҚЫҰ және Қазақстан: үш тілді білім базасы : [сайт]. "
        "– URL: http://testserver/kk/people/miklos-haraszti/ (қаралған күні: 27.11.2026)."
    )
