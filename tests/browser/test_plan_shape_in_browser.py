"""The shape of a real plan as a resident reads it in a browser (tests/fixtures/shaped).

A goal page shows the plan's own level names, each item's published reference before its title,
the activities directly under the priority before its strategies, a "When" that says only what the
authors gave, and links to focus areas; a focus area link lands on the area's section of the focus
areas page, which lists the activities naming it and has no axe-core violation in either scheme.
"""

from __future__ import annotations

import contextlib
from typing import Iterator
from urllib.parse import urlsplit

import axe_core
import pytest
from harness import build_fixtures
from local_server import serving
from record import Visit, accessible_name
from site_map import SCHEMES, SHAPED_AREAS, SHAPED_GOAL, SHAPED_TODAY

# The text of every element matching a selector inside the content, as the reader sees it (permalinks left out).
TEXTS = """selector => [...document.querySelectorAll('article ' + selector)].map(el => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('.headerlink').forEach(a => a.remove());
    return copy.innerText.trim();
})"""
# The facts listed under an item's heading: {"When": "...", "Focus areas": "..."}.
FACTS = """id => Object.fromEntries([...document.getElementById(id).nextElementSibling.querySelectorAll('li')]
    .map(li => li.innerText.split(': ')).map(([name, ...rest]) => [name, rest.join(': ')]))"""


@pytest.fixture(scope="module")
def shaped_server(tmp_path_factory: pytest.TempPathFactory, chromium_path: str) -> Iterator[str]:
    with serving(build_fixtures(tmp_path_factory.mktemp("shaped-browser"), "shaped", today=SHAPED_TODAY)) as url:
        yield url


@pytest.fixture
def visit(browser, shaped_server: str):  # type: ignore[no-untyped-def]
    """`visit(path, scheme)`: a context manager opening a page of the shaped site (no request leaves 127.0.0.1)."""

    @contextlib.contextmanager
    def open_page(path: str, scheme: str = "light") -> Iterator[Visit]:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        opened = Visit(page=context.new_page(), base=shaped_server)
        local = urlsplit(shaped_server).netloc
        context.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).netloc == local
                      else (opened.foreign_requests.append(route.request.url), route.abort()))
        try:
            opened.open(path)
            yield opened
        finally:
            context.close()

    return open_page


def test_a_goal_page_reads_with_the_plans_levels_references_and_dates(visit) -> None:
    with visit(SHAPED_GOAL) as opened:
        page = opened.page
        assert page.evaluate(TEXTS, "h1") == ["Goal 1: Safer streets in every neighbourhood"]
        assert page.evaluate(TEXTS, "h2") == ["Strategies and activities", "How we measure progress"]
        assert page.evaluate(TEXTS, "h3")[:3] == [
            "1.01: Street outreach teams", "Night buses from the centres",
            "1.05: Expand youth outreach <after school> & *weekends*"]
        assert page.evaluate(FACTS, "street-outreach")["When"] == "From 1 March 2018 to 31 December 2027"
        late = page.evaluate(FACTS, "late-centres")
        assert (late["When"], late["Focus areas"]) == ("Near term", "Eastside, Riverside")
        assert late["Responds to findings"].startswith("F1: Young people have nowhere to go at night, ")
        link = page.locator("a.fb-comment__link[data-item='youth-outreach']")
        assert accessible_name(link) == (
            "Comment by email on strategy 1.05: Expand youth outreach <after school> & *weekends*")
        assert opened.foreign_requests == []


def test_a_focus_area_link_lands_on_the_area_with_its_activities(visit) -> None:
    with visit(SHAPED_GOAL) as opened:
        page = opened.page
        page.locator("#late-centres + ul").get_by_role("link", name="Riverside").click()
        page.wait_for_url("**/areas/#riverside")
        heading = page.locator("#riverside")
        assert heading.is_visible() and page.evaluate(TEXTS, "h1") == ["Focus areas"]
        assert page.evaluate(TEXTS, "h2") == ["Eastside", "Riverside", "Northgate"]
        assert page.evaluate(TEXTS, "h2#riverside + p + p + ul li") == [
            "1.05a: Keep youth centres open late (Goal 1: Safer streets in every neighbourhood; not started)"]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_focus_areas_page_has_no_wcag_violations(visit, scheme: str) -> None:
    axe_core.require()
    with visit(SHAPED_AREAS, scheme) as opened:
        violations = axe_core.run(opened.page)["violations"]
        assert not violations, f"focus areas page, {scheme} scheme:\n{axe_core.describe(violations)}"
        assert opened.page.evaluate(TEXTS, "h2 + p") == [
            "neighbourhood", "neighbourhood", "police district"]
