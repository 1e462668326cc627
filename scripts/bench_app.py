"""Benchmark of the Streamlit explorer on the current build (``$AKIMKG_HOME``); prints figures.

Goals (issue 5): cold start to the first page < 5 s after a build; search round trip < 300 ms
server side.

* **cold start**: ``streamlit run app_streamlit.py`` is started, and the clock stops when a
  headless Chromium (Playwright, ``/usr/bin/chromium``) shows the first page fully drawn
  (title present, no run in progress). Without Chromium, a fresh Python process runs the first
  page once in ``AppTest`` instead (imports, loading the build, drawing).
* **search round trip (server side)**: one rerun of the search page after the query changes,
  in ``AppTest`` (the script run the server does for a browser: search, facets, snippets,
  citations, widgets), over a set of queries; the bare ``Searcher.search`` call is shown beside it.

Usage: ``python scripts/bench_app.py [--runs N]``.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from explorer.server import APP, CHROMIUM  # noqa: E402  (after the path is set)

QUERIES = ("избрание акимов", "акимы областей назначаются", "маслихат согласие", "сход местного сообщества",
           "вотум недоверия акиму", "выборы акима района", "полномочия акима села", "бюджет местного самоуправления",
           "освобождение от должности", "кандидаты на должность акима")


def cold_start_browser() -> float:
    """Seconds from ``streamlit run`` to the first page drawn in Chromium."""
    from playwright.sync_api import sync_playwright

    from explorer.server import CHROMIUM_ARGS, serve

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        page = browser.new_page()
        t0 = time.perf_counter()
        with serve() as url:
            page.goto(url)
            page.locator("h1", has_text="Поиск по актам").wait_for(timeout=60_000)
            page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')")
            seconds = time.perf_counter() - t0
        browser.close()
        return seconds


def cold_start_apptest() -> float:
    """Seconds for a fresh Python process to import the app and draw the first page once (AppTest)."""
    code = ("import time; t=time.perf_counter(); from streamlit.testing.v1 import AppTest; "
            f"at=AppTest.from_file({str(APP)!r}, default_timeout=120).run(); "
            "assert not at.exception, at.exception; print(time.perf_counter()-t)")
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, cwd=str(ROOT))
    return time.perf_counter() - t0


def search_round_trips(runs: int) -> tuple[list[float], list[float]]:
    """Rerun times of the search page for each query (AppTest), and bare Searcher.search times."""
    from streamlit.testing.v1 import AppTest

    from corpus.home import home
    from kg.artifacts import INDEX, require_build
    from search.query import Searcher

    at = AppTest.from_file(str(APP), default_timeout=120).run()          # warm: build loaded, index open
    page, bare = [], []
    searcher = Searcher(require_build(home()) / INDEX)
    for i in range(runs):
        for q in QUERIES:
            text = q if i % 2 == 0 else q + " "                          # a changed query each time
            at.text_input(key="q").input(text)
            t = time.perf_counter()
            at.run()
            page.append(time.perf_counter() - t)
            assert not at.exception and not at.error, (at.exception, at.error)
            t = time.perf_counter()
            searcher.search(text, limit=10)
            bare.append(time.perf_counter() - t)
    return page, bare


def _ms(xs: list[float]) -> str:
    xs = sorted(xs)
    p95 = xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]
    return f"median {statistics.median(xs) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {xs[-1] * 1000:.0f} ms (n={len(xs)})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="passes over the query set (default 3)")
    args = ap.parse_args()
    from corpus.home import home
    from kg.artifacts import require_build

    build = require_build(home())
    print(f"build: {build}")
    if os.path.exists(CHROMIUM):
        runs = [cold_start_browser() for _ in range(3)]
        print(f"cold start to first page (streamlit run → Chromium): "
              f"{', '.join(f'{x:.2f}' for x in runs)} s; best {min(runs):.2f} s (goal < 5 s)")
    runs = [cold_start_apptest() for _ in range(3)]
    print(f"cold start, fresh process, first page in AppTest: {', '.join(f'{x:.2f}' for x in runs)} s "
          f"(goal < 5 s)")
    page, bare = search_round_trips(args.runs)
    print(f"search round trip, server side (page rerun): {_ms(page)} (goal < 300 ms)")
    print(f"  Searcher.search alone, same queries:        {_ms(bare)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
