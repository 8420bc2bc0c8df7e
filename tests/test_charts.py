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
from tests.factories import make_organ, make_person, make_post, make_state, make_tenure

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


# ---- The structure diagram ----


def overlaps(a, b):
    return a.x < b.x + b.width and b.x < a.x + a.width and a.y < b.y + b.height and b.y < a.y + a.height


def inside(inner, outer):
    return (
        outer.x <= inner.x
        and inner.x + inner.width <= outer.x + outer.width
        and outer.y <= inner.y
        and inner.y + inner.height <= outer.y + outer.height
    )


@pytest.fixture
def structure():
    from organs.models import Organ

    root = make_organ(slug="osce", name_en="Organization for Security and Co-operation in Europe", parent=None)
    for n in range(7):
        make_organ(slug=f"body-{n}", name_en=f"Body number {n} with a rather long name to wrap", parent=root)
    frame = make_organ(slug="field-operations", name_en="OSCE field operations", parent=root)
    for n in range(5):
        make_organ(slug=f"mission-{n}", name_en=f"Mission {n}", kind="field_operation", parent=frame)
    make_organ(slug="draft", name_en="A draft", parent=root, is_published=False)
    make_organ(slug="closed", name_en="Closed", parent=root, end_date=D(2000, 1, 1), end_precision="year")
    return Organ.objects.published().standing_on(TODAY).tree()


@pytest.mark.parametrize("width, columns", [(1000, 4), (360, 2)])
def test_the_diagram_has_every_body_of_today_once_with_no_box_over_another(structure, width, columns):
    from osce_kb.charts import MAX_LINES, structure_diagram

    diagram = structure_diagram(structure, lambda organ: organ.name_en, width=width, columns=columns)
    slugs = [box.organ.slug for box in diagram.boxes]
    assert sorted(slugs) == sorted(
        ["osce", *[f"body-{n}" for n in range(7)], "field-operations", *[f"mission-{n}" for n in range(5)]]
    )
    frames = [box for box in diagram.boxes if box.panel]
    assert [box.organ.slug for box in frames] == ["field-operations"]
    for box in diagram.boxes:
        assert box.x >= 0 and box.x + box.width <= width and box.y + box.height <= diagram.height
        assert 1 <= len(box.lines) <= MAX_LINES
    others = [box for box in diagram.boxes if not box.panel]
    for n, a in enumerate(others):
        for b in others[n + 1 :]:
            assert not overlaps(a, b), (a.organ.slug, b.organ.slug)
    missions = [box for box in others if box.organ.slug.startswith("mission")]
    assert all(inside(box, frames[0]) for box in missions)
    bodies = [box for box in others if box.organ.slug.startswith("body")]
    assert not any(overlaps(box, frames[0]) for box in bodies)


def test_a_long_name_is_wrapped_to_the_box_and_cut_only_past_the_line_limit():
    from osce_kb.charts import CHAR_WIDTH, MAX_LINES, wrap

    lines = wrap("Демократиялық институттар мен адам құқықтары жөніндегі бюро", 240)
    assert " ".join(lines) == "Демократиялық институттар мен адам құқықтары жөніндегі бюро"
    assert all(len(line) * CHAR_WIDTH <= 240 for line in lines)
    cut = wrap(" ".join(["word"] * 60), 120)
    assert len(cut) == MAX_LINES and cut[-1].endswith("…")


@pytest.mark.parametrize(
    "lang, name", [("kk", "Тұрақты кеңес"), ("ru", "Постоянный совет"), ("en", "Permanent Council")]
)
def test_the_structure_page_draws_the_diagram_in_its_language_beside_the_tree(client, lang, name):
    root = make_organ(slug="osce", name_en="OSCE")
    make_organ(
        slug="permanent-council",
        parent=root,
        name_kk="Тұрақты кеңес",
        name_ru="Постоянный совет",
        name_en="Permanent Council",
    )
    with translation.override(lang):
        html = client.get("/" + lang + "/structure/").content.decode()
    figure = re.search(r'<figure class="chart structure-diagram".*?</figure>', html, re.S).group(0)
    assert figure.count("<svg") == 2 and figure.count('aria-hidden="true"') == 2
    assert figure.count(f">{name}</tspan>") == 2
    assert figure.count('href="/' + lang + '/organs/permanent-council/"') == 2
    assert not re.search(r'(x|y|width|height)="\d+,\d', figure)
    assert 'class="org-chart"' in html  # the tree, with the office holders, stays for every reader


# ---- The map of the participating States ----


def test_the_projection_puts_the_pole_in_the_middle_and_europe_at_the_bottom():
    from osce_kb.mapping import SIZE, SOUTHERN_LIMIT, project

    assert project(0, 90) == pytest.approx((SIZE / 2, SIZE / 2))
    x, y = project(20, 50)
    assert x == pytest.approx(SIZE / 2) and y > SIZE / 2
    assert project(20, SOUTHERN_LIMIT)[1] == pytest.approx(SIZE)
    assert project(-100, 50)[0] < SIZE / 2  # North America to the left


def test_arcs_are_decoded_from_their_deltas_and_rings_join_them_either_way_round():
    from osce_kb.mapping import _ring, decode_arcs

    topology = {
        "transform": {"scale": [1, 1], "translate": [10, 20]},
        "arcs": [[[0, 0], [1, 0], [0, 1]], [[1, 1], [-1, 0]]],
    }
    arcs = decode_arcs(topology)
    assert arcs == [[(10, 20), (11, 20), (11, 21)], [(11, 21), (10, 21)]]
    assert _ring([0, 1], arcs) == [(10, 20), (11, 20), (11, 21), (10, 21)]
    assert _ring([~1], arcs) == [(10, 21), (11, 21)]


def test_simplifying_keeps_the_corners_and_drops_what_lies_on_a_line():
    from osce_kb.mapping import simplify

    line = [(x, 0.1 * (x % 2)) for x in range(11)]
    assert simplify(line, 0.5) == [(0, 0.0), (10, 0.0)]
    corner = [(0, 0), (5, 0), (10, 0), (10, 5), (10, 10)]
    assert simplify(corner, 0.5) == [(0, 0), (10, 0), (10, 10)]


def test_the_shipped_map_has_a_shape_for_every_participating_state_of_today():
    import json
    from pathlib import Path

    from osce_kb.mapping import shapes

    states = [
        entry["fields"]
        for entry in json.loads((Path(__file__).parent.parent / "fixtures" / "states.json").read_text())
        if entry["model"] == "organs.participatingstate"
    ]
    today = {state["code"] for state in states if not state["left_date"]}
    assert len(today) == 57
    assert today <= set(shapes()["states"])
    for code in ("AD", "LI", "MC", "SM", "VA", "MT"):
        assert shapes()["states"][code].get("marker"), code


@pytest.fixture
def states():
    from organs.models import ParticipatingState

    make_state(code="KZ", name_en="Kazakhstan", name_kk="Қазақстан", joined_date=D(1992, 1, 30), joined_precision="day")
    make_state(code="FR", name_en="France", joined_date=D(1973, 7, 3), joined_precision="day")
    make_state(code="MN", name_en="Mongolia", joined_date=D(2012, 11, 21), joined_precision="day")
    make_state(code="LI", name_en="Liechtenstein", joined_date=D(1973, 7, 3), joined_precision="day")
    make_state(
        code="CS",
        name_en="Czechoslovakia",
        joined_date=D(1973, 7, 3),
        joined_precision="day",
        left_date=D(1993, 1, 1),
        left_precision="day",
    )
    chairmanship = make_organ(kind="chairmanship", slug="chairmanship")
    post = make_post(organ=chairmanship)
    make_tenure(
        post=post,
        on_behalf_of=ParticipatingState.objects.get(code="KZ"),
        start=(2010, 1, 1),
        end=(2010, 12, 31),
        end_precision="day",
    )


def paths(html):
    return dict(re.findall(r'<a href="/\w+/states/(\w\w)/" tabindex="-1">\s*<path class="state ([^"]+)"', html))


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_states_page_shades_each_state_by_when_it_joined_and_outlines_the_chairs(client, states, lang):
    with translation.override(lang):
        html = client.get(f"/{lang}/states/").content.decode()
    shaded = paths(html)
    assert shaded == {"FR": "era-0", "KZ": "era-1 chaired", "LI": "era-0", "MN": "era-2"}
    assert re.search(r'<circle class="state-marker era-0" cx="\d+" cy="\d+" r="5">', html)  # Liechtenstein
    legend = re.search(r'<ul class="legend">(.*?)</ul>', html, re.S).group(1)
    assert len(re.findall(r"<li>", legend)) == 4
    years = {"kk": "1973", "ru": "1973", "en": "joined in 1973: 2 States"}[lang]
    assert years in legend and "2012" in legend
    assert "/states/CS/" in re.search(r"<figcaption.*?</figcaption>", html, re.S).group(0)


def test_the_map_is_shown_on_the_whole_list_only(client, states):
    assert "states-map" in client.get("/en/states/").content.decode()
    assert "states-map" not in client.get("/en/states/?status=participating").content.decode()


def test_the_map_costs_the_same_queries_whatever_the_number_of_states(client, states):
    from django.db import connection as db
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(db) as few:
        client.get("/en/states/")
    for code in ("DE", "IT", "ES", "PT", "GR", "TR", "US", "CA"):
        make_state(code=code, joined_date=D(1973, 7, 3), joined_precision="day")
    with CaptureQueriesContext(db) as many:
        html = client.get("/en/states/").content.decode()
    assert len(many) == len(few) and len(paths(html)) == 12


def test_a_name_not_yet_translated_is_plain_text_in_the_chart_and_the_chairing_state_is_named(client):
    organ = make_organ()
    post = make_post(organ=organ)
    kz = make_state(code="KZ", name_kk="Қазақстан", name_ru="Казахстан", name_en="Kazakhstan")
    make_tenure(
        post=post,
        person=make_person(name_kk="", name_ru="", name_en="Only English"),
        start=(2001, 1, 1),
        end=(2001, 12, 31),
        end_precision="day",
    )
    make_tenure(
        post=post,
        person=make_person(name_kk="Қанат Саудабаев"),
        on_behalf_of=kz,
        start=(2010, 1, 1),
        end=(2010, 12, 31),
        end_precision="day",
    )
    with translation.override("kk"):
        html = client.get(organ.get_absolute_url()).content.decode()
    svg = re.search(r"<svg.*?</svg>", html[html.index("holders-chart") :], re.S).group(0)
    assert "<span" not in svg and ">Only English</text>" in svg
    assert ">Қанат Саудабаев (Қазақстан)</text>" in svg
