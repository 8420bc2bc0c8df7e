"""Every kind of page with the bundled content, in each language, on a 390 px phone and a 1366 px desktop, as
Chromium draws it: nothing wider than the screen, the header on one line on a desktop, the filters folded on a
phone, no accessibility violation of any impact (axe-core, from the npm registry), the timeline's chart one Tab
stop, and nothing moving as the fonts arrive. A screenshot of each page is saved in var/screenshots/ for review.
"""

import json
from pathlib import Path

import pytest

from osce_kb.loading import load_kb

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "var" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LANGUAGES = ("kk", "ru", "en")
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 800}}
PAGES = {
    "home": "",
    "bodies": "organs/",
    "body": "organs/secretariat/",
    "people": "people/",
    "person": "people/nursultan-nazarbayev/",
    "timeline": "timeline/",
    "event": "timeline/minsk-protocol-trilateral-contact-group-2014/",
    "states": "states/",
    "state": "states/KZ/",
    "sources": "sources/",
    "structure": "structure/",
    "as-of": "as-of/2010-12-01/",
    "search": "search/?q=kazakhstan",
    "not-found": "no-such-page/",
}
MEASURE = """() => {
  const doc = document.documentElement;
  const visible = (element) => element.checkVisibility();
  const header = document.querySelector('.site-header');
  const headerItems = [...header.querySelectorAll('.site-name, .site-menu-body > *')].filter(visible);
  const filters = document.querySelector('.filter-box .filters');
  return {
    overflow: doc.scrollWidth - doc.clientWidth,
    header: header.getBoundingClientRect().height,
    // On one line when every item spans a common height (they are centred on it).
    headerOneLine: Math.max(...headerItems.map((item) => item.getBoundingClientRect().top))
      < Math.min(...headerItems.map((item) => item.getBoundingClientRect().bottom)),
    filtersShown: filters ? visible(filters) : null,
    menuShown: visible(header.querySelector('nav')),
  };
}"""


WHERE_IS_FOCUS = """() => {
  const focused = document.activeElement;
  return focused.closest('figure') ? focused.className || focused.tagName : 'outside';
}"""
LAYOUT_SHIFT = """window.__shift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) { if (!entry.hadRecentInput) window.__shift += entry.value; }
}).observe({type: 'layout-shift', buffered: true});"""


@pytest.fixture
def bundled(transactional_db):
    load_kb()


def visit(browser, live_server, size, lang, path, **options):
    context = browser.new_context(base_url=live_server.url, viewport=SIZES[size], locale="en-GB", **options)
    page = context.new_page()
    page.set_default_timeout(20_000)
    response = page.goto(f"/{lang}/{path}")
    page.evaluate("document.fonts.ready")
    return context, page, response


def test_every_page_fits_a_phone_and_a_desktop_in_every_language(browser, live_server, bundled):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for size in SIZES:
        for lang in LANGUAGES:
            for kind, path in PAGES.items():
                context, page, response = visit(browser, live_server, size, lang, path)
                assert response.status == (404 if kind == "not-found" else 200), (kind, lang)
                found = page.evaluate(MEASURE)
                page.screenshot(path=SCREENSHOTS / f"{kind}-{lang}-{size}.png", full_page=True)
                context.close()
                where = f"{kind} ({lang}, {size})"
                if found["overflow"] > 0:
                    problems.append(f"{where}: {found['overflow']} px wider than the screen")
                if size == "desktop" and not (found["headerOneLine"] and found["menuShown"]):
                    problems.append(f"{where}: the header takes more than one line")
                if size == "phone" and (found["menuShown"] or found["header"] > 70):
                    problems.append(f"{where}: the header is {found['header']:.0f} px with its menu open")
                if found["filtersShown"] is not None and found["filtersShown"] != (size == "desktop"):
                    problems.append(f"{where}: the filters are {'shown' if found['filtersShown'] else 'folded'}")
    assert not problems, "\n".join(problems)


def test_a_phone_reader_opens_the_menu_and_the_filters(browser, live_server, bundled):
    context, page, _response = visit(browser, live_server, "phone", "kk", "people/")
    page.get_by_text("Мәзір").click()
    assert page.get_by_role("link", name="Хронология").is_visible()
    page.get_by_text("Сүзгілер", exact=True).click()
    assert page.locator(".filters").is_visible()
    page.locator("#id_q").fill("Назарбаев")
    page.locator(".filters button[type=submit]").click()
    assert page.get_by_text("Сүзгілер (қосулы: 1)").is_visible()
    assert page.get_by_role("link", name="Нұрсұлтан Назарбаев").first.is_visible()
    context.close()


def test_no_page_has_an_accessibility_violation_of_any_impact(browser, live_server, bundled):
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run `npm ci` (make test does it).")
    problems = []
    # Every page kind in every language at both sizes, and in the dark colour scheme (Kazakh, desktop).
    runs = [(size, lang, "light") for size in SIZES for lang in LANGUAGES] + [("desktop", "kk", "dark")]
    for size, lang, scheme in runs:
        for kind, path in PAGES.items():
            # axe runs as an injected script, which the site's Content-Security-Policy would refuse.
            context, page, _response = visit(
                browser, live_server, size, lang, path, bypass_csp=True, color_scheme=scheme
            )
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            context.close()
            assert result["testEngine"]["name"] == "axe-core" and result["passes"] is not None
            for violation in result["violations"]:
                nodes = [node["target"] for node in violation["nodes"]][:3]
                where = f"{kind} ({lang}, {size}, {scheme})"
                problems.append(f"{where}: {violation['id']} ({violation['impact']}) {nodes}")
    assert not problems, "\n".join(problems)


def test_the_timeline_chart_is_passed_with_one_tab(browser, live_server, bundled):
    context, page, _response = visit(browser, live_server, "desktop", "en", "timeline/")
    page.locator(".filters button[type=submit]").focus()
    stops = []
    for _ in range(4):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(WHERE_IS_FOCUS))
    context.close()
    # The Clear link is not there on an unfiltered list; then the chart's region, its table's summary, and out.
    inside = [stop for stop in stops if stop != "outside"]
    assert inside[:2] == ["scroller", "SUMMARY"], stops
    assert stops.index("scroller") < len(stops) - 2 and stops[-1] == "outside"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_nothing_moves_as_the_fonts_arrive(browser, live_server, bundled, lang):
    """The cumulative layout shift of the timeline, the page that jumped most, on a first visit."""
    context = browser.new_context(base_url=live_server.url, viewport=SIZES["desktop"])
    page = context.new_page()
    page.add_init_script(LAYOUT_SHIFT)
    page.goto(f"/{lang}/timeline/")
    page.evaluate("document.fonts.ready")
    page.wait_for_timeout(500)
    shift = page.evaluate("window.__shift")
    fonts = json.loads(
        page.evaluate("JSON.stringify([...document.fonts].filter(f => f.status === 'loaded').map(f => f.family))")
    )
    context.close()
    assert shift < 0.05
    assert "Noto Sans" in fonts
