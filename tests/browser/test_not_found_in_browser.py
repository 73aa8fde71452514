"""The 404 page in a real browser, served as a static host serves it: a friendly page that links home.

The session's demo is built without --site-url, so MkDocs points its 404 pages' assets at the
server's root. Here a second copy of the demo is built WITH the address of the server that
serves it (a socket bound on a free port first, then the build, then the serving), and a missing
address is answered with the nearest version's 404.html and status 404, as a static host does.
"""

from __future__ import annotations

from typing import Iterator
from urllib.parse import urlsplit

import axe_core
import pytest
from harness import build_demo
from local_server import serving
from site_map import TODAY, VERSION

MISSING = VERSION + "no-such-page/"


@pytest.fixture(scope="module")
def addressed_site(tmp_path_factory: pytest.TempPathFactory, chromium_path: str) -> Iterator[str]:
    """The demo built with --site-url of the server that serves it; yields that address."""
    project = tmp_path_factory.mktemp("not-found")
    with serving(project / "site", not_found_pages=True) as url:
        build_demo(project, "--site-url", url, today=TODAY)
        yield url


@pytest.fixture(scope="module")
def not_found(browser, addressed_site: str) -> Iterator[dict]:
    """One visit to a missing address under the version, and a follow of its link home."""
    local = urlsplit(addressed_site).netloc
    foreign: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    def route(route_) -> None:
        if urlsplit(route_.request.url).netloc == local:
            route_.continue_()
        else:
            foreign.append(route_.request.url)
            route_.abort()

    context.route("**/*", route)
    page = context.new_page()
    try:
        response = page.goto(addressed_site + MISSING, wait_until="networkidle")
        record = page.evaluate(
            """() => {
                const home = document.querySelector('article a.fb-home');
                const sheets = [...document.querySelectorAll('link[rel=stylesheet]')];
                return {
                    h1: [...document.querySelectorAll('h1')].map(h => h.textContent.trim()),
                    homeHref: home ? home.href : null,
                    homeText: home ? home.textContent.trim() : null,
                    underlineOffset: home ? getComputedStyle(home).textUnderlineOffset : null,
                    themeLoaded: sheets.some(l => l.href.endsWith('/assets/theme.css') && l.sheet && l.sheet.cssRules.length > 0),
                    unloadedSheets: sheets.filter(l => !l.sheet).map(l => l.href),
                    headerPosition: getComputedStyle(document.querySelector('.md-header')).position,
                };
            }"""
        )
        record["status"] = response.status if response is not None else None
        record["axe"] = axe_core.run(page) if axe_core.script() is not None else None
        followed = None
        if record["homeHref"]:
            with page.expect_navigation(wait_until="networkidle") as navigation:
                page.click("article a.fb-home")
            answer = navigation.value
            followed = {"url": page.url, "status": answer.status if answer else None,
                        "h1": [h.rstrip("¶").strip() for h in page.locator("h1").all_inner_texts()]}  # less its permalink
        record["followed"] = followed
        record["foreign"] = foreign
        yield record
    finally:
        context.close()


def test_a_missing_page_answers_404(not_found: dict) -> None:
    assert not_found["status"] == 404


def test_the_404_page_has_its_styles(not_found: dict) -> None:
    assert not_found["unloadedSheets"] == [], "stylesheets that did not load"
    assert not_found["themeLoaded"], "theme.css did not load"
    assert not_found["headerPosition"] == "sticky", "Material's stylesheet does not apply"
    # theme.css underlines body links with an offset (the browser's default is 'auto').
    assert not_found["underlineOffset"] not in (None, "", "auto"), "theme.css does not apply"


def test_the_404_page_has_one_heading_saying_so(not_found: dict) -> None:
    assert not_found["h1"] == ["Page not found"]


def test_the_404_page_links_home_to_a_page_that_exists(not_found: dict, addressed_site: str) -> None:
    assert not_found["homeHref"] == addressed_site + VERSION
    followed = not_found["followed"]
    assert followed is not None and followed["status"] == 200, followed
    assert followed["url"] == addressed_site + VERSION
    assert followed["h1"] == ["Stamford Local Prevention Framework"], followed


def test_the_404_page_has_no_wcag_violations(not_found: dict) -> None:
    axe_core.require()
    violations = not_found["axe"]["violations"]
    assert not violations, f"the 404 page:\n{axe_core.describe(violations)}"


def test_the_404_page_makes_no_request_off_the_machine(not_found: dict) -> None:
    assert not_found["foreign"] == []
