"""End to end in a real browser: ``streamlit run app_streamlit.py`` on the real build, driven by
Playwright through Debian's Chromium. Every page is opened, a search is run, the date slider is
moved, a diff is opened; screenshots go to ``tests/artifacts/`` and no page may show a Streamlit
exception or an error message.
"""
from __future__ import annotations

import os
import re
import time

import pytest

from app_support import ARTIFACTS, app_home  # noqa: F401  (fixture)
from explorer.i18n import PAGES
from explorer.server import CHROMIUM, CHROMIUM_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.corpus]

EXCEPTION = '[data-testid="stException"]'
TITLES = {"search": "Поиск по актам", "document": "Документ", "timeline": "Хронология реформ",
          "modes": "Акимы: назначение и выборы", "graph": "Граф", "sparql": "SPARQL", "about": "О данных"}
ERROR = '[data-testid="stAlertContentError"]'


@pytest.fixture(scope="module")
def server(app_home):
    """The explorer served by ``streamlit run`` on a free port; yields its URL."""
    from explorer.server import serve

    ARTIFACTS.mkdir(exist_ok=True)
    with open(ARTIFACTS / "streamlit.log", "w") as log, serve(app_home, log=log) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ru-RU")
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    context.close()


def settle(pg, quiet: float = 1.0) -> None:
    """Wait until the app has finished its run: no «running» indicator for ``quiet`` seconds."""
    pg.wait_for_selector('[data-testid="stApp"]')
    pg.wait_for_selector('[data-testid="stSidebar"]')
    calm_since = None
    deadline = time.time() + 90
    while time.time() < deadline:
        running = pg.locator('[data-testid="stStatusWidget"]').count() > 0 or \
            pg.locator('[data-testid="stSkeleton"]').count() > 0 or \
            pg.locator('[data-stale="true"]').count() > 0
        if running:
            calm_since = None
        elif calm_since is None:
            calm_since = time.time()
        elif time.time() - calm_since >= quiet:
            return
        time.sleep(0.1)
    raise AssertionError("the app kept running for 90 s")


def wait_charts(pg) -> None:
    """Plotly charts draw after the run; wait until every chart has its SVG."""
    charts = pg.locator('[data-testid="stPlotlyChart"]')
    for i in range(charts.count()):
        charts.nth(i).locator(".main-svg").first.wait_for(state="attached")


def check(pg, name: str) -> None:
    """Save a screenshot and fail on any exception or error element on the page."""
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    assert pg.locator(EXCEPTION).count() == 0, pg.locator(EXCEPTION).first.inner_text()
    errors = pg.locator(ERROR).all_inner_texts()
    assert not errors, errors


def go(pg, server: str, page: str, query: str = "") -> None:
    pg.goto(f"{server}/?page={page}{query}")
    settle(pg)


def test_every_page_opens_clean(page, server):
    """Through the sidebar, page after page, in one browser session."""
    go(page, server, "search")
    for key in PAGES:
        page.locator('[data-testid="stSidebar"]').get_by_text(PAGES[key], exact=True).click()
        page.locator("h1", has_text=TITLES[key]).first.wait_for()
        settle(page)
        wait_charts(page)
        assert f"page={key}" in page.url, (key, page.url)
        check(page, f"page-{key}")


def test_search_round_trip_and_open_hit(page, server):
    go(page, server, "search")
    box = page.get_by_label("Запрос")
    box.fill("избрание акимов")
    box.press("Enter")
    settle(page)
    summary = page.get_by_text(re.compile(r"Найдено положений: \d+")).inner_text()
    assert int(re.search(r"\d+", summary).group(0)) > 0
    assert page.locator(".aksnip b").count() > 0                         # matched words in bold
    check(page, "search-results")
    page.get_by_role("button", name="Открыть").first.click()
    settle(page)
    assert page.locator(".akdoc").count() == 1
    assert page.locator(".akdoc .target").count() >= 1                    # the hit is marked in the text
    check(page, "search-opened-document")


def _as_of_heading(pg) -> str:
    return pg.locator("h3").filter(has_text=re.compile(r"^На \d")).first.inner_text().strip()


def test_date_slider_moves_the_modes_table(page, server):
    go(page, server, "modes")
    wait_charts(page)
    before = _as_of_heading(page)
    thumb = page.locator('[data-testid="stSlider"] input[type="range"]').first
    thumb.focus()
    thumb.press("Home")                                                   # 1 January 1991
    settle(page)
    assert _as_of_heading(page) == "На 01.01.1991"
    thumb.focus()
    thumb.press("PageUp")                                                 # one page of the range forward
    thumb.press("PageUp")
    settle(page)
    shown = thumb.get_attribute("aria-valuetext")
    after = _as_of_heading(page)
    assert after == f"На {shown}" and after not in (before, "На 01.01.1991")
    wait_charts(page)
    check(page, "modes-slider-moved")


def test_document_diff_in_the_browser(page, server):
    go(page, server, "document", "&act=constitution-1995&ed=2022-09-17&eid=art_87")
    assert "ст. 87 Конституции Республики Казахстан 1995 года (ред. от 17.09.2022)" in page.locator("code").first.inner_text()
    page.get_by_text("Сравнить редакции").click()
    settle(page)
    table = page.locator("table.akdiff")
    table.wait_for()
    assert table.locator("del").count() > 0 and table.locator("ins").count() > 0
    table.scroll_into_view_if_needed()
    check(page, "document-diff")


def test_timeline_click_shows_details(page, server):
    go(page, server, "timeline")
    wait_charts(page)
    points = page.locator('[data-testid="stPlotlyChart"] .scatterlayer .point')
    assert points.count() > 0
    first_title = page.locator("h3").first.inner_text()
    points.nth(points.count() - 1).click(force=True)
    settle(page)
    assert page.locator("h3").first.inner_text() != first_title, "a click selects another event"
    check(page, "timeline-clicked")


def test_sparql_runs_an_example(page, server):
    go(page, server, "sparql")
    page.get_by_role("button", name="Выполнить").click()
    settle(page)
    assert page.get_by_text(re.compile(r"Строк: \d+")).count() == 1
    assert page.locator('[data-testid="stDataFrame"]').count() == 1
    check(page, "sparql-result")
