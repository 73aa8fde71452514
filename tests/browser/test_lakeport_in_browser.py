"""Lakeport, the demo's plan written as real plans are published (issue 10), as a resident reads it in Chromium.

The pages are served from the demo site the browser suite builds; each is also a page type of
site_map.PAGE_TYPES, so axe-core (both colour schemes, and at phone size), the heading order and
the privacy checks cover them. Here: the text a resident reads for each capability the demo shows:
strategies and measures named as the plan names them, references before titles, a goal with actions
directly under it, a measures-only goal, a decreasing measure's progress, values over a period,
a baseline and a target not known yet, amounts and totals, partners by role, focus areas, and the
plan's horizon and engagement.
"""

from __future__ import annotations

import contextlib
from typing import Iterator

import pytest
from record import Visit
from site_map import LAKEPORT, PAGE_TYPES

# The text of every element matching a selector inside the content, as the reader sees it (permalinks left out).
TEXTS = """selector => [...document.querySelectorAll('article ' + selector)].map(el => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('.headerlink').forEach(a => a.remove());
    return copy.innerText.trim();
})"""
# The text of the elements matching a selector under the heading with an id, up to the next heading of its
# level or above (a table row's cells are joined by " | ").
UNDER = """([id, selector]) => {
    const start = document.getElementById(id);
    const found = [];
    for (let el = start.nextElementSibling; el; el = el.nextElementSibling) {
        if (/^H[1-6]$/.test(el.tagName) && el.tagName <= start.tagName) break;
        if (el.matches(selector)) found.push(el);
        found.push(...el.querySelectorAll(selector));
    }
    const read = el => {
        const copy = el.cloneNode(true);
        copy.querySelectorAll('.headerlink').forEach(a => a.remove());
        document.body.appendChild(copy);  // innerText reads the rendered text of an element on the page
        const text = copy.innerText.trim();
        copy.remove();
        return text;
    };
    return found.map(el => el.matches('tr') ? [...el.cells].map(read).join(' | ') : read(el));
}"""


@pytest.fixture
def lakeport(new_visit) -> Iterator:  # type: ignore[no-untyped-def]
    """`lakeport(path)`: a context manager opening a page of Lakeport's version 1.0 at desktop size."""

    @contextlib.contextmanager
    def open_page(path: str) -> Iterator[Visit]:
        with new_visit(viewport={"width": 1280, "height": 900}) as opened:
            opened.open(LAKEPORT + path)
            yield opened
            assert opened.foreign_requests == [] and opened.console_errors == []

    return open_page


def test_the_overview_says_the_plan_is_fictional_and_gives_its_horizon_and_engagement(lakeport) -> None:
    with lakeport("") as opened:
        page = opened.page
        assert page.evaluate(TEXTS, "h1") == ["Lakeport Community Violence Prevention Blueprint"]
        notice = page.evaluate(TEXTS, ".fb-notice")[0]
        assert "Lakeport does not exist" in notice
        paragraphs = page.evaluate(TEXTS, "p")
        assert ("This plan runs from 2025 to 2034 and is reviewed every year; "
                "the next review is due on 30 June 2026.") in paragraphs
        assert "Shaped by 1,200 people from 1 March 2024 to 15 December 2024." in paragraphs
        assert page.evaluate(UNDER, ["at-a-glance", "li"])[:4] == ["3 goals", "2 strategies", "5 actions", "5 measures"]
        assert page.evaluate(UNDER, ["progress-on-the-measures", "p"])[0].startswith(
            "3 of 5 measures have been measured against their target.")
        page.locator("nav.md-nav--primary").get_by_role("link", name="Measures", exact=True).first.click()
        page.wait_for_url("**/indicators/")
        assert page.evaluate(TEXTS, "h1") == ["Measures"]


def test_a_goal_page_names_strategies_and_shows_references_before_titles(lakeport) -> None:
    with lakeport("goals/intervene/") as opened:
        page = opened.page
        assert page.evaluate(TEXTS, "h1") == ["Goal 1: Interrupt violence before it spreads"]
        assert page.evaluate(TEXTS, "h2") == ["Strategies and actions", "How we measure progress"]
        assert page.evaluate(TEXTS, "h3")[:2] == ["1.1: Meet people injured by violence at the hospital",
                                                  "1.2: Mediate conflicts in the streets"]
        assert page.evaluate(TEXTS, "h4")[1] == (
            "1.2.1: Keep outreach teams on the streets every evening in the focus neighbourhoods")


def test_a_decreasing_measure_shows_its_progress_and_values_over_periods(lakeport) -> None:
    with lakeport("goals/intervene/") as opened:
        page = opened.page
        facts = page.evaluate(UNDER, ["shootings", "li"])
        assert "Measured as: Count (shootings). Aim: decrease." in facts
        assert "Starting point: 120 shootings in 2024" in facts and "Target: 80 shootings in 2029" in facts
        assert "40 % of the way to the target" in page.evaluate(UNDER, ["shootings", "p"])
        assert page.evaluate(UNDER, ["shootings", "tr"]) == [
            "When | Value | Note", "1 October 2024 to 30 September 2025 | 109 shootings | ", "2025 | 104 shootings | "]
        assert page.evaluate(UNDER, ["responder-reach", "tr"])[1:] == [
            "Second quarter of 2025 | 45 % | ", "Third quarter of 2025 | 49 % | ", "Fourth quarter of 2025 | 52 % | "]


def test_a_goal_with_actions_directly_under_it_says_its_baseline_is_not_known_yet(lakeport) -> None:
    with lakeport("goals/youth/") as opened:
        page = opened.page
        assert page.evaluate(TEXTS, "h2") == ["Actions", "How we measure progress"]
        assert page.evaluate(TEXTS, "h3")[0] == (
            "2.01: Offer paid summer jobs to young people in the focus neighbourhoods")
        facts = page.evaluate(UNDER, ["youth-feel-safe", "li"])
        assert "Starting point: Not known yet (The first youth survey runs in spring 2026.)" in facts
        assert "Progress: Not measured yet" in facts


def test_the_measures_only_goal_shows_its_measures_and_no_empty_section(lakeport) -> None:
    with lakeport("goals/measures/") as opened:
        page = opened.page
        assert page.evaluate(TEXTS, "h2") == ["How we measure progress"]
        assert page.evaluate(TEXTS, "h3") == ["M4: Homicides",
                                              "M5: Residents who would call a city service to help stop a conflict"]
        assert "45.5 % of the way to the target" in page.evaluate(UNDER, ["homicides", "p"])
        assert "Target: Not known yet (The steering committee sets it after the 2026 survey.)" in \
            page.evaluate(UNDER, ["trust-in-services", "li"])


def test_the_funding_page_gives_amounts_and_totals(lakeport) -> None:
    with lakeport("funding/") as opened:
        page = opened.page
        grant = page.evaluate(UNDER, ["harbor-grant", "li"])
        assert grant[0] == "$150,000 (USD, fiscal year 2024) — Paid for the listening sessions and the survey"
        assert grant[1].endswith(": $200,000 (USD, fiscal year 2025)")
        assert "Total from this source: $350,000." in page.evaluate(UNDER, ["harbor-grant", "p"])
        totals = [row.split(" | ")[1] for row in page.evaluate(UNDER, ["totals", "tr"])]
        assert totals == ["Funding named", "at least $730,000 (1 amount not given)", "$200,000", "none named",
                          "$150,000", "at least $1,080,000 (1 amount not given)"]


def test_the_partners_page_groups_the_organizations_by_role(lakeport) -> None:
    with lakeport("partners/") as opened:
        page = opened.page
        assert page.evaluate(TEXTS, "h2") == ["Conveners", "Steering committee", "Members of the leadership group",
                                              "Funders", "Technical support"]
        assert page.evaluate(UNDER, ["role-convener", "h3"]) == ["Lakeport Mayor's Office"]
        assert page.evaluate(UNDER, ["role-funder", "h3"]) == ["Harbor Community Foundation"]
        assert "Collects and checks the data behind each measure" in page.evaluate(UNDER, ["university-lab", "p"])


def test_a_focus_area_link_lands_on_the_area_with_its_actions(lakeport) -> None:
    with lakeport("goals/intervene/") as opened:
        page = opened.page
        page.locator("#bedside-program + ul").get_by_role("link", name="Harbor Flats").click()
        page.wait_for_url("**/areas/#harbor-flats")
        assert page.locator("#harbor-flats").is_visible()
        assert page.evaluate(TEXTS, "h1") == ["Focus areas"]
        assert page.evaluate(TEXTS, "h2") == ["Eastside", "Harbor Flats", "North End"]
        actions = page.evaluate(UNDER, ["harbor-flats", "li"])
        assert [item.split(":")[0] for item in actions] == ["1.1.1", "1.2.1", "2.02"]
        navigation = page.locator("nav.md-nav--primary").get_by_role("link", name="Focus areas", exact=True)
        assert navigation.count() >= 1


def test_every_lakeport_page_here_is_checked_by_the_accessibility_suite() -> None:
    checked = {path.removeprefix(LAKEPORT) for path in PAGE_TYPES.values() if path.startswith(LAKEPORT)}
    assert {"", "goals/intervene/", "goals/youth/", "goals/measures/", "funding/", "partners/", "areas/"} <= checked
