"""The officeholder charts: each term drawn from its first to its last possible day, an end known only to its
year or month fading across that period, a term still held running to today and marked, one whose end is
unknown claiming no end; on a body's page in every language, beside the list that says the same in words."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from osce_kb.charts import UNKNOWN_END_FADE, officeholder_chart
from tests.factories import make_organ, make_person, make_post, make_tenure

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 12, 7)


def chart_of(*terms):
    post = make_post()
    tenures = [make_tenure(post=post, **term) for term in terms]
    return officeholder_chart(tenures, TODAY)


def test_the_axis_runs_from_the_first_january_of_the_first_term_to_the_end_of_the_last_year():
    chart = chart_of(
        {"start": (2000, 7, 1), "end": (2004, 6, 30), "end_precision": "day"},
        {"start": (2004, 7, 1), "end": (2009, 12, 31), "end_precision": "day"},
    )
    first, second = chart.bars
    assert first.left == pytest.approx(100 * (D(2000, 7, 1) - D(2000, 1, 1)).days / 3653, abs=0.01)
    assert second.left + second.width == pytest.approx(100, abs=0.01)
    assert [tick.year for tick in chart.ticks] == [2000, 2002, 2004, 2006, 2008]
    assert first.fade_in == first.fade_out == 0


def test_a_start_known_only_to_its_year_fades_in_across_that_year():
    chart = chart_of({"start": (2004, 1, 1), "start_precision": "year", "end": (2007, 12, 31), "end_precision": "day"})
    bar = chart.bars[0]
    assert bar.left == 0 and bar.fade_in == pytest.approx(366 / 1461, abs=1e-4)
    assert bar.stops[0] == (0, 0) and bar.stops[-1] == (1, 1)


def test_an_end_known_only_to_its_month_fades_out_across_that_month():
    chart = chart_of({"start": (2010, 1, 1), "end": (2011, 3, 1), "end_precision": "month"})
    bar = chart.bars[0]
    length = (D(2011, 3, 31) - D(2010, 1, 1)).days + 1
    assert bar.fade_out == pytest.approx(31 / length, abs=1e-4)
    assert bar.stops[-1] == (1, 0)


def test_a_term_within_one_year_known_only_to_it_fades_both_ways_and_never_inverts():
    bar = chart_of(
        {"start": (1995, 1, 1), "start_precision": "year", "end": (1995, 1, 1), "end_precision": "year"}
    ).bars[0]
    assert bar.fade_in == bar.fade_out == 0.5
    offsets = [offset for offset, _opacity in bar.stops]
    assert offsets == sorted(offsets)


def test_the_current_holder_runs_to_today_and_today_is_drawn():
    chart = chart_of(
        {"start": (2017, 7, 18), "end": (2020, 7, 18), "end_precision": "day"},
        {"start": (2024, 12, 4), "is_current": True},
    )
    current = chart.bars[1]
    assert current.current and not chart.bars[0].current
    days = (D(2026, 12, 31) - D(2017, 1, 1)).days + 1
    assert current.left + current.width == pytest.approx(100 * ((TODAY - D(2017, 1, 1)).days + 1) / days, abs=0.01)
    assert chart.today_x == pytest.approx(100 * (TODAY - D(2017, 1, 1)).days / days, abs=0.01)


def test_a_term_whose_end_is_unknown_fades_out_and_claims_no_end():
    bar = chart_of({"start": (1998, 3, 10)}).bars[0]
    assert not bar.end_known and not bar.current
    assert bar.fade_out == pytest.approx(UNKNOWN_END_FADE / (UNKNOWN_END_FADE + 1), abs=1e-3)


def test_a_term_of_one_day_still_shows():
    bar = chart_of(
        {"start": (1990, 1, 1), "end": (2020, 1, 1), "end_precision": "day"},
        {"start": (2005, 5, 5), "end": (2005, 5, 5), "end_precision": "day"},
    ).bars[1]
    assert bar.width >= 0.4


def test_no_terms_no_chart():
    assert officeholder_chart([], TODAY) is None


@pytest.fixture
def office():
    organ = make_organ(slug="secretariat")
    post = make_post(organ=organ, slug="secretary-general", single_holder=True)
    make_tenure(
        post=post, person=make_person(name_en="Ján Kubiš"), start=(1999, 6, 15), end=(2005, 6, 14), end_precision="day"
    )
    make_tenure(
        post=post,
        person=make_person(name_en="Feridun Sinirlioğlu", name_ru="Феридун Синирлиоглу", name_kk="Феридун Синирлиоглу"),
        start=(2024, 12, 4),
        is_current=True,
    )
    return organ, post


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_body_page_draws_each_office_beside_its_list_in_every_language(client, office, lang):
    organ, post = office
    with translation.override(lang):
        html = client.get(organ.get_absolute_url()).content.decode()
    figure = re.search(r'<figure class="chart holders-chart".*?</figure>', html, re.S).group(0)
    assert 'aria-hidden="true"' in figure and figure.count('tabindex="-1"') == 2
    caption = re.search(r"<figcaption[^>]*>(.*?)</figcaption>", figure, re.S).group(1)
    assert {"kk": "лауазым", "ru": "должность", "en": "holders of this office"}[lang] in caption
    # Percentages and offsets are written with a point whatever the language's decimal separator.
    assert not re.search(r'(x|width|offset)="\d+,\d', figure)
    assert re.search(r'<text class="holder-name now"[^>]*>[^<]*Синирлиоглу ●</text>|Sinirlioğlu ●', figure)
    names = re.findall(r'<text class="holder-name[^"]*"[^>]*>([^<]*)</text>', figure)
    assert len(names) == 2
    listed = re.search(r'<ol class="holders">.*?</ol>', html[html.index("</figure>") :], re.S).group(0)
    assert listed.count("<li>") == 2 and '<span class="current">' in listed


def test_an_office_with_one_holder_needs_no_chart(client):
    organ = make_organ()
    make_tenure(post=make_post(organ=organ), start=(2001, 1, 1))
    assert "holders-chart" not in client.get(organ.get_absolute_url()).content.decode()


def test_the_chart_costs_no_query_and_stays_the_size_of_the_holders_shown(client):
    organ = make_organ()
    post = make_post(organ=organ)

    def page():
        with CaptureQueriesContext(connection) as queries:
            html = client.get(organ.get_absolute_url()).content.decode()
        return len(queries), html.count('class="bar')

    for year in (1990, 1991):
        make_tenure(post=post, start=(year, 1, 1), end=(year, 12, 31), end_precision="day")
    few = page()
    for year in range(1992, 2030):
        make_tenure(post=post, start=(year, 1, 1), end=(year, 12, 31), end_precision="day")
    many = page()
    assert few == (few[0], 2) and many == (few[0], 20)
