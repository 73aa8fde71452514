"""The overview as a dashboard, as a reader meets it in a real browser: one section per goal, each
linking to its goal page, with its actions by status (a bar whose counts are written out) and
its indicators' progress, and a "last updated" date. The page is loaded once; following the goal
links is checked against the goal pages' own headings, which the browser suite loads elsewhere.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Callable

import pytest
from site_map import PAGE_TYPES

DESKTOP = {"width": 1280, "height": 900}
# The three sentences the dashboard says of a goal's indicators (templates/pages/overview.md.j2).
INDICATORS = re.compile(r"Indicators: this goal has no indicators\.|Indicators \(\d+\): none has been measured against "
                        r"its target yet\.|Indicators \(\d+\): \d+ of \d+ measured against a target; on average "
                        r"[\d.,]+ % of the way")
COUNT = re.compile(r"^(Not started|In progress|Complete|On hold|Dropped): \d+$")

MEASURE = """() => {
    const text = node => (node ? node.innerText : '').split(/\\s+/).join(' ').trim();
    const article = document.querySelector('article');
    const goals = [...article.querySelectorAll('h3[id^="dashboard-"]')].map(heading => {
        const parts = [];
        let node = heading.nextElementSibling;
        for (; node && !/^H[1-3]$/.test(node.tagName); node = node.nextElementSibling) parts.push(node);
        const bar = parts.map(p => p.matches('.fb-status-bar') ? p : p.querySelector('.fb-status-bar')).find(Boolean);
        const link = heading.querySelector('a:not(.headerlink)');
        return {
            title: text(link),
            href: link ? new URL(link.getAttribute('href'), location.href).href : null,
            counts: bar ? [...bar.querySelectorAll('.fb-status-bar__counts li, .fb-status-bar__counts span')]
                .map(text).filter(Boolean) : [],
            barHiddenFromReaders: bar ? [...bar.querySelectorAll('.fb-status-bar__track')]
                .every(track => track.closest('[aria-hidden="true"]') !== null) : false,
            barVisible: bar ? bar.getBoundingClientRect().height > 0 : false,
            words: parts.map(text).join(' '),
        };
    });
    const updated = [...article.querySelectorAll('p')].map(text).find(t => t.startsWith('Last updated'));
    return {goals, updated};
}"""


@pytest.fixture(scope="module")
def dashboard(browser: Any, server: str) -> dict[str, Any]:
    """What the overview shows, measured on one visit."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    response = page.goto(server + PAGE_TYPES["overview"], wait_until="load")
    assert response is not None and response.ok
    measured = page.evaluate(MEASURE)
    context.close()
    return measured


@pytest.fixture(scope="module")
def goal_heading(browser: Any) -> Callable[[str], str]:
    """The h1 of the page a goal link leads to (one load per goal, cached)."""
    context = browser.new_context(viewport=DESKTOP)

    @functools.cache
    def heading(url: str) -> str:
        page = context.new_page()
        response = page.goto(url, wait_until="load")
        assert response is not None and response.ok, url
        text = page.evaluate("() => document.querySelector('h1').innerText.replace(/¶\\s*$/, '').trim()")
        page.close()
        return text

    yield heading
    context.close()


def test_the_overview_has_a_section_per_goal(dashboard: dict[str, Any]) -> None:
    assert len(dashboard["goals"]) >= 5
    assert all(goal["title"] for goal in dashboard["goals"])


def test_each_goal_links_to_its_goal_page(dashboard: dict[str, Any], goal_heading: Callable[[str], str]) -> None:
    for goal in dashboard["goals"][:2]:  # two are enough to show the links resolve; all are checked by MkDocs
        assert "/goals/" in goal["href"], goal
        assert goal_heading(goal["href"]) == goal["title"]


def test_each_goal_shows_its_actions_by_status_in_words(dashboard: dict[str, Any]) -> None:
    for goal in dashboard["goals"]:
        assert goal["barVisible"], goal["title"]
        assert goal["counts"] and all(COUNT.match(count) for count in goal["counts"]), goal
        assert goal["barHiddenFromReaders"], f"{goal['title']}: the bar is read as well as its counts"


def test_each_goal_says_how_far_its_indicators_have_come(dashboard: dict[str, Any]) -> None:
    for goal in dashboard["goals"]:
        assert INDICATORS.search(goal["words"]), goal


def test_the_overview_says_when_it_was_last_updated(dashboard: dict[str, Any]) -> None:
    assert dashboard["updated"] is not None
    assert re.match(r"Last updated on \d{1,2} [A-Z][a-z]+ \d{4}", dashboard["updated"]), dashboard["updated"]
