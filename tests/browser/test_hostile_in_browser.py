"""The hostile framework in a real browser: no script of a contributor runs, search shows the text as text.

The site of tests/hostile_framework.py (markup and script in every text field) is served on
127.0.0.1. A goal page is opened with a listener on `dialog` events (every payload calls
`alert`), then search is opened and a word of the hostile goal title typed: the result
shows the title as written, and no element with an event handler exists in the page.
"""

from __future__ import annotations

from typing import Iterator

import pytest
from hostile_framework import SLUG, WORKING, build_site, field_text, write_project
from local_server import serving

GOAL_TITLE = field_text("goal-title")
# Every image has loaded or failed: an `onerror` payload would have run (and opened its dialog) by then.
IMAGES_SETTLED = "() => [...document.images].every(image => image.complete)"
# Every element that carries an event handler or a script URL, or a script that is not the theme's (inline ones
# are checked by the parser scan): found in the live DOM, after the theme's JavaScript has run.
INJECTED = """() => [...document.querySelectorAll('*')].filter(el =>
    [...el.attributes].some(a => a.name.startsWith('on') || /^\\s*(javascript|vbscript|data):/i.test(a.value))
    || ['IFRAME', 'OBJECT', 'EMBED'].includes(el.tagName)
).map(el => el.outerHTML.slice(0, 120))"""


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory, chromium_path: str) -> Iterator[str]:
    project = tmp_path_factory.mktemp("hostile-browser")
    write_project(project, hostile=True)
    with serving(build_site(project)) as url:
        yield url


@pytest.fixture
def page(browser, hostile_server: str):  # type: ignore[no-untyped-def]
    """A page that records every dialog (and dismisses it) and every page error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.dialogs, page.errors = [], []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.base = hostile_server
    yield page
    context.close()


def test_a_goal_page_runs_no_contributor_script(page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{page.base}{SLUG}/{WORKING}/goals/reporting/", wait_until="networkidle")
    page.wait_for_function(IMAGES_SETTLED)

    assert page.dialogs == []
    assert page.evaluate(INJECTED) == []
    assert page.title() == f"{GOAL_TITLE} - {field_text('title')}"
    heading = page.evaluate("() => { const h = document.querySelector('h1').cloneNode(true);"
                            " h.querySelectorAll('.headerlink').forEach(a => a.remove()); return h.textContent.trim(); }")
    assert heading == GOAL_TITLE


def test_search_shows_the_hostile_title_as_text(page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{page.base}{SLUG}/{WORKING}/", wait_until="networkidle")
    page.keyboard.press("/")  # Material's shortcut: opens search and focuses the query
    query = page.locator("[data-md-component=search-query]")
    query.press_sequentially("Zqgoaltitle")
    result = page.locator(".md-search-result__item").first
    result.wait_for(state="visible", timeout=15_000)
    page.wait_for_function(IMAGES_SETTLED)

    titles = page.eval_on_selector_all(".md-search-result__item h1", "els => els.map(e => e.textContent.trim())")
    assert GOAL_TITLE in titles, titles
    assert page.eval_on_selector_all(".md-search-result img, .md-search-result script, .md-search-result svg",
                                     "els => els.length") == 0
    assert page.evaluate(INJECTED) == []
    assert page.dialogs == []
