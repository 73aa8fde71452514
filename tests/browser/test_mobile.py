"""At 390×844 (a phone) nothing overflows the page sideways; wide tables scroll in their own box."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_map import ACTION_PLAN, GOAL, VERSION

PHONE = {"width": 390, "height": 844}
PAGES = {"overview": VERSION, "goal": GOAL, "action-plan": ACTION_PLAN}


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the phone screenshots go (printed in the test output, to look at)."""
    folder = tmp_path_factory.mktemp("screenshots")
    print(f"\nphone screenshots: {folder}")
    return folder


@pytest.mark.parametrize("name", list(PAGES))
def test_no_horizontal_overflow_on_a_phone(visit_factory, screenshots: Path, name: str) -> None:
    visit = visit_factory(viewport=PHONE, is_mobile=True, has_touch=True)
    visit.open(PAGES[name])
    page = visit.page
    page.screenshot(path=str(screenshots / f"{name}.png"), full_page=True)

    widths = page.evaluate("({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})")
    assert widths["scroll"] <= widths["inner"], f"{name}: page is {widths['scroll']} px wide on a {widths['inner']} px screen"

    sticking_out = page.evaluate(
        """() => [...document.querySelectorAll('main table')].filter(table => {
                const box = (table.closest('.md-typeset__scrollwrap') || table).getBoundingClientRect();
                return box.left < 0 || box.right > window.innerWidth;
            }).map(table => table.outerHTML.slice(0, 80))"""
    )
    assert sticking_out == [], f"{name}: tables wider than the screen outside a scrolling box"


def test_tables_scroll_inside_their_own_box(visit_factory) -> None:
    visit = visit_factory(viewport=PHONE, is_mobile=True, has_touch=True)
    visit.open(ACTION_PLAN)
    boxes = visit.page.evaluate(
        """() => [...document.querySelectorAll('main table')].map(table => {
                let box = table.parentElement;
                while (box && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
                return {table: table.outerHTML.slice(0, 60), scrolls: Boolean(box && box.closest('main'))};
            })"""
    )
    assert boxes, "the action plan has no table"
    assert [b["table"] for b in boxes if not b["scrolls"]] == [], "tables without a scrolling box of their own"
